import DataLoader from 'dataloader';
import { In, type EntityManager } from 'typeorm';
import { byKeys, groupByKeys } from '../../db/by-keys';
import { Post } from './post.entity';
import { Unit } from './unit.entity';

/** Per-request loaders of the units module: one `IN (…)` query per batch. */
export function unitLoaders(db: { readonly manager: EntityManager }) {
  return {
    unitById: new DataLoader<string, Unit | null>(async (ids) =>
      byKeys(ids, await db.manager.find(Unit, { where: { id: In([...ids]) } }), (u) => u.id),
    ),
    unitChildren: new DataLoader<string, Unit[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(Unit, { where: { parentId: In([...ids]) }, order: { code: 'ASC' } }),
        (u) => u.parentId!,
      ),
    ),
    /** Current cadres (active or on leave) in the unit and its descendants. */
    unitCadreCount: new DataLoader<string, number>(async (ids) => {
      const rows = (await db.manager.query(
        `SELECT u.id, count(c.id)::int AS n
           FROM unit u
           JOIN unit d ON d.path LIKE u.path || '%'
           JOIN cadre c ON c.unit_id = d.id AND c.status IN ('ACTIVE', 'ON_LEAVE')
          WHERE u.id = ANY($1::uuid[])
          GROUP BY u.id`,
        [[...ids]],
      )) as Array<{ id: string; n: number }>;
      const counts = new Map(rows.map((r) => [r.id, r.n]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    postById: new DataLoader<string, Post | null>(async (ids) =>
      byKeys(ids, await db.manager.find(Post, { where: { id: In([...ids]) } }), (p) => p.id),
    ),
  };
}

export type UnitLoaders = ReturnType<typeof unitLoaders>;
