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
  /** Wrong status or body. */
  unexpected: number;
  /** No response. */
  errors: number;
  statuses: Record<string, number>;
  sampleUnexpected?: string;
  elapsedMs: number;
  /** % of one core. */
  serverCpuPct: number;
  /** Server-process CPU per measured request: the cost of one request, steadier than req/s on a busy machine. */
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
    unexpected: load.unexpected,
    errors: load.errors,
    statuses: load.statuses,
    sampleUnexpected: load.sampleUnexpected,
    elapsedMs: load.elapsedMs,
    serverCpuPct: server.cpuPct,
    serverCpuMsPerRequest: load.requests ? (server.cpuPct / 100) * (load.elapsedMs / load.requests) : 0,
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
      if (t.otherCpuPct !== null && t.otherCpuPct >= 25) {
        out.push(
          `${s.name} / ${label}: other processes used about ${pct(t.otherCpuPct)} of a core during the measurement: ` +
            `the machine was not quiet, so this figure is low and noisy (compare the ratio, or run again).`,
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
      'Goal',
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---']),
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
      'Server CPU ms/req',
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
  for (const r of results.scenarios) {
    if (!r.graphql.serverCpuMsPerRequest) continue;
    const cpuRatio = r.baseline.serverCpuMsPerRequest / r.graphql.serverCpuMsPerRequest;
    lines.push(
      '',
      `${r.name}: server CPU per request, baseline ÷ GraphQL = ${cpuRatio.toFixed(2)} ` +
        '(the throughput ratio to expect when both servers are CPU-bound; less sensitive to a busy machine than req/s).',
    );
  }
  const notes = warnings(results);
  if (notes.length) lines.push('', ...notes.map((n) => `- ${n}`));
  lines.push('', ...results.scenarios.map((r) => `- **${r.name}**: ${r.description}`));
  return lines.join('\n') + '\n';
}
