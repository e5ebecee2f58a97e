/**
 * The only module that reads `process.env`. Every setting is declared once here with its
 * default and description; `.env.example` and the README's configuration table list the same
 * keys (a test keeps them in step). A wrong value stops the process at start with a message
 * naming the variable.
 */

type Parser<T> = (raw: string, key: string) => T;

interface Setting<T> {
  /** What the setting does, for the README and `.env.example`. */
  description: string;
  /** Default as written in the environment; `undefined` means "unset". */
  default: string | undefined;
  parse: Parser<T>;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const integer =
  (min: number, max: number): Parser<number> =>
  (raw, key) => {
    if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(`${key} phải là số nguyên, đang là "${raw}"`);
    const n = Number(raw);
    if (n < min || n > max) throw new ConfigError(`${key} phải trong khoảng ${min} đến ${max}, đang là ${n}`);
    return n;
  };

const boolean: Parser<boolean> = (raw, key) => {
  const v = raw.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no'].includes(v)) return false;
  throw new ConfigError(`${key} phải là true hoặc false, đang là "${raw}"`);
};

const text: Parser<string> = (raw) => raw;

const oneOf =
  <T extends string>(...values: T[]): Parser<T> =>
  (raw, key) => {
    if (!(values as string[]).includes(raw)) {
      throw new ConfigError(`${key} phải là một trong ${values.join(', ')}, đang là "${raw}"`);
    }
    return raw as T;
  };

const postgresUrl: Parser<string> = (raw, key) => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${key} phải là một URL như postgres://user:pass@host:5432/db`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`${key} phải dùng lược đồ postgres://, đang là "${url.protocol}"`);
  }
  return raw;
};

/** A URL with one of `schemes` (each written with its colon, as `URL.protocol` gives it). */
const urlOf =
  (example: string, ...schemes: string[]): Parser<string> =>
  (raw, key) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError(`${key} phải là một URL như ${example}`);
    }
    if (!schemes.includes(url.protocol)) {
      const names = schemes.map((p) => `${p}//`).join(' hoặc ');
      throw new ConfigError(`${key} phải dùng lược đồ ${names}, đang là "${url.protocol}"`);
    }
    return raw;
  };

const redisUrl = urlOf('redis://127.0.0.1:6379', 'redis:', 'rediss:');
const httpUrl = urlOf('http://127.0.0.1:4318', 'http:', 'https:');

const secret: Parser<string> = (raw, key) => {
  if (Buffer.byteLength(raw) < 32) throw new ConfigError(`${key} phải dài ít nhất 32 byte`);
  return raw;
};

function setting<T>(description: string, def: string | undefined, parse: Parser<T>): Setting<T> {
  return { description, default: def, parse };
}

