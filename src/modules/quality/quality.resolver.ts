import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { forbidden } from '../../common/errors';
import { ISO_DATE } from '../../common/validation';
import { badInput } from '../../common/errors';
import { Allow, Public } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { Role } from '../../common/role.enum';
import { Cadre } from '../cadres/cadre.entity';
import { Unit } from '../units/unit.entity';
import { Evaluation, RatingQuotaException, WorkPlan } from './evaluation.entity';
import type { EvaluationsService } from './evaluations.service';
import type { PlanningService } from './planning.service';
import { AGGREGATE_READERS, KEEPERS, RATERS, READERS, RECEPTION_STAFF, SURVEY_STAFF } from './quality.access';
import { Rating, ReceptionKind, TrainingCategory } from './quality.enums';
import {
  CreateTrainingCourseInput,
  RecordAttendanceInput,
  RecordAttitudeEvaluationInput,
  RecordEvaluationInput,
  RecordProcedureCaseInput,
  RecordQuotaExceptionInput,
  RecordReceptionSessionInput,
  RecordSatisfactionInput,
  ScheduleReceptionInput,
  SetPostStandardInput,
  SetTrainingPlanInput,
  SetWorkPlanInput,
  SubmitSatisfactionInput,
  TargetRecordsArgs,
  UpdateEvaluationInput,
} from './quality.inputs';
import { cadreYear } from './quality.loaders';
import {
  CitizenSatisfactionView,
  PlanningPool,
  Rotation,
  SatisfactionIndexRowView,
  StandardGap,
  TargetEntry,
  TargetRecordPage,
  TrainingPlanProgressView,
  UntrainedCadres,
} from './quality.types';
import { ReceptionSchedule, ReceptionSession } from './reception.entity';
import type { ReceptionService } from './reception.service';
import { AttitudeEvaluation, ProcedureCase, SatisfactionResult } from './satisfaction.entity';
import { SatisfactionGroupBy, type SatisfactionService } from './satisfaction.service';
import { PostStandard } from './standard.entity';
import type { TargetsService } from './targets.service';
import { TrainingAttendance, TrainingCourse, TrainingPlan } from './training.entity';
import type { TrainingService } from './training.service';

const day = (value: string, path: string) => {
  if (!ISO_DATE.test(value))
    throw badInput(`${path} must be a date written YYYY-MM-DD`, [{ path, message: 'must be YYYY-MM-DD' }]);
  return value;
};
const pageSize = (n: number, path = 'first', max = 100) => {
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw badInput(`${path} must be 1 to ${max}`, [{ path, message: `must be 1 to ${max}` }]);
  return n;
};
const QUALITY_READERS = new Set<Role>(READERS);
const loadCadres = async (ctx: RequestContext, ids: string[]) =>
  (await ctx.loaders.cadreById.loadMany(ids)).filter((c): c is Cadre => !!c && !(c instanceof Error));

@Resolver()
export class TrainingResolver {
  constructor(private readonly training: TrainingService) {}

  @Allow(...READERS)
  @Query(() => [PostStandard], {
    description: 'Posts with a standard of their own; the others follow the default of their category (README).',
  })
  postStandards(@Ctx() ctx: RequestContext) {
    return ctx.manager.find(PostStandard, { order: { createdAt: 'ASC' } });
  }

  @Allow(...KEEPERS)
  @Mutation(() => PostStandard, {
    description: 'Set the standard of a post (qualification, political theory, required training).',
  })
  setPostStandard(@Arg('input', { description: 'The standard.' }) input: SetPostStandardInput, @Ctx() ctx: RequestContext) {
    return this.training.setPostStandard(ctx, input);
  }

  @Allow(...KEEPERS)
  @Mutation(() => TrainingCourse, { description: 'Create a training course.' })
  createTrainingCourse(
    @Arg('input', { description: 'The course.' }) input: CreateTrainingCourseInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.training.createCourse(ctx, input);
  }

  @Allow(...KEEPERS)
  @Mutation(() => TrainingAttendance, { description: 'Record a cadre’s attendance of a course with result and certificate.' })
  recordTrainingAttendance(
    @Arg('input', { description: 'The attendance.' }) input: RecordAttendanceInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.training.recordAttendance(ctx, input);
  }

  @Allow(...KEEPERS)
  @Mutation(() => TrainingPlan, { description: 'Set a unit’s yearly training plan for a category.' })
  setTrainingPlan(@Arg('input', { description: 'The plan.' }) input: SetTrainingPlanInput, @Ctx() ctx: RequestContext) {
    return this.training.setTrainingPlan(ctx, input);
  }

