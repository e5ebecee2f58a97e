/**
 * Everything the scenarios run against, started from nothing: PostgreSQL (the embedded server in
 * a temporary folder, or a fresh database on DATABASE_URL's server), the real app through
 * `startApp` with the demo ward seeded, and the `pg` pool of the baseline servers.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Pool } from 'pg';
import type { EntityManager, QueryRunner } from 'typeorm';
import { type App, resolveJwtSecret, startApp } from '../../src/app';
import { createLogger, type Logger } from '../../src/common/logger';
import { requestScope } from '../../src/common/request-scope';
import { type Config, loadConfig } from '../../src/config/config';
import { createDataSource } from '../../ormconfig';
import { embeddedRoleUrls, startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { type GenScale, generateData } from '../../src/demo/cadres.generator';
import { generateReports, type GenerateReportsSummary } from '../../src/demo/reports.generator';
import { generateInspectionWork, type InspectionGenSummary } from '../../src/demo/inspections.generator';
import { generateQualityWork, type QualityGenSummary } from '../../src/demo/quality.generator';
import type { Cleanup } from './cleanup';

export interface CapturedStatement {
  query: string;
  parameters: unknown[];
}

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  body: { data?: T | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  /** The `x-sql-statements` header. */
  sql: number;
}

export interface BenchEnv {
  readonly config: Config;
  readonly app: App;
  /** `http://127.0.0.1:port` of the app. */
  readonly appOrigin: string;
  /** The bench database, for tools run as processes of their own (the import command). */
  readonly databaseUrl: string;
  /** What the app signs and checks tokens with, for baselines that check the same token. */
  readonly jwt: { readonly secret: string; readonly issuer: string; readonly audience: string; readonly algorithm: 'HS256' };
  /** The baselines' pool: same database, same size as the app's. */
  readonly pool: Pool;
  /** The data set `generateData` filled the database with (on top of the demo ward). */
  readonly dataset: { readonly scale: GenScale; readonly cadres: number; readonly units: number; readonly generateMs: number };
  /** Where the database runs, for the report. */
  readonly database: { readonly kind: 'embedded' | 'DATABASE_URL'; readonly version: string };
  /**
   * Adds `--reports` generated reports (generateReports) the first time it is called on this
   * data set, for the report-list scenarios; later calls return the same summary.
   */
  ensureReports(): Promise<GeneratedReports>;
  /**
   * Adds the inspection work `npm run gen` adds at this scale (generateInspectionWork: province
   * 20,000 inspections, 60,000 findings, 5,000 discipline cases, one cadre with a long record) the
   * first time it is called on this data set, for the inspection scenarios; later calls return
   * the same summary.
   */
  ensureInspectionWork(): Promise<GeneratedInspectionWork>;
  /**
   * Adds the quality work of `npm run gen -- --quality <n>` (generateQualityWork: training and
   * evaluations of every generated cadre since 2025, `--satisfaction` answers, 2,000,000 by
   * default) once per data set, in a transaction, then VACUUM ANALYZE.
   */
  ensureQualityWork(): Promise<GeneratedQualityWork>;
  /** Pids of the PostgreSQL backends connected to the bench database (both pools). */
  postgresPids(): Promise<number[]>;
  /** One POST /graphql. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  /** Signs in (demo password by default) and returns the token. */
  login(email: string, password?: string): Promise<string>;
  /**
   * Runs `fn` and returns, with its result, every statement the app sent meanwhile for a request
   * (in a request's scope): the app's timers (the board counters' fold, the deadline watcher) are
   * not a request's work, and whether one of them lands inside the window is a race. The live
   * feed's outbox reads are left out too: a mutation's commit rings the doorbell, and the read
   * it starts can run in the request's scope, but it is the fan-out's work.
   */
  captureSql<T>(fn: () => Promise<T>): Promise<{ result: T; statements: CapturedStatement[] }>;
}

/** The live feed's read of new board events (src/events/outbox-reader.ts). */
const LIVE_FEED_READ = /\bFROM outbox_event e\b/;

export interface GeneratedQualityWork {
  summary: QualityGenSummary;
  ms: number;
}

export interface GeneratedReports {
  /** Reports in the table once generated (generated ones, the demo ward's and any submitted before). */
  reports: number;
  summary: GenerateReportsSummary;
  ms: number;
}

export interface GeneratedInspectionWork {
  summary: InspectionGenSummary & { longRecordCadreId: string };
  ms: number;
}

/**
 * The configuration the app runs with: the caller's environment (DATABASE_URL, DB_POOL_SIZE,
 * JWT_* …) with what the benchmark needs on top. NODE_ENV is `test` because only outside
 * production does the app send `x-sql-statements`.
 */
