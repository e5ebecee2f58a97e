import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { forbidden } from '../../../common/errors';
import { Role } from '../../../common/role.enum';
import { Allow } from '../../../graphql/access';
import type { RequestContext } from '../../../graphql/context';
import { Cadre } from '../../cadres/cadre.entity';
import { Unit } from '../../units/unit.entity';
import { QUALITY_READERS, RATERS, READERS } from '../quality.access';
import { Rating } from '../quality.enums';
import { cadreYear } from '../quality.loaders';
import { CitizenSatisfactionView } from '../satisfaction/satisfaction.types';
import { Evaluation, RatingQuotaException, WorkPlan } from './evaluation.entity';
import { RecordEvaluationInput, RecordQuotaExceptionInput, SetWorkPlanInput, UpdateEvaluationInput } from './evaluations.inputs';
import type { EvaluationsService } from './evaluations.service';

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

@Resolver(() => Cadre)
export class CadreEvaluationResolver {
  @FieldResolver(() => Evaluation, {
    nullable: true,
    description: 'The annual evaluation of a year. Quality readers only (FORBIDDEN for VIEWER and INTAKE_STAFF).',
  })
  evaluation(@Root() cadre: Cadre, @Arg('year', () => Int, { description: 'Year.' }) year: number, @Ctx() ctx: RequestContext) {
    if (!ctx.account || !QUALITY_READERS.has(ctx.account.role))
      throw forbidden('Vai trò của bạn không được xem đánh giá của từng người', 'NOT_A_QUALITY_READER');
    return ctx.loaders.evaluationByCadreYear.load(cadreYear(cadre.id, year));
  }
}
