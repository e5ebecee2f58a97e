import DataLoader from 'dataloader';
import { In, type EntityManager } from 'typeorm';
import { byKeys, groupByKeys } from '../../db/by-keys';
import { findByIds } from '../../db/plain-rows';
import { CadreHistory } from './cadre-history.entity';
import { Cadre } from './cadre.entity';

/** Per-request loaders of the cadres module: one `IN (…)` query per batch. */
export function cadreLoaders(db: { readonly manager: EntityManager }) {
  return {
    cadreById: new DataLoader<string, Cadre | null>(async (ids) =>
      byKeys(ids, await findByIds(db.manager, Cadre, ids), (c) => c.id),
    ),
    cadreHistory: new DataLoader<string, CadreHistory[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(CadreHistory, { where: { cadreId: In([...ids]) }, order: { seq: 'ASC' } }),
        (h) => h.cadreId,
      ),
    ),
  };
}

export type CadreLoaders = ReturnType<typeof cadreLoaders>;

// The request context's loaders include this module's (graphql/context.ts names no module).
declare module '../../graphql/context' {
  interface Loaders extends CadreLoaders {}
}
