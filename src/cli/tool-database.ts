import type { DataSource } from 'typeorm';
import { createDataSource } from '../../ormconfig';
import type { Config } from '../config/config';
import type { Logger } from '../common/logger';
import { embeddedRoleUrls, startEmbeddedPostgres } from '../db/embedded-postgres';
import { runMigrations } from '../db/migrate';
import { QueryLogger } from '../db/query-logger';

export interface ToolDatabase {
  /** Signed in as the owner role: tools migrate, seed and repair, which the app role may not. */
  url: string;
  /** The URL of another database on the same server (as the embedded superuser, or as `url`'s role). */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/**
 * The server a command-line tool works on: MIGRATION_DATABASE_URL (else DATABASE_URL), or the
 * embedded one of `npm start`, signed in as the owner role.
 */
export async function toolDatabase(config: Config, logger: Logger, database = 'giamsat'): Promise<ToolDatabase> {
  if (config.databaseUrl) {
    const base = config.migrationDatabaseUrl ?? config.databaseUrl;
    return {
      url: base,
      urlFor: (db) => {
        const u = new URL(base);
        u.pathname = `/${db}`;
        return u.toString();
      },
      stop: async () => undefined,
    };
  }
  const pg = await startEmbeddedPostgres({ dir: config.embeddedPgDir, port: config.embeddedPgPort, database, logger });
  try {
    const { ownerUrl } = await embeddedRoleUrls(pg, config.embeddedPgDir, database);
    return { url: ownerUrl, urlFor: pg.urlFor, stop: () => pg.stop() };
  } catch (err) {
    await pg.stop();
    throw err;
  }
}

/**
 * A tool's data source on {@link toolDatabase}, connected and migrated: a pool of two, statements
 * logged as slow only past a minute (a generator's bulk statements are long by design). `close`
 * destroys it and stops the embedded server, if any; a failure to connect or migrate closes too.
 */
export async function openToolDataSource(
  config: Config,
  logger: Logger,
  applicationName: string,
): Promise<{ ds: DataSource; close: () => Promise<void> }> {
  const db = await toolDatabase(config, logger);
  const ds = createDataSource({ url: db.url, applicationName, poolSize: 2, logger: new QueryLogger(logger, 60_000) });
  const close = async () => {
    if (ds.isInitialized) await ds.destroy();
    await db.stop();
  };
  try {
    await ds.initialize();
    await runMigrations(ds, logger);
  } catch (err) {
    await close();
    throw err;
  }
  return { ds, close };
}

/** Runs a tool's `main` and exits with its code; a failure prints `describe(err)` (by default its stack) and exits with 1. */
export function runTool(
  main: () => Promise<number>,
  describe: (err: unknown) => string = (err) => (err instanceof Error ? (err.stack ?? err.message) : String(err)),
): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${describe(err)}\n`);
      process.exit(1);
    },
  );
}
