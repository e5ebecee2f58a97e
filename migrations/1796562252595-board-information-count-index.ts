import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BoardInformationCountIndex1796562252595 implements MigrationInterface {
  name = 'BoardInformationCountIndex1796562252595';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "report_information_idx" ON "report"  ("id") WHERE status = 'INFORMATION'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."report_information_idx"`);
  }
}
