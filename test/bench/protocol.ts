/**
 * Messages between the harness and the load generator it forks (`load-worker.ts`). Types only:
 * both sides import this file, neither pulls in the other's dependencies.
 */

/** One HTTP request, replayed unchanged by every connection of a run. */
export interface HttpRequestSpec {
  method: 'GET' | 'POST';
  /** Path and query, e.g. `/graphql`. */
  path: string;
  headers?: Record<string, string>;
  /** Sent as-is; `content-length` is added by the load generator. */
  body?: string;
  /**
   * A marker in `body` replaced, in every request, by a value no other request of any run has
   * (the load generator's random prefix and a counter): for requests that must each be new,
   * e.g. a submission with its own idempotency key. Absent: the body is sent unchanged.
   */
  uniquePlaceholder?: string;
}

/** What counts as a good response; anything else is counted as `unexpected`. */
export interface Expectation {
  status: number;
  /** A substring every good body contains (cheap check that the work was really done). */
  bodyIncludes?: string;
  /** A substring no good body contains, e.g. `"errors"`. */
  bodyExcludes?: string;
}

export interface LoadJob {
  /** `http://127.0.0.1:port` of the server under test. */
  origin: string;
  request: HttpRequestSpec;
  expect: Expectation;
  /** Concurrent keep-alive connections, each with one request in flight (closed loop). */
  connections: number;
  /**
   * Open loop: send this many requests per second on a fixed schedule, whatever the responses
   * do (at most `connections` in flight, the rest wait for a connection), and measure each
   * latency from its scheduled send time, so a stalled server cannot hide its queue
   * (coordinated omission). Absent: closed loop.
   */
  arrivalRate?: number;
  warmupMs: number;
  durationMs: number;
  /** Response header that carries the SQL statements the request ran. */
  sqlHeader: string;
}

export interface LoadResult {
  /** Requests started in the measured window (and all completed). */
  requests: number;
  /** Of those: wrong status or body. */
  unexpected: number;
  /** Of those: connection errors (no response). */
  errors: number;
  statuses: Record<string, number>;
  /** Start of the first unexpected response, to say what went wrong. */
  sampleUnexpected?: string;
  /** From the start of the measured window to the last response of the run. */
  elapsedMs: number;
  rps: number;
  /** Open loop: the scheduled rate; null for a closed loop. */
  offeredRps: number | null;
  /** Open loop: requests still waiting for a free connection at their scheduled time, and the most waiting at once. */
  queuedAtSend: number;
  maxQueued: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  /** Mean of the SQL header over measured responses; `null` when no response carried it. */
  sqlPerRequest: number | null;
  sqlHeaderMissing: number;
  /** Every response of the run, warm-up included (for process-wide cross-checks). */
  completedIncludingWarmup: number;
  /** Responses of the run, warm-up included, that met the expectation (e.g. writes that should have committed). */
  goodIncludingWarmup: number;
  /** TCP connections opened over the run, warm-up included: about `connections` when keep-alive works. */
  newConnections: number;
  /** CPU the load generator used during the measured window, in % of one core. */
  cpuPct: number;
}

export type WorkerMessage = { type: 'measuring' } | { type: 'result'; result: LoadResult } | { type: 'failed'; message: string };
