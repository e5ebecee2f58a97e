import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPlansAndCommendations1795639873281 implements MigrationInterface {
  name = 'AddPlansAndCommendations1795639873281';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."commendation_form" AS ENUM('CERTIFICATE_OF_MERIT', 'COMMENDATION_PAPER', 'EMULATION_FIGHTER', 'ADVANCED_LABOUR', 'EXEMPLARY_PARTY_MEMBER', 'CLEAN_STRONG_ORGANISATION')`);
    await queryRunner.query(`CREATE TYPE "public"."commendation_level" AS ENUM('WARD', 'PROVINCE', 'NATIONAL')`);
    await queryRunner.query(`CREATE TABLE "commendation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "cadre_id" uuid, "unit_id" uuid, "form" "public"."commendation_form" NOT NULL, "level" "public"."commendation_level" NOT NULL, "decision_number" text NOT NULL, "decision_date" date NOT NULL, "issuing_body" text NOT NULL, "reason" text NOT NULL, CONSTRAINT "PK_62d1b6e91e54297aa408e3330d7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "commendation_unit_idx" ON "commendation"  ("unit_id", "decision_date") `);
    await queryRunner.query(`CREATE INDEX "commendation_cadre_idx" ON "commendation"  ("cadre_id", "decision_date") `);
    await queryRunner.query(`CREATE TYPE "public"."plan_scope" AS ENUM('TERM', 'YEAR')`);
    await queryRunner.query(`CREATE TABLE "inspection_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "scope" "public"."plan_scope" NOT NULL, "from_year" integer NOT NULL, "to_year" integer NOT NULL, "title" text NOT NULL, "issuing_body" text NOT NULL, "document_number" text, CONSTRAINT "PK_4130eedfe69813d8ed983dc5b0a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "inspection_plan_scope_year_idx" ON "inspection_plan"  ("scope", "from_year") `);
    await queryRunner.query(`CREATE TABLE "plan_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "kind" text NOT NULL, "subject_type" "public"."inspection_subject_type" NOT NULL, "subject_unit_id" uuid, "subject_cadre_id" uuid, "area" "public"."finding_area" NOT NULL, "planned_year" integer NOT NULL, "planned_quarter" integer NOT NULL, "responsible_body" text NOT NULL, "inspection_id" uuid, CONSTRAINT "PK_fbd65c4526b9af914f7ab1e9a3c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "plan_item_inspection_idx" ON "plan_item"  ("inspection_id") WHERE inspection_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "plan_item_plan_idx" ON "plan_item"  ("plan_id", "planned_year", "planned_quarter") `);
    await queryRunner.query(`ALTER TABLE "commendation" ADD CONSTRAINT "FK_68d6ec2941ca048c4e5959d307d" FOREIGN KEY ("cadre_id") REFERENCES "cadre"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "commendation" ADD CONSTRAINT "FK_1fa41f1466873db388de0b3acd9" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_item" ADD CONSTRAINT "FK_04b7fb4b4048f6fbe4ed1f06a0f" FOREIGN KEY ("plan_id") REFERENCES "inspection_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_item" ADD CONSTRAINT "FK_2fec7ecfd9583caf395051cfc0b" FOREIGN KEY ("subject_unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_item" ADD CONSTRAINT "FK_dcdabccae56bfe9efeaa41e1398" FOREIGN KEY ("subject_cadre_id") REFERENCES "cadre"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_item" ADD CONSTRAINT "FK_3bc65d59c9a0d69f84e37b05630" FOREIGN KEY ("inspection_id") REFERENCES "inspection"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_item" DROP CONSTRAINT "FK_3bc65d59c9a0d69f84e37b05630"`);
    await queryRunner.query(`ALTER TABLE "plan_item" DROP CONSTRAINT "FK_dcdabccae56bfe9efeaa41e1398"`);
    await queryRunner.query(`ALTER TABLE "plan_item" DROP CONSTRAINT "FK_2fec7ecfd9583caf395051cfc0b"`);
    await queryRunner.query(`ALTER TABLE "plan_item" DROP CONSTRAINT "FK_04b7fb4b4048f6fbe4ed1f06a0f"`);
    await queryRunner.query(`ALTER TABLE "commendation" DROP CONSTRAINT "FK_1fa41f1466873db388de0b3acd9"`);
    await queryRunner.query(`ALTER TABLE "commendation" DROP CONSTRAINT "FK_68d6ec2941ca048c4e5959d307d"`);
    await queryRunner.query(`DROP INDEX "public"."plan_item_plan_idx"`);
    await queryRunner.query(`DROP INDEX "public"."plan_item_inspection_idx"`);
    await queryRunner.query(`DROP TABLE "plan_item"`);
    await queryRunner.query(`DROP INDEX "public"."inspection_plan_scope_year_idx"`);
    await queryRunner.query(`DROP TABLE "inspection_plan"`);
    await queryRunner.query(`DROP TYPE "public"."plan_scope"`);
    await queryRunner.query(`DROP INDEX "public"."commendation_cadre_idx"`);
    await queryRunner.query(`DROP INDEX "public"."commendation_unit_idx"`);
    await queryRunner.query(`DROP TABLE "commendation"`);
    await queryRunner.query(`DROP TYPE "public"."commendation_level"`);
    await queryRunner.query(`DROP TYPE "public"."commendation_form"`);
  }
}
