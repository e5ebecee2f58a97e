import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request bookkeeping that follows the request through every await. */
export interface RequestScope {
  requestId: string;
  /** SQL statements the request has sent so far (tests and the benchmark read it). */
  sqlStatements: number;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();
