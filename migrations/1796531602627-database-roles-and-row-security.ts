import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Least privilege down to the database (issue 19, item 4). Hand-written: TypeORM generates
 * neither grants nor row-level security nor triggers.
 *
 * The API connects as `giamsat_app`, which owns nothing and is not a superuser, so the policies
 * below bind it; migrations and operator tools run as the schema's owner (whoever runs this
 * migration, `giamsat_owner` by default), which they do not bind (no FORCE: the owner is trusted).
 *
 * The app tells the policies who acts, per transaction (src/db/database-roles.ts):
 * `giamsat.account_id`, `giamsat.role` (PUBLIC without an account) and `giamsat.cadre_id`.
 * Without them the identity and evidence tables show and accept nothing (fail closed); report
 * rows stay visible (board counts, the deadline watcher and receipt tracking read them with no
 * account) but never to an account whose linked cadre is one of the report's subjects.
 */
export class DatabaseRolesAndRowSecurity1796531602627 implements MigrationInterface {
  name = 'DatabaseRolesAndRowSecurity1796531602627';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Roles belong to the server: an operator creates them once (docs/operations.md); a
    // superuser running the migrations (a scratch database of migration:generate) makes a
    // sign-in-less app role so that the grants below have someone to name.
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'giamsat_app') THEN
          IF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
            CREATE ROLE giamsat_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
          ELSE
            RAISE EXCEPTION 'the database role giamsat_app does not exist'
              USING HINT = 'Create the roles once as a superuser: see "Database roles" in docs/operations.md';
          END IF;
        END IF;
      END $$`);

    // Data access for the app, on what exists now and on what later migrations create.
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO giamsat_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO giamsat_app`);
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO giamsat_app`);
    await queryRunner.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO giamsat_app`);
    await queryRunner.query(`
      DO $$
      BEGIN
        EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO giamsat_app', current_user);
        EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO giamsat_app', current_user);
        EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO giamsat_app', current_user);
      END $$`);
    // The migration history is the owner's: the app only reads it (readiness: none pending).
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM giamsat_app`);
    await queryRunner.query(`
      DO $$
      BEGIN
        IF to_regclass('public.typeorm_metadata') IS NOT NULL THEN
          REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON typeorm_metadata FROM giamsat_app;
        END IF;
      END $$`);

    // Who acts, as the app set it for this transaction; NULL when it did not.
    for (const [name, setting] of [
      ['giamsat_actor_account', 'giamsat.account_id'],
      ['giamsat_actor_role', 'giamsat.role'],
      ['giamsat_actor_cadre', 'giamsat.cadre_id'],
    ]) {
      await queryRunner.query(
        `CREATE FUNCTION ${name}() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
           AS $$ SELECT nullif(current_setting('${setting}', true), '') $$`,
      );
    }
    // The one place that says whether the acting account must not see a report: the cadre it is
    // linked to is among the report's subjects, whatever the kind (the recusal rule,
    // src/modules/recusal/recusal.policy.ts). A plain SQL function, which the planner inlines
    // into each policy as an anti-join on report_subject's index; were it ever to read a table
    // under row-level security, it would need SECURITY DEFINER (a policy on report calling a
    // function that reads report would recurse).
    await queryRunner.query(`
      CREATE FUNCTION giamsat_involved(p_report_id uuid) RETURNS boolean
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$
          SELECT EXISTS (SELECT 1 FROM public.report_subject s
                          WHERE s.report_id = p_report_id AND s.cadre_id = giamsat_actor_cadre()::uuid)
        $$`);

    // Reports: hidden from an involved account, open otherwise.
    await queryRunner.query(`ALTER TABLE report ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`
      CREATE POLICY report_not_involved ON report
        USING (giamsat_actor_cadre() IS NULL OR NOT giamsat_involved(id))
        WITH CHECK (true)`);

    // Reporters' identities: read by the Inspection Committee only (the service further narrows
    // it to the report's handler and logs the read), added by any intake with a context, never
    // changed by the app (re-encryption is an operator tool, run as the owner).
    await queryRunner.query(`ALTER TABLE reporter_identity ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON reporter_identity FROM giamsat_app`);
    await queryRunner.query(`
      CREATE POLICY reporter_identity_read ON reporter_identity FOR SELECT
        USING (giamsat_actor_role() = 'INSPECTION_COMMITTEE' AND NOT giamsat_involved(report_id))`);
    await queryRunner.query(`
      CREATE POLICY reporter_identity_add ON reporter_identity FOR INSERT
        WITH CHECK (giamsat_actor_role() IS NOT NULL)`);

    // The identity access log: append-only. The app may add its own reads and see the log; a
    // trigger refuses UPDATE, DELETE and TRUNCATE for every role, the owner included. Issue 27
    // (crypto-shredding on retention) will need a documented path that disables this trigger
    // inside its own transaction; until then there is none.
    await queryRunner.query(`ALTER TABLE identity_access ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON identity_access FROM giamsat_app`);
    await queryRunner.query(`
      CREATE POLICY identity_access_read ON identity_access FOR SELECT
        USING (giamsat_actor_role() = 'INSPECTION_COMMITTEE')`);
    await queryRunner.query(`
      CREATE POLICY identity_access_add ON identity_access FOR INSERT
        WITH CHECK (giamsat_actor_role() = 'INSPECTION_COMMITTEE' AND account_id::text = giamsat_actor_account())`);
    await queryRunner.query(`
      CREATE FUNCTION identity_access_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'identity_access is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER identity_access_append_only BEFORE UPDATE OR DELETE ON identity_access
        FOR EACH ROW EXECUTE FUNCTION identity_access_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER identity_access_no_truncate BEFORE TRUNCATE ON identity_access
        FOR EACH STATEMENT EXECUTE FUNCTION identity_access_append_only()`);

    // Evidence: seen by signed-in staff not involved in the report, added by any intake with a
    // context (reporters upload through their receipt code), never changed by the app.
    await queryRunner.query(`ALTER TABLE evidence_file ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON evidence_file FROM giamsat_app`);
    await queryRunner.query(`
      CREATE POLICY evidence_file_read ON evidence_file FOR SELECT
        USING (giamsat_actor_account() IS NOT NULL AND NOT giamsat_involved(report_id))`);
    await queryRunner.query(`
      CREATE POLICY evidence_file_add ON evidence_file FOR INSERT
        WITH CHECK (giamsat_actor_role() IS NOT NULL)`);
    await queryRunner.query(`ALTER TABLE evidence_chunk ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON evidence_chunk FROM giamsat_app`);
    // Through evidence_file, whose own policy applies inside the subquery.
    await queryRunner.query(`
      CREATE POLICY evidence_chunk_read ON evidence_chunk FOR SELECT
        USING (EXISTS (SELECT 1 FROM evidence_file f WHERE f.id = file_id))`);
    await queryRunner.query(`
      CREATE POLICY evidence_chunk_add ON evidence_chunk FOR INSERT
        WITH CHECK (giamsat_actor_role() IS NOT NULL)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, policies] of [
      ['evidence_chunk', ['evidence_chunk_read', 'evidence_chunk_add']],
      ['evidence_file', ['evidence_file_read', 'evidence_file_add']],
      ['identity_access', ['identity_access_read', 'identity_access_add']],
      ['reporter_identity', ['reporter_identity_read', 'reporter_identity_add']],
      ['report', ['report_not_involved']],
    ] as const) {
      for (const p of policies) await queryRunner.query(`DROP POLICY ${p} ON ${table}`);
      await queryRunner.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    await queryRunner.query(`DROP TRIGGER identity_access_no_truncate ON identity_access`);
    await queryRunner.query(`DROP TRIGGER identity_access_append_only ON identity_access`);
    await queryRunner.query(`DROP FUNCTION identity_access_append_only()`);
    await queryRunner.query(`DROP FUNCTION giamsat_involved(uuid)`);
    await queryRunner.query(`DROP FUNCTION giamsat_actor_cadre()`);
    await queryRunner.query(`DROP FUNCTION giamsat_actor_role()`);
    await queryRunner.query(`DROP FUNCTION giamsat_actor_account()`);
    await queryRunner.query(`
      DO $$
      BEGIN
        EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public REVOKE ALL ON TABLES FROM giamsat_app', current_user);
        EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public REVOKE ALL ON SEQUENCES FROM giamsat_app', current_user);
        EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public REVOKE ALL ON FUNCTIONS FROM giamsat_app', current_user);
      END $$`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM giamsat_app`);
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM giamsat_app`);
    await queryRunner.query(`REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM giamsat_app`);
    await queryRunner.query(`REVOKE ALL ON SCHEMA public FROM giamsat_app`);
  }
}
