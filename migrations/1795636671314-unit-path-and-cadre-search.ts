import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What TypeORM cannot generate (the entities declare these indexes with synchronize: false):
 * - `unit_path_prefix_idx`: "a unit and its descendants" is `path LIKE '<path>%'`; text_pattern_ops
 *   makes that prefix match an index range scan whatever the database collation.
 * - `cadre_full_name_trgm_idx`: accent-insensitive, typo-tolerant name search
 *   (`search_text(full_name) LIKE '%thanh%'` and `<%` word similarity) without a scan.
 * - `cadre_name_order_idx`: keyset pagination in FULL_NAME_ASC order.
 * - An append-only guard on cadre_history: the register's history is evidence, so UPDATE and
 *   DELETE are refused by the database itself, not only by the code.
 */
export class UnitPathAndCadreSearch1795636671314 implements MigrationInterface {
  name = 'UnitPathAndCadreSearch1795636671314';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "unit_path_prefix_idx" ON "unit" ("path" text_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX "cadre_full_name_trgm_idx" ON "cadre" USING gin (search_text("full_name") gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "cadre_name_order_idx" ON "cadre" (search_text("full_name"), "id")`);
    await queryRunner.query(
      `CREATE FUNCTION cadre_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           RAISE EXCEPTION 'cadre_history is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
         END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER cadre_history_append_only BEFORE UPDATE OR DELETE ON "cadre_history"
         FOR EACH STATEMENT EXECUTE FUNCTION cadre_history_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS cadre_history_append_only ON "cadre_history"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS cadre_history_append_only()`);
    await queryRunner.query(`DROP INDEX IF EXISTS "cadre_name_order_idx"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "cadre_full_name_trgm_idx"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "unit_path_prefix_idx"`);
  }
}
