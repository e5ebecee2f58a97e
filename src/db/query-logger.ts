import type { Logger as OrmLogger, QueryRunner } from 'typeorm';
import type { Logger } from '../common/logger';
import { requestScope } from '../common/request-scope';

/**
 * TypeORM logger that counts every statement against the current request and logs failures and
 * slow queries without their parameters (they may hold personal data).
 */
export class QueryLogger implements OrmLogger {
  /** Statements sent for callers (requests, operations, sockets), for tools that watch the whole process. */
  static total = 0;
  /** Statements sent by the process's own background work (see `inBackground`). */
  static background = 0;

  constructor(
    private readonly logger: Logger,
    private readonly slowMs = 500,
  ) {}

  logQuery(_query: string, _parameters?: unknown[], _runner?: QueryRunner): void {
    const scope = requestScope.getStore();
    if (scope?.background) QueryLogger.background++;
    else QueryLogger.total++;
    if (scope) scope.sqlStatements++;
  }

  logQueryError(error: string | Error, query: string): void {
    const requestId = requestScope.getStore()?.requestId;
    this.logger.warn(
      { requestId, err: typeof error === 'string' ? error : error.message, query: query.slice(0, 500) },
      'query failed',
    );
  }

  logQuerySlow(time: number, query: string): void {
    if (time >= this.slowMs)
      this.logger.warn({ requestId: requestScope.getStore()?.requestId, ms: time, query: query.slice(0, 500) }, 'slow query');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug({ schema: message }, 'schema build');
  }

  logMigration(message: string): void {
    this.logger.info({ migration: message }, 'migration');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ message }, 'typeorm');
    else this.logger.debug({ message }, 'typeorm');
  }
}