  @Allow(...READERS)
  @Query(() => [TrainingCourse], { description: 'Courses of a year (by start), at most 500.' })
  trainingCourses(
    @Arg('year', () => Int, { description: 'Year.' }) year: number,
    @Arg('category', () => TrainingCategory, { nullable: true, description: 'Only this category.' })
    category: TrainingCategory | null,
    @Ctx() ctx: RequestContext,
  ) {
    return this.training.courses(ctx, year, category ?? null);
  }

  @Allow(...READERS)
  @Query(() => [TrainingPlanProgressView], {
    description: 'Training plans of a year with progress (a UNIT_HEAD: its own subtree).',
  })
  trainingPlans(
    @Arg('year', () => Int, { description: 'Year.' }) year: number,
    @Arg('unitId', () => ID, { nullable: true, description: 'Only plans of this unit and the units below.' })
    unitId: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return this.training.plans(ctx, year, unitId ?? null);
  }

  @Allow(...READERS)
  @Query(() => UntrainedCadres, {
    description: 'Cadres employed in the year who have not yet passed a course of the category that year.',
  })
  async untrainedCadres(
    @Arg('year', () => Int, { description: 'Year.' }) year: number,
    @Arg('category', () => TrainingCategory, { description: 'Category.' }) category: TrainingCategory,
    @Arg('unitId', () => ID, { nullable: true, description: 'Only this unit and the units below.' }) unitId: string | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many to list, 1 to 100.' }) first: number,
    @Ctx() ctx: RequestContext,
  ) {
    const r = await this.training.untrained(ctx, year, category, unitId ?? null, pageSize(first));
    return { totalCount: r.totalCount, cadres: await loadCadres(ctx, r.cadreIds) };
  }
}

@Resolver(() => TrainingAttendance)
export class TrainingAttendanceResolver {
  @FieldResolver(() => TrainingCourse, { nullable: true, description: 'The course.' })
  course(@Root() a: TrainingAttendance, @Ctx() ctx: RequestContext) {
    return ctx.loaders.trainingCourseById.load(a.courseId);
  }

  @FieldResolver(() => Cadre, { nullable: true, description: 'The cadre.' })
  cadre(@Root() a: TrainingAttendance, @Ctx() ctx: RequestContext) {
    return ctx.loaders.cadreById.load(a.cadreId);
  }
}

@Resolver(() => TrainingCourse)
export class TrainingCourseResolver {
  @FieldResolver(() => [TrainingAttendance], { description: 'Who attended, with results. Not for VIEWER (FORBIDDEN).' })
  attendance(@Root() c: TrainingCourse, @Ctx() ctx: RequestContext) {
    if (ctx.account?.role === Role.VIEWER) throw forbidden('VIEWER reads aggregates only');
    return ctx.loaders.attendanceByCourse.load(c.id);
  }
}

@Resolver(() => Cadre)
export class CadreQualityResolver {
  constructor(private readonly training: TrainingService) {}

  @FieldResolver(() => [StandardGap], {
    description: 'What the cadre’s record lacks against their post’s standard; empty when they meet it.',
  })
  standardGaps(@Root() cadre: Cadre, @Ctx() ctx: RequestContext) {
    return this.training.standardGaps(ctx, cadre);
  }

  @FieldResolver(() => Evaluation, {
    nullable: true,
    description: 'The annual evaluation of a year. Quality readers only (FORBIDDEN for VIEWER and INTAKE_STAFF).',
  })
  evaluation(@Root() cadre: Cadre, @Arg('year', () => Int, { description: 'Year.' }) year: number, @Ctx() ctx: RequestContext) {
    if (!ctx.account || !QUALITY_READERS.has(ctx.account.role)) throw forbidden('Only quality readers see evaluations');
    return ctx.loaders.evaluationByCadreYear.load(cadreYear(cadre.id, year));
  }

  @FieldResolver(() => [TrainingAttendance], { description: 'Courses passed (any year), oldest first. Quality readers only.' })
  trainingPassed(@Root() cadre: Cadre, @Ctx() ctx: RequestContext) {
    if (!ctx.account || !QUALITY_READERS.has(ctx.account.role)) throw forbidden('Only quality readers see training records');
    return ctx.loaders.passedTrainingByCadre.load(cadre.id);
  }
}

@Resolver(() => Evaluation)
export class EvaluationsResolver {
  constructor(private readonly service: EvaluationsService) {}

