import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `cadre.search_name`, the stored `search_text(full_name)`: name search reads it instead of running
 * unaccent for every row it filters or sorts. Its indexes replace the expression indexes on
 * `search_text(full_name)`: the order index (generated) and the trigram index (hand-written here:
 * TypeORM cannot generate an operator-class GIN index).
 *
 * Reviewed edits to the generated statements: the `typeorm_metadata` row (TypeORM's record of the
 * generation expression, which `migration:check` compares) is written for the database being
 * migrated (`current_database()`) instead of with parameters the generator did not emit, and
 * `down` restores the original expression indexes.
 */
export class CadreSearchName1796154168345 implements MigrationInterface {
  name = 'CadreSearchName1796154168345';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."cadre_name_order_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cadre_full_name_trgm_idx"`);
    await queryRunner.query(`ALTER TABLE "cadre" ADD "search_name" text GENERATED ALWAYS AS (search_text(full_name)) STORED NOT NULL`);
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value")
       VALUES (current_database(), 'public', 'cadre', 'GENERATED_COLUMN', 'search_name', 'search_text(full_name)')`,
    );
    await queryRunner.query(`CREATE INDEX "cadre_search_name_order_idx" ON "cadre"  ("search_name", "id") `);
    await queryRunner.query(`CREATE INDEX "cadre_search_name_trgm_idx" ON "cadre" USING gin ("search_name" gin_trgm_ops)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."cadre_search_name_trgm_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cadre_search_name_order_idx"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "schema" = 'public' AND "table" = 'cadre' AND "name" = 'search_name'`,
    );
    await queryRunner.query(`ALTER TABLE "cadre" DROP COLUMN "search_name"`);
    await queryRunner.query(`CREATE INDEX "cadre_full_name_trgm_idx" ON "cadre" USING gin (search_text("full_name") gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "cadre_name_order_idx" ON "cadre" (search_text("full_name"), "id")`);
  }
}
