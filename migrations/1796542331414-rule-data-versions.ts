import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rule data in the database (src/modules/rules): every version of the deadline rule sets, the
 * holiday calendar and the discipline rule sets, each with the audit of its change; version 1 is
 * seeded from the bundled files at start. DATA_CHANGED outbox rows tell the other instances to
 * read a new version.
 */
export class RuleDataVersions1796542331414 implements MigrationInterface {
  name = 'RuleDataVersions1796542331414';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."rule_data_kind" AS ENUM('DEADLINE_RULES', 'HOLIDAY_CALENDAR', 'DISCIPLINE_RULES')`);
    await queryRunner.query(`CREATE TABLE "rule_data_version" ("kind" "public"."rule_data_kind" NOT NULL, "version" integer NOT NULL, "data" jsonb NOT NULL, "effective_from" date, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "changed_by_id" uuid, "changed_by_email" text, "reason" text NOT NULL, "summary" text NOT NULL, "change" jsonb NOT NULL DEFAULT '{}', "recomputed" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_3ed6111c3c4a495b92e1b3012a1" PRIMARY KEY ("kind", "version"))`);
    await queryRunner.query(`ALTER TYPE "public"."board_event_type" ADD VALUE 'DATA_CHANGED'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM outbox_event WHERE type = 'DATA_CHANGED'`);
    await queryRunner.query(`CREATE TYPE "public"."board_event_type_old" AS ENUM('REPORT_RECEIVED', 'REPORT_STATUS_CHANGED', 'REPORT_DUE_SOON', 'REPORT_OVERDUE', 'PRESS_REPORT_RECORDED', 'INSPECTION_OPENED', 'FINDING_RECORDED', 'INSPECTION_CONCLUDED', 'DISCIPLINE_CASE_OPENED', 'DISCIPLINE_CASE_DECIDED', 'ACCOUNT_CHANGED', 'REPORT_CORRECTED', 'REPORT_REASSIGNED')`);
    await queryRunner.query(`ALTER TABLE "outbox_event" ALTER COLUMN "type" TYPE "public"."board_event_type_old" USING "type"::"text"::"public"."board_event_type_old"`);
    await queryRunner.query(`DROP TYPE "public"."board_event_type"`);
    await queryRunner.query(`ALTER TYPE "public"."board_event_type_old" RENAME TO "board_event_type"`);
    await queryRunner.query(`DROP TABLE "rule_data_version"`);
    await queryRunner.query(`DROP TYPE "public"."rule_data_kind"`);
  }
}
