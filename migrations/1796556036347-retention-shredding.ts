import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention with crypto-shredding (issue 27): the row-level security of the per-report data keys,
 * the reporter's way to its own report's key, the retention audit kept append-only for the app,
 * and the one documented path by which the app destroys a report's identity and evidence
 * (`giamsat_destroy_report_identity`): the app role may not update or delete identities, evidence
 * or data keys itself, so this owner-run function does it, for the chair of the Inspection
 * Committee or an ADMIN not involved in the report, after the app has checked the retention period.
 */
export class RetentionShredding1796556036347 implements MigrationInterface {
  name = 'RetentionShredding1796556036347';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Data keys: read like identities (Inspection Committee, not involved), added by any intake, never changed by the app.
    await queryRunner.query(`ALTER TABLE report_data_key ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON report_data_key FROM giamsat_app`);
    await queryRunner.query(`
      CREATE POLICY report_data_key_read ON report_data_key FOR SELECT
        USING (giamsat_actor_role() = 'INSPECTION_COMMITTEE' AND NOT giamsat_involved(report_id))`);
    await queryRunner.query(`
      CREATE POLICY report_data_key_add ON report_data_key FOR INSERT
        WITH CHECK (giamsat_actor_role() IS NOT NULL)`);
    // The audit of retention runs: added and read, never changed by the app.
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON retention_destruction FROM giamsat_app`);
    // The wrapped data key of the report whose receipt key the caller holds, beside
    // giamsat_reporter_identity_for_receipt: what a reporter's own message is redacted against.
    await queryRunner.query(`
      CREATE FUNCTION giamsat_report_data_key_for_receipt(p_receipt_key text) RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ SELECT k.wrapped FROM report_data_key k JOIN report r ON r.id = k.report_id
               WHERE r.receipt_key = p_receipt_key AND p_receipt_key IS NOT NULL $$`);
    // Destruction at the end of retention. Erases the data key (every v2 value of the report is
    // then unreadable, in backups too), overwrites the identity columns (v1 values sealed before
    // data keys, which the erased key does not cover), deletes every evidence byte (originals and
    // redacted copies) and puts the neutral name in place of each uploaded file name, replaces the
    // handler-only texts (title, content, concerned text, timeline notes) by their redacted copies,
    // forgets the sealed receipt code and the intake's idempotency key and content hash, and marks
    // the report. Kept: the report row, its kind, status, dates, subjects and redacted texts (so
    // every count stays), the receipt's keyed hash (the reporter still sees the status), file
    // types, sizes and checksums. False when the report was already destroyed (nothing done).
    await queryRunner.query(`
      CREATE FUNCTION giamsat_destroy_report_identity(p_report_id uuid) RETURNS boolean
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
        AS $$
        BEGIN
          IF giamsat_actor_role() IS NULL OR giamsat_actor_role() NOT IN ('ADMIN', 'INSPECTION_COMMITTEE') THEN
            RAISE EXCEPTION 'only the chair of the Inspection Committee or an ADMIN destroys on retention'
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          IF giamsat_actor_cadre() IS NOT NULL AND giamsat_involved(p_report_id) THEN
            RAISE EXCEPTION 'recused: the acting account is involved in the report' USING ERRCODE = 'insufficient_privilege';
          END IF;
          PERFORM 1 FROM report WHERE id = p_report_id AND identity_destroyed_at IS NULL FOR UPDATE;
          IF NOT FOUND THEN
            RETURN false;
          END IF;
          DELETE FROM report_data_key WHERE report_id = p_report_id;
          UPDATE reporter_identity
             SET full_name = NULL, id_number = NULL, phone = NULL, email = NULL, address = NULL,
                 group_members = NULL, wants_notifications = false
           WHERE report_id = p_report_id;
          DELETE FROM evidence_chunk c USING evidence_file f WHERE f.id = c.file_id AND f.report_id = p_report_id;
          UPDATE evidence_file SET file_name = neutral_name WHERE report_id = p_report_id AND file_name <> neutral_name;
          UPDATE report_timeline_entry SET note = note_redacted
           WHERE report_id = p_report_id AND note IS DISTINCT FROM note_redacted;
          UPDATE report
             SET title = title_redacted, content = content_redacted, concerned_text = concerned_text_redacted,
                 redactions = '[]'::jsonb, receipt_sealed = NULL, idempotency_key = NULL, content_hash = NULL,
                 identity_destroyed_at = now()
           WHERE id = p_report_id;
          RETURN true;
        END $$`);
    for (const fn of ['giamsat_report_data_key_for_receipt(text)', 'giamsat_destroy_report_identity(uuid)']) {
      await queryRunner.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await queryRunner.query(`GRANT EXECUTE ON FUNCTION ${fn} TO giamsat_app`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION giamsat_destroy_report_identity(uuid)`);
    await queryRunner.query(`DROP FUNCTION giamsat_report_data_key_for_receipt(text)`);
    await queryRunner.query(`GRANT UPDATE, DELETE, TRUNCATE ON retention_destruction TO giamsat_app`);
    await queryRunner.query(`DROP POLICY report_data_key_add ON report_data_key`);
    await queryRunner.query(`DROP POLICY report_data_key_read ON report_data_key`);
    await queryRunner.query(`ALTER TABLE report_data_key DISABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`GRANT UPDATE, DELETE, TRUNCATE ON report_data_key TO giamsat_app`);
  }
}
