import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DATABASE_ROLES, urlAsRole, urlForDatabase } from '../../src/db/database-roles';

/** Password of both roles on the test's server (set when global setup creates them). */
export const TEST_ROLE_PASSWORD = 'giamsat-test-role';

export interface TestDatabase {
  /** Signed in as the app role (`giamsat_app`), bound by row-level security: what the API uses. */
  url: string;
  /** Signed in as the owner role: for tools, seeds and looking at rows as an operator would. */
  ownerUrl: string;
  name: string;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env['GIAMSAT_TEST_ADMIN_URL'];
  if (!url) throw new Error('GIAMSAT_TEST_ADMIN_URL is not set: run the tests through jest (globalSetup)');
  return url;
}

/** A database of this test file's own, cloned from the migrated template in milliseconds. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env['GIAMSAT_TEST_TEMPLATE']!;
  const name = `giamsat_t_${process.env['JEST_WORKER_ID'] ?? '0'}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template} OWNER ${DATABASE_ROLES.owner} STRATEGY FILE_COPY`);
  } finally {
    await admin.end();
  }
  const url = urlForDatabase(adminUrl(), name);
  return {
    url: urlAsRole(url, DATABASE_ROLES.app, TEST_ROLE_PASSWORD),
    ownerUrl: urlAsRole(url, DATABASE_ROLES.owner, TEST_ROLE_PASSWORD),
    name,
    async drop() {
      const c = new Client({ connectionString: adminUrl() });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
