/** The results of a run, as JSON and as the Markdown note printed to stdout. */
import type { JobResult } from './jobs/import-xlsx';
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
  /** Scenarios that write: rows added during the run against what its good responses should have added. */
  writes?: WriteCheck;
}

export interface WriteCheck {
  /** Good responses over the whole run, warm-up included. */
  goodResponses: number;
  /** Per table: rows added during the run, and good responses × rows per request. */
  tables: Record<string, { added: number; expected: number }>;
  ok: boolean;
}

export interface RoundResult {
  graphql: TargetResult;
  baseline: TargetResult;
  ratio: number;
}

/** The GraphQL side at a fixed arrival rate (a share of its closed-loop maximum), after the closed-loop rounds. */
export interface OpenLoopResult {
  /** Share of `maxRps` offered. */
  share: number;
  /** GraphQL req/s of the median closed-loop round. */
  maxRps: number;
  offeredRps: number;
  /** Answers ÷ time from the start of the window to the last answer. */
  achievedRps: number;
  /** Latency from each request's scheduled send time (no coordinated omission). */
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  bad: number;
  sampleUnexpected?: string;
  /** Requests that found every connection busy at their send time (they waited, and that wait is in their latency). */
  queuedAtSend: number;
  maxQueued: number;
  sqlPerRequest: number | null;
  serverCpuPct: number;
  serverEventLoopUtilization: number;
  postgresCpuPct: number | null;
  otherCpuPct: number | null;
  /**
   * Open-loop runs this stands for (`--open-loop-rounds`): the figures are those of the run with
   * the median p99, except `p50Ms`, the median p50 over the runs.
   */
  rounds?: number;
}

export interface ScenarioResult {
  name: string;
  description: string;
  /** The data set it ran on (`--scales`). */
  scale: string;
  /** Cadres in the database at that scale. */
  cadres: number;
  goalRatio: number | null;
  /** GraphQL throughput ÷ baseline throughput (of the median round). */
  ratio: number;
  /**
   * Baseline ÷ GraphQL main-thread CPU per request (of the same round): the throughput ratio to
   * expect when both event loops are the limit; steadier than `ratio` on a busy machine.
   */
  cpuRatio: number | null;
  goalMet: boolean | null;
  /** Set when the scenario ran with fewer connections than `--connections`, and why. */
  connections?: { connections: number; why: string } | null;
  /** Scenarios that write: the row check of the open-loop run. */
  openLoopWrites?: WriteCheck | null;
  /** Greatest p99 the open-loop run may show, and whether it did. */
  p99GoalMs: number | null;
  p99GoalMet: boolean | null;
  openLoop: OpenLoopResult | null;
  /** Every open-loop run, in the order run. */
  openLoopRounds?: OpenLoopResult[];
  /** `x-sql-statements` of one GraphQL request at several page sizes (null: not a paged scenario). */
  sqlByPageSize: Record<string, number> | null;
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
    scales: string[];
    openLoopShare: number;
  };
  /** Each data set measured on. */
  datasets: Array<{ scale: string; cadres: number; units: number; generateMs: number }>;
  scenarios: ScenarioResult[];
  /** One-off jobs measured for time and peak memory (the import of a big file). */
  jobs?: JobResult[];
  /** Scenarios and jobs that threw (in their setup or their measurement); the others still ran. */
  failures?: BenchFailure[];
}

