import { DEMO_CHAIR_EMAIL } from '../../src/demo/accounts.seed';
import { Client } from 'pg';
import { Role } from '../../src/common/role.enum';
import { startTestApp, type TestApp } from '../support/test-app';

const SUBMIT = `mutation($i: SubmitReportInput!) { submitReport(input: $i) { receiptCode } }`;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** The database error of `sql` run as the app role, or null when it succeeded. */
type Attempt = (sql: string, params?: unknown[]) => Promise<{ code: string; message: string } | null>;

describe('least privilege in the database (the app role under row-level security)', () => {
  let t: TestApp;
  /** A direct connection as the app role (what the API uses), outside the API's own checks. */
  let app: Client;
  let reportId: string;
  let fileId: string;
  let cadreId: string;
  const attempt: Attempt = async (sql, params) => {
    try {
      await app.query(sql, params);
      return null;
    } catch (err) {
      return { code: (err as { code: string }).code, message: (err as Error).message };
    }
  };
  /** Rows of `sql` seen by the app role in a transaction whose context is `settings`. */
  const asActor = async (settings: Record<string, string>, sql: string, params: unknown[] = []) => {
    await app.query('BEGIN');
    try {
      for (const [name, value] of Object.entries(settings)) await app.query('SELECT set_config($1, $2, true)', [name, value]);
      return (await app.query(sql, params)).rows as Array<Record<string, unknown>>;
    } finally {
      await app.query('ROLLBACK');
    }
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    app = new Client({ connectionString: t.db.url });
    await app.connect();
    [{ id: cadreId }] = (await t.owner.query(`SELECT id FROM cadre ORDER BY id LIMIT 1`)) as [{ id: string }];
    // A named denunciation of that cadre, with evidence: one row in each protected table.
    const receipt = (
      await t.gql<{ submitReport: { receiptCode: string } }>(SUBMIT, {
        i: {
          kind: 'DENUNCIATION',
          field: 'LAND',
          title: 'Tố cáo cán bộ nhận tiền',
          content: 'Cán bộ địa chính nhận tiền để làm nhanh hồ sơ.',
          concerns: { cadreIds: [cadreId], unitIds: [] },
          reporter: { fullName: 'Lê Văn Tư', phone: '0912 345 678' },
        },
      })
    ).body.data!.submitReport;
    [{ id: reportId }] = (await t.owner.query(`SELECT id FROM report ORDER BY created_at DESC LIMIT 1`)) as [{ id: string }];
    const form = new FormData();
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'bien-lai.pdf');
    const up = await fetch(`${t.url}/track/files`, {
      method: 'POST',
      body: form,
      headers: { 'x-receipt-code': receipt.receiptCode },
    });
    expect(up.status).toBe(201);
    fileId = ((await up.json()) as { files: Array<{ id: string }> }).files[0]!.id;
    // The handler reads the identity once, through the API: one row in the access log.
    const ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    const [{ id: icId }] = (await t.owner.query(`SELECT id FROM account WHERE email = 'kiemtra@anbien.test'`)) as [
      { id: string },
    ];
    const version = (
      await t.gql<{ report: { version: number } }>(`query($id: ID!) { report(id: $id) { version } }`, { id: reportId }, ic)
    ).body.data!.report.version;
    await t.gql(
      `mutation($i: AssignReportInput!) { assignReport(input: $i) { id } }`,
      { i: { id: reportId, version, handlerId: icId } },
      ic,
    );
    // The read needs the chair's grant of the handler's request (identity-custodian.e2e-spec.ts).
    const asked = await t.gql<{ requestIdentityAccess: { id: string } }>(
      `mutation($id: ID!) { requestIdentityAccess(reportId: $id, reason: "Cần liên hệ người tố cáo để xác minh thêm.") { id } }`,
      { id: reportId },
      ic,
    );
    await t.gql(
      `mutation($r: ID!) { decideIdentityAccess(requestId: $r, grant: true) { id } }`,
      { r: asked.body.data!.requestIdentityAccess.id },
      await t.login(DEMO_CHAIR_EMAIL),
    );
    const read = await t.gql<{ report: { reporterIdentity: { fullName: string } } }>(
      `query($id: ID!) { report(id: $id) { reporterIdentity { fullName } } }`,
      { id: reportId },
      ic,
    );
    expect(read.body.data?.report.reporterIdentity.fullName).toBe('Lê Văn Tư');
  });

  afterAll(async () => {
    await app.end();
    await t.stop();
  });

  it('connects the API as giamsat_app: no superuser, no BYPASSRLS, owner of nothing', async () => {
    const [me] = (await t.app.dataSource.query(
      `SELECT current_user AS name, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,
              (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owned
         FROM pg_roles WHERE rolname = current_user`,
    )) as [Record<string, unknown>];
    expect(me).toEqual({
      name: 'giamsat_app',
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      rolcreatedb: false,
      owned: 0,
    });
    const [{ tables }] = (await t.owner.query(
      `SELECT array_agg(relname::text ORDER BY relname) AS tables FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND relrowsecurity`,
    )) as [{ tables: string[] }];
    expect(tables).toEqual([
      'evidence_chunk',
      'evidence_file',
      'identity_access',
      'report',
      'report_data_key',
      'reporter_identity',
    ]);
  });

  it('cannot become another role, turn row-level security off, or skip it', async () => {
    expect(await attempt('SET ROLE giamsat_owner')).toMatchObject({ code: '42501' });
    expect(await attempt('SET ROLE postgres')).toMatchObject({ code: '42501' });
    expect(await attempt('ALTER TABLE reporter_identity DISABLE ROW LEVEL SECURITY')).toMatchObject({ code: '42501' });
    expect(await attempt('DROP POLICY reporter_identity_read ON reporter_identity')).toMatchObject({ code: '42501' });
    expect(await attempt('ALTER TABLE identity_access DISABLE TRIGGER identity_access_append_only')).toMatchObject({
      code: '42501',
    });
    // row_security = off makes a query that a policy would filter fail instead of filtering it.
    await app.query('SET row_security = off');
    try {
      expect(await attempt('SELECT * FROM reporter_identity')).toMatchObject({ code: '42501' });
    } finally {
      await app.query('RESET row_security');
    }
    expect(await attempt('CREATE TABLE sneaky (id int)')).toMatchObject({ code: '42501' });
  });

  it('refuses a direct UPDATE, DELETE or TRUNCATE of the identity access log, even to the owner', async () => {
    const actor = { 'giamsat.role': 'INSPECTION_COMMITTEE' };
    const [{ n }] = (await asActor(actor, `SELECT count(*)::int AS n FROM identity_access WHERE report_id = $1`, [reportId])) as [
      { n: number },
    ];
    expect(n).toBe(1);
    for (const sql of [
      `UPDATE identity_access SET request_id = 'forged' WHERE report_id = $1`,
      `DELETE FROM identity_access WHERE report_id = $1`,
    ]) {
      const refused = await attempt(sql, [reportId]);
      expect(refused).toMatchObject({ code: '42501' });
      expect(refused!.message).toMatch(/permission denied for table identity_access/);
    }
    expect(await attempt('TRUNCATE identity_access')).toMatchObject({ code: '42501' });
    // The trigger holds for the owner too, who has every privilege on the table.
    await expect(t.owner.query(`UPDATE identity_access SET request_id = 'forged'`)).rejects.toThrow(
      /identity_access is append-only: UPDATE refused/,
    );
    await expect(t.owner.query(`DELETE FROM identity_access`)).rejects.toThrow(/identity_access is append-only: DELETE refused/);
    await expect(t.owner.query(`TRUNCATE identity_access`)).rejects.toThrow(/identity_access is append-only: TRUNCATE refused/);
    expect(await t.owner.query(`SELECT request_id FROM identity_access`)).not.toContainEqual({ request_id: 'forged' });
  });

  it('shows no reporter identity, evidence or access log without a context, while the rows exist', async () => {
    for (const table of ['reporter_identity', 'evidence_file', 'evidence_chunk', 'identity_access']) {
      const [{ n: stored }] = (await t.owner.query(`SELECT count(*)::int AS n FROM ${table}`)) as [{ n: number }];
      expect(stored).toBeGreaterThan(0);
      expect((await app.query(`SELECT count(*)::int AS n FROM ${table}`)).rows).toEqual([{ n: 0 }]);
    }
    // A context that has ended (the transaction is over) is no context.
    await asActor(
      { 'giamsat.role': 'INSPECTION_COMMITTEE', 'giamsat.account_id': '00000000-0000-4000-8000-000000000000' },
      'SELECT 1',
    );
    expect((await app.query(`SELECT count(*)::int AS n FROM reporter_identity`)).rows).toEqual([{ n: 0 }]);
    // Nor can the app add one without a context.
    expect(await attempt(`INSERT INTO evidence_chunk (file_id, seq, data) VALUES ($1, 99, '\\x00')`, [fileId])).toMatchObject({
      code: '42501',
      message: expect.stringMatching(/row-level security/),
    });
  });

  it('shows identities to the Inspection Committee only, and evidence to signed-in staff only', async () => {
    const staff = { 'giamsat.account_id': '00000000-0000-4000-8000-000000000001' };
    const identities = `SELECT count(*)::int AS n FROM reporter_identity WHERE report_id = $1`;
    expect(await asActor({ ...staff, 'giamsat.role': 'INSPECTION_COMMITTEE' }, identities, [reportId])).toEqual([{ n: 1 }]);
    for (const role of ['INTAKE_STAFF', 'STANDING_COMMITTEE', 'UNIT_HEAD', 'PUBLIC']) {
      expect(await asActor({ ...staff, 'giamsat.role': role }, identities, [reportId])).toEqual([{ n: 0 }]);
    }
    const pieces = `SELECT count(*)::int AS n FROM evidence_chunk WHERE file_id = $1`;
    expect(await asActor({ ...staff, 'giamsat.role': 'INTAKE_STAFF' }, pieces, [fileId])).toEqual([{ n: 1 }]);
    expect(await asActor({ 'giamsat.role': 'PUBLIC' }, pieces, [fileId])).toEqual([{ n: 0 }]);
  });

  it('hides a report, its identity and its evidence from an account linked to a concerned cadre (recusal), even through a raw query', async () => {
    const involved = {
      'giamsat.account_id': '00000000-0000-4000-8000-000000000002',
      'giamsat.role': 'INSPECTION_COMMITTEE',
      'giamsat.cadre_id': cadreId,
    };
    const [{ id: otherCadre }] = (await t.owner.query(`SELECT id FROM cadre WHERE id <> $1 ORDER BY id LIMIT 1`, [cadreId])) as [
      { id: string },
    ];
    const uninvolved = { ...involved, 'giamsat.cadre_id': otherCadre };
    for (const sql of [
      `SELECT count(*)::int AS n FROM report WHERE id = $1`,
      `SELECT count(*)::int AS n FROM reporter_identity WHERE report_id = $1`,
      `SELECT count(*)::int AS n FROM evidence_file WHERE report_id = $1`,
    ]) {
      expect(await asActor(involved, sql, [reportId])).toEqual([{ n: 0 }]);
      expect(await asActor(uninvolved, sql, [reportId])).toEqual([{ n: 1 }]);
    }
    // Nor can the involved account change it: the UPDATE finds no row.
    await app.query('BEGIN');
    try {
      for (const [name, value] of Object.entries(involved)) await app.query('SELECT set_config($1, $2, true)', [name, value]);
      expect((await app.query(`UPDATE report SET title = 'xoá dấu vết' WHERE id = $1`, [reportId])).rowCount).toBe(0);
    } finally {
      await app.query('ROLLBACK');
    }
    // Without an account (the board's counts, the deadline watcher, receipt tracking) the report row shows.
    expect((await app.query(`SELECT count(*)::int AS n FROM report WHERE id = $1`, [reportId])).rows).toEqual([{ n: 1 }]);
  });

  it('gives the app role its privileges on tables a later migration creates (default privileges)', async () => {
    await t.owner.query(`CREATE TABLE later_table (id int PRIMARY KEY, note text)`);
    try {
      expect(await attempt(`INSERT INTO later_table VALUES (1, 'a')`)).toBeNull();
      expect((await app.query(`SELECT note FROM later_table`)).rows).toEqual([{ note: 'a' }]);
      expect(await attempt(`ALTER TABLE later_table ADD COLUMN x int`)).toMatchObject({ code: '42501' });
      expect(await attempt(`DROP TABLE later_table`)).toMatchObject({ code: '42501' });
    } finally {
      await t.owner.query(`DROP TABLE later_table`);
    }
  });
});
