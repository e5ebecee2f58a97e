import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accent-insensitive text search over reports (title and the redacted content: staff search
 * what verifiers may read), as a trigram index TypeORM cannot generate.
 */
export class ReportSearchIndex1795638479147 implements MigrationInterface {
  name = 'ReportSearchIndex1795638479147';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "report_search_trgm_idx" ON "report" USING gin (search_text(title || ' ' || content_redacted) gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "report_search_trgm_idx"`);
  }
}
