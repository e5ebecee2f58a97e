import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BoardDeadlinesPresence1796148230033 implements MigrationInterface {
  name = 'BoardDeadlinesPresence1796148230033';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."deadline_threshold" AS ENUM('DUE_SOON', 'OVERDUE')`);
    await queryRunner.query(`CREATE TABLE "deadline_alert" ("report_id" uuid NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "threshold" "public"."deadline_threshold" NOT NULL, "alerted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "emitted" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_c1270305a0c8652457107bf2375" PRIMARY KEY ("report_id", "due_at", "threshold"))`);
    await queryRunner.query(`CREATE TABLE "deadline_watch_state" ("id" smallint NOT NULL DEFAULT '1', "baseline_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7a737424771036a6da641988b65" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TYPE "public"."presence_subject_type" AS ENUM('REPORT', 'INSPECTION')`);
    await queryRunner.query(`CREATE TABLE "board_presence" ("id" uuid NOT NULL, "instance_id" uuid NOT NULL, "account_id" uuid NOT NULL, "subject_type" "public"."presence_subject_type" NOT NULL, "subject_id" uuid NOT NULL, "since" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "heartbeat_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_55dc7d942b2e347f445b7dd4b8f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "board_presence_instance_idx" ON "board_presence"  ("instance_id") `);
    await queryRunner.query(`CREATE TABLE "board_count" ("facet" text NOT NULL, "key" text NOT NULL DEFAULT '', "day" integer NOT NULL DEFAULT '0', "n" bigint NOT NULL, CONSTRAINT "PK_12f7bfb4cafa3e9c1643a20b7c6" PRIMARY KEY ("facet", "key", "day"))`);
    await queryRunner.query(`CREATE TABLE "board_count_delta" ("id" BIGSERIAL NOT NULL, "facet" text NOT NULL, "key" text NOT NULL DEFAULT '', "day" integer NOT NULL DEFAULT '0', "n" integer NOT NULL, CONSTRAINT "PK_26a1acdbe31697cac20e45d62be" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "inspection_in_progress_idx" ON "inspection"  ("status") WHERE status IN ('IN_PROGRESS', 'FINDINGS_REPORTED')`);
    await queryRunner.query(`CREATE INDEX "discipline_case_status_idx" ON "discipline_case"  ("status") `);
    await queryRunner.query(`ALTER TABLE "deadline_alert" ADD CONSTRAINT "FK_db5721d255a850ef00d82fe03ec" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "board_presence" ADD CONSTRAINT "FK_bb5f5719aa3940e3eadb6baad77" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "board_presence" DROP CONSTRAINT "FK_bb5f5719aa3940e3eadb6baad77"`);
    await queryRunner.query(`ALTER TABLE "deadline_alert" DROP CONSTRAINT "FK_db5721d255a850ef00d82fe03ec"`);
    await queryRunner.query(`DROP INDEX "public"."discipline_case_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."inspection_in_progress_idx"`);
    await queryRunner.query(`DROP TABLE "board_count_delta"`);
    await queryRunner.query(`DROP TABLE "board_count"`);
    await queryRunner.query(`DROP INDEX "public"."board_presence_instance_idx"`);
    await queryRunner.query(`DROP TABLE "board_presence"`);
    await queryRunner.query(`DROP TYPE "public"."presence_subject_type"`);
    await queryRunner.query(`DROP TABLE "deadline_watch_state"`);
    await queryRunner.query(`DROP TABLE "deadline_alert"`);
    await queryRunner.query(`DROP TYPE "public"."deadline_threshold"`);
  }
}
