import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import pino from 'pino';
import { createDataSource } from '../../ormconfig';
import { DATABASE_ROLES, ensureDatabaseRoles, urlAsRole, urlForDatabase } from '../../src/db/database-roles';
import { startEmbeddedPostgres, type RunningPostgres } from '../../src/db/embedded-postgres';
import { TEST_ROLE_PASSWORD } from './database';

declare global {
  var __EMBEDDED_PG__: RunningPostgres | undefined;
}

/**
 * Starts the server the suite runs on (TEST_DATABASE_URL, else a fresh embedded PostgreSQL),
 * makes sure the owner and app roles exist (shared by every run on the server), builds one
 * template database owned and migrated by the owner role, and tells the workers where.
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
  // On a shared server the roles may exist, signed in with by another run: passwords are set
  // when a role is made, and reset only on our own embedded server.
  await ensureDatabaseRoles(adminUrl, { owner: TEST_ROLE_PASSWORD, app: TEST_ROLE_PASSWORD, reset: !external });
  const template = `giamsat_tpl_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template} OWNER ${DATABASE_ROLES.owner}`);
  await admin.end();
  const ownerUrl = urlAsRole(urlForDatabase(adminUrl, template), DATABASE_ROLES.owner, TEST_ROLE_PASSWORD);
  const ds = createDataSource({ url: ownerUrl, poolSize: 2 });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  process.env['GIAMSAT_TEST_ADMIN_URL'] = adminUrl;
  process.env['GIAMSAT_TEST_TEMPLATE'] = template;
}
