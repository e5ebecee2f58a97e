import 'reflect-metadata';
import { DataSource, type DataSourceOptions, type Logger as OrmLogger } from 'typeorm';
import { MIGRATIONS } from './migrations';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './src/db/snake-naming.strategy';

export interface DataSourceSettings {
  url: string;
  poolSize?: number;
  /** Name reported in pg_stat_activity, so an operator can tell instances and tools apart. */
  applicationName?: string;
  /** Receives every statement (counted per request) and slow or failed queries. */
  logger?: OrmLogger;
  /** Run-time parameters set on every connection (`-c name=value` at connect). */
  sessionSettings?: Record<string, string>;
}

/**
 * The one definition of the database connection: the app, the migration commands, the
 * generator, the benchmark and the tests all build their DataSource here, differing only in
 * the URL. `synchronize` is never on: the schema changes through migrations alone.
 */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    // gen_random_uuid() is built into PostgreSQL 13+; no extension needed for ids.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    url: settings.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: settings.applicationName ?? 'giamsat',
    // A request that cannot get a connection within 10 s fails instead of waiting for ever.
    extra: {
      max: settings.poolSize ?? 10,
      connectionTimeoutMillis: 10_000,
      // A fixed-size pool: a connection, once opened, stays open (pg-pool's default closes one
      // idle for 10 s). After a quiet spell, the first burst would otherwise wait for new
      // backends to start and warm their catalog caches: the bench saw a 10 s pause cost its
      // next second of requests 100-600 ms each. A connection that fails is still dropped.
      idleTimeoutMillis: 0,
      ...(settings.sessionSettings && Object.keys(settings.sessionSettings).length
        ? {
            options: Object.entries(settings.sessionSettings)
              .map(([k, v]) => `-c ${k}=${v}`)
              .join(' '),
          }
        : {}),
    },
    logger: settings.logger,
    logging: settings.logger ? ['query', 'error', 'warn', 'migration'] : false,
    // Slow statements go to the logger given; without one (the generator, the bench's owner
    // connection) TypeORM's console fallback would print every slow bulk INSERT with its parameters.
    maxQueryExecutionTime: settings.logger ? 500 : undefined,
  };
}

export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}
