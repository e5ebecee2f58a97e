import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PeriodicReportScopeIndexes1796557497401 implements MigrationInterface {
  name = 'PeriodicReportScopeIndexes1796557497401';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "report_timeline_transition_report_idx" ON "report_timeline_entry"  ("report_id", "at") WHERE type = 'TRANSITION'`);
    await queryRunner.query(`CREATE INDEX "periodic_report_draft_prepared_idx" ON "periodic_report_draft"  ("prepared_at", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."periodic_report_draft_prepared_idx"`);
    await queryRunner.query(`DROP INDEX "public"."report_timeline_transition_report_idx"`);
  }
}
