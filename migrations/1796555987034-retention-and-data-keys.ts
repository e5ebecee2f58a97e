import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RetentionAndDataKeys1796555987034 implements MigrationInterface {
  name = 'RetentionAndDataKeys1796555987034';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "report_data_key" ("report_id" uuid NOT NULL, "wrapped" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7a7735c59843f86b8866298706c" PRIMARY KEY ("report_id"))`);
    await queryRunner.query(`CREATE TABLE "retention_destruction" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "confirmed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "confirmed_by_id" uuid NOT NULL, "confirmed_by_email" text NOT NULL, "rule_data_version" integer NOT NULL, "reports" jsonb NOT NULL, CONSTRAINT "PK_be068309dbd11c6aa69c5cd61b8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "report" ADD "identity_destroyed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TYPE "public"."rule_data_kind" ADD VALUE 'RETENTION_RULES'`);
    await queryRunner.query(`ALTER TABLE "report_data_key" ADD CONSTRAINT "FK_7a7735c59843f86b8866298706c" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "report_data_key" DROP CONSTRAINT "FK_7a7735c59843f86b8866298706c"`);
    await queryRunner.query(`CREATE TYPE "public"."rule_data_kind_old" AS ENUM('DEADLINE_RULES', 'HOLIDAY_CALENDAR', 'DISCIPLINE_RULES')`);
    await queryRunner.query(`ALTER TABLE "rule_data_version" ALTER COLUMN "kind" TYPE "public"."rule_data_kind_old" USING "kind"::"text"::"public"."rule_data_kind_old"`);
    await queryRunner.query(`DROP TYPE "public"."rule_data_kind"`);
    await queryRunner.query(`ALTER TYPE "public"."rule_data_kind_old" RENAME TO "rule_data_kind"`);
    await queryRunner.query(`ALTER TABLE "report" DROP COLUMN "identity_destroyed_at"`);
    await queryRunner.query(`DROP TABLE "retention_destruction"`);
    await queryRunner.query(`DROP TABLE "report_data_key"`);
  }
}
