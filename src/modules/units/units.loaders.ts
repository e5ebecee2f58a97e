import DataLoader from 'dataloader';
import { In, type EntityManager } from 'typeorm';
import { byKeys, groupByKeys } from '../../db/by-keys';
import { findByIds } from '../../db/plain-rows';
import { Post } from './post.entity';
import { Unit } from './unit.entity';

/** Per-request loaders of the units module: one `IN (…)` query per batch. */
export function unitLoaders(db: { readonly manager: EntityManager }) {
  return {
    unitById: new DataLoader<string, Unit | null>(async (ids) =>
      byKeys(ids, await findByIds(db.manager, Unit, ids), (u) => u.id),
    ),
    unitChildren: new DataLoader<string, Unit[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(Unit, { where: { parentId: In([...ids]) }, order: { code: 'ASC' } }),
        (u) => u.parentId!,
      ),
    ),
    /**
     * Current cadres (active or on leave) in the unit and its descendants. Two statements: the
     * descendants by path range (text_pattern_ops operators, so the index serves each unit:
     * paths under '/a/b/' sort between it and '/a/b0', '0' following '/'), then the counts for
     * that id list. In one join the planner cannot estimate the ranges and scans every cadre.
     */
    unitCadreCount: new DataLoader<string, number>(async (ids) => {
      const pairs = (await db.manager.query(
        `SELECT u.id AS root, d.id AS unit
           FROM unit u JOIN unit d ON d.path ~>=~ u.path AND d.path ~<~ (left(u.path, -1) || '0')
          WHERE u.id = ANY($1::uuid[])`,
        [[...ids]],
      )) as Array<{ root: string; unit: string }>;
      const unitIds = [...new Set(pairs.map((p) => p.unit))];
      const rows = (await db.manager.query(
        `SELECT unit_id, count(*)::int AS n FROM cadre
          WHERE unit_id = ANY($1::uuid[]) AND status IN ('ACTIVE', 'ON_LEAVE')
          GROUP BY unit_id`,
        [unitIds],
      )) as Array<{ unit_id: string; n: number }>;
      const perUnit = new Map(rows.map((r) => [r.unit_id, r.n]));
      const totals = new Map<string, number>();
      for (const p of pairs) totals.set(p.root, (totals.get(p.root) ?? 0) + (perUnit.get(p.unit) ?? 0));
      return ids.map((id) => totals.get(id) ?? 0);
    }),
    postById: new DataLoader<string, Post | null>(async (ids) =>
      byKeys(ids, await findByIds(db.manager, Post, ids), (p) => p.id),
    ),
  };
}

export type UnitLoaders = ReturnType<typeof unitLoaders>;

// The request context's loaders include this module's (graphql/context.ts names no module).
declare module '../../graphql/context' {
  interface Loaders extends UnitLoaders {}
}
