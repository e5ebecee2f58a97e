import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request bookkeeping that follows the request through every await. */
export interface RequestScope {
  requestId: string;
  /** SQL statements the request has sent so far (tests and the benchmark read it). */
  sqlStatements: number;
  /** Set for the process's own background work: its statements are never a caller's. */
  background?: true;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

/**
 * Runs the process's own periodic work (tickers, the event feed, socket rechecks) in a scope of
 * its own, so its statements are counted apart from those of callers, and never against a
 * request whose scope the timer happened to inherit.
 */
export function inBackground<T>(name: string, work: () => Promise<T>): Promise<T> {
  return requestScope.run({ requestId: `background:${name}`, sqlStatements: 0, background: true }, work);
}
