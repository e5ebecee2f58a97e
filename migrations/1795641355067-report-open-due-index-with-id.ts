import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportOpenDueIndexWithId1795641355067 implements MigrationInterface {
  name = 'ReportOpenDueIndexWithId1795641355067';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."report_open_due_idx"`);
    await queryRunner.query(`CREATE INDEX "report_open_due_idx" ON "report"  ("due_at", "id") WHERE status IN ('RECEIVED', 'CLASSIFIED', 'ACCEPTED', 'UNDER_VERIFICATION', 'CONCLUDED')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."report_open_due_idx"`);
    await queryRunner.query(`CREATE INDEX "report_open_due_idx" ON "report" USING btree ("due_at") WHERE (status = ANY (ARRAY['RECEIVED'::report_status, 'CLASSIFIED'::report_status, 'ACCEPTED'::report_status, 'UNDER_VERIFICATION'::report_status, 'CONCLUDED'::report_status]))`);
  }
}
