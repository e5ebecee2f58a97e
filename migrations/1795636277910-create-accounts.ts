import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccounts1795636277910 implements MigrationInterface {
  name = 'CreateAccounts1795636277910';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."account_role" AS ENUM('ADMIN', 'STANDING_COMMITTEE', 'INSPECTION_COMMITTEE', 'PARTY_BUILDING', 'INTAKE_STAFF', 'UNIT_HEAD', 'VIEWER')`);
    await queryRunner.query(`CREATE TABLE "account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "email" text NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "role" "public"."account_role" NOT NULL, "unit_id" uuid, "disabled" boolean NOT NULL DEFAULT false, "token_version" integer NOT NULL DEFAULT '0', "last_login_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_54115ee388cdb6d86bb4bf5b2ea" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "account_email_key" ON "account"  ("email") `);
    await queryRunner.query(`CREATE TABLE "login_throttle" ("key" text NOT NULL, "failures" integer NOT NULL, "last_failure_at" TIMESTAMP WITH TIME ZONE NOT NULL, "blocked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_14c03bac82292a8310c54cb98d0" PRIMARY KEY ("key"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "login_throttle"`);
    await queryRunner.query(`DROP INDEX "public"."account_email_key"`);
    await queryRunner.query(`DROP TABLE "account"`);
    await queryRunner.query(`DROP TYPE "public"."account_role"`);
  }
}