/** Every environment variable the service reads, in README order. */
export const SETTINGS = {
  NODE_ENV: setting(
    '`development`, `test` or `production`. Production turns off introspection, field suggestions and demo data.',
    'development',
    oneOf('development', 'test', 'production'),
  ),
  HOST: setting('Address the HTTP server binds to.', '0.0.0.0', text),
  PORT: setting('HTTP port for GraphQL (HTTP and WebSocket), health checks and the board.', '4000', integer(0, 65535)),
  LOG_LEVEL: setting('pino log level.', 'info', oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent')),
  DATABASE_URL: setting(
    'PostgreSQL 15-18 database the API uses, signed in as the app role (`giamsat_app`: no superuser, owns nothing, bound by row-level security; see docs/operations.md). Unset: start the embedded PostgreSQL in `EMBEDDED_PG_DIR`, with both roles set up automatically.',
    undefined,
    postgresUrl,
  ),
  MIGRATION_DATABASE_URL: setting(
    'The same database signed in as the owner role (`giamsat_owner`), for migrations (RUN_MIGRATIONS) and the command-line tools. Unset: DATABASE_URL (then that role must own the schema, and is not bound by row-level security); derived automatically with the embedded PostgreSQL.',
    undefined,
    postgresUrl,
  ),
  DB_POOL_SIZE: setting(
    'Connections in the pool of each instance, at most; each stays open once opened (a fixed-size pool), so a burst after a quiet spell does not wait for new backends.',
    '10',
    integer(1, 200),
  ),
  DATA_DIR: setting(
    'Folder for local state that must stay out of git: generated demo keys and, by default, the embedded database.',
    './.data',
    text,
  ),
  EMBEDDED_PG_DIR: setting(
    'Data folder of the embedded PostgreSQL (used when DATABASE_URL is unset). Default: `<DATA_DIR>/postgres`.',
    undefined,
    text,
  ),
  EMBEDDED_PG_PORT: setting(
    'Port of the embedded PostgreSQL; 0 picks a free port (never clashes with a server on 5432).',
    '0',
    integer(0, 65535),
  ),
  RUN_MIGRATIONS: setting('Run pending migrations on start.', 'true', boolean),
  DEMO_SEED: setting(
    'Seed the demo ward on an empty database. Defaults to on with the embedded database; never in production.',
    undefined,
    boolean,
  ),
  DEMO_PASSWORD: setting('Password of the demo accounts.', 'anbien-demo-2025', text),
  JWT_SECRET: setting(
    'HMAC key (32+ bytes) that signs access tokens. Required in production; in demo mode a key file is generated in the data folder.',
    undefined,
    secret,
  ),
  OPS_TOKEN: setting(
    'Bearer token (32+ bytes) for operators: with it, GET /readyz names each check and its state, and GET /metrics answers (401 without it, on PORT and on METRICS_PORT alike). Without it, anyone gets the readiness status only (nothing about hosts, ports or errors), and /metrics is served on METRICS_PORT alone.',
    undefined,
    secret,
  ),
  METRICS_PORT: setting(
    'Port of a second listener that serves only GET /metrics (Prometheus), on METRICS_HOST; unset: none. Without OPS_TOKEN this is the only place metrics are served, and the listener asks for no token (keep it on loopback or a private network); with OPS_TOKEN it asks for the token too. 0 picks a free port.',
    undefined,
    integer(0, 65535),
  ),
  METRICS_HOST: setting('Address the METRICS_PORT listener binds to.', '127.0.0.1', text),
  OTEL_EXPORTER_OTLP_ENDPOINT: setting(
    'Base URL of an OpenTelemetry collector (OTLP over HTTP, e.g. `http://127.0.0.1:4318`); traces of HTTP requests, GraphQL operations and PostgreSQL queries go to `<URL>/v1/traces`. Unset: no tracing, and no tracing code is loaded. The exporter also reads the other standard `OTEL_EXPORTER_OTLP_*` and `OTEL_BSP_*` variables (headers, protocol, timeouts, batching).',
    undefined,
    httpUrl,
  ),
  OTEL_SERVICE_NAME: setting('`service.name` of the traces sent to OTEL_EXPORTER_OTLP_ENDPOINT.', 'giamsat', text),
  BACKUP_DIR: setting(
    'Folder of the daily backup on the embedded PostgreSQL (the server takes one backup a day at BACKUP_HOUR and keeps BACKUP_KEEP). Unset: no daily backup. Put it on another disk than DATA_DIR. Ignored with DATABASE_URL (back up that server with its own tools or `npm run backup`).',
    undefined,
    text,
  ),
  BACKUP_HOUR: setting('Hour of the day (server local time, 0-23) of the daily backup.', '2', integer(0, 23)),
  BACKUP_KEEP: setting(
    'Daily backups kept in BACKUP_DIR; older ones are deleted after a new one succeeds.',
    '7',
    integer(1, 3650),
  ),
  JWT_ISSUER: setting('`iss` of issued tokens; tokens with another issuer are refused.', 'giamsat', text),
  JWT_AUDIENCE: setting('`aud` of issued tokens; tokens with another audience are refused.', 'giamsat-api', text),
  JWT_TTL_SECONDS: setting('Lifetime of an access token.', '3600', integer(60, 7 * 24 * 3600)),
  LOGIN_MAX_FAILURES: setting(
    'Failed logins for one email from one client address before that pair waits (LOGIN_LOCKOUT_SECONDS, doubling). Other accounts behind the same address, and the same account from elsewhere, are not held.',
    '5',
    integer(1, 1000),
  ),
  LOGIN_MAX_FAILURES_PER_ADDRESS: setting(
    'Failed logins from one client address, whatever the email, before the address waits: higher than LOGIN_MAX_FAILURES, since a ward office shares one address.',
    '50',
    integer(1, 100000),
  ),
  LOGIN_ACCOUNT_SLOWDOWN_AFTER: setting(
    'Failed logins for one email, from any address, after which every sign-in for it is delayed (1 s, doubling, at most 8 s) rather than refused, so that its owner is never locked out.',
    '10',
    integer(1, 100000),
  ),
  LOGIN_LOCKOUT_SECONDS: setting(
    'First wait after too many failures; it doubles with each further failure (capped at 15 minutes).',
    '30',
    integer(1, 3600),
  ),
  TRUST_PROXY: setting(
    'Express `trust proxy` setting: hops of reverse proxies whose X-Forwarded-For is believed for the client address.',
    '0',
    integer(0, 10),
  ),
  IDENTITY_KEYS: setting(
    "Keys that seal reporters' identities (AES-256-GCM): `id:base64key,...`, 32-byte keys, the first one active, older ones kept to read old values. Required in production; in demo mode a key file is generated in the data folder.",
    undefined,
    text,
  ),
  RECEIPT_SECRET: setting(
    'HMAC key (32+ bytes) under which receipt codes are stored as hashes. Required in production; generated in demo mode.',
    undefined,
    secret,
  ),
  REPORT_SUBMITS_PER_HOUR: setting('Public report submissions one client address may make per hour.', '20', integer(1, 100000)),
  REPORT_TRACKS_PER_HOUR: setting(
    'Public tracking requests (and reporter messages) one client address may make per hour.',
    '120',
    integer(1, 100000),
  ),
  SATISFACTION_SUBMITS_PER_HOUR: setting(
    'Public satisfaction-survey answers (submitSatisfaction) one client address may send per hour.',
    '30',
    integer(1, 100000),
  ),
  DIRECTORY_SEARCHES_PER_HOUR: setting(
    'Public name searches of the directory (publicDirectory, the citizen page’s “who is it about” search) one client address may make per hour. A search as one types costs a few.',
    '300',
    integer(1, 100000),
  ),
  EVIDENCE_UPLOADS_PER_HOUR: setting('Public evidence uploads one client address may make per hour.', '20', integer(1, 100000)),
  IMPORT_MAX_FILE_BYTES: setting(
    'Largest spreadsheet (XLSX or CSV) accepted by an import, upload or command; a larger one is refused before it is read (HTTP 413). 20 MiB holds well over 100,000 rows.',
    '20971520',
    integer(1024, 200 * 1024 * 1024),
  ),
  IMPORT_MAX_ROWS: setting(
    'Most data rows one imported file may have; more is refused, nothing imported.',
    '100000',
    integer(1, 1000000),
  ),
  GRAPHQL_MAX_DEPTH: setting('Deepest selection a document may have.', '6', integer(1, 100)),
  GRAPHQL_MAX_ALIASES: setting('Most aliases a document may use.', '15', integer(0, 1000)),
  GRAPHQL_MAX_TOKENS: setting('Most lexical tokens a document may have.', '1000', integer(10, 100000)),
  GRAPHQL_MAX_COST: setting(
    'Most objects a response may hold, as the cost rule counts them (src/graphql/cost-limit.ts): each object field 1, times the size of its list (`first`, `count`, a variable at its documented maximum; an unbounded list 10). The largest page of any list with one level of nested objects costs 6,500 (units, first: 500); 12,000 lets a screen add a second full page and refuses lists nested three deep under a full page.',
    '12000',
    integer(1, 10000000),
  ),
  HTTP_BODY_LIMIT_BYTES: setting('Largest request body accepted on /graphql.', '1048576', integer(1024, 100 * 1024 * 1024)),
  WS_MAX_PAYLOAD_BYTES: setting('Largest WebSocket message accepted.', '65536', integer(1024, 10 * 1024 * 1024)),
  WS_CONNECTION_INIT_TIMEOUT_MS: setting(
    'Time a WebSocket has to send `connection_init` before it is closed with 4408.',
    '5000',
    integer(100, 60000),
  ),
  HTTP_HEADERS_TIMEOUT_MS: setting(
    "Time a client has to send a request's headers; a slower one (a slow-loris client) is answered 408 and cut off.",
    '20000',
    integer(1000, 120000),
  ),
  HTTP_REQUEST_TIMEOUT_MS: setting(
    'Time a client has to send a whole request, body included; past it the request is answered 408 and closed. The default lets a 10 MiB upload through at about 40 KB/s.',
    '300000',
    integer(1000, 3600000),
  ),
  UPLOAD_IDLE_TIMEOUT_MS: setting(
    'An upload (evidence, imports) that sends no byte for this long is refused with 408 and nothing of it is stored.',
    '30000',
    integer(100, 600000),
  ),
  SHUTDOWN_TIMEOUT_MS: setting('How long shutdown waits for requests to drain before closing them.', '10000', integer(0, 120000)),
  BOARD_DUE_SOON_DAYS: setting(
    "Days before its due date at which an open report counts as due soon: the board's `dueSoonCount` and the REPORT_DUE_SOON alert.",
    '3',
    integer(1, 60),
  ),
  DEADLINE_WATCH_INTERVAL_MS: setting(
    'How often every instance looks for reports that became due soon or overdue (0 turns the watcher off in this instance).',
    '60000',
    integer(0, 24 * 3600 * 1000),
  ),
  DEADLINE_WATCH_LOOKBACK_DAYS: setting(
    "How far past its due date a report is still worth a REPORT_OVERDUE alert when the watcher first sees it (every instance down that long): older crossings only show in the board's counts and lists. Bounds each run's scan.",
    '7',
    integer(1, 3650),
  ),
  PERIODIC_REPORT_CHECK_INTERVAL_MS: setting(
    'How often every instance looks for periodic report periods that have ended and prepares their drafts (the day after a period ends, once across instances; 0 turns the job off in this instance).',
    '3600000',
    integer(0, 24 * 3600 * 1000),
  ),
  REMINDER_CHECK_INTERVAL_MS: setting(
    "How often every instance checks whether the day's reminder digests (bản nhắc việc hằng ngày) are due and sends the e-mails still owed (once per account and day across instances; 0 turns the job off in this instance).",
    '600000',
    integer(0, 24 * 3600 * 1000),
  ),
  REMINDER_HOUR: setting(
    "Hour of the day in Vietnam (Asia/Ho_Chi_Minh, 0-23) from which the day's reminder digests are prepared.",
    '7',
    integer(0, 23),
  ),
  REMINDER_DAYS_AHEAD: setting(
    'Working days ahead (legal calendar: weekends and holidays skipped) a reminder digest looks: it lists what falls due by the end of the N-th working day after today, and everything overdue.',
    '3',
    integer(1, 30),
  ),
  SMTP_URL: setting(
    "Mail server for the reminder digests, e.g. smtp://user:pass@mail.example:587 (STARTTLS when offered) or smtps://…:465. Unset: digests go to the board only, no e-mail. Mail goes only to staff accounts' addresses, never to reporters.",
    undefined,
    urlOf('smtp://user:pass@127.0.0.1:587', 'smtp:', 'smtps:'),
  ),
  MAIL_FROM: setting(
    'Sender of the reminder e-mails (From:), an address or `Name <address>`.',
    'Giám sát An Biên <giamsat@localhost>',
    text,
  ),
  PRESENCE_POLL_MS: setting(
    'How often an instance with presence subscribers reads who is working on what (one query per instance, whatever the number of subscribers).',
    '1000',
    integer(100, 60000),
  ),
  PRESENCE_TTL_MS: setting(
    'How long presence rows of an instance that stopped renewing them (crashed, cut off) stay visible; each instance renews its rows every third of this.',
    '15000',
    integer(1000, 600000),
  ),
  DEMO_ACTIVITY: setting(
    'Write a plausible new report, transition or finding every few seconds through the normal services, so a demonstration shows a live board. Never in production.',
    'false',
    boolean,
  ),
  DEMO_ACTIVITY_INTERVAL_MS: setting('Time between two writes of the demo activity.', '5000', integer(200, 3600000)),
  EVENT_DOORBELL: setting(
    "What wakes every instance when board events commit: `postgres` (LISTEN/NOTIFY, no extra service) or `redis` (pub/sub on `REDIS_URL`, for when NOTIFY's commit lock becomes the bottleneck). Either may drop a ring: the outbox table is the truth.",
    'postgres',
    oneOf('postgres', 'redis'),
  ),
  REDIS_URL: setting(
    'Redis server of the `redis` doorbell, e.g. `redis://127.0.0.1:6379`. Required when EVENT_DOORBELL=redis.',
    undefined,
    redisUrl,
  ),
  EVENT_POLL_INTERVAL_MS: setting(
    'Safety net: each instance also reads the outbox this often, in case a doorbell ring was lost.',
    '3000',
    integer(100, 600000),
  ),
  EVENT_READ_BATCH: setting(
    'Most outbox rows read in one statement (delivery reads again at once while a batch comes back full).',
    '500',
    integer(1, 10000),
  ),
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: setting(
    'Most operations open at once on one WebSocket; a subscribe beyond it gets an error (the others keep running).',
    '100',
    integer(1, 100000),
  ),
  WS_MAX_BUFFERED_BYTES: setting(
    'Bytes a WebSocket may have waiting to be sent; a client that falls further behind is closed with 4413 (it reconnects with its last cursor) so it never slows the others.',
    '1048576',
    integer(1024, 1024 * 1024 * 1024),
  ),
  WS_FANOUT_SLICE: setting(
    'Subscribers an event is handed to before the fan-out yields a turn of the event loop (so a burst to thousands of sockets never holds a request); it also yields every 50 events of a batch. Larger slices favour delivery throughput, smaller ones request latency during a burst.',
    '256',
    integer(16, 1000000),
  ),
  WS_FANOUT_SLICE_MS: setting(
    'Milliseconds one slice of the fan-out may hold the event loop before it yields a turn (whichever comes first, this or WS_FANOUT_SLICE subscribers). Requests wait at most about this long behind a burst; longer slices deliver a burst to thousands of sockets sooner.',
    '10',
    integer(1, 1000),
  ),
  WS_PING_INTERVAL_MS: setting(
    'How often every WebSocket is pinged (protocol-level ping); a socket that has not answered the previous ping is terminated. 0 turns it off.',
    '15000',
    integer(0, 3600000),
  ),
  WS_AUTH_RECHECK_MS: setting(
    'Backstop: how often the accounts behind open WebSockets are re-read from the database (one statement for all). Account changes reach their sockets through the event feed at once, and a token ends at its `exp`; this only catches a change that reached the table without its outbox row.',
    '30000',
    integer(100, 600000),
  ),
} as const;

export type SettingKey = keyof typeof SETTINGS;

export interface Config {
  readonly nodeEnv: 'development' | 'test' | 'production';
  readonly isProduction: boolean;
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  /** `undefined` when the embedded PostgreSQL is to be used. */
  readonly databaseUrl: string | undefined;
  /** The owner role's URL for migrations and tools; `undefined`: DATABASE_URL (or the embedded default). */
  readonly migrationDatabaseUrl: string | undefined;
  readonly dbPoolSize: number;
  readonly dataDir: string;
  readonly embeddedPgDir: string;
  readonly embeddedPgPort: number;
  readonly runMigrations: boolean;
  /** Resolved: explicit DEMO_SEED, else on for the embedded database; always off in production. */
  readonly demoSeed: boolean;
  readonly demoPassword: string;
  /** `undefined` in demo mode until the key file is read (see `resolveJwtSecret`). */
  readonly jwtSecret: string | undefined;
  readonly opsToken: string | undefined;
  /** `undefined`: no separate metrics listener. */
  readonly metricsPort: number | undefined;
  readonly metricsHost: string;
  /** OpenTelemetry traces; `endpoint` undefined: off. */
  readonly otel: { readonly endpoint: string | undefined; readonly serviceName: string };
  /** The daily backup on the embedded PostgreSQL; `dir` undefined: off. */
  readonly backup: { readonly dir: string | undefined; readonly hour: number; readonly keep: number };
  readonly jwtIssuer: string;
  readonly jwtAudience: string;
  readonly jwtTtlSeconds: number;
  readonly loginMaxFailures: number;
  readonly loginLockoutSeconds: number;
  readonly loginMaxFailuresPerAddress: number;
  readonly loginAccountSlowdownAfter: number;
  readonly trustProxy: number;
  /** `undefined` in demo mode until the key file is read. */
  readonly identityKeys: string | undefined;
  readonly receiptSecret: string | undefined;
  readonly reportSubmitsPerHour: number;
  readonly reportTracksPerHour: number;
  readonly evidenceUploadsPerHour: number;
  readonly satisfactionSubmitsPerHour: number;
  readonly directorySearchesPerHour: number;
  readonly importMaxFileBytes: number;
  readonly importMaxRows: number;
  readonly graphql: {
    readonly maxDepth: number;
    readonly maxAliases: number;
    readonly maxTokens: number;
    readonly maxCost: number;
  };
  readonly httpBodyLimitBytes: number;
  readonly wsMaxPayloadBytes: number;
  readonly wsConnectionInitTimeoutMs: number;
  readonly httpHeadersTimeoutMs: number;
  readonly httpRequestTimeoutMs: number;
  readonly uploadIdleTimeoutMs: number;
  readonly shutdownTimeoutMs: number;
  /** The live board (src/modules/board). */
  readonly board: {
    readonly dueSoonDays: number;
    /** 0: no deadline watcher in this instance. */
    readonly deadlineWatchIntervalMs: number;
    readonly deadlineWatchLookbackDays: number;
    /** 0: no periodic report drafts prepared by this instance. */
    readonly periodicReportCheckIntervalMs: number;
    /** The daily reminder digests (src/modules/reminders). */
    readonly reminders: {
      /** 0: no digests prepared or mailed by this instance. */
      readonly checkIntervalMs: number;
      readonly hour: number;
      readonly daysAhead: number;
      /** undefined: no e-mail. */
      readonly smtpUrl: string | undefined;
      readonly mailFrom: string;
    };
    readonly presencePollMs: number;
    readonly presenceTtlMs: number;
    /** Always false in production. */
    readonly demoActivity: boolean;
    readonly demoActivityIntervalMs: number;
  };
  readonly events: {
    readonly doorbell: 'postgres' | 'redis';
    readonly redisUrl: string | undefined;
    readonly pollIntervalMs: number;
    readonly readBatch: number;
  };
  readonly wsMaxSubscriptionsPerSocket: number;
  readonly wsMaxBufferedBytes: number;
  readonly wsFanOutSlice: number;
  readonly wsFanOutSliceMs: number;
  readonly wsPingIntervalMs: number;
  readonly wsAuthRecheckMs: number;
}

type Env = Record<string, string | undefined>;

function read<K extends SettingKey>(env: Env, key: K): ReturnType<(typeof SETTINGS)[K]['parse']> | undefined {
  const s = SETTINGS[key];
  const raw = env[key] !== undefined && env[key] !== '' ? env[key] : s.default;
  if (raw === undefined) return undefined;
  return s.parse(raw, key) as ReturnType<(typeof SETTINGS)[K]['parse']>;
}

function required<T>(value: T | undefined, key: SettingKey): T {
  if (value === undefined) throw new ConfigError(`thiếu ${key}`);
  return value;
}

/**
 * Builds the frozen configuration from an environment (by default `process.env`), or throws a
 * {@link ConfigError} naming the first variable that is wrong.
 */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const nodeEnv = required(read(env, 'NODE_ENV'), 'NODE_ENV');
  const isProduction = nodeEnv === 'production';
  const databaseUrl = read(env, 'DATABASE_URL');
  const explicitDemo = read(env, 'DEMO_SEED');
  if (isProduction && explicitDemo === true) {
    throw new ConfigError('DEMO_SEED không được là true khi NODE_ENV=production');
  }
  const jwtSecret = read(env, 'JWT_SECRET');
  if (isProduction && jwtSecret === undefined) {
    throw new ConfigError('cần có JWT_SECRET khi NODE_ENV=production');
  }
  for (const key of ['IDENTITY_KEYS', 'RECEIPT_SECRET'] as const) {
    if (isProduction && read(env, key) === undefined) throw new ConfigError(`cần có ${key} khi NODE_ENV=production`);
  }
  const demoActivity = required(read(env, 'DEMO_ACTIVITY'), 'DEMO_ACTIVITY');
  if (isProduction && demoActivity) {
    throw new ConfigError('DEMO_ACTIVITY không được là true khi NODE_ENV=production');
  }
  const doorbell = required(read(env, 'EVENT_DOORBELL'), 'EVENT_DOORBELL');
  const redis = read(env, 'REDIS_URL');
  if (doorbell === 'redis' && redis === undefined) throw new ConfigError('cần có REDIS_URL khi EVENT_DOORBELL=redis');
  if (isProduction && databaseUrl === undefined) {
    throw new ConfigError(
      'cần có DATABASE_URL khi NODE_ENV=production (cơ sở dữ liệu nhúng chỉ dành cho trình diễn và kiểm thử)',
    );
  }
  const config: Config = {
    nodeEnv,
    isProduction,
    host: required(read(env, 'HOST'), 'HOST'),
    port: required(read(env, 'PORT'), 'PORT'),
    logLevel: required(read(env, 'LOG_LEVEL'), 'LOG_LEVEL'),
    databaseUrl,
    migrationDatabaseUrl: read(env, 'MIGRATION_DATABASE_URL'),
    dbPoolSize: required(read(env, 'DB_POOL_SIZE'), 'DB_POOL_SIZE'),
    dataDir: required(read(env, 'DATA_DIR'), 'DATA_DIR'),
    embeddedPgDir: read(env, 'EMBEDDED_PG_DIR') ?? `${required(read(env, 'DATA_DIR'), 'DATA_DIR')}/postgres`,
    embeddedPgPort: required(read(env, 'EMBEDDED_PG_PORT'), 'EMBEDDED_PG_PORT'),
    runMigrations: required(read(env, 'RUN_MIGRATIONS'), 'RUN_MIGRATIONS'),
    demoSeed: !isProduction && (explicitDemo ?? databaseUrl === undefined),
    demoPassword: required(read(env, 'DEMO_PASSWORD'), 'DEMO_PASSWORD'),
    jwtSecret,
    opsToken: read(env, 'OPS_TOKEN'),
    metricsPort: read(env, 'METRICS_PORT'),
    metricsHost: required(read(env, 'METRICS_HOST'), 'METRICS_HOST'),
    otel: {
      endpoint: read(env, 'OTEL_EXPORTER_OTLP_ENDPOINT'),
      serviceName: required(read(env, 'OTEL_SERVICE_NAME'), 'OTEL_SERVICE_NAME'),
    },
    backup: {
      dir: read(env, 'BACKUP_DIR'),
      hour: required(read(env, 'BACKUP_HOUR'), 'BACKUP_HOUR'),
      keep: required(read(env, 'BACKUP_KEEP'), 'BACKUP_KEEP'),
    },
    jwtIssuer: required(read(env, 'JWT_ISSUER'), 'JWT_ISSUER'),
    jwtAudience: required(read(env, 'JWT_AUDIENCE'), 'JWT_AUDIENCE'),
    jwtTtlSeconds: required(read(env, 'JWT_TTL_SECONDS'), 'JWT_TTL_SECONDS'),
    loginMaxFailures: required(read(env, 'LOGIN_MAX_FAILURES'), 'LOGIN_MAX_FAILURES'),
    loginLockoutSeconds: required(read(env, 'LOGIN_LOCKOUT_SECONDS'), 'LOGIN_LOCKOUT_SECONDS'),
    loginMaxFailuresPerAddress: required(read(env, 'LOGIN_MAX_FAILURES_PER_ADDRESS'), 'LOGIN_MAX_FAILURES_PER_ADDRESS'),
    loginAccountSlowdownAfter: required(read(env, 'LOGIN_ACCOUNT_SLOWDOWN_AFTER'), 'LOGIN_ACCOUNT_SLOWDOWN_AFTER'),
    trustProxy: required(read(env, 'TRUST_PROXY'), 'TRUST_PROXY'),
    identityKeys: read(env, 'IDENTITY_KEYS'),
    receiptSecret: read(env, 'RECEIPT_SECRET'),
    reportSubmitsPerHour: required(read(env, 'REPORT_SUBMITS_PER_HOUR'), 'REPORT_SUBMITS_PER_HOUR'),
    reportTracksPerHour: required(read(env, 'REPORT_TRACKS_PER_HOUR'), 'REPORT_TRACKS_PER_HOUR'),
    evidenceUploadsPerHour: required(read(env, 'EVIDENCE_UPLOADS_PER_HOUR'), 'EVIDENCE_UPLOADS_PER_HOUR'),
    satisfactionSubmitsPerHour: required(read(env, 'SATISFACTION_SUBMITS_PER_HOUR'), 'SATISFACTION_SUBMITS_PER_HOUR'),
    directorySearchesPerHour: required(read(env, 'DIRECTORY_SEARCHES_PER_HOUR'), 'DIRECTORY_SEARCHES_PER_HOUR'),
    importMaxFileBytes: required(read(env, 'IMPORT_MAX_FILE_BYTES'), 'IMPORT_MAX_FILE_BYTES'),
    importMaxRows: required(read(env, 'IMPORT_MAX_ROWS'), 'IMPORT_MAX_ROWS'),
    graphql: {
      maxDepth: required(read(env, 'GRAPHQL_MAX_DEPTH'), 'GRAPHQL_MAX_DEPTH'),
      maxAliases: required(read(env, 'GRAPHQL_MAX_ALIASES'), 'GRAPHQL_MAX_ALIASES'),
      maxTokens: required(read(env, 'GRAPHQL_MAX_TOKENS'), 'GRAPHQL_MAX_TOKENS'),
      maxCost: required(read(env, 'GRAPHQL_MAX_COST'), 'GRAPHQL_MAX_COST'),
    },
    httpBodyLimitBytes: required(read(env, 'HTTP_BODY_LIMIT_BYTES'), 'HTTP_BODY_LIMIT_BYTES'),
    wsMaxPayloadBytes: required(read(env, 'WS_MAX_PAYLOAD_BYTES'), 'WS_MAX_PAYLOAD_BYTES'),
    wsConnectionInitTimeoutMs: required(read(env, 'WS_CONNECTION_INIT_TIMEOUT_MS'), 'WS_CONNECTION_INIT_TIMEOUT_MS'),
    httpHeadersTimeoutMs: required(read(env, 'HTTP_HEADERS_TIMEOUT_MS'), 'HTTP_HEADERS_TIMEOUT_MS'),
    httpRequestTimeoutMs: required(read(env, 'HTTP_REQUEST_TIMEOUT_MS'), 'HTTP_REQUEST_TIMEOUT_MS'),
    uploadIdleTimeoutMs: required(read(env, 'UPLOAD_IDLE_TIMEOUT_MS'), 'UPLOAD_IDLE_TIMEOUT_MS'),
    shutdownTimeoutMs: required(read(env, 'SHUTDOWN_TIMEOUT_MS'), 'SHUTDOWN_TIMEOUT_MS'),
    board: {
      dueSoonDays: required(read(env, 'BOARD_DUE_SOON_DAYS'), 'BOARD_DUE_SOON_DAYS'),
      deadlineWatchIntervalMs: required(read(env, 'DEADLINE_WATCH_INTERVAL_MS'), 'DEADLINE_WATCH_INTERVAL_MS'),
      deadlineWatchLookbackDays: required(read(env, 'DEADLINE_WATCH_LOOKBACK_DAYS'), 'DEADLINE_WATCH_LOOKBACK_DAYS'),
      periodicReportCheckIntervalMs: required(
        read(env, 'PERIODIC_REPORT_CHECK_INTERVAL_MS'),
        'PERIODIC_REPORT_CHECK_INTERVAL_MS',
      ),
      reminders: {
        checkIntervalMs: required(read(env, 'REMINDER_CHECK_INTERVAL_MS'), 'REMINDER_CHECK_INTERVAL_MS'),
        hour: required(read(env, 'REMINDER_HOUR'), 'REMINDER_HOUR'),
        daysAhead: required(read(env, 'REMINDER_DAYS_AHEAD'), 'REMINDER_DAYS_AHEAD'),
        smtpUrl: read(env, 'SMTP_URL'),
        mailFrom: required(read(env, 'MAIL_FROM'), 'MAIL_FROM'),
      },
      presencePollMs: required(read(env, 'PRESENCE_POLL_MS'), 'PRESENCE_POLL_MS'),
      presenceTtlMs: required(read(env, 'PRESENCE_TTL_MS'), 'PRESENCE_TTL_MS'),
      demoActivity: !isProduction && demoActivity,
      demoActivityIntervalMs: required(read(env, 'DEMO_ACTIVITY_INTERVAL_MS'), 'DEMO_ACTIVITY_INTERVAL_MS'),
    },
    events: {
      doorbell,
      redisUrl: redis,
      pollIntervalMs: required(read(env, 'EVENT_POLL_INTERVAL_MS'), 'EVENT_POLL_INTERVAL_MS'),
      readBatch: required(read(env, 'EVENT_READ_BATCH'), 'EVENT_READ_BATCH'),
    },
    wsMaxSubscriptionsPerSocket: required(read(env, 'WS_MAX_SUBSCRIPTIONS_PER_SOCKET'), 'WS_MAX_SUBSCRIPTIONS_PER_SOCKET'),
    wsMaxBufferedBytes: required(read(env, 'WS_MAX_BUFFERED_BYTES'), 'WS_MAX_BUFFERED_BYTES'),
    wsFanOutSlice: required(read(env, 'WS_FANOUT_SLICE'), 'WS_FANOUT_SLICE'),
    wsFanOutSliceMs: required(read(env, 'WS_FANOUT_SLICE_MS'), 'WS_FANOUT_SLICE_MS'),
    wsPingIntervalMs: required(read(env, 'WS_PING_INTERVAL_MS'), 'WS_PING_INTERVAL_MS'),
    wsAuthRecheckMs: required(read(env, 'WS_AUTH_RECHECK_MS'), 'WS_AUTH_RECHECK_MS'),
    ...overrides,
  };
  return Object.freeze(config);
}
