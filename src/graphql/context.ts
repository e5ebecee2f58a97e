import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { Logger } from '../common/logger';
import type { Actor } from '../common/actor';

/**
 * Per-request DataLoaders, built fresh for every HTTP request and every subscription operation.
 * Each module adds its own by declaration merging in its `<domain>.loaders.ts`
 * (`declare module '../../graphql/context' { interface Loaders extends UnitLoaders {} }`), so
 * this layer names no module; the composition root hands their factories to `lazyLoaders`.
 */
export interface Loaders {
  [name: string]: DataLoader<unknown, unknown>;
}

/**
 * What every resolver and service receives first. `manager` is transaction-bound during a
 * mutation, so everything a mutation writes commits or rolls back together.
 */
export interface RequestContext {
  readonly requestId: string;
  /** The signed-in caller, or null for a public caller. */
  readonly account: Actor | null;
  manager: EntityManager;
  readonly loaders: Loaders;
  readonly logger: Logger;
  /** Client address as seen through `TRUST_PROXY` hops. */
  readonly clientAddress: string;
  /** Run after the mutation's transaction commits (never after a rollback). */
  readonly afterCommit: Array<() => void | Promise<void>>;
  /**
   * Rings the board's doorbell; `recordEvent` adds it to `afterCommit` once. Undefined when the
   * database rings it (the PostgreSQL doorbell's trigger), see src/events/delivery.ts.
   */
  readonly ringDoorbell?: (() => void) | undefined;
}
