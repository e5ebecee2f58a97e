import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The words of `cadre.search_name` and the whole name as an array, GIN-indexed: the whole-word tier
 * of a name search (`<that array> @> <the searched words>`) reads one posting list per word instead
 * of intersecting the trigram lists of every word, which for common names ("nguyen", "van") run to
 * a large share of the register.
 *
 * ANALYZE keeps element statistics of the indexed expression, so the planner knows how many names
 * hold a word, and walks the name order index when they are many (a flat cost: about 51 / share
 * rows) instead of sorting all of them. The whole name is there for those statistics, not for
 * matching (a searched word has no space, so it never equals a name of several words): a word the
 * statistics have not seen, a typo, is estimated at half the rarest tracked element. With the
 * words alone (a few hundred, all tracked) that is a share of the register so large that the
 * planner walked the whole name index for "hun" (2.9 s at nation scale); with the names it is a
 * few dozen rows and the planner asks the GIN index, which answers at once.
 */
export class CadreSearchWords1796159628244 implements MigrationInterface {
  name = 'CadreSearchWords1796159628244';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "cadre_search_words_idx" ON "cadre" USING gin (array_append(string_to_array("search_name", ' '), "search_name"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."cadre_search_words_idx"`);
  }
}
