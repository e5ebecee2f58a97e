import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { type DataSource, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs one statement straight on the pg pool of `dataSource`, outside any transaction, with what
 * TypeORM's `query` does around it kept: the statement goes to the data source's logger first
 * (so it is counted against the request and seen by the benchmark's capture), a failure is
 * logged and thrown as `QueryFailedError`, a slow one is logged. What it skips is the query
 * runner made, connected and released for each `manager.query`, and its subscriber broadcasts
 * (the app has no subscribers): for the one statement every authenticated request sends, that
 * was a measurable share of a small request's CPU.
 */
export async function poolQuery<R>(dataSource: DataSource, sql: string, parameters: unknown[]): Promise<R[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const logger = dataSource.logger;
  logger.logQuery(sql, parameters);
  const started = performance.now();
  let rows: R[];
  try {
    rows = (await pool.query(sql, parameters)).rows as R[];
  } catch (err) {
    logger.logQueryError(err instanceof Error ? err : String(err), sql, parameters);
    throw new QueryFailedError(sql, parameters, err as Error);
  }
  const ms = performance.now() - started;
  const slowMs = dataSource.options.maxQueryExecutionTime;
  if (slowMs && ms > slowMs) logger.logQuerySlow(Math.round(ms), sql, parameters);
  return rows;
}
