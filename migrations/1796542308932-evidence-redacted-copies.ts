import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence files under a neutral name and their redacted copies (issue 21, item 4); the chair's
 * change on the board; a reporter's own identity for redacting their messages.
 *
 * Generated for the columns, the index, the key and the enum values; by hand: the neutral names
 * of files already stored and of their timeline entries (`tep-dinh-kem-N.ext`, N by upload
 * order), and two narrow SECURITY DEFINER functions, owned by the schema's owner, that answer
 * what row-level security would hide from the transaction that needs it, and nothing more.
 */
export class EvidenceRedactedCopies1796542308932 implements MigrationInterface {
  name = 'EvidenceRedactedCopies1796542308932';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence_file" ADD "neutral_name" text`);
    await queryRunner.query(`ALTER TABLE "evidence_file" ADD "redacted_copy_of_id" uuid`);
    // A new enum value needs no index rebuilt (the generator drops and recreates outbox_event_type_id_idx around it).
    await queryRunner.query(`ALTER TYPE "public"."board_event_type" ADD VALUE 'INSPECTION_CHAIR_CHANGED'`);
    await queryRunner.query(`ALTER TYPE "public"."timeline_entry_type" ADD VALUE 'EVIDENCE_REDACTED'`);
    await queryRunner.query(`CREATE INDEX "evidence_file_redacted_copy_of_idx" ON "evidence_file"  ("redacted_copy_of_id") `);
    await queryRunner.query(`ALTER TABLE "evidence_file" ADD CONSTRAINT "FK_ba1a6486c0c4c12fef2cb832a9f" FOREIGN KEY ("redacted_copy_of_id") REFERENCES "evidence_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    // Files stored so far: their place among the report's files, the extension of their checked
    // type (src/modules/reports/evidence-access.ts, neutralFileName).
    await queryRunner.query(`
      UPDATE evidence_file f SET neutral_name = 'tep-dinh-kem-' || n.place || coalesce('.' || n.ext, '')
        FROM (SELECT id, row_number() OVER (PARTITION BY report_id ORDER BY uploaded_at, id) AS place,
                     CASE WHEN lower(substring(file_name FROM '\\.([A-Za-z0-9]{1,5})$'))
                               IN ('pdf','png','jpg','jpeg','gif','webp','mp3','mp4','m4a','docx','xlsx','odt','ods','zip')
                          THEN lower(substring(file_name FROM '\\.([A-Za-z0-9]{1,5})$'))
                          ELSE CASE content_type WHEN 'application/pdf' THEN 'pdf' WHEN 'image/png' THEN 'png'
                                 WHEN 'image/jpeg' THEN 'jpg' WHEN 'image/gif' THEN 'gif' WHEN 'image/webp' THEN 'webp'
                                 WHEN 'audio/mpeg' THEN 'mp3' WHEN 'video/mp4' THEN 'mp4' WHEN 'application/zip' THEN 'zip' END
                     END AS ext
                FROM evidence_file) n
       WHERE n.id = f.id`);
    await queryRunner.query(`ALTER TABLE "evidence_file" ALTER COLUMN "neutral_name" SET NOT NULL`);
    // Their timeline entries named the uploaded file to everyone: from now on the neutral name.
    await queryRunner.query(`
      UPDATE report_timeline_entry t
         SET note_redacted = coalesce(
               (SELECT f.neutral_name FROM evidence_file f
                 WHERE f.report_id = t.report_id AND f.file_name = t.note ORDER BY f.uploaded_at, f.id LIMIT 1),
               '[đã ẩn]')
       WHERE t.type = 'EVIDENCE_ADDED'`);

    // How many originals a report has, for the next file's neutral name: a reporter uploading
    // through the receipt code sees no evidence row (row-level security), yet needs the count.
    await queryRunner.query(`
      CREATE FUNCTION giamsat_evidence_originals(p_report_id uuid) RETURNS integer
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ SELECT count(*)::int FROM evidence_file WHERE report_id = p_report_id AND redacted_copy_of_id IS NULL $$`);
    // The sealed identity of the report whose receipt key the caller holds (it proved the receipt
    // code): what a reporter's own message is redacted against. Sealed values only; the key to
    // open them is the app's, and the app never returns them.
    await queryRunner.query(`
      CREATE FUNCTION giamsat_reporter_identity_for_receipt(p_receipt_key text)
        RETURNS TABLE (full_name text, id_number text, phone text, email text, address text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ SELECT i.full_name, i.id_number, i.phone, i.email, i.address
                FROM reporter_identity i JOIN report r ON r.id = i.report_id
               WHERE r.receipt_key = p_receipt_key AND p_receipt_key IS NOT NULL $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION giamsat_evidence_originals(uuid) FROM PUBLIC`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION giamsat_reporter_identity_for_receipt(text) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION giamsat_evidence_originals(uuid) TO giamsat_app`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION giamsat_reporter_identity_for_receipt(text) TO giamsat_app`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION giamsat_reporter_identity_for_receipt(text)`);
    await queryRunner.query(`DROP FUNCTION giamsat_evidence_originals(uuid)`);
    await queryRunner.query(`DELETE FROM "evidence_file" WHERE "redacted_copy_of_id" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "evidence_file" DROP CONSTRAINT "FK_ba1a6486c0c4c12fef2cb832a9f"`);
    await queryRunner.query(`DROP INDEX "public"."evidence_file_redacted_copy_of_idx"`);
    await queryRunner.query(`DELETE FROM "report_timeline_entry" WHERE "type" = 'EVIDENCE_REDACTED'`);
    await queryRunner.query(`CREATE TYPE "public"."timeline_entry_type_old" AS ENUM('RECEIVED', 'TRANSITION', 'ASSIGNED', 'EXTENDED', 'QUESTION_TO_REPORTER', 'REPORTER_MESSAGE', 'EVIDENCE_ADDED', 'NOTE', 'REDACTION_MARKED', 'CORRECTED')`);
    await queryRunner.query(`ALTER TABLE "report_timeline_entry" ALTER COLUMN "type" TYPE "public"."timeline_entry_type_old" USING "type"::"text"::"public"."timeline_entry_type_old"`);
    await queryRunner.query(`DROP TYPE "public"."timeline_entry_type"`);
    await queryRunner.query(`ALTER TYPE "public"."timeline_entry_type_old" RENAME TO "timeline_entry_type"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_event_type_id_idx"`);
    await queryRunner.query(`DELETE FROM "outbox_event" WHERE "type" = 'INSPECTION_CHAIR_CHANGED'`);
    await queryRunner.query(`CREATE TYPE "public"."board_event_type_old" AS ENUM('REPORT_RECEIVED', 'REPORT_STATUS_CHANGED', 'REPORT_DUE_SOON', 'REPORT_OVERDUE', 'PRESS_REPORT_RECORDED', 'INSPECTION_OPENED', 'FINDING_RECORDED', 'INSPECTION_CONCLUDED', 'DISCIPLINE_CASE_OPENED', 'DISCIPLINE_CASE_DECIDED', 'ACCOUNT_CHANGED', 'REPORT_CORRECTED', 'REPORT_REASSIGNED')`);
    await queryRunner.query(`ALTER TABLE "outbox_event" ALTER COLUMN "type" TYPE "public"."board_event_type_old" USING "type"::"text"::"public"."board_event_type_old"`);
    await queryRunner.query(`DROP TYPE "public"."board_event_type"`);
    await queryRunner.query(`ALTER TYPE "public"."board_event_type_old" RENAME TO "board_event_type"`);
    await queryRunner.query(`CREATE INDEX "outbox_event_type_id_idx" ON "outbox_event" ("type", "id") `);
    await queryRunner.query(`ALTER TABLE "evidence_file" DROP COLUMN "redacted_copy_of_id"`);
    await queryRunner.query(`ALTER TABLE "evidence_file" DROP COLUMN "neutral_name"`);
  }
}
