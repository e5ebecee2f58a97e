import { parseArgs } from 'node:util';
import { type GenScale, isGenScale, SCALES } from '../../src/demo/cadres.generator';

/** A wrong command line: reported as its message and the usage, without a stack. */
export class UsageError extends Error {}

export interface BenchOptions {
  durationS: number;
  warmupS: number;
  /** GraphQL/baseline pairs measured per scenario; the median ratio is reported. */
  rounds: number;
  connections: number;
  /** Scenario names to run; empty = all. */
  only: string[];
  logLevel: string;
  jsonPath: string | undefined;
  /** Exit 1 when a scenario misses its goal ratio. */
  check: boolean;
  /** Data sets to measure on, in order: each gets a fresh database filled by `generateData`. */
  scales: GenScale[];
  /** Share of the measured closed-loop maximum offered in the open-loop run (0: skip it). */
  openLoopShare: number;
  /** Open-loop runs per scenario: the per-scale table shows the median p50 and p99 over them. */
  openLoopRounds: number;
  /** Reports `generateReports` adds for the report-list scenarios (only when one of them runs). */
  reports: number;
  /** Satisfaction answers `generateQualityWork` adds for the targets scenarios (only when one of them runs). */
  satisfaction: number;
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]

  --duration <s>      measured seconds per target (default 10)
  --warmup <s>        unmeasured seconds before each measurement (default 5: the GraphQL
                      path needs about that long to reach its steady speed)
  --connections <n>   concurrent keep-alive connections (default 32)
  --rounds <n>        measure each scenario's pair n times, alternating the order, and
                      report the round with the median ratio (default 1)
  --only <names>      run only these scenarios (comma-separated, or repeat the option)
  --log-level <lvl>   the app's LOG_LEVEL while measured (default silent)
  --json <file>       where to write the results (default dist/bench-results.json)
  --scales <list>     data sets to run on, comma-separated, each in a fresh database filled
                      by generateData: ${Object.keys(SCALES).join(', ')} (default province;
                      nation takes about 75 s to generate). Several scales add a table of
                      p99 at half the maximum rate per scale (the flat-curve check)
  --open-loop <share> after the closed-loop run, offer this share of the GraphQL side's
                      measured maximum on a fixed schedule and report its latency
                      (default 0.5; 0 skips it)
  --open-loop-rounds <n>
                      open-loop runs per scenario; the per-scale table shows the median
                      p50 and p99 over them (default 3)
  --reports <n>       reports generated (generateReports) for the report-list scenarios,
                      only when one of them is selected (default 1000000, about a minute)
  --satisfaction <n>  satisfaction answers generated (generateQualityWork) for the targets
                      scenarios, only when one of them is selected (default 2000000)
  --check             exit 1 when a scenario misses one of its goals
  --help              this text

Uses DATABASE_URL's server when set (in a database of its own, dropped at the end), otherwise an
embedded PostgreSQL in a temporary folder.`;

function positive(name: string, raw: string | undefined, def: number, integer: boolean): number {
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be a positive ${integer ? 'whole ' : ''}number, got "${raw}"`);
  }
  return n;
}

function parseScales(raw: string[] | undefined): GenScale[] {
  const names = (raw ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  if (!names.length) return ['province'];
  for (const name of names) {
    if (!isGenScale(name)) throw new UsageError(`unknown scale "${name}"; known: ${Object.keys(SCALES).join(', ')}`);
  }
  return [...new Set(names)] as GenScale[];
}

function parseShare(raw: string | undefined): number {
  if (raw === undefined) return 0.5;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new UsageError(`--open-loop must be a share between 0 and 1, got "${raw}"`);
  return n;
}

const SPEC = {
  duration: { type: 'string' },
  warmup: { type: 'string' },
  connections: { type: 'string' },
  rounds: { type: 'string' },
  only: { type: 'string', multiple: true },
  'log-level': { type: 'string' },
  json: { type: 'string' },
  check: { type: 'boolean' },
  scales: { type: 'string', multiple: true },
  'open-loop': { type: 'string' },
  'open-loop-rounds': { type: 'string' },
  reports: { type: 'string' },
  satisfaction: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseOptions(argv: string[]): BenchOptions {
  let values: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof SPEC; strict: true; allowPositionals: false }>
  >['values'];
  try {
    ({ values } = parseArgs({ args: argv, options: SPEC, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  return {
    durationS: positive('duration', values.duration, 10, false),
    warmupS: values.warmup === '0' ? 0 : positive('warmup', values.warmup, 5, false),
    connections: positive('connections', values.connections, 32, true),
    rounds: positive('rounds', values.rounds, 1, true),
    only: (values.only ?? [])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean),
    logLevel: values['log-level'] ?? 'silent',
    jsonPath: values.json,
    check: values.check ?? false,
    scales: parseScales(values.scales),
    openLoopShare: parseShare(values['open-loop']),
    openLoopRounds: positive('open-loop-rounds', values['open-loop-rounds'], 3, true),
    reports: positive('reports', values.reports, 1_000_000, true),
    satisfaction: positive('satisfaction', values.satisfaction, 2_000_000, true),
    help: values.help ?? false,
  };
}
