import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { selectedFields } from '../../graphql/look-ahead';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { staffActor, StaffActor } from '../accounts/accounts.types';
import { forbidden, withReason } from '../../common/errors';
import { Cadre } from '../cadres/cadre.entity';
import { Report } from '../reports/report.entity';
import { Unit } from '../units/unit.entity';
import { Finding } from './finding.entity';
import { FollowUpItem } from './follow-up.entity';
import { InspectionKind, inspectionKinds } from './inspection-kinds';
import { Inspection } from './inspection.entity';
import {
  AddFollowUpInput,
  CreateInspectionInput,
  FindingsArgs,
  FulfilFollowUpInput,
  InspectionsArgs,
  RecordFindingInput,
  SetInspectionNotesInput,
  UpdateInspectionInput,
  SetInspectionTeamInput,
  TransitionInspectionInput,
} from './inspections.inputs';
import { type InspectionsQueryService, preloadedConcernedCadres, preloadedFindings } from './inspections.query';
import {
  FULL_READERS,
  INSPECTION_MANAGERS,
  INSPECTION_READERS,
  type InspectionsService,
  visibleCadres,
} from './inspections.service';
import { FindingConnection, InspectionConnection } from './inspections.types';
import { todayInVietnam } from '../../common/validation';

@Resolver(() => Inspection)
export class InspectionsResolver {
  constructor(
    private readonly service: InspectionsService,
    private readonly queries: InspectionsQueryService,
  ) {}

  @Allow()
  @Query(() => [InspectionKind], {
    description: 'The kinds of inspection and supervision, from the rule data (Quy định 296-QĐ/TW).',
  })
  inspectionKinds(): readonly InspectionKind[] {
    return inspectionKinds();
  }

  @Allow(...INSPECTION_READERS)
  @Query(() => InspectionConnection, {
    description:
      'Inspections and supervisions, newest first. A UNIT_HEAD sees only concluded ones about its unit, the units below it and their cadres.',
  })
  async inspections(@Args() args: InspectionsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const page = await this.queries.inspections(ctx, args);
    await this.queries.preload(
      ctx,
      page.edges.map((e) => e.node),
      selectedFields(info, ['edges', 'node']),
      selectedFields(info, ['edges', 'node', 'findings']),
    );
    return page;
  }

  @Allow(...INSPECTION_READERS)
  @Query(() => Inspection, { description: 'One inspection, or NOT_FOUND when it does not exist or the caller may not read it.' })
  inspection(@Arg('id', () => ID, { description: 'Inspection id.' }) id: string, @Ctx() ctx: RequestContext) {
    return this.service.findReadable(ctx, id);
  }

  @Allow(...INSPECTION_MANAGERS)
  @Mutation(() => Inspection, {
    description:
      'Plan an inspection or supervision (PLANNED). Unknown kind, bad period or a subject who is not a Party member: BAD_USER_INPUT.',
  })
  createInspection(@Arg('input', { description: 'The inspection.' }) input: CreateInspectionInput, @Ctx() ctx: RequestContext) {
    return this.service.create(ctx, input);
  }

  @Allow(...INSPECTION_MANAGERS)
  @Mutation(() => Inspection, {
    description:
      'Name the team. CONFLICT (extensions.rule) when a member is the cadre under inspection (SUBJECT); for a unit, works in that unit or a unit below it (MEMBER_OF_SUBJECT_UNIT); for a cadre, is a close subordinate: works in the subject’s unit or below it without holding a management post while the subject holds none (CLOSE_SUBORDINATE).',
  })
  setInspectionTeam(@Arg('input', { description: 'The team.' }) input: SetInspectionTeamInput, @Ctx() ctx: RequestContext) {
    return this.service.setTeam(ctx, input);
  }

  @Allow(...INSPECTION_MANAGERS)
  @Mutation(() => Inspection, {
    description:
      'Correct the title, period or areas of focus of an inspection (the fields given). CONFLICT once it is concluded or cancelled, or for a stale version; BAD_USER_INPUT for a period that ends before it starts.',
  })
  updateInspection(@Arg('input', { description: 'The correction.' }) input: UpdateInspectionInput, @Ctx() ctx: RequestContext) {
    return this.service.update(ctx, input);
  }

  @Allow(...INSPECTION_MANAGERS)
  @Mutation(() => Inspection, { description: 'Replace the team’s internal notes (never shown to the cadre under inspection).' })
  setInspectionNotes(@Arg('input', { description: 'The notes.' }) input: SetInspectionNotesInput, @Ctx() ctx: RequestContext) {
    return this.service.setNotes(ctx, input);
  }

