import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
} from 'type-graphql';
import { forbidden, withReason } from '../../common/errors';
import { todayInVietnam } from '../../common/validation';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { staffActor, StaffActor } from '../accounts/accounts.types';
import { PageInfo } from '../../graphql/page-info';
import { Role } from '../../common/role.enum';
import { Cadre } from '../cadres/cadre.entity';
import { Commendation } from '../commendations/commendation.entity';
import { Finding } from '../inspections/finding.entity';
import { Inspection } from '../inspections/inspection.entity';
import { FULL_READERS } from '../inspections/inspections.service';
import { Report } from '../reports/report.entity';
import { Unit } from '../units/unit.entity';
import { DisciplineCase } from './discipline-case.entity';
import { DisciplineNotification } from './discipline-notification.entity';
import {
  DisciplineCasesArgs,
  MarkNotificationSentInput,
  OpenDisciplineCaseInput,
  SupervisionRecordArgs,
  TransitionDisciplineCaseInput,
  UnitSupervisionRecordArgs,
} from './discipline.inputs';
import type { DisciplineQueryService } from './discipline.query';
import { DISCIPLINE_DECIDERS, DISCIPLINE_READERS, type DisciplineService } from './discipline.service';
import { DisciplineCaseConnection } from './discipline.types';
import { linksAsked, type RecordRow, SupervisionEntryType, type SupervisionRecordService } from './supervision-record';
import { SIMPLE_RESOLVERS } from '../../graphql/simple-resolvers';
import type { GraphQLResolveInfo } from 'graphql';

registerEnumType(SupervisionEntryType, {
  name: 'SupervisionEntryType',
  description: 'What an entry of a supervision record is.',
  valuesConfig: {
    REPORT: { description: 'A report (đơn thư) naming the cadre or unit.' },
    INSPECTION: { description: 'An inspection or supervision of the cadre or unit.' },
    FINDING: { description: 'A finding concerning the cadre or unit.' },
    DISCIPLINE_CASE: { description: 'A discipline case (with its decision, when decided).' },
    COMMENDATION: { description: 'A commendation (khen thưởng), dated by its decision.' },
  },
});

@ObjectType({
  description: 'One entry of a supervision record, with a link to the item it stands for.',
  simpleResolvers: SIMPLE_RESOLVERS,
})
export class SupervisionRecordEntry {
  @Field({
    description:
      'When it happened: a report’s receipt, an inspection’s or case’s creation, a finding’s recording, a commendation’s decision day (midnight, Vietnam time).',
  })
  at!: Date;

  @Field(() => SupervisionEntryType, { description: 'What it is.' })
  type!: SupervisionEntryType;

  @Field(() => ID, { description: 'Id of the item.' })
  id!: string;

  @Field({
    description:
      'Its stage or severity, as a code (e.g. CONCLUDED, VIOLATION, FINAL); WITHDRAWN for a finding withdrawn as recorded in error.',
  })
  status!: string;
}

@ObjectType({ description: 'One entry of a supervision record in a page of results.' })
export class SupervisionRecordEdge {
  @Field({ description: 'Opaque cursor of this entry: pass it as `after` to continue after it.' })
  cursor!: string;

  @Field(() => SupervisionRecordEntry, { description: 'The entry.' })
  node!: SupervisionRecordEntry;
}

@ObjectType({
  description:
    'A page of a supervision record, newest first: by time, then type (REPORT, INSPECTION, FINDING, DISCIPLINE_CASE, COMMENDATION), then id (Relay connection).',
})
export class SupervisionRecordConnection {
  @Field(() => [SupervisionRecordEdge], { description: 'The entries of this page, each with its cursor.' })
  edges!: SupervisionRecordEdge[];

  @Field(() => [SupervisionRecordEntry], {
    description:
      'The same entries without the edge wrapper (one level less, within the query depth limit for deep links such as `finding { inspection { … } }`); page on with `pageInfo.endCursor`.',
  })
  nodes!: SupervisionRecordEntry[];

  @Field(() => PageInfo, { description: 'Paging state.' })
  pageInfo!: PageInfo;
}

@ObjectType({ description: 'From a report to the inspections it triggered, their findings and the resulting cases.' })
export class ReportTrace {
  @Field(() => [Inspection], { description: 'Inspections this report triggered (each with its findings and their cases).' })
  inspections!: Inspection[];

