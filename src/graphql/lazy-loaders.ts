import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { Loaders } from './context';
import type { LoaderFactory } from './request-context';

type ModuleLoaders = (db: { readonly manager: EntityManager }) => Record<string, DataLoader<never, unknown>>;

const DB = Symbol('db');
const BUILT = Symbol('built');

interface Holder {
  [DB]: { readonly manager: EntityManager };
  [BUILT]: Array<Record<string, unknown> | undefined>;
}

/**
 * Per-request loaders, each module's built on first use. A request touches one or two modules,
 * while building every module's DataLoaders (over thirty) for every request was measurable on
 * small requests. The getters live on one prototype made at start; a request allocates one object.
 */
export function lazyLoaders(modules: readonly ModuleLoaders[]): LoaderFactory {
  const proto: object = {};
  // Learn each module's loader names once; building a DataLoader runs none of its batches.
  const probe = {
    get manager(): EntityManager {
      throw new Error('a loader factory must not query while it is built');
    },
  };
  modules.forEach((build, i) => {
    for (const name of Object.keys(build(probe))) {
      if (Object.prototype.hasOwnProperty.call(proto, name)) throw new Error(`two modules define the loader ${name}`);
      Object.defineProperty(proto, name, {
        enumerable: true,
        get(this: Holder) {
          const built = (this[BUILT][i] ??= build(this[DB]));
          return built[name];
        },
      });
    }
  });
  return (db) => Object.assign(Object.create(proto) as Holder, { [DB]: db, [BUILT]: [] }) as unknown as Loaders;
}
