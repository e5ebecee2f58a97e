import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env['GIAMSAT_TEST_ADMIN_URL'];
  const template = process.env['GIAMSAT_TEST_TEMPLATE'];
  if (adminUrl && template && process.env['TEST_DATABASE_URL']) {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  }
  await globalThis.__EMBEDDED_PG__?.stop();
}