  @Field(() => [DisciplineCase], { description: 'Discipline cases opened directly from this report.' })
  disciplineCases!: DisciplineCase[];
}

function assertRecordReader(ctx: RequestContext, cadreId: string | null): void {
  const account = ctx.account;
  if (!account || !FULL_READERS.includes(account.role))
    throw withReason(forbidden('Chỉ Ủy ban Kiểm tra và Ban Thường vụ được xem hồ sơ giám sát'), 'RECORD_READERS_ONLY');
  if (cadreId && account.cadreId === cadreId)
    throw withReason(forbidden('Cán bộ không được xem hồ sơ giám sát của chính mình'), 'OWN_RECORD');
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

const RECORD_PAGING =
  ' Paged: `first` entries (default 20) after the cursor `after`, in one SQL statement for every record of the request asking for the same page, whatever the number of entries; the same statement brings the linked items asked for (report, inspection, finding and its inspection, disciplineCase, commendation).';

@Resolver(() => Cadre)
export class CadreRecordResolver {
  constructor(private readonly records: SupervisionRecordService) {}

  @FieldResolver(() => SupervisionRecordConnection, {
    nullable: true,
    description:
      'The cadre’s supervision record, newest first: reports naming them, inspections of them, findings concerning them, discipline cases and commendations. Inspection and Standing Committees only (FORBIDDEN otherwise, and for the cadre themself).' +
      RECORD_PAGING,
  })
  supervisionRecord(
    @Root() cadre: Cadre,
    @Args() args: SupervisionRecordArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    assertRecordReader(ctx, cadre.id);
    return this.records.forCadre(ctx, cadre.id, args, linksAsked(info));
  }
}

@Resolver(() => Unit)
export class UnitRecordResolver {
  constructor(private readonly records: SupervisionRecordService) {}

  @FieldResolver(() => SupervisionRecordConnection, {
    nullable: true,
    description:
      'The unit’s supervision record, newest first: reports naming it, inspections of it, findings concerning it, discipline cases of the Party organisation and commendations; by default for the units below it too (`includeDescendants`). Entries about the cadres of these units are in each cadre’s own record. Inspection and Standing Committees only (FORBIDDEN otherwise).' +
      RECORD_PAGING,
  })
  supervisionRecord(
    @Root() unit: Unit,
    @Args() args: UnitSupervisionRecordArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    assertRecordReader(ctx, null);
    return this.records.forUnit(ctx, unit, args, linksAsked(info));
  }
}

@Resolver(() => SupervisionRecordEntry)
export class SupervisionRecordEntryResolver {
  @FieldResolver(() => Report, { nullable: true, description: 'The report (type REPORT).' })
  report(@Root() e: RecordRow, @Ctx() ctx: RequestContext) {
    return e.type === SupervisionEntryType.REPORT ? ctx.loaders.reportById.load(e.id) : null;
  }

  @FieldResolver(() => Inspection, { nullable: true, description: 'The inspection (type INSPECTION).' })
  inspection(@Root() e: RecordRow, @Ctx() ctx: RequestContext) {
    return e.type === SupervisionEntryType.INSPECTION ? ctx.loaders.inspectionById.load(e.id) : null;
  }

  @FieldResolver(() => Finding, { nullable: true, description: 'The finding (type FINDING).' })
  finding(@Root() e: RecordRow, @Ctx() ctx: RequestContext) {
    return e.type === SupervisionEntryType.FINDING ? ctx.loaders.findingById.load(e.id) : null;
  }

  @FieldResolver(() => DisciplineCase, { nullable: true, description: 'The case (type DISCIPLINE_CASE).' })
  disciplineCase(@Root() e: RecordRow, @Ctx() ctx: RequestContext) {
    return e.type === SupervisionEntryType.DISCIPLINE_CASE ? ctx.loaders.disciplineCaseById.load(e.id) : null;
  }

  @FieldResolver(() => Commendation, { nullable: true, description: 'The commendation (type COMMENDATION).' })
  commendation(@Root() e: RecordRow, @Ctx() ctx: RequestContext) {
    return e.type === SupervisionEntryType.COMMENDATION ? ctx.loaders.commendationById.load(e.id) : null;
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
