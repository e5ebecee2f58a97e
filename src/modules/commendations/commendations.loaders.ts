import DataLoader from 'dataloader';
import { In, type EntityManager } from 'typeorm';
import { byKeys, groupByKeys } from '../../db/by-keys';
import { findByIds } from '../../db/plain-rows';
import { Commendation } from './commendation.entity';

/** One query per relation per request. */
export function commendationLoaders(db: { readonly manager: EntityManager }) {
  return {
    commendationById: new DataLoader<string, Commendation | null>(async (ids) =>
      byKeys(ids, await findByIds(db.manager, Commendation, ids), (c) => c.id),
    ),
    commendationsByCadre: new DataLoader<string, Commendation[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(Commendation, { where: { cadreId: In([...ids]) }, order: { decisionDate: 'ASC' } }),
        (c) => c.cadreId!,
      ),
    ),
    commendationsByUnit: new DataLoader<string, Commendation[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(Commendation, { where: { unitId: In([...ids]) }, order: { decisionDate: 'ASC' } }),
        (c) => c.unitId!,
      ),
    ),
  };
}

export type CommendationLoaders = ReturnType<typeof commendationLoaders>;

// The request context's loaders include this module's (graphql/context.ts names no module).
declare module '../../graphql/context' {
  interface Loaders extends CommendationLoaders {}
}