  @Allow(...RATERS)
  @Mutation(() => Evaluation, {
    description:
      'Record a cadre’s annual evaluation and rating. BAD_USER_INPUT: a year the cadre was not employed in, a future year, a rating above the score’s band, a disciplined cadre not rated NOT_COMPLETED, the quota of "excellent" exceeded (naming the unit and the figures). CONFLICT: already evaluated that year. A UNIT_HEAD rates its own subtree only.',
  })
  recordEvaluation(@Arg('input', { description: 'The evaluation.' }) input: RecordEvaluationInput, @Ctx() ctx: RequestContext) {
    return this.service.record(ctx, input);
  }

  @Allow(...RATERS)
  @Mutation(() => Evaluation, { description: 'Change an evaluation’s assessment, score or rating; the same rules apply.' })
  updateEvaluation(@Arg('input', { description: 'The change.' }) input: UpdateEvaluationInput, @Ctx() ctx: RequestContext) {
    return this.service.update(ctx, input);
  }

  @Allow(Role.PARTY_BUILDING, Role.STANDING_COMMITTEE)
  @Mutation(() => RatingQuotaException, {
    description: 'Record an exception to the quota of "excellent" ratings for an outstanding unit.',
  })
  recordRatingQuotaException(
    @Arg('input', { description: 'The exception.' }) input: RecordQuotaExceptionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.recordQuotaException(ctx, input);
  }

  @Allow(...RATERS)
  @Mutation(() => WorkPlan, { description: 'Set a cadre’s personal work plan for a year (key tasks, deadlines, outputs).' })
  setWorkPlan(@Arg('input', { description: 'The plan.' }) input: SetWorkPlanInput, @Ctx() ctx: RequestContext) {
    return this.service.setWorkPlan(ctx, input);
  }

  @Allow(...READERS)
  @Query(() => [Evaluation], {
    description: 'Evaluations of a year (a UNIT_HEAD: its own subtree), by unit then name, at most 500.',
  })
  evaluations(
    @Arg('year', () => Int, { description: 'Year.' }) year: number,
    @Arg('unitId', () => ID, { nullable: true, description: 'Only this unit and the units below.' }) unitId: string | null,
    @Arg('rating', () => Rating, { nullable: true, description: 'Only this rating.' }) rating: Rating | null,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.list(ctx, year, unitId ?? null, rating ?? null);
  }

  @FieldResolver(() => Cadre, { nullable: true, description: 'The cadre.' })
  cadre(@Root() e: Evaluation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.cadreById.load(e.cadreId);
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'The unit rated in.' })
  unit(@Root() e: Evaluation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.unitById.load(e.unitId);
  }

  @FieldResolver(() => WorkPlan, { nullable: true, description: 'The personal work plan of the year the rating refers to.' })
  workPlan(@Root() e: Evaluation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.workPlanByCadreYear.load(cadreYear(e.cadreId, e.year));
  }

  @FieldResolver(() => CitizenSatisfactionView, {
    description: 'Citizen satisfaction with the cadre’s handling of procedures that year, shown beside the rating.',
  })
  citizenSatisfaction(@Root() e: Evaluation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.satisfactionByCadreYear.load(cadreYear(e.cadreId, e.year));
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether a FINAL discipline case of the cadre was decided that year (the rating must then be NOT_COMPLETED).',
  })
  async disciplinedThisYear(@Root() e: Evaluation, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.finalDisciplineByCadreYear.load(cadreYear(e.cadreId, e.year))).length > 0;
  }
}

@Resolver(() => WorkPlan)
export class WorkPlanResolver {
  @Allow(...READERS)
  @Query(() => WorkPlan, { nullable: true, description: 'A cadre’s personal work plan for a year.' })
  async workPlan(
    @Arg('cadreId', () => ID, { description: 'The cadre.' }) cadreId: string,
    @Arg('year', () => Int, { description: 'Year.' }) year: number,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.loaders.workPlanByCadreYear.load(cadreYear(cadreId, year));
  }

  @FieldResolver(() => Cadre, { nullable: true, description: 'The cadre.' })
  cadre(@Root() w: WorkPlan, @Ctx() ctx: RequestContext) {
    return ctx.loaders.cadreById.load(w.cadreId);
  }
}

@Resolver()
export class SatisfactionResolver {
  constructor(private readonly satisfaction: SatisfactionService) {}

  @Allow(...SURVEY_STAFF)
  @Mutation(() => ProcedureCase, {
    description: 'Record a completed administrative procedure with its receipt number (CONFLICT when known).',
  })
  recordProcedureCase(
    @Arg('input', { description: 'The procedure.' }) input: RecordProcedureCaseInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.satisfaction.recordProcedureCase(ctx, input);
  }

