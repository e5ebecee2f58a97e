import { Arg, Args, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { Role } from '../../common/role.enum';
import { Inspection } from './inspection.entity';
import { INSPECTION_MANAGERS } from './inspections.service';
import { InspectionPlan, PlanItem } from './plan.entity';
import {
  AddPlanItemInput,
  CreateInspectionPlanInput,
  InspectionPlansArgs,
  UpdateInspectionPlanInput,
  UpdatePlanItemInput,
} from './plans.inputs';
import { progressOf, type PlansService } from './plans.service';

@ObjectType({ description: 'Progress of a programme (tiến độ thực hiện chương trình).' })
export class PlanProgress {
  @Field(() => Int, { description: 'Items planned.' })
  planned!: number;

  @Field(() => Int, { description: 'Items whose inspection was decided or went further (not cancelled).' })
  started!: number;

  @Field(() => Int, { description: 'Items whose inspection is concluded (or in follow-up, or closed).' })
  concluded!: number;

  @Field(() => Int, { description: 'Items whose planned quarter has ended without a conclusion.' })
  overdue!: number;
}

@Resolver(() => InspectionPlan)
export class PlansResolver {
  constructor(private readonly service: PlansService) {}

  @Allow(Role.INSPECTION_COMMITTEE, Role.STANDING_COMMITTEE)
  @Query(() => [InspectionPlan], {
    description: 'The programmes covering a year: the term programme (2025-2030) and the yearly plan.',
  })
  inspectionPlans(@Args() args: InspectionPlansArgs, @Ctx() ctx: RequestContext) {
    return this.service.plansFor(ctx, args.year);
  }

  @Allow(...INSPECTION_MANAGERS)
  @Mutation(() => InspectionPlan, {
    description: 'Create a term programme or a yearly plan; one per scope and starting year (CONFLICT otherwise).',
  })
  createInspectionPlan(
    @Arg('input', { description: 'The programme.' }) input: CreateInspectionPlanInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.create(ctx, input);
  }

  @Allow(...INSPECTION_MANAGERS)
  @Mutation(() => PlanItem, { description: 'Add a planned inspection or supervision to a programme.' })
  addPlanItem(@Arg('input', { description: 'The item.' }) input: AddPlanItemInput, @Ctx() ctx: RequestContext) {
    return this.service.addItem(ctx, input);
  }

  @Allow(...INSPECTION_MANAGERS)
  @Mutation(() => InspectionPlan, {
    description:
      'Change a programme’s title, issuing body or document number. A stale version is CONFLICT (extensions.currentVersion); nothing to change is BAD_USER_INPUT.',
  })
  updateInspectionPlan(
    @Arg('input', { description: 'The change, with the version you read.' }) input: UpdateInspectionPlanInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.update(ctx, input);
  }

  @Allow(...INSPECTION_MANAGERS)
  @Mutation(() => PlanItem, {
    description:
      'Change a planned item (kind, subject, area, year and quarter, responsible body) under the rules of addPlanItem. A stale version is CONFLICT (extensions.currentVersion); the kind or subject of an item an inspection carries out is CONFLICT (extensions.inspectionId); nothing to change is BAD_USER_INPUT.',
  })
  updatePlanItem(
    @Arg('input', { description: 'The change, with the version you read.' }) input: UpdatePlanItemInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.updateItem(ctx, input);
  }

  @FieldResolver(() => [PlanItem], { description: 'Planned items, by year and quarter.' })
  items(@Root() plan: InspectionPlan, @Ctx() ctx: RequestContext) {
    return ctx.loaders.planItemsByPlan.load(plan.id);
  }

  @FieldResolver(() => PlanProgress, { description: 'Planned vs started vs concluded, and overdue items.' })
  async progress(@Root() plan: InspectionPlan, @Ctx() ctx: RequestContext): Promise<PlanProgress> {
    const items = await ctx.loaders.planItemsByPlan.load(plan.id);
    const inspections = await Promise.all(
      items.map((i) => (i.inspectionId ? ctx.loaders.inspectionById.load(i.inspectionId) : null)),
    );
    return progressOf(items, inspections);
  }
}

@Resolver(() => PlanItem)
export class PlanItemResolver {
  @FieldResolver(() => Inspection, { nullable: true, description: 'The inspection carrying out this item.' })
  inspection(@Root() item: PlanItem, @Ctx() ctx: RequestContext) {
    return item.inspectionId ? ctx.loaders.inspectionById.load(item.inspectionId) : null;
  }
}
