/** The results of a run, as JSON and as the Markdown note printed to stdout. */
import type { LoadResult } from './protocol';
import type { ServerUsage } from './load';

export interface TargetResult {
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  /** Mean of the `x-sql-statements` header over the measured responses. */
  sqlPerRequest: number | null;
  /** Statements the server process sent over the whole run ÷ responses (warm-up included): a cross-check of the header. */
  sqlPerRequestProcessWide: number;
  requests: number;
  /** Connections the load generator opened over the run (warm-up included): about `connections` when keep-alive works. */
  newConnections: number;
  /** Wrong status or body. */
  unexpected: number;
  /** No response. */
  errors: number;
  statuses: Record<string, number>;
  sampleUnexpected?: string;
  elapsedMs: number;
  /** % of one core. */
  serverCpuPct: number;
  /**
   * CPU of the server's main thread per measured request (the process's CPU where /proc is
   * absent): the cost of one request on the thread that limits throughput, steadier than req/s
   * on a busy machine.
   */
  serverCpuMsPerRequest: number;
  serverEventLoopUtilization: number;
  loadGeneratorCpuPct: number;
  /** PostgreSQL backends of the bench database (null where /proc cannot be read). */
  postgresCpuPct: number | null;
  machineCpuPct: number;
  /** Machine CPU not used by the server, the load generator or the bench database: other work on the machine (noise). */
  otherCpuPct: number | null;
}

export interface RoundResult {
  graphql: TargetResult;
  baseline: TargetResult;
  ratio: number;
}

export interface ScenarioResult {
  name: string;
  description: string;
  goalRatio: number | null;
  /** GraphQL throughput ÷ baseline throughput (of the median round). */
  ratio: number;
  /**
   * Baseline ÷ GraphQL main-thread CPU per request (of the same round): the throughput ratio to
   * expect when both event loops are the limit; steadier than `ratio` on a busy machine.
   */
  cpuRatio: number | null;
  goalMet: boolean | null;
  /** The median round's figures. */
  graphql: TargetResult;
  baseline: TargetResult;
  /** Every round, in the order run. */
  rounds: RoundResult[];
  /** What the scenario reports about itself (e.g. the SQL its baseline runs). */
  details: Record<string, unknown>;
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  settings: {
    durationS: number;
    warmupS: number;
    rounds: number;
    connections: number;
    node: string;
    cpus: number;
    cpuModel: string;
    postgres: string;
    database: 'embedded' | 'DATABASE_URL';
    dbPoolSize: number;
    logLevel: string;
  };
  scenarios: ScenarioResult[];
}

export function targetResult(load: LoadResult, server: ServerUsage, statementsSent: number): TargetResult {
  return {
    rps: load.rps,
    p50Ms: load.latencyMs.p50,
    p90Ms: load.latencyMs.p90,
    p99Ms: load.latencyMs.p99,
    meanMs: load.latencyMs.mean,
    maxMs: load.latencyMs.max,
    sqlPerRequest: load.sqlPerRequest,
    sqlPerRequestProcessWide: load.completedIncludingWarmup ? statementsSent / load.completedIncludingWarmup : 0,
    requests: load.requests,
    newConnections: load.newConnections,
    unexpected: load.unexpected,
    errors: load.errors,
    statuses: load.statuses,
    sampleUnexpected: load.sampleUnexpected,
    elapsedMs: load.elapsedMs,
    serverCpuPct: server.cpuPct,
    serverCpuMsPerRequest: !load.requests
      ? 0
      : server.mainThreadCpuMs !== null
        ? server.mainThreadCpuMs / load.requests
        : ((server.cpuPct / 100) * load.elapsedMs) / load.requests,
    serverEventLoopUtilization: server.elu,
    loadGeneratorCpuPct: load.cpuPct,
    postgresCpuPct: server.postgresCpuPct,
    machineCpuPct: server.machineCpuPct,
    otherCpuPct:
      server.postgresCpuPct === null
        ? null
        : Math.max(0, server.machineCpuPct - server.cpuPct - load.cpuPct - server.postgresCpuPct),
  };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const sql = (n: number | null) => (n === null ? 'n/a' : n.toFixed(2));
const pct = (n: number | null) => (n === null ? 'n/a' : `${Math.round(n)}%`);

/** The ratio, with the range over the rounds when there were several. */
function ratioCell(r: ScenarioResult): string {
  if (r.rounds.length < 2) return r.ratio.toFixed(2);
  const ratios = r.rounds.map((x) => x.ratio);
  return `${r.ratio.toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Things a reader of the table should know, e.g. a load generator that may have been the limit. */
export function warnings(results: BenchResults): string[] {
  const out: string[] = [];
  for (const s of results.scenarios) {
    for (const [label, t] of [
      ['GraphQL', s.graphql],
      ['baseline', s.baseline],
    ] as const) {
      if (t.errors || t.unexpected) {
        out.push(
          `${s.name} / ${label}: ${t.errors} failed and ${t.unexpected} unexpected responses (first: ${t.sampleUnexpected ?? 'n/a'}).`,
        );
      }
      if (t.loadGeneratorCpuPct >= 90 && t.serverEventLoopUtilization < 0.9) {
        out.push(
          `${s.name} / ${label}: the load generator used ${pct(t.loadGeneratorCpuPct)} of a core while the server's event loop was ` +
            `${Math.round(t.serverEventLoopUtilization * 100)}% busy: this figure is bounded by the load generator, not the server.`,
        );
      }
      if (t.newConnections > 2 * results.settings.connections) {
        out.push(
          `${s.name} / ${label}: ${int(t.newConnections)} connections were opened for ${results.settings.connections} clients: ` +
            'the server does not keep connections alive, so this figure includes a TCP handshake per request.',
        );
      }
      if (t.otherCpuPct !== null && t.otherCpuPct >= 25) {
        out.push(
          `${s.name} / ${label}: other processes used about ${pct(t.otherCpuPct)} of a core during the measurement: ` +
            'the machine was not quiet, so req/s and the ratio are noisy (the CPU ratio less so; run again or use --rounds).',
        );
      }
      if (t.sqlPerRequest !== null && Math.abs(t.sqlPerRequestProcessWide - t.sqlPerRequest) > 0.05) {
        out.push(
          `${s.name} / ${label}: the x-sql-statements header says ${sql(t.sqlPerRequest)} per request but the process sent ` +
            `${sql(t.sqlPerRequestProcessWide)} per response: some statements run outside the request scope.`,
        );
      }
    }
  }
  return out;
}

