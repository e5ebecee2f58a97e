import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A report's received_at copied onto its subjects, so a cadre's or unit's reports newest first
 * are a range on an index instead of a sort of all of them (the supervision record's REPORT
 * branch). The database keeps the copy: a row-level trigger fills it on insert from the report
 * (writers leave it out; the generator's bulk insert passes it and skips the look-up), and a
 * trigger on the report carries a moved receipt (the demo seed's backdating) to its subjects.
 */
export class ReportSubjectReceivedAt1796282029629 implements MigrationInterface {
  name = 'ReportSubjectReceivedAt1796282029629';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "report_subject" ADD "received_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE "report_subject" s SET "received_at" = r."received_at" FROM "report" r WHERE r."id" = s."report_id"`,
    );
    await queryRunner.query(`ALTER TABLE "report_subject" ALTER COLUMN "received_at" SET NOT NULL`);
    await queryRunner.query(
      `CREATE FUNCTION report_subject_received_at_fill() RETURNS trigger LANGUAGE plpgsql AS $fn$
       BEGIN
         IF NEW.received_at IS NULL THEN
           SELECT r.received_at INTO NEW.received_at FROM report r WHERE r.id = NEW.report_id;
         END IF;
         RETURN NEW;
       END
       $fn$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER report_subject_received_at_fill BEFORE INSERT ON "report_subject"
       FOR EACH ROW EXECUTE FUNCTION report_subject_received_at_fill()`,
    );
    await queryRunner.query(
      `CREATE FUNCTION report_subject_received_at_follow() RETURNS trigger LANGUAGE plpgsql AS $fn$
       BEGIN
         UPDATE report_subject s SET received_at = NEW.received_at WHERE s.report_id = NEW.id;
         RETURN NULL;
       END
       $fn$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER report_subject_received_at_follow AFTER UPDATE OF received_at ON "report"
       FOR EACH ROW WHEN (OLD.received_at IS DISTINCT FROM NEW.received_at) EXECUTE FUNCTION report_subject_received_at_follow()`,
    );
    await queryRunner.query(`CREATE INDEX "report_subject_unit_received_idx" ON "report_subject"  ("unit_id", "received_at", "report_id") `);
    await queryRunner.query(`CREATE INDEX "report_subject_cadre_received_idx" ON "report_subject"  ("cadre_id", "received_at", "report_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."report_subject_cadre_received_idx"`);
    await queryRunner.query(`DROP INDEX "public"."report_subject_unit_received_idx"`);
    await queryRunner.query(`DROP TRIGGER report_subject_received_at_follow ON "report"`);
    await queryRunner.query(`DROP FUNCTION report_subject_received_at_follow()`);
    await queryRunner.query(`DROP TRIGGER report_subject_received_at_fill ON "report_subject"`);
    await queryRunner.query(`DROP FUNCTION report_subject_received_at_fill()`);
    await queryRunner.query(`ALTER TABLE "report_subject" DROP COLUMN "received_at"`);
  }
}
