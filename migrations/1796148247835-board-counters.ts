import type { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN = `('RECEIVED', 'CLASSIFIED', 'ACCEPTED', 'UNDER_VERIFICATION', 'CONCLUDED')`;
/** The Vietnam day (UTC+7) of a timestamptz, as days since 1970-01-01. */
const vnDay = (col: string) => `floor((extract(epoch FROM ${col}) + 25200) / 86400)::int`;

/** The counter rows of a set of report rows, each with `sign` (1 or -1). */
const facts = (rows: string) => `
  SELECT 'open' AS facet, r.status || '|' || r.kind || '|' || r.source AS key, 0 AS day, r.sign AS n FROM ${rows} r WHERE r.status IN ${OPEN}
  UNION ALL SELECT 'received', '', ${vnDay('r.received_at')}, r.sign FROM ${rows} r
  UNION ALL SELECT 'open_due', '', ${vnDay('r.due_at')}, r.sign FROM ${rows} r WHERE r.status IN ${OPEN} AND r.due_at IS NOT NULL`;

/**
 * The board's counters (src/modules/board/board-count.entity.ts), kept by statement-level
 * triggers on report: each INSERT, UPDATE or DELETE statement adds its signed, grouped deltas to
 * board_count_delta in the same transaction (insert-only, so concurrent writers never wait on
 * each other), and the app folds them into board_count. The counters start from the reports
 * already there.
 */
export class BoardCounters1796148247835 implements MigrationInterface {
  name = 'BoardCounters1796148247835';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION board_count_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO board_count_delta (facet, key, day, n)
          SELECT facet, key, day, sum(n) FROM (${facts('(SELECT 1 AS sign, * FROM board_new) ')}) c GROUP BY facet, key, day;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO board_count_delta (facet, key, day, n)
          SELECT facet, key, day, sum(n) FROM (${facts('(SELECT -1 AS sign, * FROM board_old) ')}) c GROUP BY facet, key, day;
        ELSE
          INSERT INTO board_count_delta (facet, key, day, n)
          SELECT facet, key, day, sum(n) FROM (${facts('(SELECT 1 AS sign, * FROM board_new UNION ALL SELECT -1, * FROM board_old) ')}) c
           GROUP BY facet, key, day HAVING sum(n) <> 0;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER report_board_count_insert AFTER INSERT ON report REFERENCING NEW TABLE AS board_new FOR EACH STATEMENT EXECUTE FUNCTION board_count_report_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER report_board_count_update AFTER UPDATE ON report REFERENCING OLD TABLE AS board_old NEW TABLE AS board_new FOR EACH STATEMENT EXECUTE FUNCTION board_count_report_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER report_board_count_delete AFTER DELETE ON report REFERENCING OLD TABLE AS board_old FOR EACH STATEMENT EXECUTE FUNCTION board_count_report_change()`,
    );
    await queryRunner.query(
      `INSERT INTO board_count (facet, key, day, n) SELECT facet, key, day, sum(n) FROM (${facts('(SELECT 1 AS sign, * FROM report) ')}) c GROUP BY facet, key, day`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER report_board_count_delete ON report`);
    await queryRunner.query(`DROP TRIGGER report_board_count_update ON report`);
    await queryRunner.query(`DROP TRIGGER report_board_count_insert ON report`);
    await queryRunner.query(`DROP FUNCTION board_count_report_change()`);
    await queryRunner.query(`TRUNCATE board_count, board_count_delta`);
  }
}