/** Baseline ÷ GraphQL main-thread CPU per request. */
export function cpuRatio(graphql: TargetResult, baseline: TargetResult): number | null {
  return graphql.serverCpuMsPerRequest > 0 ? baseline.serverCpuMsPerRequest / graphql.serverCpuMsPerRequest : null;
}

export function markdown(results: BenchResults): string {
  const s = results.settings;
  const lines: string[] = [];
  lines.push(`### Giám sát benchmark, ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC`, '');
  lines.push(
    `${s.durationS} s measured after ${s.warmupS} s warm-up per target` +
      (s.rounds > 1 ? ` · ${s.rounds} rounds, median shown` : '') +
      ` · ${s.connections} connections · ` +
      `Node ${s.node} · ${s.cpus} × ${s.cpuModel} · PostgreSQL ${s.postgres} (${s.database === 'embedded' ? 'embedded' : 'DATABASE_URL'}) · ` +
      `pool ${s.dbPoolSize} per side · LOG_LEVEL ${s.logLevel}`,
    '',
  );
  lines.push(
    row([
      'Scenario',
      'GraphQL req/s',
      'p50 ms',
      'p99 ms',
      'SQL/req',
      'Baseline req/s',
      'p50 ms',
      'p99 ms',
      'SQL/req',
      'Ratio',
      'CPU ratio',
      'Goal',
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---']),
  );
  for (const r of results.scenarios) {
    const goal = r.goalRatio === null ? '' : `≥ ${r.goalRatio.toFixed(2)} ${r.goalMet ? 'met' : 'missed'}`;
    lines.push(
      row([
        r.name,
        int(r.graphql.rps),
        ms(r.graphql.p50Ms),
        ms(r.graphql.p99Ms),
        sql(r.graphql.sqlPerRequest),
        int(r.baseline.rps),
        ms(r.baseline.p50Ms),
        ms(r.baseline.p99Ms),
        sql(r.baseline.sqlPerRequest),
        ratioCell(r),
        r.cpuRatio === null ? 'n/a' : r.cpuRatio.toFixed(2),
        goal,
      ]),
    );
  }
  lines.push('', `Where the CPU went during the measured windows, in % of one core (the machine has ${s.cpus * 100}%):`, '');
  lines.push(
    row([
      'Scenario',
      'Target',
      'Requests',
      'Bad',
      'Main thread ms/req',
      'Server CPU',
      'Server event loop',
      'PostgreSQL CPU',
      'Load generator CPU',
      'Other CPU',
      'Machine CPU',
    ]),
    row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  );
  for (const r of results.scenarios) {
    for (const [label, t] of [
      ['GraphQL', r.graphql],
      ['baseline', r.baseline],
    ] as const) {
      lines.push(
        row([
          r.name,
          label,
          int(t.requests),
          int(t.errors + t.unexpected),
          t.serverCpuMsPerRequest.toFixed(3),
          pct(t.serverCpuPct),
          pct(t.serverEventLoopUtilization * 100),
          pct(t.postgresCpuPct),
          pct(t.loadGeneratorCpuPct),
          pct(t.otherCpuPct),
          pct(t.machineCpuPct),
        ]),
      );
    }
  }
  lines.push(
    '',
    'Ratio: GraphQL req/s ÷ baseline req/s. CPU ratio: baseline ÷ GraphQL main-thread CPU per request, the throughput ratio ' +
      'to expect when both event loops are the limit; it moves less than req/s when other work shares the machine.',
  );
  const notes = warnings(results);
  if (notes.length) lines.push('', ...notes.map((n) => `- ${n}`));
  lines.push('', ...results.scenarios.map((r) => `- **${r.name}**: ${r.description}`));
  return lines.join('\n') + '\n';
}