  @Allow(...INSPECTION_MANAGERS)
  @Mutation(() => Inspection, {
    description:
      'Move an inspection: PLANNED → DECIDED (decision number, date, issuing body; team named) → IN_PROGRESS → FINDINGS_REPORTED → CONCLUDED (conclusion, assessment) → FOLLOW_UP → CLOSED (every recommendation fulfilled); CANCELLED (reason) before work starts. An illegal move is BAD_USER_INPUT naming the allowed ones.',
  })
  transitionInspection(@Arg('input', { description: 'The move.' }) input: TransitionInspectionInput, @Ctx() ctx: RequestContext) {
    return this.service.transition(ctx, input);
  }

  @Allow(...INSPECTION_MANAGERS)
  @Mutation(() => Finding, {
    description:
      'Record a finding while the inspection is IN_PROGRESS or FINDINGS_REPORTED (otherwise CONFLICT); the board hears FINDING_RECORDED from the same transaction.',
  })
  recordFinding(@Arg('input', { description: 'The finding.' }) input: RecordFindingInput, @Ctx() ctx: RequestContext) {
    return this.service.recordFinding(ctx, input);
  }

  @Allow(...INSPECTION_MANAGERS)
  @Mutation(() => FollowUpItem, { description: 'Add a recommendation of the conclusion to follow up (CONCLUDED or FOLLOW_UP).' })
  addFollowUp(@Arg('input', { description: 'The recommendation.' }) input: AddFollowUpInput, @Ctx() ctx: RequestContext) {
    return this.service.addFollowUp(ctx, input);
  }

  @Allow(...INSPECTION_MANAGERS)
  @Mutation(() => FollowUpItem, { description: 'Record that a recommendation was fulfilled.' })
  fulfilFollowUp(@Arg('input', { description: 'The fulfilment.' }) input: FulfilFollowUpInput, @Ctx() ctx: RequestContext) {
    return this.service.fulfilFollowUp(ctx, input);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The team’s internal notes: Inspection and Standing Committees only; FORBIDDEN for the cadre under inspection, whatever their role.',
  })
  internalNotes(@Root() inspection: Inspection, @Ctx() ctx: RequestContext) {
    return this.service.internalNotesFor(ctx, inspection);
  }

  @FieldResolver(() => StaffActor, {
    nullable: true,
    description: 'The staff account that recorded the decision (DECIDED); null before it, and for older inspections.',
  })
  decisionRecordedBy(@Root() inspection: Inspection, @Ctx() ctx: RequestContext) {
    return staffActor(ctx, inspection.decisionRecordedBy);
  }

  @FieldResolver(() => StaffActor, {
    nullable: true,
    description: 'The staff account that recorded the conclusion (CONCLUDED); null before it, and for older inspections.',
  })
  concludedBy(@Root() inspection: Inspection, @Ctx() ctx: RequestContext) {
    return staffActor(ctx, inspection.concludedBy);
  }

  @FieldResolver(() => StaffActor, {
    nullable: true,
    description: 'The staff account that last wrote the internal notes; readable by those who read the notes (as internalNotes).',
  })
  notesBy(@Root() inspection: Inspection, @Ctx() ctx: RequestContext) {
    this.service.internalNotesFor(ctx, inspection);
    return staffActor(ctx, inspection.notesBy);
  }

  @FieldResolver(() => [Finding], { description: 'Findings, oldest first.' })
  findings(@Root() inspection: Inspection, @Ctx() ctx: RequestContext) {
    // Read by the list's look-ahead (InspectionsQueryService.preload): no promise per row.
    return preloadedFindings(inspection) ?? ctx.loaders.findingsByInspection.load(inspection.id);
  }

  @FieldResolver(() => [FollowUpItem], { description: 'Recommendations of the conclusion and their fulfilment, by due date.' })
  followUps(@Root() inspection: Inspection, @Ctx() ctx: RequestContext) {
    return ctx.loaders.followUpsByInspection.load(inspection.id);
  }

  @FieldResolver(() => Boolean, { description: 'A follow-up recommendation is past its due date and unfulfilled.' })
  async followUpOverdue(@Root() inspection: Inspection, @Ctx() ctx: RequestContext) {
    const today = todayInVietnam();
    return (await ctx.loaders.followUpsByInspection.load(inspection.id)).some((f) => !f.fulfilledOn && f.dueOn < today);
  }

  @FieldResolver(() => [Report], {
    nullable: true,
    description:
      'The reports that triggered it. Inspection and Standing Committees only (FORBIDDEN otherwise); a report naming the caller’s own cadre is left out, as in `reports`.',
  })
  async triggeredBy(@Root() inspection: Inspection, @Ctx() ctx: RequestContext) {
    const account = ctx.account;
    if (!account || !FULL_READERS.includes(account.role))
      throw withReason(
        forbidden('Chỉ Ủy ban Kiểm tra và Ban Thường vụ được xem các đơn là căn cứ của cuộc kiểm tra, giám sát'),
        'SOURCE_REPORTS_READERS_ONLY',
      );
    // A report naming the caller's own cadre is left out by the recusal guard on this field.
    return (await ctx.loaders.reportById.loadMany(inspection.reportIds)).filter((r): r is Report => !!r && !(r instanceof Error));
  }

  @FieldResolver(() => Cadre, {
    nullable: true,
    description: 'The cadre inspected (null for a UNIT_HEAD when outside its units).',
  })
  async subjectCadre(@Root() inspection: Inspection, @Ctx() ctx: RequestContext) {
    if (!inspection.subjectCadreId) return null;
    return (await visibleCadres(ctx, [await ctx.loaders.cadreById.load(inspection.subjectCadreId)]))[0] ?? null;
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'The unit inspected.' })
  subjectUnit(@Root() inspection: Inspection, @Ctx() ctx: RequestContext) {
    return inspection.subjectUnitId ? ctx.loaders.unitById.load(inspection.subjectUnitId) : null;
  }

  @FieldResolver(() => Cadre, {
    nullable: true,
    description: 'The team leader (null for a UNIT_HEAD when the leader works outside its units, as in `cadre(id)`).',
  })
  async leader(@Root() inspection: Inspection, @Ctx() ctx: RequestContext) {
    if (!inspection.leaderId) return null;
    return (await visibleCadres(ctx, [await ctx.loaders.cadreById.load(inspection.leaderId)]))[0] ?? null;
  }

  @FieldResolver(() => [Cadre], {
    description: 'The team members other than the leader (for a UNIT_HEAD, only those working in its units).',
  })
  async members(@Root() inspection: Inspection, @Ctx() ctx: RequestContext) {
    return visibleCadres(ctx, await ctx.loaders.cadreById.loadMany(inspection.memberIds));
  }
}