  @Allow(...SURVEY_STAFF)
  @Mutation(() => SatisfactionResult, {
    description:
      'Record a survey answer entered by staff. A score off the 1-5 scale is BAD_USER_INPUT; a second answer for one procedure CONFLICT.',
  })
  recordSatisfactionResult(
    @Arg('input', { description: 'The answer.' }) input: RecordSatisfactionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.satisfaction.record(ctx, input);
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'The citizen’s own answer to the satisfaction survey, with the receipt number of the completed procedure; no account. One answer per procedure (CONFLICT), an unknown number NOT_FOUND, limited per client address (RATE_LIMITED).',
  })
  async submitSatisfaction(
    @Arg('input', { description: 'The answer.' }) input: SubmitSatisfactionInput,
    @Ctx() ctx: RequestContext,
  ) {
    await this.satisfaction.submit(ctx, input);
    return true;
  }

  @Allow(...AGGREGATE_READERS)
  @Query(() => [SatisfactionIndexRowView], {
    description:
      'The satisfaction index and survey coverage of a year by body, unit or cadre (CADRE: not for VIEWER or INTAKE_STAFF).',
  })
  satisfactionIndex(
    @Arg('year', () => Int, { description: 'Year.' }) year: number,
    @Arg('groupBy', () => SatisfactionGroupBy, { description: 'Grouping.' }) groupBy: SatisfactionGroupBy,
    @Arg('unitId', () => ID, { nullable: true, description: 'Only this unit and the units below.' }) unitId: string | null,
    @Arg('first', () => Int, { defaultValue: 100, description: 'Rows, 1 to 500.' }) first: number,
    @Ctx() ctx: RequestContext,
  ) {
    if (groupBy === SatisfactionGroupBy.CADRE && (ctx.account?.role === Role.VIEWER || ctx.account?.role === Role.INTAKE_STAFF))
      throw forbidden('VIEWER and INTAKE_STAFF read aggregates by body or unit only');
    return this.satisfaction.index(ctx, year, groupBy, unitId ?? null, pageSize(first, 'first', 500));
  }

  @Allow(...KEEPERS)
  @Mutation(() => AttitudeEvaluation, {
    description: 'Record the yearly public evaluation of a cadre’s attitude with the Fatherland Front (replaces that year’s).',
  })
  recordAttitudeEvaluation(
    @Arg('input', { description: 'The evaluation.' }) input: RecordAttitudeEvaluationInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.satisfaction.recordAttitude(ctx, input);
  }

  @Allow(...READERS)
  @Query(() => [AttitudeEvaluation], { description: 'Public evaluations of attitude of a year, by name.' })
  attitudeEvaluations(
    @Arg('year', () => Int, { description: 'Year.' }) year: number,
    @Arg('unitId', () => ID, { nullable: true, description: 'Only this unit and the units below.' }) unitId: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return this.satisfaction.attitudeEvaluations(ctx, year, unitId ?? null);
  }
}

@Resolver(() => AttitudeEvaluation)
export class AttitudeEvaluationResolver {
  @FieldResolver(() => Cadre, { nullable: true, description: 'The cadre.' })
  cadre(@Root() a: AttitudeEvaluation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.cadreById.load(a.cadreId);
  }
}

@Resolver()
export class ReceptionResolver {
  constructor(private readonly reception: ReceptionService) {}

  @Public()
  @Query(() => [ReceptionSchedule], {
    description:
      'The published schedule of citizen reception days and dialogues between two days (at most 400 days); no account needed.',
  })
  receptionSchedule(
    @Arg('from', { description: 'First day (YYYY-MM-DD).' }) from: string,
    @Arg('to', { description: 'Last day (YYYY-MM-DD).' }) to: string,
    @Ctx() ctx: RequestContext,
  ) {
    return this.reception.publicSchedule(ctx, day(from, 'from'), day(to, 'to'));
  }

  @Allow(...RECEPTION_STAFF)
  @Mutation(() => ReceptionSchedule, { description: 'Publish a reception day or dialogue of a ward leader.' })
  scheduleReception(@Arg('input', { description: 'The entry.' }) input: ScheduleReceptionInput, @Ctx() ctx: RequestContext) {
    return this.reception.schedule(ctx, input);
  }

  @Allow(...RECEPTION_STAFF)
  @Mutation(() => ReceptionSession, {
    description: 'Record a reception session or dialogue that was held, with the reports recorded from it.',
  })
  recordReceptionSession(
    @Arg('input', { description: 'The session.' }) input: RecordReceptionSessionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.reception.recordSession(ctx, input);
  }

