import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RecordWhoConcluded1796536400000 implements MigrationInterface {
  name = 'RecordWhoConcluded1796536400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inspection" ADD "concluded_by" uuid`);
    await queryRunner.query(`ALTER TABLE "inspection" ADD "notes_by" uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inspection" DROP COLUMN "notes_by"`);
    await queryRunner.query(`ALTER TABLE "inspection" DROP COLUMN "concluded_by"`);
  }
}
