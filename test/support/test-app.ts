import 'reflect-metadata';
import pino, { type Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../ormconfig';
import { type App, startApp } from '../../src/app';
import { type Config, loadConfig } from '../../src/config/config';
import { seedDemo } from '../../src/demo/demo-seed';
import { Role } from '../../src/common/role.enum';
import { createTestDatabase, type TestDatabase } from './database';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
export const DEMO_PASSWORD = 'anbien-demo-2025';
/** The operators' token of test apps (OPS_TOKEN): GET /readyz names its checks only with it. */
export const TEST_OPS_TOKEN = 'test-ops-token-that-is-long-enough-0123456789';
export const OPS_HEADERS = { authorization: `Bearer ${TEST_OPS_TOKEN}` };

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }> };
  /** SQL statements the request sent (x-sql-statements). */
  sql: number;
}

export interface TestApp {
  app: App;
  db: TestDatabase;
  url: string;
  /** POST /graphql. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>>;
  /** Signs in and returns the token. */
  login(email: string, password?: string): Promise<string>;
  /** Signs in as the demo account of a role. */
  tokenFor(role: Role): Promise<string>;
  /**
   * The same database as the schema's owner, whom row-level security does not bind: for the
   * operator tools and for looking at stored rows as an operator would (sealed identities,
   * evidence pieces, the access log).
   */
  owner: DataSource;
  stop(): Promise<void>;
}

export const DEMO_EMAIL: Record<Role, string> = {
  [Role.ADMIN]: 'admin@anbien.test',
  [Role.STANDING_COMMITTEE]: 'thuongvu@anbien.test',
  [Role.INSPECTION_COMMITTEE]: 'kiemtra@anbien.test',
  [Role.PARTY_BUILDING]: 'xaydungdang@anbien.test',
  [Role.INTAKE_STAFF]: 'tiepnhan@anbien.test',
  [Role.UNIT_HEAD]: 'truongdonvi@anbien.test',
  [Role.VIEWER]: 'xem@anbien.test',
};

export function testConfig(overrides: Partial<Config> = {}, env: Record<string, string> = {}): Config {
  return loadConfig(
    {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      JWT_SECRET: TEST_JWT_SECRET,
      OPS_TOKEN: TEST_OPS_TOKEN,
      DEMO_SEED: 'false',
      // The scheduled drafts would put items on every test's board: tests run the job themselves.
      PERIODIC_REPORT_CHECK_INTERVAL_MS: '0',
      REMINDER_CHECK_INTERVAL_MS: '0',
      ...env,
    },
    overrides,
  );
}

/**
 * The real app on a database of its own, on a free port. With `seed`, the demo data is loaded
 * (one account per role, password {@link DEMO_PASSWORD}).
 */
export async function startTestApp(
  opts: {
    seed?: boolean;
    seedReports?: boolean;
    seedInspections?: boolean;
    seedQuality?: boolean;
    config?: Partial<Config>;
    env?: Record<string, string>;
    /** The app's logger; by default a silent one (TEST_LOG_LEVEL sets its level). */
    logger?: Logger;
  } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = testConfig(opts.config, opts.env);
  const logger = opts.logger ?? pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });
  const app = await startApp({ config, logger, databaseUrl: db.url, migrationDatabaseUrl: db.ownerUrl });
  const owner = createDataSource({ url: db.ownerUrl, poolSize: 2, applicationName: 'giamsat-test-owner' });
  await owner.initialize();
  if (opts.seed) {
    // As the owner, like `npm start`'s demo seed (src/app.ts).
    await seedDemo(owner, {
      password: DEMO_PASSWORD,
      hasher: app.services.hasher,
      logger,
      reports: opts.seedReports ? { service: app.services.reports, makeLoaders: app.services.makeLoaders } : undefined,
      inspections: opts.seedInspections ? app.services.demoSeedServices() : undefined,
      quality: opts.seedQuality ? { ...app.services.quality, makeLoaders: app.services.makeLoaders } : undefined,
    });
  }
  const url = app.server.url;
  const tokens = new Map<string, string>();

  const gql: TestApp['gql'] = async (query, variables, token) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    let body: GqlResponse['body'];
    try {
      body = JSON.parse(text) as GqlResponse['body'];
    } catch {
      throw new Error(`non-JSON response ${res.status}: ${text.slice(0, 300)}`);
    }
    return {
      status: res.status,
      headers: res.headers,
      body: body as never,
      sql: Number(res.headers.get('x-sql-statements') ?? NaN),
    };
  };

  const login = async (email: string, password = DEMO_PASSWORD) => {
    const cached = tokens.get(`${email}\n${password}`);
    if (cached) return cached;
    const res = await gql<{ login: { token: string } }>(
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
      { e: email, p: password },
    );
    const token = res.body.data?.login.token;
    if (!token) throw new Error(`login ${email} failed: ${JSON.stringify(res.body.errors)}`);
    tokens.set(`${email}\n${password}`, token);
    return token;
  };

  return {
    app,
    db,
    url,
    gql,
    login,
    tokenFor: (role) => login(DEMO_EMAIL[role]),
    owner,
    async stop() {
      await app.stop();
      await owner.destroy();
      await db.drop();
    },
  };
}

/** Asserts a GraphQL response has exactly one error and returns it. */
export function onlyError(res: GqlResponse) {
  const errors = res.body.errors ?? [];
  if (errors.length !== 1) throw new Error(`expected one error, got ${JSON.stringify(res.body)}`);
  return errors[0]!;
}
