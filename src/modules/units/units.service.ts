import type { RequestContext } from '../../graphql/context';
import { Post } from './post.entity';
import { isWithin, visibleSubtree } from './unit-scope';
import { Unit } from './unit.entity';
import { UnitErrors } from './units.errors';
import type { UnitFilter } from './units.inputs';

/** The organisation tree, as far as the caller may see it. */
export class UnitsService {
  /** Units matching the filter, in tree order, at most `first`. A UNIT_HEAD sees its subtree only. */
  async list(ctx: RequestContext, filter: UnitFilter | undefined, first: number): Promise<Unit[]> {
    const scope = await visibleSubtree(ctx);
    const qb = ctx.manager.createQueryBuilder(Unit, 'u');
    if (scope) qb.andWhere('u.path LIKE :scopePath', { scopePath: `${scope.path}%` });
    if (filter?.body) qb.andWhere('u.body = :body', { body: filter.body });
    if (filter?.kind) qb.andWhere('u.kind = :kind', { kind: filter.kind });
    if (filter?.withinUnitId) {
      const within = await this.findById(ctx, filter.withinUnitId);
      qb.andWhere('u.path LIKE :withinPath', { withinPath: `${within.path}%` });
    }
    return qb.orderBy('u.depth', 'ASC').addOrderBy('u.code', 'ASC').limit(first).getMany();
  }

  /** One unit, or NOT_FOUND (also when it lies outside a UNIT_HEAD's subtree). */
  async findById(ctx: RequestContext, id: string): Promise<Unit> {
    const [unit, scope] = await Promise.all([ctx.loaders.unitById.load(id), visibleSubtree(ctx)]);
    if (!unit || !isWithin(unit, scope)) throw UnitErrors.unitNotFound(id);
    return unit;
  }

  /** The parent, or null for the root and, for a UNIT_HEAD, above its own unit. */
  async parentOf(ctx: RequestContext, unit: Unit): Promise<Unit | null> {
    if (!unit.parentId) return null;
    const [parent, scope] = await Promise.all([ctx.loaders.unitById.load(unit.parentId), visibleSubtree(ctx)]);
    return parent && isWithin(parent, scope) ? parent : null;
  }

  /** Direct children, by code. */
  childrenOf(ctx: RequestContext, unit: Unit): Promise<Unit[]> {
    return ctx.loaders.unitChildren.load(unit.id);
  }

  /** Current cadres (active or on leave) in the unit and its descendants. */
  cadreCount(ctx: RequestContext, unit: Unit): Promise<number> {
    return ctx.loaders.unitCadreCount.load(unit.id);
  }

  /** The post catalogue, by name. */
  posts(ctx: RequestContext): Promise<Post[]> {
    return ctx.manager.find(Post, { order: { name: 'ASC' } });
  }
}