@Resolver(() => Finding)
export class FindingsResolver {
  constructor(private readonly queries: InspectionsQueryService) {}

  @Allow(...INSPECTION_READERS)
  @Query(() => FindingConnection, {
    description: 'Findings, newest first, with filters; a UNIT_HEAD sees those of concluded inspections about its units.',
  })
  findings(@Args() args: FindingsArgs, @Ctx() ctx: RequestContext) {
    return this.queries.findings(ctx, args);
  }

  @FieldResolver(() => StaffActor, {
    nullable: true,
    description: 'The staff account that recorded the finding; null for findings recorded before this was kept.',
  })
  recordedBy(@Root() finding: Finding, @Ctx() ctx: RequestContext) {
    return staffActor(ctx, finding.recordedBy);
  }

  @FieldResolver(() => StaffActor, {
    nullable: true,
    description: 'The staff account that withdrew the finding, if it was withdrawn.',
  })
  withdrawnBy(@Root() finding: Finding, @Ctx() ctx: RequestContext) {
    return staffActor(ctx, finding.withdrawnBy);
  }

  @FieldResolver(() => Inspection, { description: 'The inspection it was recorded in.' })
  async inspection(@Root() finding: Finding, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.inspectionById.load(finding.inspectionId))!;
  }

  @FieldResolver(() => [Cadre], { description: 'The cadres concerned (for a UNIT_HEAD, only those in its units).' })
  concernedCadres(@Root() finding: Finding, @Ctx() ctx: RequestContext): Cadre[] | Promise<Cadre[]> {
    // Read by the inspection list's look-ahead, or now.
    return preloadedConcernedCadres(finding) ?? this.concerned(ctx, finding);
  }

  private async concerned(ctx: RequestContext, finding: Finding): Promise<Cadre[]> {
    // A NULL element (never written by the service) must not turn the list into an internal error.
    return visibleCadres(ctx, await ctx.loaders.cadreById.loadMany(finding.concernedCadreIds.filter((id): id is string => !!id)));
  }

  @FieldResolver(() => [Unit], { description: 'The units concerned.' })
  async concernedUnits(@Root() finding: Finding, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.unitById.loadMany(finding.concernedUnitIds)).filter((u): u is Unit => !!u && !(u instanceof Error));
  }
}

@Resolver(() => FollowUpItem)
export class FollowUpItemResolver {
  @FieldResolver(() => StaffActor, {
    nullable: true,
    description: 'The staff account that added the recommendation; null for items recorded before this was kept.',
  })
  recordedBy(@Root() item: FollowUpItem, @Ctx() ctx: RequestContext) {
    return staffActor(ctx, item.recordedBy);
  }

  @FieldResolver(() => StaffActor, {
    nullable: true,
    description:
      'The staff account that recorded the fulfilment; null while it is not fulfilled (or recorded before this was kept).',
  })
  fulfilledBy(@Root() item: FollowUpItem, @Ctx() ctx: RequestContext) {
    return staffActor(ctx, item.fulfilledBy);
  }
}
