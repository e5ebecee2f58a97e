import 'reflect-metadata';
import { startApp } from './app';
import { ConfigError, loadConfig } from './config/config';
import { createLogger } from './common/logger';
import { embeddedRoleUrls, startEmbeddedPostgres } from './db/embedded-postgres';

/** Process entry: config → database → schema → http+ws → shutdown on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dir: config.embeddedPgDir, port: config.embeddedPgPort, database: 'giamsat', logger });
  let app;
  try {
    const urls = embedded
      ? await embeddedRoleUrls(embedded, config.embeddedPgDir, 'giamsat')
      : { appUrl: config.databaseUrl!, ownerUrl: config.migrationDatabaseUrl ?? config.databaseUrl! };
    app = await startApp({ config, logger, databaseUrl: urls.appUrl, migrationDatabaseUrl: urls.ownerUrl });
  } catch (err) {
    logger.fatal({ err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) }, 'start failed');
    await embedded?.stop();
    process.exit(1);
  }
  if (config.demoSeed) {
    logger.info('demo mode: sign in as admin@anbien.test (or another demo account in the README) with the DEMO_PASSWORD');
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests and subscriptions');
    void (async () => {
      try {
        await app.stop();
        await embedded?.stop();
        logger.info('stopped cleanly');
        process.exit(0);
      } catch (err) {
        logger.error({ err: err instanceof Error ? err.message : String(err) }, 'shutdown failed');
        process.exit(1);
      }
    })();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main();
