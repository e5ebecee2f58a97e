import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { forbidden } from '../../../common/errors';
import { Role } from '../../../common/role.enum';
import { Allow } from '../../../graphql/access';
import type { RequestContext } from '../../../graphql/context';
import { Cadre } from '../../cadres/cadre.entity';
import { KEEPERS, QUALITY_READERS, READERS } from '../quality.access';
import { TrainingCategory } from '../quality.enums';
import { loadCadres } from '../quality.loaders';
import { pageSize } from '../quality.validation';
import { PostStandard } from './standard.entity';
import { TrainingAttendance, TrainingCourse, TrainingPlan } from './training.entity';
import { CreateTrainingCourseInput, RecordAttendanceInput, SetPostStandardInput, SetTrainingPlanInput } from './training.inputs';
import type { TrainingService } from './training.service';
import { StandardGap, TrainingPlanProgressView, UntrainedCadres } from './training.types';

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
    if (ctx.account?.role === Role.VIEWER) throw forbidden('Vai trò VIEWER chỉ xem được số liệu tổng hợp', 'AGGREGATES_ONLY');
    return ctx.loaders.attendanceByCourse.load(c.id);
  }
}

@Resolver(() => Cadre)
export class CadreTrainingResolver {
  constructor(private readonly training: TrainingService) {}

  @FieldResolver(() => [StandardGap], {
    description: 'What the cadre’s record lacks against their post’s standard; empty when they meet it.',
  })
  standardGaps(@Root() cadre: Cadre, @Ctx() ctx: RequestContext) {
    return this.training.standardGaps(ctx, cadre);
  }

  @FieldResolver(() => [TrainingAttendance], { description: 'Courses passed (any year), oldest first. Quality readers only.' })
  trainingPassed(@Root() cadre: Cadre, @Ctx() ctx: RequestContext) {
    if (!ctx.account || !QUALITY_READERS.has(ctx.account.role))
      throw forbidden('Vai trò của bạn không được xem hồ sơ bồi dưỡng của từng người', 'NOT_A_QUALITY_READER');
    return ctx.loaders.passedTrainingByCadre.load(cadre.id);
  }
}
