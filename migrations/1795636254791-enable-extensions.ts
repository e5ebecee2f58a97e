import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accent-insensitive, typo-tolerant search: `unaccent` strips Vietnamese diacritics (đ → d
 * included), `pg_trgm` indexes trigrams. `search_text` is the IMMUTABLE wrapper an expression
 * index needs (unaccent itself is only STABLE because its dictionary could change).
 */
export class EnableExtensions1795636254791 implements MigrationInterface {
  name = 'EnableExtensions1795636254791';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION search_text(value text) RETURNS text
         LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
         AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION IF EXISTS search_text(text)`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS pg_trgm`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS unaccent`);
  }
}
