import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import pino from 'pino';
import { createDataSource } from '../../ormconfig';
import { startEmbeddedPostgres, type RunningPostgres } from '../../src/db/embedded-postgres';

declare global {
  var __EMBEDDED_PG__: RunningPostgres | undefined;
}

/**
 * Starts the server the suite runs on (TEST_DATABASE_URL, else a fresh embedded PostgreSQL),
 * builds one template database with every migration applied, and tells the workers where.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl: string;
  const external = process.env['TEST_DATABASE_URL'];
  if (external) {
    const u = new URL(external);
    u.pathname = '/postgres';
    adminUrl = u.toString();
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'giamsat-test-pg-'));
    const pg = await startEmbeddedPostgres({ dir, port: 0, database: 'postgres', logger: pino({ level: 'warn' }), fast: true });
    globalThis.__EMBEDDED_PG__ = pg;
    adminUrl = pg.urlFor('postgres');
  }
  const template = `giamsat_tpl_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${template}`;
  const ds = createDataSource({ url: u.toString(), poolSize: 2 });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  process.env['GIAMSAT_TEST_ADMIN_URL'] = adminUrl;
  process.env['GIAMSAT_TEST_TEMPLATE'] = template;
}
