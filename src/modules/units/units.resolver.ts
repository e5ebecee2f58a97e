import { Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { Post } from './post.entity';
import { Unit } from './unit.entity';
import { UnitIdArgs, UnitsArgs } from './units.inputs';
import type { UnitsService } from './units.service';

@Resolver(() => Unit)
export class UnitsResolver {
  constructor(private readonly service: UnitsService) {}

  @Allow()
  @Query(() => [Unit], {
    description:
      'Units of the organisation in tree order (root first), filtered by body, kind or subtree. A UNIT_HEAD sees its own unit and its descendants only.',
  })
  units(@Args() args: UnitsArgs, @Ctx() ctx: RequestContext): Promise<Unit[]> {
    return this.service.list(ctx, args.filter, args.first);
  }

  @Allow()
  @Query(() => Unit, { description: 'One unit; NOT_FOUND when it does not exist or lies outside what the caller may see.' })
  unit(@Args() args: UnitIdArgs, @Ctx() ctx: RequestContext): Promise<Unit> {
    return this.service.findById(ctx, args.id);
  }

  @Allow()
  @Query(() => [Post], { description: 'The post catalogue (danh mục chức vụ), by name.' })
  posts(@Ctx() ctx: RequestContext): Promise<Post[]> {
    return this.service.posts(ctx);
  }

  @FieldResolver(() => Unit, {
    nullable: true,
    description: 'The parent unit; null for the ward Party committee, and for a UNIT_HEAD above its own unit.',
  })
  parent(@Root() unit: Unit, @Ctx() ctx: RequestContext): Promise<Unit | null> {
    return this.service.parentOf(ctx, unit);
  }

  @FieldResolver(() => [Unit], { description: 'Direct child units, by code.' })
  children(@Root() unit: Unit, @Ctx() ctx: RequestContext): Promise<Unit[]> {
    return this.service.childrenOf(ctx, unit);
  }

  @FieldResolver(() => Int, { description: 'Current cadres (active or on leave) in this unit and all units below it.' })
  cadreCount(@Root() unit: Unit, @Ctx() ctx: RequestContext): Promise<number> {
    return this.service.cadreCount(ctx, unit);
  }
}
