import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { todayInVietnam } from '../../common/validation';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { staffActor, StaffActor } from '../accounts/accounts.types';
import { Role } from '../../common/role.enum';
import { Cadre } from '../cadres/cadre.entity';
import { Finding } from '../inspections/finding.entity';
import { Inspection } from '../inspections/inspection.entity';
import { Report } from '../reports/report.entity';
import { Unit } from '../units/unit.entity';
import { DisciplineCase } from './discipline-case.entity';
import { DisciplineNotification } from './discipline-notification.entity';
import {
  DisciplineCasesArgs,
  MarkNotificationSentInput,
  OpenDisciplineCaseInput,
  TransitionDisciplineCaseInput,
} from './discipline.inputs';
import type { DisciplineQueryService } from './discipline.query';
import { DISCIPLINE_DECIDERS, DISCIPLINE_READERS, type DisciplineService } from './discipline.service';
import { DisciplineCaseConnection } from './discipline.types';
import { assertRecordReader } from '../supervision/supervision.resolver';

@ObjectType({
  description:
    'From a report to the inspections it triggered, their findings and the resulting cases (truy vết từ đơn thư đến kỷ luật).',
})
export class ReportTrace {
  @Field(() => [Inspection], { description: 'Inspections this report triggered (each with its findings and their cases).' })
  inspections!: Inspection[];

  @Field(() => [DisciplineCase], { description: 'Discipline cases opened directly from this report.' })
  disciplineCases!: DisciplineCase[];
}

@Resolver(() => DisciplineCase)
export class DisciplineResolver {
  constructor(
    private readonly service: DisciplineService,
    private readonly queries: DisciplineQueryService,
  ) {}

  @Allow(...DISCIPLINE_READERS)
  @Query(() => DisciplineCaseConnection, { description: 'Discipline cases, newest first, with filters.' })
  disciplineCases(@Args() args: DisciplineCasesArgs, @Ctx() ctx: RequestContext) {
    return this.queries.list(ctx, args);
  }

  @Allow(...DISCIPLINE_READERS)
  @Query(() => DisciplineCase, { description: 'One discipline case, or NOT_FOUND.' })
  disciplineCase(@Arg('id', () => ID, { description: 'Case id.' }) id: string, @Ctx() ctx: RequestContext) {
    return this.service.findReadable(ctx, id);
  }

  @Allow(Role.INSPECTION_COMMITTEE)
  @Mutation(() => DisciplineCase, {
    description:
      'Open a case (OPENED) from a finding, a report or directly; the subject type is checked against the register (BAD_USER_INPUT naming the mismatch).',
  })
  openDisciplineCase(@Arg('input', { description: 'The case.' }) input: OpenDisciplineCaseInput, @Ctx() ctx: RequestContext) {
    return this.service.open(ctx, input);
  }

  @Allow(...DISCIPLINE_DECIDERS)
  @Mutation(() => DisciplineCase, {
    description:
      'Move a case: OPENED → UNDER_REVIEW → PROPOSED (self-criticism recorded; a form allowed for the subject type) → DECIDED (form allowed by the rule set in force on the decision date, decision not before the violation, within the statute of limitations; creates the 5-day notification task for a Party member) → APPEALED (within the appeal window) → FINAL (updates the cadre’s record); DROPPED with a reason, DEFERRED with a reason and resumed to the same stage. Rule errors are BAD_USER_INPUT naming the rule and dates. Expulsion, dissolution, dismissal, removal by vote and forced resignation are decided by the STANDING_COMMITTEE (FORBIDDEN otherwise).',
  })
  transitionDisciplineCase(
    @Arg('input', { description: 'The move.' }) input: TransitionDisciplineCaseInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.transition(ctx, input);
  }

  @Allow(...DISCIPLINE_DECIDERS)
  @Mutation(() => DisciplineNotification, {
    description: 'Record that the other side (Party or State) was notified of a decision.',
  })
  markDisciplineNotificationSent(
    @Arg('input', { description: 'The notification.' }) input: MarkNotificationSentInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.markNotificationSent(ctx, input);
  }

  @FieldResolver(() => StaffActor, {
    nullable: true,
    description: 'The staff account that recorded the decision; null before it, and for older cases.',
  })
  decisionRecordedBy(@Root() c: DisciplineCase, @Ctx() ctx: RequestContext) {
    return staffActor(ctx, c.decisionRecordedBy);
  }

  @FieldResolver(() => Cadre, { nullable: true, description: 'The cadre disciplined.' })
  cadre(@Root() c: DisciplineCase, @Ctx() ctx: RequestContext) {
    return c.cadreId ? ctx.loaders.cadreById.load(c.cadreId) : null;
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'The Party organisation disciplined.' })
  unit(@Root() c: DisciplineCase, @Ctx() ctx: RequestContext) {
    return c.unitId ? ctx.loaders.unitById.load(c.unitId) : null;
  }

  @FieldResolver(() => Finding, { nullable: true, description: 'The finding it came from.' })
  finding(@Root() c: DisciplineCase, @Ctx() ctx: RequestContext) {
    return c.findingId ? ctx.loaders.findingById.load(c.findingId) : null;
  }

  @FieldResolver(() => [DisciplineNotification], { description: 'Tasks to notify the other side of the decision.' })
  notifications(@Root() c: DisciplineCase, @Ctx() ctx: RequestContext) {
    return ctx.loaders.notificationsByCase.load(c.id);
  }

  @FieldResolver(() => Boolean, { description: 'A notification to the other side is past its due date and unsent.' })
  async notificationOverdue(@Root() c: DisciplineCase, @Ctx() ctx: RequestContext) {
    const today = todayInVietnam();
    return (await ctx.loaders.notificationsByCase.load(c.id)).some((n) => !n.sentOn && n.dueOn < today);
  }
}

@Resolver(() => DisciplineNotification)
export class DisciplineNotificationResolver {
  @FieldResolver(() => Boolean, { description: 'Unsent and past its due date (the day after dueOn, Vietnam time).' })
  overdue(@Root() n: DisciplineNotification): boolean {
    return !n.sentOn && n.dueOn < todayInVietnam();
  }
}

@Resolver(() => Finding)
export class FindingCasesResolver {
  @FieldResolver(() => [DisciplineCase], { description: 'Discipline cases opened from this finding.' })
  disciplineCases(@Root() f: Finding, @Ctx() ctx: RequestContext) {
    return ctx.loaders.casesByFinding.load(f.id);
  }
}

@Resolver(() => Report)
export class ReportTraceResolver {
  @FieldResolver(() => ReportTrace, {
    nullable: true,
    description:
      'From this report to the inspections it triggered, their findings and the resulting discipline cases. Inspection and Standing Committees only (FORBIDDEN otherwise).',
  })
  async trace(@Root() report: Report, @Ctx() ctx: RequestContext): Promise<ReportTrace> {
    assertRecordReader(ctx, null);
    const [inspections, disciplineCases] = await Promise.all([
      ctx.loaders.inspectionsByReport.load(report.id),
      ctx.loaders.casesByReport.load(report.id),
    ]);
    return { inspections, disciplineCases };
  }
}
