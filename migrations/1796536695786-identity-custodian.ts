import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityCustodian1796536695786 implements MigrationInterface {
  name = 'IdentityCustodian1796536695786';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."identity_access_status" AS ENUM('REQUESTED', 'GRANTED', 'REFUSED', 'ENDED')`);
    await queryRunner.query(`CREATE TABLE "identity_access_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "requested_by_id" uuid NOT NULL, "reason" text NOT NULL, "status" "public"."identity_access_status" NOT NULL DEFAULT 'REQUESTED', "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_note" text, "ended_at" TIMESTAMP WITH TIME ZONE, "ended_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_34b71ecdba72e520202ac93832f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "identity_access_request_live_key" ON "identity_access_request"  ("report_id", "requested_by_id") WHERE status IN ('REQUESTED', 'GRANTED')`);
    await queryRunner.query(`CREATE INDEX "identity_access_request_report_idx" ON "identity_access_request"  ("report_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "account" ADD "is_inspection_chair" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "identity_access" ADD "grant_id" uuid`);
    // A new enum value needs no index rebuilt (the generator drops and recreates outbox_event_type_id_idx around it).
    await queryRunner.query(`ALTER TYPE "public"."board_event_type" ADD VALUE 'REPORT_REASSIGNED'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "account_inspection_chair_key" ON "account"  ("is_inspection_chair") WHERE is_inspection_chair`);
    await queryRunner.query(`ALTER TABLE "identity_access_request" ADD CONSTRAINT "FK_72ac455b0523cffb1497514ae33" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "identity_access_request" ADD CONSTRAINT "FK_4f830098071797ffe861e4b3e79" FOREIGN KEY ("requested_by_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "identity_access_request" ADD CONSTRAINT "FK_be764a25e0d976782448a1c3fef" FOREIGN KEY ("decided_by_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "identity_access" ADD CONSTRAINT "FK_b4f630e3593d58535551bcc09a4" FOREIGN KEY ("grant_id") REFERENCES "identity_access_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // By hand: the Standing Committee reads the access log too (the service narrows the
    // Inspection Committee to its chair); requests and decisions are history the app never deletes.
    await queryRunner.query(`DROP POLICY identity_access_read ON identity_access`);
    await queryRunner.query(`
      CREATE POLICY identity_access_read ON identity_access FOR SELECT
        USING (giamsat_actor_role() IN ('INSPECTION_COMMITTEE', 'STANDING_COMMITTEE'))`);
    await queryRunner.query(`REVOKE DELETE, TRUNCATE ON identity_access_request FROM giamsat_app`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY identity_access_read ON identity_access`);
    await queryRunner.query(`
      CREATE POLICY identity_access_read ON identity_access FOR SELECT
        USING (giamsat_actor_role() = 'INSPECTION_COMMITTEE')`);
    await queryRunner.query(`ALTER TABLE "identity_access" DROP CONSTRAINT "FK_b4f630e3593d58535551bcc09a4"`);
    await queryRunner.query(`ALTER TABLE "identity_access_request" DROP CONSTRAINT "FK_be764a25e0d976782448a1c3fef"`);
    await queryRunner.query(`ALTER TABLE "identity_access_request" DROP CONSTRAINT "FK_4f830098071797ffe861e4b3e79"`);
    await queryRunner.query(`ALTER TABLE "identity_access_request" DROP CONSTRAINT "FK_72ac455b0523cffb1497514ae33"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_event_type_id_idx"`);
    await queryRunner.query(`DELETE FROM "outbox_event" WHERE "type" = 'REPORT_REASSIGNED'`);
    await queryRunner.query(`DROP INDEX "public"."account_inspection_chair_key"`);
    await queryRunner.query(`CREATE TYPE "public"."board_event_type_old" AS ENUM('REPORT_RECEIVED', 'REPORT_STATUS_CHANGED', 'REPORT_DUE_SOON', 'REPORT_OVERDUE', 'PRESS_REPORT_RECORDED', 'INSPECTION_OPENED', 'FINDING_RECORDED', 'INSPECTION_CONCLUDED', 'DISCIPLINE_CASE_OPENED', 'DISCIPLINE_CASE_DECIDED')`);
    await queryRunner.query(`ALTER TABLE "outbox_event" ALTER COLUMN "type" TYPE "public"."board_event_type_old" USING "type"::"text"::"public"."board_event_type_old"`);
    await queryRunner.query(`DROP TYPE "public"."board_event_type"`);
    await queryRunner.query(`ALTER TYPE "public"."board_event_type_old" RENAME TO "board_event_type"`);
    await queryRunner.query(`CREATE INDEX "outbox_event_type_id_idx" ON "outbox_event" ("type", "id")`);
    await queryRunner.query(`ALTER TABLE "identity_access" DROP COLUMN "grant_id"`);
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "is_inspection_chair"`);
    await queryRunner.query(`DROP INDEX "public"."identity_access_request_report_idx"`);
    await queryRunner.query(`DROP INDEX "public"."identity_access_request_live_key"`);
    await queryRunner.query(`DROP TABLE "identity_access_request"`);
    await queryRunner.query(`DROP TYPE "public"."identity_access_status"`);
  }
}