  @Allow(...READERS, Role.INTAKE_STAFF)
  @Query(() => [ReceptionSession], { description: 'Sessions and dialogues held between two days, at most 500.' })
  receptionSessions(
    @Arg('from', { description: 'First day (YYYY-MM-DD).' }) from: string,
    @Arg('to', { description: 'Last day (YYYY-MM-DD).' }) to: string,
    @Arg('kind', () => ReceptionKind, { nullable: true, description: 'Only this kind.' }) kind: ReceptionKind | null,
    @Ctx() ctx: RequestContext,
  ) {
    return this.reception.sessions(ctx, day(from, 'from'), day(to, 'to'), kind ?? null);
  }
}

@Resolver(() => ReceptionSession)
export class ReceptionSessionResolver {
  @FieldResolver(() => [Cadre], { description: 'The cadres who received the citizens.' })
  receivers(@Root() s: ReceptionSession, @Ctx() ctx: RequestContext) {
    return loadCadres(ctx, s.receiverCadreIds);
  }
}

@Resolver()
export class TargetsResolver {
  constructor(
    private readonly service: TargetsService,
    private readonly planning: PlanningService,
  ) {}

  @Allow(...AGGREGATE_READERS)
  @Query(() => [TargetEntry], {
    description:
      'The seven 2030 targets of the resolution for a year (2025 to now), within a unit’s subtree (default: everything; a UNIT_HEAD its own): value, target, met, trend since 2025, by body and by unit. Each figure’s records: targetRecords.',
  })
  targets(
    @Arg('year', () => Int, { description: 'Year measured.' }) year: number,
    @Arg('unitId', () => ID, { nullable: true, description: 'Scope: this unit and the units below.' }) unitId: string | null,
    @Arg('unitsFirst', () => Int, { defaultValue: 20, description: 'Units in each byUnit list (worst first), 1 to 100.' })
    unitsFirst: number,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.targets(ctx, year, unitId ?? null, pageSize(unitsFirst, 'unitsFirst'));
  }

  @Allow(...READERS)
  @Query(() => TargetRecordPage, {
    description:
      'The records a target’s figure counts (its denominator, or with counted the numerator or the rest), by id, paged. Not for VIEWER (aggregates only).',
  })
  async targetRecords(@Args() args: TargetRecordsArgs, @Ctx() ctx: RequestContext) {
    const page = await this.service.records(
      ctx,
      args.target,
      args.year,
      args.unitId ?? null,
      args.counted ?? null,
      args.first,
      args.after ?? null,
    );
    const pageInfo = {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: !!args.after,
      startCursor: page.nodes[0]?.id ?? null,
      endCursor: page.endCursor,
    };
    return { ...page, pageInfo };
  }

  @Allow(...AGGREGATE_READERS)
  @Query(() => PlanningPool, {
    description:
      'The succession-planning pool 2025-2030 with its shares of young, women and postgraduates (cadres: empty for VIEWER and INTAKE_STAFF).',
  })
  async planningPool(
    @Arg('unitId', () => ID, { nullable: true, description: 'Only this unit and the units below.' }) unitId: string | null,
    @Arg('planningPostId', () => ID, { nullable: true, description: 'Only those planned for this post.' })
    planningPostId: string | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Cadres to list, 1 to 100.' }) first: number,
    @Ctx() ctx: RequestContext,
  ) {
    const pool = await this.planning.pool(ctx, unitId ?? null, planningPostId ?? null, pageSize(first));
    const aggregatesOnly = ctx.account?.role === Role.VIEWER || ctx.account?.role === Role.INTAKE_STAFF;
    return { ...pool, cadres: aggregatesOnly ? [] : await loadCadres(ctx, pool.cadreIds) };
  }

  @Allow(...READERS)
  @Query(() => [Rotation], { description: 'Rotations (luân chuyển) of a year from the register’s history, oldest first.' })
  async rotations(
    @Arg('year', () => Int, { description: 'Year.' }) year: number,
    @Arg('unitId', () => ID, { nullable: true, description: 'Only cadres now in this unit and the units below.' })
    unitId: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const rows = await this.planning.rotations(ctx, year, unitId ?? null);
    const cadres = await ctx.loaders.cadreById.loadMany(rows.map((r) => r.cadreId));
    return rows.map((r, i) => ({
      id: r.seq,
      cadre: cadres[i] instanceof Error ? null : (cadres[i] ?? null),
      at: r.at,
      note: r.note,
      changes: Object.entries(r.changes).map(([field, v]) => ({
        field,
        from: v.from === null || v.from === undefined ? null : String(v.from),
        to: v.to === null || v.to === undefined ? null : String(v.to),
      })),
    }));
  }
}
