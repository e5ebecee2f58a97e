/**
 * A benchmark scenario: one GraphQL request, and the minimal `node:http` handler that does the
 * same work (same token check, same SQL) without the stack, measured the same way in the same
 * run. Add a scenario by writing one with `defineScenario` under `scenarios/` and listing it in
 * `scenarios/index.ts`.
 */
import type { BaselineHandler } from './baseline-server';
import type { BenchEnv } from './environment';
import type { Expectation, HttpRequestSpec } from './protocol';

export interface Scenario<S> {
  /** Short id, used by `--only` and in the report. */
  name: string;
  /** One line for the report. */
  description: string;
  /** Least GraphQL/baseline throughput ratio the scenario is meant to reach. */
  goalRatio?: number;
  /** Greatest p99 (ms) the GraphQL side may show in the open-loop run (at `--open-loop` × its maximum rate). */
  p99GoalMs?: number;
  /** Prepares data and tokens (runs once, before anything is measured); returns the state the other members get. */
  setup(env: BenchEnv): Promise<S>;
  /** The request replayed against the app (origin: the app). */
  graphqlRequest(state: S, env: BenchEnv): HttpRequestSpec;
  /** The request replayed against the baseline server. */
  baselineRequest(state: S, env: BenchEnv): HttpRequestSpec;
  /** The baseline server's handler. */
  baselineHandler(state: S, env: BenchEnv): BaselineHandler;
  /** A good response; default: status 200 and a body without `"errors"`. */
  expect?: { graphql?: Expectation; baseline?: Expectation };
  /**
   * Before measuring, one request is sent to each side and the JSON bodies compared: a baseline
   * that answers something else is not a baseline. Default true.
   */
  sameResponse?: boolean;
  /** Anything worth keeping in the JSON results (e.g. the SQL the baseline runs). */
  details?(state: S, env: BenchEnv): Record<string, unknown>;
  /**
   * SQL statements one GraphQL request runs at several page sizes (label → the
   * `x-sql-statements` header), to show the count does not grow with the page. Runs after setup.
   */
  sqlByPageSize?(state: S, env: BenchEnv): Promise<Record<string, number>>;
  /**
   * For scenarios that write: counts the rows of the tables written, before and after each
   * measured run of either side; every good response (warm-up included) must have added
   * `rowsPerRequest` rows to each, no more, no less (no lost or duplicated writes).
   */
  countRows?(state: S, env: BenchEnv): Promise<Record<string, number>>;
  /** Rows one good request adds, per table counted by `countRows`. */
  rowsPerRequest?: Record<string, number>;
  /**
   * Most connections the load generator may use for this scenario, both sides alike (default:
   * `--connections`), with the reason, for the report: for a request that deadlocks the app
   * beyond some concurrency, which the bench would otherwise wait for forever.
   */
  maxConnections?(state: S, env: BenchEnv): { connections: number; why: string };
  /** Runs before each measured run of either side (e.g. to reset a rate-limit window the load would exhaust). */
  beforeTarget?(state: S, env: BenchEnv): Promise<void>;
  teardown?(state: S, env: BenchEnv): Promise<void>;
}

/** A scenario with its state type erased, as the harness holds them. */
export interface AnyScenario {
  readonly name: string;
  readonly description: string;
  readonly goalRatio?: number;
  readonly p99GoalMs?: number;
  readonly sameResponse: boolean;
  readonly expect: { graphql: Expectation; baseline: Expectation };
  /** Runs `setup` and binds the other members to its state. */
  prepare(env: BenchEnv): Promise<PreparedScenario>;
}

export interface PreparedScenario {
  graphqlRequest: HttpRequestSpec;
  baselineRequest: HttpRequestSpec;
  baselineHandler: BaselineHandler;
  details: Record<string, unknown>;
  sqlByPageSize: Record<string, number> | null;
  /** Null for a scenario that does not write. */
  writes: { countRows(): Promise<Record<string, number>>; rowsPerRequest: Record<string, number> } | null;
  beforeTarget(): Promise<void>;
  maxConnections: { connections: number; why: string } | null;
  teardown(): Promise<void>;
}

const DEFAULT_EXPECT: Expectation = { status: 200, bodyExcludes: '"errors"' };

export function defineScenario<S>(scenario: Scenario<S>): AnyScenario {
  return {
    name: scenario.name,
    description: scenario.description,
    goalRatio: scenario.goalRatio,
    p99GoalMs: scenario.p99GoalMs,
    sameResponse: scenario.sameResponse ?? true,
    expect: { graphql: scenario.expect?.graphql ?? DEFAULT_EXPECT, baseline: scenario.expect?.baseline ?? DEFAULT_EXPECT },
    async prepare(env) {
      const state = await scenario.setup(env);
      return {
        graphqlRequest: scenario.graphqlRequest(state, env),
        baselineRequest: scenario.baselineRequest(state, env),
        baselineHandler: scenario.baselineHandler(state, env),
        details: scenario.details?.(state, env) ?? {},
        sqlByPageSize: (await scenario.sqlByPageSize?.(state, env)) ?? null,
        writes:
          scenario.countRows && scenario.rowsPerRequest
            ? { countRows: () => scenario.countRows!(state, env), rowsPerRequest: scenario.rowsPerRequest }
            : null,
        beforeTarget: async () => scenario.beforeTarget?.(state, env),
        maxConnections: scenario.maxConnections?.(state, env) ?? null,
        teardown: async () => scenario.teardown?.(state, env),
      };
    },
  };
}
