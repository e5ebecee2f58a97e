import DataLoader from 'dataloader';
import { In, type EntityManager } from 'typeorm';
import { groupByKeys } from '../../db/by-keys';
import { DecisionCorrection } from './decision-correction.entity';

/** One query per request for the corrections of every item asked about (item ids are UUIDs: unique across kinds). */
export function correctionLoaders(db: { readonly manager: EntityManager }) {
  return {
    correctionsByItem: new DataLoader<string, DecisionCorrection[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.manager.find(DecisionCorrection, {
          where: { itemId: In([...ids]) },
          order: { correctedAt: 'ASC', id: 'ASC' },
        }),
        (c) => c.itemId,
      ),
    ),
  };
}

export type CorrectionLoaders = ReturnType<typeof correctionLoaders>;

declare module '../../graphql/context' {
  interface Loaders extends CorrectionLoaders {}
}