export function benchConfig(logLevel: string): Config {
  return loadConfig({
    JWT_SECRET: randomBytes(48).toString('base64url'),
    // The bench scrapes GET /metrics after each scenario (bench.ts `scrapeMetrics`).
    OPS_TOKEN: randomBytes(48).toString('base64url'),
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: logLevel,
    DEMO_SEED: 'true',
    RUN_MIGRATIONS: 'true',
    // Every request of the load comes from 127.0.0.1: the per-address limit of public
    // submissions (20 an hour by default) must not be what is measured. 100,000 is the most the
    // setting allows; the submission scenario empties the window before each run.
    REPORT_SUBMITS_PER_HOUR: '100000',
    // The deadline watcher's scan of the open reports once a minute is background work no
    // scenario measures; off, so it does not land in a measured window.
    DEADLINE_WATCH_INTERVAL_MS: '0',
  });
}

async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Where the bench database lives; everything it creates is registered with `cleanup`. */
async function provideDatabase(
  config: Config,
  logger: Logger,
  cleanup: Cleanup,
): Promise<{ url: string; ownerUrl: string; kind: 'embedded' | 'DATABASE_URL' }> {
  if (config.databaseUrl) {
    // One role for everything here (DATABASE_URL's); the embedded default measures the app
    // role under row-level security, as `npm start` runs.
    const name = `giamsat_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
    const url = await createDatabase(config.databaseUrl, name);
    cleanup.add(`drop database ${name}`, () => dropDatabase(config.databaseUrl!, name));
    return { url, ownerUrl: url, kind: 'DATABASE_URL' };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'giamsat-bench-pg-'));
  cleanup.add(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
  const pg = await startEmbeddedPostgres({ dir, port: 0, database: 'giamsat_bench', logger, fast: true });
  cleanup.add('stop the embedded PostgreSQL', () => pg.stop());
  const urls = await embeddedRoleUrls(pg, dir, 'giamsat_bench');
  return { url: urls.appUrl, ownerUrl: urls.ownerUrl, kind: 'embedded' };
}

/** generateInspectionWork's guard: it adds nothing when this finds an inspection. */
const INSPECTIONS_COUNT = 'SELECT count(*)::int AS n FROM inspection';

/**
 * VACUUM (ANALYZE) until each table's visibility map covers nearly all of it, as a live
 * database's has for its old rows (autovacuum's work). A VACUUM right after a bulk load can set
 * none of it: a transaction still open somewhere (the app starting its background work) holds
 * the horizon back, and then every index-only count of report or inspection visits the heap,
 * which is not what a live database does. A few tries a moment apart get past it.
 */
async function vacuumUntilVisible(pool: Pool, tables: string[]): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    await pool.query(`VACUUM (ANALYZE) ${tables.join(', ')}`);
    const { rows } = await pool.query<{ ok: boolean }>(
      `SELECT bool_and(relallvisible >= 0.9 * relpages) AS ok FROM pg_class WHERE oid = ANY($1::regclass[])`,
      [tables],
    );
    if (rows[0]?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * The manager generateInspectionWork gets: its "inspections already there?" guard is answered 0
 * when every inspection is one of the demo ward's (`seeded`, counted just before in the same
 * transaction), so the generated work is added on top of the demo seed. The generator refuses
 * any database with an inspection, and the bench's has the demo ward's seeded ones (`npm run gen`
 * runs on a database without the demo seed). Any other statement goes through unchanged.
 */
export function withoutSeededInspections(manager: EntityManager, seeded: number): EntityManager {
  const wrapped = Object.create(manager) as EntityManager;
  const query = async (text: string, parameters?: unknown[]): Promise<unknown> => {
    if (text.trim() !== INSPECTIONS_COUNT) return manager.query(text, parameters);
    const [{ n }] = (await manager.query(text, parameters)) as [{ n: number }];
    return [{ n: n === seeded ? 0 : n }];
  };
  wrapped.query = query as EntityManager['query'];
  return wrapped;
}

export async function startBenchEnv(
  opts: { logLevel: string; scale: GenScale; reports: number; satisfaction: number; progress: (line: string) => void },
  cleanup: Cleanup,
): Promise<BenchEnv> {
  const config = benchConfig(opts.logLevel);
  const logger = createLogger(config.logLevel);
  opts.progress(config.databaseUrl ? 'creating a bench database on DATABASE_URL' : 'starting the embedded PostgreSQL');
  const database = await provideDatabase(config, logger, cleanup);

  opts.progress('starting the app (migrations, demo seed)');
  const app = await startApp({ config, logger, databaseUrl: database.url, migrationDatabaseUrl: database.ownerUrl });
  cleanup.add('stop the app', () => app.stop());
  // The generators are operator tools (npm run gen): they write as the owner, as they do there.
  const owner = createDataSource({ url: database.ownerUrl, poolSize: 2, applicationName: 'giamsat-bench-owner' });
  await owner.initialize();
  cleanup.add('close the owner pool', () => owner.destroy());
  const appOrigin = `http://127.0.0.1:${app.server.port}`;
  // The demo's committee account is a person of the register (issue 23), so recusal would be in
  // force for it. The scenarios signed in as `kiemtra` measure the read without the policy; the
  // `-member` scenarios measure it with the policy, as a member linked to a cadre
  // (committee-member.ts). So the bench's `kiemtra` is unlinked, as before the demo linked it.
  await owner.query(`UPDATE account SET cadre_id = NULL WHERE email = 'kiemtra@anbien.test'`);

  opts.progress(`generating the ${opts.scale} data set (generateData)`);
  let shown = -1;
  const generated = await generateData(owner, opts.scale, {
    onProgress: (done, total) => {
      const tenth = Math.floor((done / Math.max(total, 1)) * 10);
      if (tenth !== shown && total > 20_000)
        opts.progress(`  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} cadres`);
      shown = tenth;
    },
  });
  const [counts] = (await owner.query(
    'SELECT (SELECT count(*) FROM cadre)::int AS cadres, (SELECT count(*) FROM unit)::int AS units',
  )) as [{ cadres: number; units: number }];
  opts.progress(
    `${opts.scale}: ${counts.cadres.toLocaleString('en-US')} cadres in ${counts.units.toLocaleString('en-US')} units (generated in ${(generated.ms / 1000).toFixed(1)} s)`,
  );

  // Sized and kept like the app's pool (ormconfig.ts): open connections stay open. As the owner:
  // the hand-written baseline is not bound by row-level security, so the ratios include its cost.
  const pool = new Pool({
    connectionString: database.ownerUrl,
    max: config.dbPoolSize,
    idleTimeoutMillis: 0,
    application_name: 'giamsat-bench-baseline',
  });
  // pg-pool's end() resolves once it has asked its clients to close, not once they have: a
  // client still closing when PostgreSQL stops gets "terminating connection", which must not
  // crash the run. (An idle client's error during the run would show up as failed requests.)
  pool.on('error', () => undefined);
  cleanup.add('close the baseline pool', () => pool.end());
  const { rows } = await pool.query<{ server_version: string }>('SHOW server_version');

  const gql: BenchEnv['gql'] = async (query, variables, token) => {
    const res = await fetch(`${appOrigin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    try {
      return {
        status: res.status,
        body: JSON.parse(text) as GqlResult['body'] as never,
        sql: Number(res.headers.get('x-sql-statements') ?? NaN),
      };
    } catch {
      throw new Error(`POST /graphql answered ${res.status} with non-JSON: ${text.slice(0, 300)}`);
    }
  };

  const login: BenchEnv['login'] = async (email, password = config.demoPassword) => {
    const res = await gql<{ login: { token: string } }>(
      'mutation Login($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
      { e: email, p: password },
    );
    const token = res.body.data?.login.token;
    if (!token) throw new Error(`signing in as ${email} failed: ${JSON.stringify(res.body.errors)}`);
    return token;
  };

  const captureSql: BenchEnv['captureSql'] = async (fn) => {
    const ormLogger = app.dataSource.logger;
    const original = ormLogger.logQuery.bind(ormLogger);
    const statements: CapturedStatement[] = [];
    ormLogger.logQuery = (query: string, parameters?: unknown[], runner?: QueryRunner) => {
      if (requestScope.getStore() && !LIVE_FEED_READ.test(query)) statements.push({ query, parameters: parameters ?? [] });
      return original(query, parameters, runner);
    };
    try {
      return { result: await fn(), statements };
    } finally {
      ormLogger.logQuery = original;
    }
  };

  let reports: Promise<GeneratedReports> | undefined;
  const ensureReports = () =>
    (reports ??= (async () => {
      opts.progress(`generating ${opts.reports.toLocaleString('en-US')} reports (generateReports)`);
      const started = performance.now();
      let tenth = -1;
      const summary = await generateReports(owner, opts.reports, {
        onProgress: (done, total) => {
          const now = Math.floor((done / Math.max(total, 1)) * 10);
          if (now !== tenth && total > 50_000)
            opts.progress(`  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} reports`);
          tenth = now;
        },
      });
      // Fresh statistics and the visibility map after a bulk load (autovacuum would get there later).
      // The triggers' deltas of every generated report were folded into board_count and deleted:
      // until a vacuum, every board statement reads the dead rows of board_count_delta.
      await vacuumUntilVisible(pool, ['report', 'report_subject', 'board_count', 'board_count_delta']);
      const [row] = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM report')).rows;
      const ms = performance.now() - started;
      opts.progress(
        `${(row?.n ?? 0).toLocaleString('en-US')} reports (${summary.outcome}, ${summary.overdue.toLocaleString('en-US')} overdue) in ${(ms / 1000).toFixed(1)} s`,
      );
      return { reports: row?.n ?? 0, summary, ms };
    })());

  let inspectionWork: Promise<GeneratedInspectionWork> | undefined;
  const ensureInspectionWork = () =>
    (inspectionWork ??= (async () => {
      opts.progress(`generating the ${opts.scale} inspection work (generateInspectionWork)`);
      const started = performance.now();
      // In a transaction, as npm run gen runs it (its temporary table is dropped on commit).
      const summary = await owner.transaction(async (manager) => {
        const [{ n: seeded }] = (await manager.query(INSPECTIONS_COUNT)) as [{ n: number }];
        const generated = await generateInspectionWork(withoutSeededInspections(manager, seeded), opts.scale);
        // The generator gives every finding its inspection's subject cadre; the demo ward's
        // inspections of a unit have none, which would be a NULL in concerned_cadre_ids (and
        // concernedCadres fails on it). Give those findings the unit instead, as recordFinding would.
        await manager.query(
          `UPDATE finding f SET concerned_cadre_ids = '{}', concerned_unit_ids = ARRAY[i.subject_unit_id]
             FROM inspection i
            WHERE i.id = f.inspection_id AND i.subject_cadre_id IS NULL AND array_position(f.concerned_cadre_ids, NULL) IS NOT NULL`,
        );
        return generated;
      });
      if (!summary.longRecordCadreId)
        throw new Error('generateInspectionWork wrote nothing (inspections already there, or fewer than two Party members)');
      // The generator ends with ANALYZE; VACUUM also merges the GIN indexes' pending lists
      // (finding.concerned_cadre_ids, filled by one bulk INSERT), which every array look-up
      // would otherwise scan, as autovacuum would have by the time such data is read.
      await vacuumUntilVisible(pool, ['inspection', 'finding', 'discipline_case']);
      const ms = performance.now() - started;
      opts.progress(
        `${summary.inspections.toLocaleString('en-US')} inspections, ${summary.findings.toLocaleString('en-US')} findings, ${summary.cases.toLocaleString('en-US')} discipline cases in ${(ms / 1000).toFixed(1)} s`,
      );
      return { summary: { ...summary, longRecordCadreId: summary.longRecordCadreId }, ms };
    })());

  let qualityWork: Promise<GeneratedQualityWork> | undefined;
  const ensureQualityWork = () =>
    (qualityWork ??= (async () => {
      opts.progress(
        `generating the quality work with ${opts.satisfaction.toLocaleString('en-US')} satisfaction answers (generateQualityWork)`,
      );
      const started = performance.now();
      const summary = await owner.transaction((manager) =>
        generateQualityWork(manager, opts.satisfaction, (what) => opts.progress(`  ${what}`)),
      );
      await pool.query(
        'VACUUM (ANALYZE) training_attendance, evaluation, procedure_case, satisfaction_result, satisfaction_tally',
      );
      const ms = performance.now() - started;
      opts.progress(
        `${summary.attendance.toLocaleString('en-US')} attendance records, ${summary.evaluations.toLocaleString('en-US')} evaluations, ${summary.procedures.toLocaleString('en-US')} procedures, ${summary.answers.toLocaleString('en-US')} answers (${summary.outcome}) in ${(ms / 1000).toFixed(1)} s`,
      );
      return { summary, ms };
    })());

  return {
    config,
    app,
    appOrigin,
    databaseUrl: database.ownerUrl,
    jwt: { secret: await resolveJwtSecret(config), issuer: config.jwtIssuer, audience: config.jwtAudience, algorithm: 'HS256' },
    pool,
    dataset: { scale: opts.scale, cadres: counts.cadres, units: counts.units, generateMs: generated.ms },
    database: { kind: database.kind, version: rows[0]?.server_version ?? 'unknown' },
    gql,
    login,
    captureSql,
    ensureReports,
    ensureInspectionWork,
    ensureQualityWork,
    postgresPids: async () =>
      (await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).rows.map(
        (r) => r.pid,
      ),
  };
}
