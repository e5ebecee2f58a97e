import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PeriodicReportDrafts1796543304892 implements MigrationInterface {
  name = 'PeriodicReportDrafts1796543304892';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "periodic_report_draft" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "template_code" text NOT NULL, "template_version" text NOT NULL, "period_kind" text NOT NULL, "year" integer NOT NULL, "number" integer NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "prepared_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "tables" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_e0aadf88ff62be752a2855baf13" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "periodic_report_draft_period_idx" ON "periodic_report_draft"  ("template_code", "period_kind", "year", "number") `);
    // A new enum value needs no index rebuilt (the generator drops and recreates outbox_event_type_id_idx around it).
    await queryRunner.query(`ALTER TYPE "public"."board_event_type" ADD VALUE 'PERIODIC_REPORT_READY'`);
    await queryRunner.query(`CREATE INDEX "report_timeline_transition_at_idx" ON "report_timeline_entry"  ("at") WHERE type = 'TRANSITION'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."report_timeline_transition_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_event_type_id_idx"`);
    await queryRunner.query(`DELETE FROM "outbox_event" WHERE "type" = 'PERIODIC_REPORT_READY'`);
    await queryRunner.query(`CREATE TYPE "public"."board_event_type_old" AS ENUM('REPORT_RECEIVED', 'REPORT_STATUS_CHANGED', 'REPORT_DUE_SOON', 'REPORT_OVERDUE', 'PRESS_REPORT_RECORDED', 'INSPECTION_OPENED', 'FINDING_RECORDED', 'INSPECTION_CONCLUDED', 'DISCIPLINE_CASE_OPENED', 'DISCIPLINE_CASE_DECIDED', 'ACCOUNT_CHANGED', 'REPORT_CORRECTED', 'REPORT_REASSIGNED')`);
    await queryRunner.query(`ALTER TABLE "outbox_event" ALTER COLUMN "type" TYPE "public"."board_event_type_old" USING "type"::"text"::"public"."board_event_type_old"`);
    await queryRunner.query(`DROP TYPE "public"."board_event_type"`);
    await queryRunner.query(`ALTER TYPE "public"."board_event_type_old" RENAME TO "board_event_type"`);
    await queryRunner.query(`CREATE INDEX "outbox_event_type_id_idx" ON "outbox_event" ("type", "id")`);
    await queryRunner.query(`DROP INDEX "public"."periodic_report_draft_period_idx"`);
    await queryRunner.query(`DROP TABLE "periodic_report_draft"`);
  }
}
