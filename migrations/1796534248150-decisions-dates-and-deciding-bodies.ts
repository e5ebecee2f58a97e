import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DecisionsDatesAndDecidingBodies1796534248150 implements MigrationInterface {
  name = 'DecisionsDatesAndDecidingBodies1796534248150';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."finding_recorded_idx"`);
    await queryRunner.query(`CREATE TYPE "public"."correctable_item" AS ENUM('INSPECTION', 'FINDING', 'FOLLOW_UP', 'DISCIPLINE_CASE', 'COMMENDATION')`);
    await queryRunner.query(`CREATE TYPE "public"."correctable_field" AS ENUM('DECISION_DATE', 'DECISION_NUMBER', 'EFFECTIVE_DATE', 'CORRECT_BY', 'DUE_ON', 'FULFILLED_ON')`);
    await queryRunner.query(`CREATE TABLE "decision_correction" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_type" "public"."correctable_item" NOT NULL, "item_id" uuid NOT NULL, "field" "public"."correctable_field" NOT NULL, "old_value" text, "new_value" text NOT NULL, "reason" text NOT NULL, "recomputed" jsonb NOT NULL DEFAULT '[]', "corrected_by" uuid, "corrected_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_94fd60c1f72c0317f7736938d8f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "decision_correction_item_idx" ON "decision_correction"  ("item_type", "item_id", "corrected_at") `);
    await queryRunner.query(`ALTER TABLE "inspection" ADD "decision_recorded_by" uuid`);
    await queryRunner.query(`CREATE TYPE "public"."finding_status" AS ENUM('RECORDED', 'WITHDRAWN')`);
    await queryRunner.query(`ALTER TABLE "finding" ADD "status" "public"."finding_status" NOT NULL DEFAULT 'RECORDED'`);
    await queryRunner.query(`ALTER TABLE "finding" ADD "withdrawn_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "finding" ADD "withdrawal_reason" text`);
    await queryRunner.query(`ALTER TABLE "finding" ADD "withdrawn_by" uuid`);
    await queryRunner.query(`ALTER TABLE "follow_up_item" ADD "recorded_by" uuid`);
    await queryRunner.query(`ALTER TABLE "follow_up_item" ADD "fulfilled_by" uuid`);
    await queryRunner.query(`ALTER TABLE "commendation" ADD "recorded_by" uuid`);
    await queryRunner.query(`CREATE TYPE "public"."deciding_body" AS ENUM('PARTY_CELL', 'PARTY_COMMITTEE', 'PARTY_STANDING_COMMITTEE', 'PARTY_INSPECTION_COMMITTEE', 'WARD_PEOPLES_COMMITTEE_CHAIRMAN', 'WARD_PEOPLES_COUNCIL', 'HIGHER_LEVEL')`);
    await queryRunner.query(`ALTER TABLE "discipline_case" ADD "decided_by" "public"."deciding_body"`);
    await queryRunner.query(`ALTER TABLE "discipline_case" ADD "decision_recorded_by" uuid`);
    await queryRunner.query(`CREATE INDEX "finding_recorded_idx" ON "finding"  ("recorded_at", "id", "severity", "area", "status") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."finding_recorded_idx"`);
    await queryRunner.query(`ALTER TABLE "discipline_case" DROP COLUMN "decision_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "discipline_case" DROP COLUMN "decided_by"`);
    await queryRunner.query(`DROP TYPE "public"."deciding_body"`);
    await queryRunner.query(`ALTER TABLE "commendation" DROP COLUMN "recorded_by"`);
    await queryRunner.query(`ALTER TABLE "follow_up_item" DROP COLUMN "fulfilled_by"`);
    await queryRunner.query(`ALTER TABLE "follow_up_item" DROP COLUMN "recorded_by"`);
    await queryRunner.query(`ALTER TABLE "finding" DROP COLUMN "withdrawn_by"`);
    await queryRunner.query(`ALTER TABLE "finding" DROP COLUMN "withdrawal_reason"`);
    await queryRunner.query(`ALTER TABLE "finding" DROP COLUMN "withdrawn_at"`);
    await queryRunner.query(`ALTER TABLE "finding" DROP COLUMN "status"`);
    await queryRunner.query(`DROP TYPE "public"."finding_status"`);
    await queryRunner.query(`ALTER TABLE "inspection" DROP COLUMN "decision_recorded_by"`);
    await queryRunner.query(`DROP INDEX "public"."decision_correction_item_idx"`);
    await queryRunner.query(`DROP TABLE "decision_correction"`);
    await queryRunner.query(`DROP TYPE "public"."correctable_field"`);
    await queryRunner.query(`DROP TYPE "public"."correctable_item"`);
    await queryRunner.query(`CREATE INDEX "finding_recorded_idx" ON "finding" ("recorded_at", "id", "severity", "area") `);
  }
}
