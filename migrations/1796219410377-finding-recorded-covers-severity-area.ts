import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FindingRecordedCoversSeverityArea1796219410377 implements MigrationInterface {
  name = 'FindingRecordedCoversSeverityArea1796219410377';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."finding_recorded_idx"`);
    await queryRunner.query(`CREATE INDEX "finding_recorded_idx" ON "finding"  ("recorded_at", "id", "severity", "area") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."finding_recorded_idx"`);
    await queryRunner.query(`CREATE INDEX "finding_recorded_idx" ON "finding" ("recorded_at", "id") `);
  }
}
