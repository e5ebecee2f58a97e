import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { databaseSnapshot } from '../../src/db/database-snapshot';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('the database snapshot', () => {
  let db: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.ownerUrl });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('matches the committed schema/database.sql (run npm run schema:sql after a migration)', async () => {
    const committed = readFileSync(path.join(__dirname, '..', '..', 'schema', 'database.sql'), 'utf8');
    expect(await databaseSnapshot(client)).toBe(committed);
  });

  it('shows every trigger and function the migrations create', async () => {
    const snapshot = await databaseSnapshot(client);
    const { rows } = await client.query<{ tgname: string }>(
      `SELECT tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { tgname } of rows) expect(snapshot).toContain(`CREATE TRIGGER ${tgname} `);
    expect(snapshot).toContain('CREATE OR REPLACE FUNCTION public.outbox_tx_id()');
  });
});
