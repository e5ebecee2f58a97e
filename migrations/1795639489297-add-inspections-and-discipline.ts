import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddInspectionsAndDiscipline1795639489297 implements MigrationInterface {
  name = 'AddInspectionsAndDiscipline1795639489297';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."inspection_status" AS ENUM('PLANNED', 'DECIDED', 'IN_PROGRESS', 'FINDINGS_REPORTED', 'CONCLUDED', 'FOLLOW_UP', 'CLOSED', 'CANCELLED')`);
    await queryRunner.query(`CREATE TYPE "public"."inspection_subject_type" AS ENUM('UNIT', 'CADRE')`);
    await queryRunner.query(`CREATE TYPE "public"."overall_assessment" AS ENUM('GOOD', 'SATISFACTORY', 'SHORTCOMINGS', 'VIOLATIONS')`);
    await queryRunner.query(`CREATE TABLE "inspection" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "status" "public"."inspection_status" NOT NULL DEFAULT 'PLANNED', "subject_type" "public"."inspection_subject_type" NOT NULL, "subject_unit_id" uuid, "subject_cadre_id" uuid, "decision_number" text, "decision_date" date, "issuing_body" text, "leader_id" uuid, "member_ids" uuid array NOT NULL DEFAULT '{}', "period_from" date NOT NULL, "period_to" date NOT NULL, "areas" text array NOT NULL DEFAULT '{}', "report_ids" uuid array NOT NULL DEFAULT '{}', "internal_notes" text, "conclusion" text, "assessment" "public"."overall_assessment", "concluded_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" text, CONSTRAINT "PK_1e895c2ae7b7d9d1ec464950013" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "inspection_subject_unit_idx" ON "inspection"  ("subject_unit_id") `);
    await queryRunner.query(`CREATE INDEX "inspection_subject_cadre_idx" ON "inspection"  ("subject_cadre_id") `);
    await queryRunner.query(`CREATE INDEX "inspection_created_idx" ON "inspection"  ("created_at", "id") `);
    await queryRunner.query(`CREATE TYPE "public"."finding_area" AS ENUM('CORRUPTION', 'DISTANCE_FROM_PEOPLE', 'STAGNATION', 'PARTY_FINANCE', 'LAND_AND_CONSTRUCTION', 'PUBLIC_FINANCE', 'ADMINISTRATIVE_PROCEDURE', 'ETHICS_AND_LIFESTYLE', 'EXECUTION_OF_DISCIPLINE', 'OTHER')`);
    await queryRunner.query(`CREATE TYPE "public"."finding_severity" AS ENUM('OBSERVATION', 'SHORTCOMING', 'VIOLATION', 'SERIOUS_VIOLATION')`);
    await queryRunner.query(`CREATE TYPE "public"."finding_recommendation" AS ENUM('REMIND', 'CORRECT_BY_DATE', 'REVIEW_RESPONSIBILITY', 'PROPOSE_DISCIPLINE')`);
    await queryRunner.query(`CREATE TABLE "finding" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "inspection_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "description" text NOT NULL, "area" "public"."finding_area" NOT NULL, "severity" "public"."finding_severity" NOT NULL, "concerned_cadre_ids" uuid array NOT NULL DEFAULT '{}', "concerned_unit_ids" uuid array NOT NULL DEFAULT '{}', "evidence" text, "recommendation" "public"."finding_recommendation" NOT NULL, "correct_by" date, "recorded_by" uuid, CONSTRAINT "PK_a904dfcf401ccfbaa60bb6eec29" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "finding_recorded_idx" ON "finding"  ("recorded_at", "id") `);
    await queryRunner.query(`CREATE INDEX "finding_inspection_idx" ON "finding"  ("inspection_id", "recorded_at") `);
    await queryRunner.query(`CREATE TABLE "follow_up_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "inspection_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "text" text NOT NULL, "due_on" date NOT NULL, "fulfilled_on" date, "fulfilment_note" text, CONSTRAINT "PK_1191a2a8d8dac68a51aa3321b59" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "follow_up_open_due_idx" ON "follow_up_item"  ("due_on") WHERE fulfilled_on IS NULL`);
    await queryRunner.query(`CREATE INDEX "follow_up_inspection_idx" ON "follow_up_item"  ("inspection_id") `);
    await queryRunner.query(`CREATE TYPE "public"."discipline_subject_type" AS ENUM('PARTY_MEMBER_FULL', 'PARTY_MEMBER_PROBATIONARY', 'PARTY_ORGANISATION', 'ELECTED_CADRE', 'CIVIL_SERVANT')`);
    await queryRunner.query(`CREATE TYPE "public"."discipline_side" AS ENUM('PARTY', 'STATE')`);
    await queryRunner.query(`CREATE TYPE "public"."discipline_origin" AS ENUM('FINDING', 'REPORT', 'DIRECT')`);
    await queryRunner.query(`CREATE TYPE "public"."no_limitation_ground" AS ENUM('INTERNAL_POLITICS', 'NATIONAL_SECURITY', 'FOREIGN_AFFAIRS', 'ILLEGAL_DIPLOMA')`);
    await queryRunner.query(`CREATE TYPE "public"."discipline_status" AS ENUM('OPENED', 'UNDER_REVIEW', 'PROPOSED', 'DECIDED', 'APPEALED', 'FINAL', 'DROPPED', 'DEFERRED')`);
    await queryRunner.query(`CREATE TYPE "public"."discipline_form" AS ENUM('REPRIMAND', 'WARNING', 'DISMISSAL_FROM_POST', 'EXPULSION', 'DISSOLUTION', 'REMOVAL_BY_VOTE', 'DISMISSAL_FROM_LEADERSHIP_POST', 'FORCED_RESIGNATION')`);
    await queryRunner.query(`CREATE TYPE "public"."deferral_reason" AS ENUM('ILLNESS', 'MATERNITY', 'CHILD_UNDER_12_MONTHS', 'CRIMINAL_PROCEEDINGS')`);
    await queryRunner.query(`CREATE TABLE "discipline_case" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "subject_type" "public"."discipline_subject_type" NOT NULL, "side" "public"."discipline_side" NOT NULL, "cadre_id" uuid, "unit_id" uuid, "origin" "public"."discipline_origin" NOT NULL, "finding_id" uuid, "report_id" uuid, "violation_summary" text NOT NULL, "violation_date" date NOT NULL, "no_limitation_ground" "public"."no_limitation_ground", "status" "public"."discipline_status" NOT NULL DEFAULT 'OPENED', "self_criticism" text, "explanation" text, "proposed_form" "public"."discipline_form", "form" "public"."discipline_form", "deciding_body" text, "decision_number" text, "decision_date" date, "effective_date" date, "rule_set_id" text, "limitation_ends_on" date, "appeal_deadline" date, "appealed_on" date, "appeal_note" text, "final_at" TIMESTAMP WITH TIME ZONE, "dropped_reason" text, "deferral_reason" "public"."deferral_reason", "deferral_note" text, "paused_from" "public"."discipline_status", CONSTRAINT "PK_0abd1692985f57264783b58129f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "discipline_case_report_idx" ON "discipline_case"  ("report_id") `);
    await queryRunner.query(`CREATE INDEX "discipline_case_finding_idx" ON "discipline_case"  ("finding_id") `);
    await queryRunner.query(`CREATE INDEX "discipline_case_unit_idx" ON "discipline_case"  ("unit_id") `);
    await queryRunner.query(`CREATE INDEX "discipline_case_cadre_idx" ON "discipline_case"  ("cadre_id") `);
    await queryRunner.query(`CREATE INDEX "discipline_case_created_idx" ON "discipline_case"  ("created_at", "id") `);
    await queryRunner.query(`CREATE TYPE "public"."notified_side" AS ENUM('PARTY', 'STATE')`);
    await queryRunner.query(`CREATE TABLE "discipline_notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "notify" "public"."notified_side" NOT NULL, "due_on" date NOT NULL, "sent_on" date, "reference" text, CONSTRAINT "PK_bf361d5f05bd497491fb920e538" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "discipline_notification_unsent_idx" ON "discipline_notification"  ("due_on") WHERE sent_on IS NULL`);
    await queryRunner.query(`CREATE INDEX "discipline_notification_case_idx" ON "discipline_notification"  ("case_id") `);
    await queryRunner.query(`ALTER TABLE "inspection" ADD CONSTRAINT "FK_4fb0734c9508e0c305a6fe8256c" FOREIGN KEY ("subject_unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "inspection" ADD CONSTRAINT "FK_4283e5c14e0f1184df64fdc58d7" FOREIGN KEY ("subject_cadre_id") REFERENCES "cadre"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "inspection" ADD CONSTRAINT "FK_13248c0590e7a39910543ef8e60" FOREIGN KEY ("leader_id") REFERENCES "cadre"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "finding" ADD CONSTRAINT "FK_78ab741c4fafaa076c97e71c479" FOREIGN KEY ("inspection_id") REFERENCES "inspection"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "follow_up_item" ADD CONSTRAINT "FK_0eb9f8c39d66ac75a68ce9979b1" FOREIGN KEY ("inspection_id") REFERENCES "inspection"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "discipline_case" ADD CONSTRAINT "FK_95094baee54e7564be056cd91d2" FOREIGN KEY ("cadre_id") REFERENCES "cadre"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "discipline_case" ADD CONSTRAINT "FK_c59095e567ff61c90cb94a71292" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "discipline_case" ADD CONSTRAINT "FK_f523c9295b088c49f24cc3ca627" FOREIGN KEY ("finding_id") REFERENCES "finding"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "discipline_case" ADD CONSTRAINT "FK_a1ab11b8bfab2cd87cf1b76c667" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "discipline_notification" ADD CONSTRAINT "FK_825f5ecd511c278f9744bd0279c" FOREIGN KEY ("case_id") REFERENCES "discipline_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "discipline_notification" DROP CONSTRAINT "FK_825f5ecd511c278f9744bd0279c"`);
    await queryRunner.query(`ALTER TABLE "discipline_case" DROP CONSTRAINT "FK_a1ab11b8bfab2cd87cf1b76c667"`);
    await queryRunner.query(`ALTER TABLE "discipline_case" DROP CONSTRAINT "FK_f523c9295b088c49f24cc3ca627"`);
    await queryRunner.query(`ALTER TABLE "discipline_case" DROP CONSTRAINT "FK_c59095e567ff61c90cb94a71292"`);
    await queryRunner.query(`ALTER TABLE "discipline_case" DROP CONSTRAINT "FK_95094baee54e7564be056cd91d2"`);
    await queryRunner.query(`ALTER TABLE "follow_up_item" DROP CONSTRAINT "FK_0eb9f8c39d66ac75a68ce9979b1"`);
    await queryRunner.query(`ALTER TABLE "finding" DROP CONSTRAINT "FK_78ab741c4fafaa076c97e71c479"`);
    await queryRunner.query(`ALTER TABLE "inspection" DROP CONSTRAINT "FK_13248c0590e7a39910543ef8e60"`);
    await queryRunner.query(`ALTER TABLE "inspection" DROP CONSTRAINT "FK_4283e5c14e0f1184df64fdc58d7"`);
    await queryRunner.query(`ALTER TABLE "inspection" DROP CONSTRAINT "FK_4fb0734c9508e0c305a6fe8256c"`);
    await queryRunner.query(`DROP INDEX "public"."discipline_notification_case_idx"`);
    await queryRunner.query(`DROP INDEX "public"."discipline_notification_unsent_idx"`);
    await queryRunner.query(`DROP TABLE "discipline_notification"`);
    await queryRunner.query(`DROP TYPE "public"."notified_side"`);
    await queryRunner.query(`DROP INDEX "public"."discipline_case_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."discipline_case_cadre_idx"`);
    await queryRunner.query(`DROP INDEX "public"."discipline_case_unit_idx"`);
    await queryRunner.query(`DROP INDEX "public"."discipline_case_finding_idx"`);
    await queryRunner.query(`DROP INDEX "public"."discipline_case_report_idx"`);
    await queryRunner.query(`DROP TABLE "discipline_case"`);
    await queryRunner.query(`DROP TYPE "public"."deferral_reason"`);
    await queryRunner.query(`DROP TYPE "public"."discipline_form"`);
    await queryRunner.query(`DROP TYPE "public"."discipline_status"`);
    await queryRunner.query(`DROP TYPE "public"."no_limitation_ground"`);
    await queryRunner.query(`DROP TYPE "public"."discipline_origin"`);
    await queryRunner.query(`DROP TYPE "public"."discipline_side"`);
    await queryRunner.query(`DROP TYPE "public"."discipline_subject_type"`);
    await queryRunner.query(`DROP INDEX "public"."follow_up_inspection_idx"`);
    await queryRunner.query(`DROP INDEX "public"."follow_up_open_due_idx"`);
    await queryRunner.query(`DROP TABLE "follow_up_item"`);
    await queryRunner.query(`DROP INDEX "public"."finding_inspection_idx"`);
    await queryRunner.query(`DROP INDEX "public"."finding_recorded_idx"`);
    await queryRunner.query(`DROP TABLE "finding"`);
    await queryRunner.query(`DROP TYPE "public"."finding_recommendation"`);
    await queryRunner.query(`DROP TYPE "public"."finding_severity"`);
    await queryRunner.query(`DROP TYPE "public"."finding_area"`);
    await queryRunner.query(`DROP INDEX "public"."inspection_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."inspection_subject_cadre_idx"`);
    await queryRunner.query(`DROP INDEX "public"."inspection_subject_unit_idx"`);
    await queryRunner.query(`DROP TABLE "inspection"`);
    await queryRunner.query(`DROP TYPE "public"."overall_assessment"`);
    await queryRunner.query(`DROP TYPE "public"."inspection_subject_type"`);
    await queryRunner.query(`DROP TYPE "public"."inspection_status"`);
  }
}
