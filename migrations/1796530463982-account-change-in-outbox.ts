import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An account change takes its place in the outbox (src/events/account-versions.ts): when a row of
 * `account` changes role, unit, cadre, disabled flag or token version, or is deleted, a trigger
 * writes an ACCOUNT_CHANGED row `{ accountId, version }` in the same transaction, so every
 * instance's feed reads it in feed order, before any event committed after it, and the doorbell
 * rings for it like for any event. `version` is the account's optimistic-lock column, which
 * TypeORM raises on every save; the trigger raises it itself for a statement that did not (a
 * plain SQL UPDATE), so a changed account always has a higher version than any session read
 * before the change.
 *
 * Generated as the enum value (TypeORM also dropped and re-created outbox_event_type_id_idx
 * around it, which ADD VALUE does not need); the function and triggers are written by hand.
 */
export class AccountChangeInOutbox1796530463982 implements MigrationInterface {
  name = 'AccountChangeInOutbox1796530463982';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."board_event_type" ADD VALUE 'ACCOUNT_CHANGED'`);
    await queryRunner.query(`CREATE FUNCTION account_change_to_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO outbox_event (type, payload)
      VALUES ('ACCOUNT_CHANGED', jsonb_build_object('accountId', OLD.id, 'version', OLD.version + 1));
    RETURN OLD;
  END IF;
  IF NEW.version <= OLD.version THEN
    NEW.version := OLD.version + 1;
  END IF;
  INSERT INTO outbox_event (type, payload)
    VALUES ('ACCOUNT_CHANGED', jsonb_build_object('accountId', NEW.id, 'version', NEW.version));
  RETURN NEW;
END $$`);
    await queryRunner.query(`CREATE TRIGGER account_change_to_outbox BEFORE UPDATE ON account FOR EACH ROW
  WHEN ((OLD.role, OLD.unit_id, OLD.cadre_id, OLD.disabled, OLD.token_version)
        IS DISTINCT FROM (NEW.role, NEW.unit_id, NEW.cadre_id, NEW.disabled, NEW.token_version))
  EXECUTE FUNCTION account_change_to_outbox()`);
    await queryRunner.query(
      `CREATE TRIGGER account_removal_to_outbox AFTER DELETE ON account FOR EACH ROW EXECUTE FUNCTION account_change_to_outbox()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER account_removal_to_outbox ON account`);
    await queryRunner.query(`DROP TRIGGER account_change_to_outbox ON account`);
    await queryRunner.query(`DROP FUNCTION account_change_to_outbox()`);
    await queryRunner.query(`DELETE FROM outbox_event WHERE type = 'ACCOUNT_CHANGED'`);
    await queryRunner.query(`DROP INDEX "public"."outbox_event_type_id_idx"`);
    await queryRunner.query(
      `CREATE TYPE "public"."board_event_type_old" AS ENUM('REPORT_RECEIVED', 'REPORT_STATUS_CHANGED', 'REPORT_DUE_SOON', 'REPORT_OVERDUE', 'PRESS_REPORT_RECORDED', 'INSPECTION_OPENED', 'FINDING_RECORDED', 'INSPECTION_CONCLUDED', 'DISCIPLINE_CASE_OPENED', 'DISCIPLINE_CASE_DECIDED')`,
    );
    await queryRunner.query(
      `ALTER TABLE "outbox_event" ALTER COLUMN "type" TYPE "public"."board_event_type_old" USING "type"::"text"::"public"."board_event_type_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."board_event_type"`);
    await queryRunner.query(`ALTER TYPE "public"."board_event_type_old" RENAME TO "board_event_type"`);
    await queryRunner.query(`CREATE INDEX "outbox_event_type_id_idx" ON "outbox_event" ("type", "id")`);
  }
}
