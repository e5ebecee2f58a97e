import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The survey code (mã khảo sát) printed on a procedure's receipt: a citizen answers the
 * satisfaction survey with it instead of the sequential receipt number. Only its SHA-256 is kept.
 * Procedures recorded before have none (their receipts carry no code): staff record their answers.
 */
export class ProcedureCaseSurveyCode1796542242884 implements MigrationInterface {
  name = 'ProcedureCaseSurveyCode1796542242884';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "procedure_case" ADD "survey_code_hash" text`);
    await queryRunner.query(`CREATE UNIQUE INDEX "procedure_case_survey_code_key" ON "procedure_case"  ("survey_code_hash") WHERE survey_code_hash IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."procedure_case_survey_code_key"`);
    await queryRunner.query(`ALTER TABLE "procedure_case" DROP COLUMN "survey_code_hash"`);
  }
}