export interface BenchFailure {
  name: string;
  scale: string;
  /** The error's first line; the stack went to stderr. */
  error: string;
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

export function openLoopResult(share: number, maxRps: number, target: TargetResult, load: LoadResult): OpenLoopResult {
  return {
    share,
    maxRps,
    offeredRps: load.offeredRps ?? 0,
    achievedRps: target.rps,
    p50Ms: target.p50Ms,
    p90Ms: target.p90Ms,
    p99Ms: target.p99Ms,
    maxMs: target.maxMs,
    requests: target.requests,
    bad: target.errors + target.unexpected,
    sampleUnexpected: target.sampleUnexpected,
    queuedAtSend: load.queuedAtSend,
    maxQueued: load.maxQueued,
    sqlPerRequest: target.sqlPerRequest,
    serverCpuPct: target.serverCpuPct,
    serverEventLoopUtilization: target.serverEventLoopUtilization,
    postgresCpuPct: target.postgresCpuPct,
    otherCpuPct: target.otherCpuPct,
  };
}

/** The middle value (the lower one of an even count, as the closed-loop rounds pick theirs). */
function medianOf(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
}

/** Several open-loop runs as one: the run with the median p99, carrying the median p50. */
export function medianOpenLoop(rounds: OpenLoopResult[]): OpenLoopResult | null {
  if (!rounds.length) return null;
  const p99 = medianOf(rounds.map((r) => r.p99Ms));
  const round = rounds.find((r) => r.p99Ms === p99)!;
  return { ...round, p50Ms: medianOf(rounds.map((r) => r.p50Ms)), rounds: rounds.length };
}

/** The scenario's name, with its scale when the run covered several. */
function label(r: ScenarioResult, results: BenchResults): string {
  return results.settings.scales.length > 1 ? `${r.name} @ ${r.scale}` : r.name;
}

/** Things a reader of the table should know, e.g. a load generator that may have been the limit. */
export function warnings(results: BenchResults): string[] {
  const out: string[] = [];
  for (const s of results.scenarios) {
    if (s.connections)
      out.push(
        `${label(s, results)}: measured with ${s.connections.connections} connections, not ${results.settings.connections}: ${s.connections.why}`,
      );
    const o = s.openLoop;
    if (o && o.bad)
      out.push(
        `${label(s, results)} / open loop: ${o.bad} failed or unexpected responses (first: ${o.sampleUnexpected ?? 'n/a'}).`,
      );
    if (o && o.achievedRps < 0.95 * o.offeredRps) {
      out.push(
        `${label(s, results)} / open loop: ${int(o.achievedRps)} req/s answered of ${int(o.offeredRps)} offered: the server did not keep up, ` +
          'so its queue grew during the window and the p99 shows it.',
      );
    }
    if (o && o.otherCpuPct !== null && o.otherCpuPct >= 25) {
      out.push(
        `${label(s, results)} / open loop: other processes used about ${pct(o.otherCpuPct)} of a core: the latency is noisy.`,
      );
    }
    for (const [side, t] of [
      ['GraphQL', s.graphql],
      ['baseline', s.baseline],
    ] as const) {
      if (t.writes && !t.writes.ok) {
        out.push(
          `${label(s, results)} / ${side}: rows added do not match the good responses: ${JSON.stringify(t.writes.tables)}.`,
        );
      }
      if (t.errors || t.unexpected) {
        out.push(
          `${label(s, results)} / ${side}: ${t.errors} failed and ${t.unexpected} unexpected responses (first: ${t.sampleUnexpected ?? 'n/a'}).`,
        );
      }
      if (t.loadGeneratorCpuPct >= 90 && t.serverEventLoopUtilization < 0.9) {
        out.push(
          `${label(s, results)} / ${side}: the load generator used ${pct(t.loadGeneratorCpuPct)} of a core while the server's event loop was ` +
            `${Math.round(t.serverEventLoopUtilization * 100)}% busy: this figure is bounded by the load generator, not the server.`,
        );
      }
      if (t.newConnections > 2 * results.settings.connections) {
        out.push(
          `${label(s, results)} / ${side}: ${int(t.newConnections)} connections were opened for ${results.settings.connections} clients: ` +
            'the server does not keep connections alive, so this figure includes a TCP handshake per request.',
        );
      }
      if (t.otherCpuPct !== null && t.otherCpuPct >= 25) {
        out.push(
          `${label(s, results)} / ${side}: other processes used about ${pct(t.otherCpuPct)} of a core during the measurement: ` +
            'the machine was not quiet, so req/s and the ratio are noisy (the CPU ratio less so; run again or use --rounds).',
        );
      }
      if (t.sqlPerRequest !== null && Math.abs(t.sqlPerRequestProcessWide - t.sqlPerRequest) > 0.05) {
        out.push(
          `${label(s, results)} / ${side}: the x-sql-statements header says ${sql(t.sqlPerRequest)} per request but the process sent ` +
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
    'Data: ' +
      results.datasets
        .map(
          (d) =>
            `${d.scale} (${int(d.cadres)} cadres in ${int(d.units)} units, generated in ${(d.generateMs / 1000).toFixed(1)} s)`,
        )
        .join(' · '),
    '',
  );
  // Only jobs selected: no request tables.
  if (results.scenarios.length) {
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
          label(r, results),
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
      for (const [side, t] of [
        ['GraphQL', r.graphql],
        ['baseline', r.baseline],
      ] as const) {
        lines.push(
          row([
            label(r, results),
            side,
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
  }
  lines.push(
    ...failuresTable(results),
    ...openLoopTable(results),
    ...writesTable(results),
    ...pageSizeTable(results),
    ...scaleTable(results),
    ...jobsTable(results),
  );
  lines.push(
    '',
    'Ratio: GraphQL req/s ÷ baseline req/s. CPU ratio: baseline ÷ GraphQL main-thread CPU per request, the throughput ratio ' +
      'to expect when both event loops are the limit; it moves less than req/s when other work shares the machine.',
  );
  const notes = warnings(results);
  if (notes.length) lines.push('', ...notes.map((n) => `- ${n}`));
  const described = new Map([...results.scenarios, ...(results.jobs ?? [])].map((r) => [r.name, r.description]));
  lines.push('', ...[...described].map(([name, description]) => `- **${name}**: ${description}`));
  return lines.join('\n') + '\n';
}

/** What threw instead of being measured: listed, so a partial table is not read as a whole one. */
function failuresTable(results: BenchResults): string[] {
  const failures = results.failures ?? [];
  if (!failures.length) return [];
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
  return [
    '',
    `**${failures.length === 1 ? 'One scenario' : `${failures.length} scenarios`} failed** and ${failures.length === 1 ? 'is' : 'are'} missing from the tables (the run exits 1):`,
    '',
    row(['Scenario', 'Data set', 'Error']),
    row(['---', '---', '---']),
    ...failures.map((f) => row([f.name, f.scale, cell(f.error)])),
  ];
}

/** Runs that wrote: the rows each table gained against good responses × rows per request (no lost writes). */
function writesTable(results: BenchResults): string[] {
  const runs: Array<[string, string, WriteCheck]> = [];
  for (const r of results.scenarios) {
    for (const [side, w] of [
      ['GraphQL', r.graphql.writes],
      ['baseline', r.baseline.writes],
      ['GraphQL open loop', r.openLoopWrites],
    ] as const) {
      if (w) runs.push([label(r, results), side, w]);
    }
  }
  if (!runs.length) return [];
  const lines = [
    '',
    'Rows written per run (warm-up included): rows each table gained, against good responses × rows per request:',
    '',
    row(['Scenario', 'Target', 'Good responses', 'Rows added (expected)', 'Check']),
    row(['---', '---', '---:', '---', '---']),
  ];
  for (const [name, side, w] of runs) {
    const tables = Object.entries(w.tables)
      .map(([table, c]) => `${table} ${int(c.added)}${c.added === c.expected ? '' : ` (${int(c.expected)})`}`)
      .join(', ');
    lines.push(row([name, side, int(w.goodResponses), tables, w.ok ? 'ok' : '**lost or extra writes**']));
  }
  return lines;
}

const p99Goal = (r: ScenarioResult) =>
  r.p99GoalMs === null || r.p99GoalMet === null ? '' : `< ${r.p99GoalMs} ms ${r.p99GoalMet ? 'met' : 'missed'}`;

function openLoopTable(results: BenchResults): string[] {
  const measured = results.scenarios.filter((r) => r.openLoop);
  if (!measured.length) return [];
  const share = Math.round(results.settings.openLoopShare * 100);
  const lines = [
    '',
    `GraphQL at a fixed arrival rate of ${share}% of its measured maximum (open loop, ${results.settings.durationS} s after 1 s; ` +
      'latency from each request’s scheduled send time, so queueing is counted):',
    '',
    row([
      'Scenario',
      'Max req/s',
      'Offered req/s',
      'Answered req/s',
      'p50 ms',
      'p90 ms',
      'p99 ms',
      'max ms',
      'Waited for a connection',
      'Server CPU',
      'Server event loop',
      'PostgreSQL CPU',
      'Other CPU',
      'Goal p99',
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---']),
  ];
  for (const r of measured) {
    const o = r.openLoop!;
    lines.push(
      row([
        label(r, results),
        int(o.maxRps),
        int(o.offeredRps),
        int(o.achievedRps),
        ms(o.p50Ms),
        ms(o.p90Ms),
        ms(o.p99Ms),
        ms(o.maxMs),
        int(o.queuedAtSend),
        pct(o.serverCpuPct),
        pct(o.serverEventLoopUtilization * 100),
        pct(o.postgresCpuPct),
        pct(o.otherCpuPct),
        p99Goal(r),
      ]),
    );
  }
  return lines;
}

/**
 * The `sqlByPageSize` counts: scenarios measured at page sizes (`first: n` labels) in one table,
 * those measured on inputs of different sizes (e.g. `short record`, `long record`) in another.
 * A label's `rows at <label>` entry, when present, is shown in brackets.
 */
function pageSizeTable(results: BenchResults): string[] {
  const counted = results.scenarios.filter((r) => r.sqlByPageSize);
  const isPageLabel = (k: string) => k.startsWith('first:');
  const isSizeLabel = (k: string, counts: Record<string, number>) =>
    !isPageLabel(k) && !k.startsWith('rows at ') && `rows at ${k}` in counts;
  // A scenario measured both ways (the supervision record: page sizes, and a short against a
  // long record) is in both tables.
  const paged = counted.filter((r) => Object.keys(r.sqlByPageSize!).some(isPageLabel));
  const sized = counted.filter((r) => Object.keys(r.sqlByPageSize!).some((k) => isSizeLabel(k, r.sqlByPageSize!)));
  return [
    ...countTable(
      results,
      paged,
      'SQL statements per GraphQL request by page size (`x-sql-statements` of one request; rows returned in brackets):',
      'Independent of page size',
      isPageLabel,
    ),
    ...countTable(
      results,
      sized,
      'SQL statements per GraphQL request by data size (`x-sql-statements` of one request; items returned in brackets):',
      'Independent of size',
      isSizeLabel,
    ),
  ];
}

function countTable(
  results: BenchResults,
  scenarios: ScenarioResult[],
  title: string,
  verdict: string,
  isLabel: (key: string, counts: Record<string, number>) => boolean,
): string[] {
  if (!scenarios.length) return [];
  const sizes = [...new Set(scenarios.flatMap((r) => Object.keys(r.sqlByPageSize!).filter((k) => isLabel(k, r.sqlByPageSize!))))];
  // Page sizes in numeric order, whichever scenario measured which (`first: 25` after `first: 10`).
  const pageSize = (k: string) => Number(/^first: (\d+)$/.exec(k)?.[1] ?? NaN);
  if (sizes.every((k) => !Number.isNaN(pageSize(k)))) sizes.sort((a, b) => pageSize(a) - pageSize(b));
  const lines = ['', title, '', row(['Scenario', ...sizes, verdict]), row(['---', ...sizes.map(() => '---:'), '---'])];
  for (const r of scenarios) {
    // Sizes another scenario measured and this one did not (n/a) do not count against it.
    const counts = sizes.map((k) => r.sqlByPageSize![k]).filter((c) => c !== undefined);
    const same = counts.every((c) => c === counts[0]);
    lines.push(
      row([
        label(r, results),
        ...sizes.map((k) => `${r.sqlByPageSize![k] ?? 'n/a'} (${r.sqlByPageSize![`rows at ${k}`] ?? '?'})`),
        same ? 'yes' : 'no',
      ]),
    );
  }
  return lines;
}

/** Issue 26: the largest data set's p50 and p99 within this factor of the smallest's. */
export const FLAT_CURVE_FACTOR = 1.5;

/**
 * The flat-curve check, when the run covered several data sets: per scale, the median p50 and
 * p99 of GraphQL over the open-loop runs at the same share of its maximum rate; the goals of
 * issue 26: p99 under the scenario's goal at each scale, the largest data set's p50 and p99
 * within {@link FLAT_CURVE_FACTOR} of the smallest's, and the statements per request the same.
 */
function scaleTable(results: BenchResults): string[] {
  const scales = results.settings.scales;
  if (scales.length < 2) return [];
  const names = [...new Set(results.scenarios.map((r) => r.name))];
  const at = (name: string, scale: string) => results.scenarios.find((r) => r.name === name && r.scale === scale);
  const cadresOf = (scale: string) => results.datasets.find((d) => d.scale === scale)?.cadres ?? 0;
  const bySize = [...scales].sort((a, b) => cadresOf(a) - cadresOf(b));
  const [smallest, largest] = [bySize[0]!, bySize[bySize.length - 1]!];
  const runs = Math.max(1, ...results.scenarios.map((r) => r.openLoop?.rounds ?? 1));
  const factor = (key: 'p50Ms' | 'p99Ms', a: ScenarioResult | undefined, b: ScenarioResult | undefined) => {
    if (!a?.openLoop || !b?.openLoop) return 'n/a';
    const f = b.openLoop[key] / a.openLoop[key];
    return `${f.toFixed(2)} ${f <= FLAT_CURVE_FACTOR ? 'met' : 'missed'}`;
  };
  const lines = [
    '',
    `The flat curve: GraphQL at ${Math.round(results.settings.openLoopShare * 100)}% of its maximum rate on each data set, ` +
      `p50 / p99 in ms as the median of ${runs} open-loop run${runs === 1 ? '' : 's'} (max req/s in brackets):`,
    '',
    row([
      'Scenario',
      ...scales.map((sc) => `${sc} (${int(cadresOf(sc))} cadres)`),
      'p99 goal at each scale',
      `${largest} ÷ ${smallest} p50 (≤ ${FLAT_CURVE_FACTOR})`,
      `${largest} ÷ ${smallest} p99 (≤ ${FLAT_CURVE_FACTOR})`,
      'SQL/req fixed',
    ]),
    row(['---', ...scales.map(() => '---:'), '---', '---:', '---:', '---']),
  ];
  for (const name of names) {
    const cells = scales.map((sc) => at(name, sc));
    const measured = cells.filter((c): c is ScenarioResult => !!c?.openLoop);
    const goal = measured.find((c) => c.p99GoalMs !== null)?.p99GoalMs ?? null;
    const sql = [...new Set(measured.map((c) => c.openLoop!.sqlPerRequest))];
    lines.push(
      row([
        name,
        ...cells.map((c) =>
          c?.openLoop ? `${ms(c.openLoop.p50Ms)} / ${ms(c.openLoop.p99Ms)} (${int(c.openLoop.maxRps)})` : 'n/a',
        ),
        goal === null || !measured.length
          ? 'n/a'
          : `< ${goal} ms ${
              measured.every((c) => c.p99GoalMet)
                ? 'met'
                : `missed (${measured
                    .filter((c) => !c.p99GoalMet)
                    .map((c) => c.scale)
                    .join(', ')})`
            }`,
        factor('p50Ms', at(name, smallest), at(name, largest)),
        factor('p99Ms', at(name, smallest), at(name, largest)),
        sql.length === 1 && sql[0] !== null ? `yes (${sql[0]})` : `no (${sql.join(', ')})`,
      ]),
    );
  }
  return lines;
}

/** Jobs: wall time and the process's peak memory, against their goals. */
function jobsTable(results: BenchResults): string[] {
  const jobs = results.jobs ?? [];
  if (!jobs.length) return [];
  const lines = [
    '',
    row(['Job', 'Data set', 'Run', 'Outcome', 'Rows', 'Created', 'Unchanged', 'Time s', 'Peak memory MB', 'Goal']),
    row(['---', '---', '---', '---', '---:', '---:', '---:', '---:', '---:', '---']),
  ];
  for (const j of jobs) {
    for (const r of j.runs) {
      const met = r.seconds < j.goals.seconds && r.peakRssMb < j.goals.peakRssMb;
      lines.push(
        row([
          `${j.name} (${j.fileMb.toFixed(1)} MB file)`,
          j.scale,
          r.label,
          r.problems ? `${r.outcome}, ${r.problems} problems` : r.outcome,
          int(r.rows),
          int(r.created),
          int(r.unchanged),
          r.seconds.toFixed(1),
          r.peakRssMb.toFixed(0),
          `< ${j.goals.seconds} s, < ${j.goals.peakRssMb} MB ${met ? 'met' : 'missed'}`,
        ]),
      );
    }
  }
  return lines;
}
