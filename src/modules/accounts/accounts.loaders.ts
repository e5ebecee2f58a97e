import DataLoader from 'dataloader';
import { In, type EntityManager } from 'typeorm';
import { Account } from './account.entity';
import { byKeys } from '../../db/by-keys';

export function accountLoaders(db: { readonly manager: EntityManager }) {
  return {
    accountById: new DataLoader<string, Account | null>(async (ids) =>
      byKeys(ids, await db.manager.find(Account, { where: { id: In([...ids]) } }), (a) => a.id),
    ),
  };
}

export type AccountLoaders = ReturnType<typeof accountLoaders>;

// The request context's loaders include this module's (graphql/context.ts names no module).
declare module '../../graphql/context' {
  interface Loaders extends AccountLoaders {}
}
