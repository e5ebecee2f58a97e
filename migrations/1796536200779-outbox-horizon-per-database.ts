import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `outbox_horizon()` ignores transactions of other databases on the same server.
 *
 * The horizon was `pg_snapshot_xmin` of the statement's snapshot: the oldest transaction still
 * running anywhere on the server. A long transaction in another database (another application,
 * a long import elsewhere, another test database) held back every board event of this one until
 * it ended, though it cannot have written to this outbox. Now the horizon is the oldest
 * in-progress transaction of the snapshot that may belong to this database: one is left out only
 * when `pg_stat_activity` (whose `backend_xid` every role may read) or `pg_prepared_xacts` shows
 * it in another database. Transaction ids are never reused, so a match is certain; a transaction
 * that ended between the snapshot and the look-up is kept, which only delays (never skips).
 */
export class OutboxHorizonPerDatabase1796536200779 implements MigrationInterface {
  name = 'OutboxHorizonPerDatabase1796536200779';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION outbox_horizon() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT min(x::text::bigint)
       FROM pg_snapshot_xip(pg_current_snapshot()) AS x
      WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                         WHERE a.backend_xid = xid(x)
                           AND a.datid IS DISTINCT FROM (SELECT d.oid FROM pg_database d WHERE d.datname = current_database()))
        AND NOT EXISTS (SELECT 1 FROM pg_prepared_xacts p
                         WHERE p.transaction = xid(x) AND p.database <> current_database())),
    pg_snapshot_xmax(pg_current_snapshot())::text::bigint)
$$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION outbox_horizon() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint $$`,
    );
  }
}
