import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createDataSource } from '../../ormconfig';
import { loadConfig } from '../config/config';
import { createLogger } from '../common/logger';
import { databaseSnapshot } from '../db/database-snapshot';
import { runTool, toolDatabase } from './tool-database';

/**
 * Writes schema/database.sql (see {@link databaseSnapshot}) from a scratch database that every
 * migration has just been applied to, on DATABASE_URL's server or the embedded one of
 * `npm start`, dropped at the end. CI runs it and fails when the committed file is stale.
 */
const FILE = path.resolve(__dirname, '..', '..', '..', 'schema', 'database.sql');
const usage = 'usage: npm run schema:sql [-- --stdout]   (writes schema/database.sql, or prints it)';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.some((a) => a !== '--stdout')) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const server = await toolDatabase(config, logger);
  const scratch = `giamsat_schema_sql_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: server.urlFor('postgres') });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${scratch}`);
    try {
      const ds = createDataSource({ url: server.urlFor(scratch), applicationName: 'giamsat-schema-sql', poolSize: 1 });
      await ds.initialize();
      try {
        await ds.runMigrations({ transaction: 'each' });
      } finally {
        await ds.destroy();
      }
      const client = new Client({ connectionString: server.urlFor(scratch), application_name: 'giamsat-schema-sql' });
      await client.connect();
      let sql: string;
      try {
        sql = await databaseSnapshot(client);
      } finally {
        await client.end();
      }
      if (args.includes('--stdout')) process.stdout.write(sql);
      else {
        writeFileSync(FILE, sql);
        process.stdout.write(`wrote ${path.relative(process.cwd(), FILE)}\n`);
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    }
  } finally {
    await admin.end().catch(() => undefined);
    await server.stop();
  }
  return 0;
}

runTool(main);
