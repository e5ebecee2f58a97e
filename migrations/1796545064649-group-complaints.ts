import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GroupComplaints1796545064649 implements MigrationInterface {
  name = 'GroupComplaints1796545064649';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "report" ADD "group_size" integer`);
    await queryRunner.query(`ALTER TABLE "reporter_identity" ADD "group_members" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reporter_identity" DROP COLUMN "group_members"`);
    await queryRunner.query(`ALTER TABLE "report" DROP COLUMN "group_size"`);
  }
}
