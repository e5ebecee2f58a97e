import type { DataSource } from 'typeorm';
import type { Logger } from '../common/logger';

/** Advisory-lock key shared by every instance: only one migrates (or seeds) at a time. */
const MIGRATION_LOCK = 7_265_001;

/** Runs `fn` while holding the cluster-wide migration lock. */
export async function withMigrationLock<T>(dataSource: DataSource, fn: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return await fn();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/** Applies pending migrations, each in its own transaction, one instance at a time. */
export async function runMigrations(dataSource: DataSource, logger: Logger): Promise<string[]> {
  return withMigrationLock(dataSource, async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const m of applied) logger.info({ migration: m.name }, 'migration applied');
    return applied.map((m) => m.name);
  });
}
