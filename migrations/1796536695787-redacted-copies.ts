import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Redacted copies of a report's title, free-text subjects and timeline notes (issue 21, item 4).
 * Existing rows: a report without a stored identity keeps its texts (what everyone read until
 * now); one with an identity shows the marker until it is written again, since the identity
 * cannot be decrypted here. Search moves to the redacted title.
 */
export class RedactedCopies1796536695787 implements MigrationInterface {
  name = 'RedactedCopies1796536695787';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "report" ADD "title_redacted" text NOT NULL DEFAULT '[đã ẩn]'`);
    await queryRunner.query(`ALTER TABLE "report" ADD "concerned_text_redacted" text`);
    await queryRunner.query(`ALTER TABLE "report_timeline_entry" ADD "note_redacted" text`);
    await queryRunner.query(
      `UPDATE "report" r SET "title_redacted" = r."title", "concerned_text_redacted" = r."concerned_text"
        WHERE NOT EXISTS (SELECT 1 FROM "reporter_identity" i WHERE i."report_id" = r."id")`,
    );
    await queryRunner.query(
      `UPDATE "report" r SET "concerned_text_redacted" = '[đã ẩn]'
        WHERE r."concerned_text" IS NOT NULL AND EXISTS (SELECT 1 FROM "reporter_identity" i WHERE i."report_id" = r."id")`,
    );
    await queryRunner.query(
      `UPDATE "report_timeline_entry" t
          SET "note_redacted" = CASE WHEN EXISTS (SELECT 1 FROM "reporter_identity" i WHERE i."report_id" = t."report_id")
                                     THEN '[đã ẩn]' ELSE t."note" END
        WHERE t."note" IS NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX "report_search_trgm_idx"`);
    await queryRunner.query(
      `CREATE INDEX "report_search_trgm_idx" ON "report" USING gin (search_text(title_redacted || ' ' || content_redacted) gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "report_search_trgm_idx"`);
    await queryRunner.query(
      `CREATE INDEX "report_search_trgm_idx" ON "report" USING gin (search_text(title || ' ' || content_redacted) gin_trgm_ops)`,
    );
    await queryRunner.query(`ALTER TABLE "report_timeline_entry" DROP COLUMN "note_redacted"`);
    await queryRunner.query(`ALTER TABLE "report" DROP COLUMN "concerned_text_redacted"`);
    await queryRunner.query(`ALTER TABLE "report" DROP COLUMN "title_redacted"`);
  }
}
