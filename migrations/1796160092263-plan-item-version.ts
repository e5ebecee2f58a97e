import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PlanItemVersion1796160092263 implements MigrationInterface {
  name = 'PlanItemVersion1796160092263';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Items already planned start at version 1, as a new row does; the default only fills them
    // (TypeORM writes the version itself), so it is dropped again to match the entity.
    await queryRunner.query(`ALTER TABLE "plan_item" ADD "version" integer NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE "plan_item" ALTER COLUMN "version" DROP DEFAULT`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_item" DROP COLUMN "version"`);
  }
}
