import type { DataSource } from 'typeorm';
import { createDataSource } from '../../ormconfig';
import type { Config } from '../config/config';
import type { Logger } from '../common/logger';
import { startEmbeddedPostgres } from '../db/embedded-postgres';
import { runMigrations } from '../db/migrate';
import { QueryLogger } from '../db/query-logger';

export interface ToolDatabase {
  url: string;
  /** The URL of another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/** The server a command-line tool works on: DATABASE_URL, or the embedded one of `npm start`. */
export async function toolDatabase(config: Config, logger: Logger, database = 'giamsat'): Promise<ToolDatabase> {
  if (config.databaseUrl) {
    const base = config.databaseUrl;
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
  return { url: pg.url, urlFor: pg.urlFor, stop: () => pg.stop() };
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
