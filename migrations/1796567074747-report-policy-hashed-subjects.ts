import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The report policy as one uncorrelated sub-select: the reports naming the acting cadre are read
 * once per statement into a hash (PostgreSQL's hashed SubPlan), and each row costs one hash
 * probe. It was `giamsat_actor_cadre() IS NULL OR NOT giamsat_involved(id)`: a SQL function that
 * reads a table cannot be inlined, so a linked account paid a function call with an index probe
 * per row (a count over a million reports took seconds), and the planner, charging the default
 * COST 100 per row for it, chose parallel plans for every account, even for an overdue count it
 * reads from the partial due-date index alone (twice the database CPU on two cores: the bench's
 * reports-overdue at 0.37 of the owner's replay).
 *
 * Same rows as before: with no cadre the sub-select is empty, so nothing is hidden; a
 * report_subject row has a report_id (NOT NULL), so NOT IN never meets a NULL.
 */
export class ReportPolicyHashedSubjects1796567074747 implements MigrationInterface {
  name = 'ReportPolicyHashedSubjects1796567074747';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER POLICY report_not_involved ON report
        USING (id NOT IN (SELECT s.report_id FROM public.report_subject s WHERE s.cadre_id = giamsat_actor_cadre()::uuid))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER POLICY report_not_involved ON report
        USING (giamsat_actor_cadre() IS NULL OR NOT giamsat_involved(id))`);
  }
}
