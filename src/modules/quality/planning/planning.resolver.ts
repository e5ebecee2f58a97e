import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { Role } from '../../../common/role.enum';
import { Allow } from '../../../graphql/access';
import type { RequestContext } from '../../../graphql/context';
import { AGGREGATE_READERS, READERS } from '../quality.access';
import { loadCadres } from '../quality.loaders';
import { pageSize } from '../quality.validation';
import type { PlanningService } from './planning.service';
import { PlanningPool, Rotation } from './planning.types';

@Resolver()
export class PlanningResolver {
  constructor(private readonly planning: PlanningService) {}

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
