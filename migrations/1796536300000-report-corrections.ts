import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * correctReport (issue 21, item 2): CORRECTED timeline entries with their structured change,
 * and the REPORT_CORRECTED board event. Reviewed by hand: the generator also dropped and
 * recreated outbox_event_type_id_idx around the new enum value, which PostgreSQL does not need
 * (ADD VALUE leaves indexes valid), and its down recreated it with the columns swapped.
 */
export class ReportCorrections1796536300000 implements MigrationInterface {
  name = 'ReportCorrections1796536300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "report_timeline_entry" ADD "correction" jsonb`);
    await queryRunner.query(`ALTER TYPE "public"."board_event_type" ADD VALUE 'REPORT_CORRECTED'`);
    await queryRunner.query(`ALTER TYPE "public"."timeline_entry_type" ADD VALUE 'CORRECTED'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The rows that use the new values cannot be expressed in the old types.
    await queryRunner.query(`DELETE FROM "report_timeline_entry" WHERE "type" = 'CORRECTED'`);
    await queryRunner.query(`DELETE FROM "outbox_event" WHERE "type" = 'REPORT_CORRECTED'`);
    await queryRunner.query(
      `CREATE TYPE "public"."timeline_entry_type_old" AS ENUM('RECEIVED', 'TRANSITION', 'ASSIGNED', 'EXTENDED', 'QUESTION_TO_REPORTER', 'REPORTER_MESSAGE', 'EVIDENCE_ADDED', 'NOTE', 'REDACTION_MARKED')`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_timeline_entry" ALTER COLUMN "type" TYPE "public"."timeline_entry_type_old" USING "type"::"text"::"public"."timeline_entry_type_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."timeline_entry_type"`);
    await queryRunner.query(`ALTER TYPE "public"."timeline_entry_type_old" RENAME TO "timeline_entry_type"`);
    await queryRunner.query(
      `CREATE TYPE "public"."board_event_type_old" AS ENUM('REPORT_RECEIVED', 'REPORT_STATUS_CHANGED', 'REPORT_DUE_SOON', 'REPORT_OVERDUE', 'PRESS_REPORT_RECORDED', 'INSPECTION_OPENED', 'FINDING_RECORDED', 'INSPECTION_CONCLUDED', 'DISCIPLINE_CASE_OPENED', 'DISCIPLINE_CASE_DECIDED', 'ACCOUNT_CHANGED')`,
    );
    await queryRunner.query(
      `ALTER TABLE "outbox_event" ALTER COLUMN "type" TYPE "public"."board_event_type_old" USING "type"::"text"::"public"."board_event_type_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."board_event_type"`);
    await queryRunner.query(`ALTER TYPE "public"."board_event_type_old" RENAME TO "board_event_type"`);
    await queryRunner.query(`ALTER TABLE "report_timeline_entry" DROP COLUMN "correction"`);
  }
}
