import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GIN indexes over the id arrays of inspections and findings, so "inspections a report
 * triggered" and "findings concerning these cadres or units" (`&&`, `= ANY`) are index scans
 * in the supervision record and the report trace. TypeORM cannot generate GIN indexes.
 */
export class InspectionArrayIndexes1795639500464 implements MigrationInterface {
  name = 'InspectionArrayIndexes1795639500464';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "inspection_report_ids_idx" ON "inspection" USING gin ("report_ids")`);
    await queryRunner.query(`CREATE INDEX "finding_cadre_ids_idx" ON "finding" USING gin ("concerned_cadre_ids")`);
    await queryRunner.query(`CREATE INDEX "finding_unit_ids_idx" ON "finding" USING gin ("concerned_unit_ids")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "finding_unit_ids_idx"`);
    await queryRunner.query(`DROP INDEX "finding_cadre_ids_idx"`);
    await queryRunner.query(`DROP INDEX "inspection_report_ids_idx"`);
  }
}
