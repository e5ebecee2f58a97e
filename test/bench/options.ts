import { parseArgs } from 'node:util';

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
  --check             exit 1 when a scenario misses its goal ratio
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

const SPEC = {
  duration: { type: 'string' },
  warmup: { type: 'string' },
  connections: { type: 'string' },
  rounds: { type: 'string' },
  only: { type: 'string', multiple: true },
  'log-level': { type: 'string' },
  json: { type: 'string' },
  check: { type: 'boolean' },
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
    help: values.help ?? false,
  };
}
