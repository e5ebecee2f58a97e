// First: the tracing instrumentations must hook http, pg and graphql before they are loaded.
import { shutdownTelemetry } from './telemetry';
import 'reflect-metadata';
import { startApp } from './app';
import { ConfigError, loadConfig } from './config/config';
import { createLogger } from './common/logger';
import { embeddedRoleUrls, startEmbeddedPostgres } from './db/embedded-postgres';
import path from 'node:path';
import { resolveSecrets } from './app';
import { DailyBackup } from './db/backup-schedule';

/** Process entry: config → database → schema → http+ws → shutdown on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Lỗi cấu hình: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  // Readable lines on a terminal (pino-pretty), JSON when piped or collected, always JSON in production.
  const logger = createLogger(config.logLevel, { pretty: process.stdout.isTTY === true && !config.isProduction });
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
  // The daily backup of the embedded PostgreSQL (BACKUP_DIR); a server of one's own is backed up by its operator.
  let daily: DailyBackup | undefined;
  if (embedded && config.backup.dir) {
    const secrets = await resolveSecrets(config);
    const outDir = config.backup.dir;
    daily = new DailyBackup(
      () => ({ url: embedded.url, clusterDir: path.join(config.embeddedPgDir, 'cluster'), outDir, secrets }),
      { hour: config.backup.hour, keep: config.backup.keep, logger },
    );
    daily.start();
    logger.info({ dir: outDir, hour: config.backup.hour, keep: config.backup.keep }, 'daily backup on');
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
        await daily?.stop();
        await app.stop();
        await embedded?.stop();
        await shutdownTelemetry();
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
