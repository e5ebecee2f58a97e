import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportHandlingDuties1796542457085 implements MigrationInterface {
  name = 'ReportHandlingDuties1796542457085';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "report" ADD "accepted_on" date`);
    await queryRunner.query(`ALTER TABLE "report" ADD "concluded_on" date`);
    await queryRunner.query(`ALTER TABLE "report" ADD "forwarded_on" date`);
    await queryRunner.query(`ALTER TABLE "report" ADD "forwarding_due_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "report" ADD "replied_on" date`);
    await queryRunner.query(`ALTER TABLE "report" ADD "merged_press_due_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "report_extension" ADD "decided_on" date`);
    await queryRunner.query(`ALTER TYPE "public"."report_status" ADD VALUE 'INFORMATION'`);
    await queryRunner.query(`ALTER TYPE "public"."report_status" ADD VALUE 'INFORMATION_USED'`);
    await queryRunner.query(`ALTER TYPE "public"."report_status" ADD VALUE 'INFORMATION_FILED'`);
    await queryRunner.query(`ALTER TYPE "public"."timeline_entry_type" ADD VALUE 'COMPLEXITY_FOUND'`);
    await queryRunner.query(`ALTER TYPE "public"."timeline_entry_type" ADD VALUE 'REPLY_SHARED'`);
    await queryRunner.query(`CREATE INDEX "report_merged_into_idx" ON "report"  ("merged_into_id") WHERE merged_into_id IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."report_merged_into_idx"`);
    await queryRunner.query(`CREATE TYPE "public"."timeline_entry_type_old" AS ENUM('RECEIVED', 'TRANSITION', 'ASSIGNED', 'EXTENDED', 'QUESTION_TO_REPORTER', 'REPORTER_MESSAGE', 'EVIDENCE_ADDED', 'NOTE', 'REDACTION_MARKED', 'CORRECTED')`);
    await queryRunner.query(`ALTER TABLE "report_timeline_entry" ALTER COLUMN "type" TYPE "public"."timeline_entry_type_old" USING "type"::"text"::"public"."timeline_entry_type_old"`);
    await queryRunner.query(`DROP TYPE "public"."timeline_entry_type"`);
    await queryRunner.query(`ALTER TYPE "public"."timeline_entry_type_old" RENAME TO "timeline_entry_type"`);
    await queryRunner.query(`CREATE TYPE "public"."report_status_old" AS ENUM('RECEIVED', 'CLASSIFIED', 'ACCEPTED', 'NOT_ACCEPTED', 'TRANSFERRED', 'UNDER_VERIFICATION', 'CONCLUDED', 'CLOSED', 'MERGED')`);
    await queryRunner.query(`ALTER TABLE "report" ALTER COLUMN "status" TYPE "public"."report_status_old" USING "status"::"text"::"public"."report_status_old"`);
    await queryRunner.query(`DROP TYPE "public"."report_status"`);
    await queryRunner.query(`ALTER TYPE "public"."report_status_old" RENAME TO "report_status"`);
    await queryRunner.query(`ALTER TABLE "report_extension" DROP COLUMN "decided_on"`);
    await queryRunner.query(`ALTER TABLE "report" DROP COLUMN "merged_press_due_at"`);
    await queryRunner.query(`ALTER TABLE "report" DROP COLUMN "replied_on"`);
    await queryRunner.query(`ALTER TABLE "report" DROP COLUMN "forwarding_due_at"`);
    await queryRunner.query(`ALTER TABLE "report" DROP COLUMN "forwarded_on"`);
    await queryRunner.query(`ALTER TABLE "report" DROP COLUMN "concluded_on"`);
    await queryRunner.query(`ALTER TABLE "report" DROP COLUMN "accepted_on"`);
  }
}
