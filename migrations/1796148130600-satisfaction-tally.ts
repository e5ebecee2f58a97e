import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What TypeORM cannot generate for the quality module:
 * - `satisfaction_tally`: per year and handling unit, the completed procedures, the surveyed ones,
 *   the scored answers, their sum and the satisfied answers. Target 7 and the satisfaction index
 *   read it instead of millions of survey rows. Statement-level AFTER INSERT triggers with
 *   transition tables keep it in step, so one INSERT of 100,000 rows (the generator, an import)
 *   costs one grouped upsert, and a single answer one small one.
 * - `procedure_case` and `satisfaction_result` are append-only (a citizen's answer is not edited;
 *   the tally would otherwise need UPDATE and DELETE triggers too).
 */
export class SatisfactionTally1796148130600 implements MigrationInterface {
  name = 'SatisfactionTally1796148130600';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "satisfaction_tally" (
         "year" integer NOT NULL,
         "unit_id" uuid NOT NULL REFERENCES "unit"("id") ON DELETE RESTRICT,
         "procedures" bigint NOT NULL DEFAULT 0,
         "surveyed" bigint NOT NULL DEFAULT 0,
         "answers" bigint NOT NULL DEFAULT 0,
         "score_sum" bigint NOT NULL DEFAULT 0,
         "satisfied" bigint NOT NULL DEFAULT 0,
         PRIMARY KEY ("year", "unit_id"))`,
    );
    await queryRunner.query(
      `CREATE FUNCTION procedure_case_tally() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           INSERT INTO satisfaction_tally AS t (year, unit_id, procedures)
             SELECT year, unit_id, count(*) FROM new_rows GROUP BY year, unit_id
           ON CONFLICT (year, unit_id) DO UPDATE SET procedures = t.procedures + EXCLUDED.procedures;
           RETURN NULL;
         END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER procedure_case_tally AFTER INSERT ON "procedure_case"
         REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION procedure_case_tally()`,
    );
    // satisfied: 4 and 5 on the fixed scale (the quality rule data says the same; a new scale needs a new migration).
    await queryRunner.query(
      `CREATE FUNCTION satisfaction_result_tally() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           INSERT INTO satisfaction_tally AS t (year, unit_id, surveyed, answers, score_sum, satisfied)
             SELECT year, unit_id, count(procedure_case_id), count(*), sum(score), count(*) FILTER (WHERE score >= 4)
             FROM new_rows GROUP BY year, unit_id
           ON CONFLICT (year, unit_id) DO UPDATE SET
             surveyed = t.surveyed + EXCLUDED.surveyed, answers = t.answers + EXCLUDED.answers,
             score_sum = t.score_sum + EXCLUDED.score_sum, satisfied = t.satisfied + EXCLUDED.satisfied;
           RETURN NULL;
         END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER satisfaction_result_tally AFTER INSERT ON "satisfaction_result"
         REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION satisfaction_result_tally()`,
    );
    await queryRunner.query(
      `CREATE FUNCTION satisfaction_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
         END $$`,
    );
    for (const table of ['procedure_case', 'satisfaction_result']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "${table}"
           FOR EACH STATEMENT EXECUTE FUNCTION satisfaction_append_only()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['procedure_case', 'satisfaction_result']) {
      await queryRunner.query(`DROP TRIGGER ${table}_append_only ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION satisfaction_append_only()`);
    await queryRunner.query(`DROP TRIGGER satisfaction_result_tally ON "satisfaction_result"`);
    await queryRunner.query(`DROP FUNCTION satisfaction_result_tally()`);
    await queryRunner.query(`DROP TRIGGER procedure_case_tally ON "procedure_case"`);
    await queryRunner.query(`DROP FUNCTION procedure_case_tally()`);
    await queryRunner.query(`DROP TABLE "satisfaction_tally"`);
  }
}
