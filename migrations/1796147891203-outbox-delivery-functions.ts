import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What delivery from the outbox needs in SQL (src/events/outbox-reader.ts):
 * - `outbox_tx_id()`: the writing transaction's top-level id as a bigint (xid8 with its epoch, so
 *   it never wraps), the default of `outbox_event.tx_id` (a function, because TypeORM compares a
 *   default with its casts stripped, and a cast expression would never compare equal);
 * - `outbox_horizon()`: the oldest transaction id still running (`pg_snapshot_xmin`): every
 *   transaction below it has finished, so rows below it can no longer appear (STABLE, so it
 *   reads the calling statement's snapshot, the one that decides what the statement sees);
 * - a statement trigger that rings the PostgreSQL doorbell (`NOTIFY giamsat_outbox`, empty
 *   payload) when outbox rows are inserted: PostgreSQL sends it at commit, only if the
 *   transaction commits, and once per transaction. A session with `giamsat.outbox_notify = off`
 *   (the app sets it when the Redis doorbell is configured) skips it.
 */
export class OutboxDeliveryFunctions1796147891203 implements MigrationInterface {
  name = 'OutboxDeliveryFunctions1796147891203';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION outbox_tx_id() RETURNS bigint LANGUAGE sql VOLATILE AS $$ SELECT pg_current_xact_id()::text::bigint $$`);
    await queryRunner.query(
      `CREATE FUNCTION outbox_horizon() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint $$`,
    );
    await queryRunner.query(`CREATE FUNCTION outbox_ring() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('giamsat.outbox_notify', true), '') <> 'off' THEN
    PERFORM pg_notify('giamsat_outbox', '');
  END IF;
  RETURN NULL;
END $$`);
    await queryRunner.query(`CREATE TRIGGER outbox_event_ring AFTER INSERT ON outbox_event FOR EACH STATEMENT EXECUTE FUNCTION outbox_ring()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER outbox_event_ring ON outbox_event`);
    await queryRunner.query(`DROP FUNCTION outbox_ring()`);
    await queryRunner.query(`DROP FUNCTION outbox_horizon()`);
    await queryRunner.query(`DROP FUNCTION outbox_tx_id()`);
  }
}
