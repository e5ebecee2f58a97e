import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReminderDigests1796556050179 implements MigrationInterface {
  name = 'ReminderDigests1796556050179';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "reminder_digest" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "day" date NOT NULL, "prepared_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "as_chair" boolean NOT NULL DEFAULT false, "days_ahead" integer NOT NULL, "due_by" date NOT NULL, "overdue_count" integer NOT NULL DEFAULT '0', "due_soon_count" integer NOT NULL DEFAULT '0', "items" jsonb NOT NULL DEFAULT '[]', "mailed_at" TIMESTAMP WITH TIME ZONE, "mail_attempts" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_a5f459c614fbc1bc338bd572c58" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "reminder_digest_account_day_key" ON "reminder_digest"  ("account_id", "day") `);
    // A new enum value needs no index rebuilt (the generator drops and recreates outbox_event_type_id_idx around it).
    await queryRunner.query(`ALTER TYPE "public"."board_event_type" ADD VALUE 'REMINDER_DIGEST_READY'`);
    await queryRunner.query(`ALTER TABLE "reminder_digest" ADD CONSTRAINT "FK_3ba379338d030c9127194accdcb" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reminder_digest" DROP CONSTRAINT "FK_3ba379338d030c9127194accdcb"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_event_type_id_idx"`);
    await queryRunner.query(`DELETE FROM "outbox_event" WHERE "type" = 'REMINDER_DIGEST_READY'`);
    await queryRunner.query(`CREATE TYPE "public"."board_event_type_old" AS ENUM('REPORT_RECEIVED', 'REPORT_STATUS_CHANGED', 'REPORT_DUE_SOON', 'REPORT_OVERDUE', 'PRESS_REPORT_RECORDED', 'INSPECTION_OPENED', 'FINDING_RECORDED', 'INSPECTION_CONCLUDED', 'DISCIPLINE_CASE_OPENED', 'DISCIPLINE_CASE_DECIDED', 'ACCOUNT_CHANGED', 'REPORT_CORRECTED', 'REPORT_REASSIGNED', 'INSPECTION_CHAIR_CHANGED', 'DATA_CHANGED', 'PERIODIC_REPORT_READY')`);
    await queryRunner.query(`ALTER TABLE "outbox_event" ALTER COLUMN "type" TYPE "public"."board_event_type_old" USING "type"::"text"::"public"."board_event_type_old"`);
    await queryRunner.query(`DROP TYPE "public"."board_event_type"`);
    await queryRunner.query(`ALTER TYPE "public"."board_event_type_old" RENAME TO "board_event_type"`);
    await queryRunner.query(`CREATE INDEX "outbox_event_type_id_idx" ON "outbox_event" ("type", "id")`);
    await queryRunner.query(`DROP INDEX "public"."reminder_digest_account_day_key"`);
    await queryRunner.query(`DROP TABLE "reminder_digest"`);
  }
}
