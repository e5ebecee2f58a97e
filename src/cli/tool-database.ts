import type { Config } from '../config/config';
import type { Logger } from '../common/logger';
import { startEmbeddedPostgres } from '../db/embedded-postgres';

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
