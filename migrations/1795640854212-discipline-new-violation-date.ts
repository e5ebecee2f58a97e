import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DisciplineNewViolationDate1795640854212 implements MigrationInterface {
  name = 'DisciplineNewViolationDate1795640854212';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "discipline_case" ADD "new_violation_date" date`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "discipline_case" DROP COLUMN "new_violation_date"`);
  }
}
