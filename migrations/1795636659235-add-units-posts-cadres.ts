import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddUnitsPostsCadres1795636659235 implements MigrationInterface {
  name = 'AddUnitsPostsCadres1795636659235';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."unit_kind" AS ENUM('PARTY_COMMITTEE', 'STANDING_COMMITTEE', 'BODY', 'OFFICE', 'PARTY_CELL', 'SUBORDINATE_PARTY_COMMITTEE', 'RESIDENTIAL_PARTY_CELL')`);
    await queryRunner.query(`CREATE TYPE "public"."unit_body" AS ENUM('PARTY_OFFICE', 'FATHERLAND_FRONT', 'GOVERNMENT')`);
    await queryRunner.query(`CREATE TABLE "unit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "kind" "public"."unit_kind" NOT NULL, "body" "public"."unit_body", "parent_id" uuid, "path" text NOT NULL, "depth" integer NOT NULL, CONSTRAINT "PK_4252c4be609041e559f0c80f58a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "unit_code_key" ON "unit"  ("code") `);
    await queryRunner.query(`CREATE INDEX "unit_body_idx" ON "unit"  ("body") `);
    await queryRunner.query(`CREATE INDEX "unit_parent_id_idx" ON "unit"  ("parent_id") `);
    await queryRunner.query(`CREATE TABLE "post" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "is_management" boolean NOT NULL, "single_holder" boolean NOT NULL, CONSTRAINT "PK_be5fda3aac270b134ff9c21cdee" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "post_code_key" ON "post"  ("code") `);
    await queryRunner.query(`CREATE TYPE "public"."gender" AS ENUM('MALE', 'FEMALE')`);
    await queryRunner.query(`CREATE TYPE "public"."civil_service_category" AS ENUM('CADRE', 'CIVIL_SERVANT', 'PUBLIC_EMPLOYEE', 'CONTRACT_STAFF')`);
    await queryRunner.query(`CREATE TYPE "public"."qualification" AS ENUM('VOCATIONAL', 'COLLEGE', 'BACHELOR', 'MASTER', 'DOCTOR')`);
    await queryRunner.query(`CREATE TYPE "public"."political_theory" AS ENUM('NONE', 'ELEMENTARY', 'INTERMEDIATE', 'ADVANCED')`);
    await queryRunner.query(`CREATE TYPE "public"."employment_status" AS ENUM('ACTIVE', 'ON_LEAVE', 'ROTATED_OUT', 'RETIRED', 'DISMISSED')`);
    await queryRunner.query(`CREATE TABLE "cadre" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "full_name" text NOT NULL, "gender" "public"."gender" NOT NULL, "date_of_birth" date NOT NULL, "unit_id" uuid NOT NULL, "post_id" uuid NOT NULL, "civil_service_category" "public"."civil_service_category" NOT NULL, "qualification" "public"."qualification" NOT NULL, "political_theory" "public"."political_theory" NOT NULL, "party_member" boolean NOT NULL, "party_joined_on" date, "status" "public"."employment_status" NOT NULL, "employment_ended_on" date, "in_planning_pool" boolean NOT NULL DEFAULT false, "planning_post_id" uuid, "phone" text, "email" text, CONSTRAINT "PK_f32741f7c0b6ff1722faa6f1e1d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "cadre_unit_id_idx" ON "cadre"  ("unit_id") `);
    await queryRunner.query(`CREATE INDEX "cadre_post_id_idx" ON "cadre"  ("post_id") `);
    await queryRunner.query(`CREATE INDEX "cadre_status_idx" ON "cadre"  ("status") `);
    await queryRunner.query(`CREATE INDEX "cadre_created_at_order_idx" ON "cadre"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "cadre_date_of_birth_order_idx" ON "cadre"  ("date_of_birth", "id") `);
    await queryRunner.query(`CREATE TYPE "public"."cadre_change_kind" AS ENUM('CREATED', 'UPDATED', 'TRANSFERRED', 'ROTATED', 'APPOINTED', 'EMPLOYMENT_ENDED')`);
    await queryRunner.query(`CREATE TABLE "cadre_history" ("seq" BIGSERIAL NOT NULL, "cadre_id" uuid NOT NULL, "account_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "kind" "public"."cadre_change_kind" NOT NULL, "changes" jsonb NOT NULL, "note" text, CONSTRAINT "PK_e58812a60cf70b9c4bab61c394d" PRIMARY KEY ("seq"))`);
    await queryRunner.query(`CREATE INDEX "cadre_history_cadre_idx" ON "cadre_history"  ("cadre_id", "seq") `);
    await queryRunner.query(`ALTER TABLE "unit" ADD CONSTRAINT "FK_33443cd5de3c6b130acfd6aba63" FOREIGN KEY ("parent_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "account" ADD CONSTRAINT "FK_098d24759a6aeeabc4a082526c1" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cadre" ADD CONSTRAINT "FK_0338dc244c8ed1f8e668703664d" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cadre" ADD CONSTRAINT "FK_d079808ac0f36b7b596c37ee3b6" FOREIGN KEY ("post_id") REFERENCES "post"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cadre" ADD CONSTRAINT "FK_8d147bc51a3d1c392abdb04da3f" FOREIGN KEY ("planning_post_id") REFERENCES "post"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cadre_history" ADD CONSTRAINT "FK_263792021b24d19da6c97880768" FOREIGN KEY ("cadre_id") REFERENCES "cadre"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cadre_history" ADD CONSTRAINT "FK_89541570b2c1848e439705c1627" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cadre_history" DROP CONSTRAINT "FK_89541570b2c1848e439705c1627"`);
    await queryRunner.query(`ALTER TABLE "cadre_history" DROP CONSTRAINT "FK_263792021b24d19da6c97880768"`);
    await queryRunner.query(`ALTER TABLE "cadre" DROP CONSTRAINT "FK_8d147bc51a3d1c392abdb04da3f"`);
    await queryRunner.query(`ALTER TABLE "cadre" DROP CONSTRAINT "FK_d079808ac0f36b7b596c37ee3b6"`);
    await queryRunner.query(`ALTER TABLE "cadre" DROP CONSTRAINT "FK_0338dc244c8ed1f8e668703664d"`);
    await queryRunner.query(`ALTER TABLE "account" DROP CONSTRAINT "FK_098d24759a6aeeabc4a082526c1"`);
    await queryRunner.query(`ALTER TABLE "unit" DROP CONSTRAINT "FK_33443cd5de3c6b130acfd6aba63"`);
    await queryRunner.query(`DROP INDEX "public"."cadre_history_cadre_idx"`);
    await queryRunner.query(`DROP TABLE "cadre_history"`);
    await queryRunner.query(`DROP TYPE "public"."cadre_change_kind"`);
    await queryRunner.query(`DROP INDEX "public"."cadre_date_of_birth_order_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cadre_created_at_order_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cadre_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cadre_post_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cadre_unit_id_idx"`);
    await queryRunner.query(`DROP TABLE "cadre"`);
    await queryRunner.query(`DROP TYPE "public"."employment_status"`);
    await queryRunner.query(`DROP TYPE "public"."political_theory"`);
    await queryRunner.query(`DROP TYPE "public"."qualification"`);
    await queryRunner.query(`DROP TYPE "public"."civil_service_category"`);
    await queryRunner.query(`DROP TYPE "public"."gender"`);
    await queryRunner.query(`DROP INDEX "public"."post_code_key"`);
    await queryRunner.query(`DROP TABLE "post"`);
    await queryRunner.query(`DROP INDEX "public"."unit_parent_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."unit_body_idx"`);
    await queryRunner.query(`DROP INDEX "public"."unit_code_key"`);
    await queryRunner.query(`DROP TABLE "unit"`);
    await queryRunner.query(`DROP TYPE "public"."unit_body"`);
    await queryRunner.query(`DROP TYPE "public"."unit_kind"`);
  }
}
