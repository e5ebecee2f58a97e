/**
 * What wakes an instance when board events have committed. A ring carries nothing: the
 * instance reads the outbox table, which is the truth, so a lost ring delays delivery (until
 * the next ring or the poll) but loses nothing.
 */
export interface Doorbell {
  /** Starts listening; `onRing` is called for every ring and after every (re)connection. */
  start(onRing: () => void): Promise<void>;
  /**
   * Rings after a commit that wrote events, when the doorbell is not rung by the database itself
   * (the PostgreSQL doorbell is rung by a trigger at commit; this is a no-op there).
   */
  readonly ringAfterCommit: (() => void) | undefined;
  /** `true` while listening, otherwise what is wrong (for /readyz). */
  state(): true | string;
  stop(): Promise<void>;
}

/** Reconnection delays: 100 ms doubling to 5 s, with jitter so instances do not reconnect in step. */
export function backoffMs(attempt: number): number {
  const base = Math.min(5000, 100 * 2 ** Math.min(attempt, 10));
  return Math.round(base / 2 + Math.random() * (base / 2));
}
