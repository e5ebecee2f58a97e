import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence pieces sealed under their report's data key (crypto-shredding on retention), and the
 * way uploaders and readers of a report's evidence reach that key: a caller with a database
 * context not involved in the report (the evidence's own read rule, and the reporter through its
 * receipt) gets the wrapped key, which only the app's keyring opens. Pieces stored before stay
 * plain (`sealed` false) until the retention run deletes them.
 */
export class SealedEvidencePieces1796557645612 implements MigrationInterface {
  name = 'SealedEvidencePieces1796557645612';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence_chunk" ADD "sealed" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`
      CREATE FUNCTION giamsat_report_data_key_for_evidence(p_report_id uuid) RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ SELECT k.wrapped FROM report_data_key k
               WHERE k.report_id = p_report_id AND giamsat_actor_role() IS NOT NULL
                 AND (giamsat_actor_cadre() IS NULL OR NOT giamsat_involved(p_report_id)) $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION giamsat_report_data_key_for_evidence(uuid) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION giamsat_report_data_key_for_evidence(uuid) TO giamsat_app`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION giamsat_report_data_key_for_evidence(uuid)`);
    await queryRunner.query(`ALTER TABLE "evidence_chunk" DROP COLUMN "sealed"`);
  }
}
