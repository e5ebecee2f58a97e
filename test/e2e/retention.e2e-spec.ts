import { resolveReportSecrets } from '../../src/app';
import { Role } from '../../src/common/role.enum';
import { DEMO_CHAIR_EMAIL } from '../../src/demo/accounts.seed';
import { IdentityCipher, IdentityCipherError, Keyring, openEvidencePiece } from '../../src/modules/reports/identity-cipher';
import { reencryptIdentities } from '../../src/modules/reports/reports.reencrypt';
import { onlyError, startTestApp, type TestApp } from '../support/test-app';

/**
 * Retention with crypto-shredding (issue 27, item 4) on real PostgreSQL: a closed report past its
 * period is listed for the chair, its destruction erases its data key (its sealed identity no longer
 * opens, even with the keyring), wipes its evidence bytes and identity, keeps its counts and writes
 * an audit entry; a report not yet past is refused and untouched; a second confirmation does
 * nothing; a retention period under a stated legal minimum is refused with nothing written; v1
 * identities move under per-report data keys with `reencrypt`, and are destroyed all the same.
 */
const NAME = 'Trần Thị Mai Hương';
const MEMBER = 'Lê Văn Quý';
const SECRET_TEXT = /Trần Thị Mai Hương|Lê Văn Quý|0912 888 777|ghi_am_Tran_Thi_Mai_Huong/;

const RECORD = `mutation($i: RecordReportInput!) { recordReport(input: $i) { receiptCode } }`;
const TRANSITION = `mutation($i: TransitionReportInput!) { transitionReport(input: $i) { id status version } }`;
const LIST = `{ reportsPastRetention { reportId kind status closedOn retentionMonths dueOn ruleSetId basis configurable } }`;
const DESTROY = `mutation($ids: [ID!]!) { destroyReportsPastRetention(input: { reportIds: $ids }) {
  alreadyDestroyed destruction { id confirmedAt confirmedByEmail ruleDataVersion reports { reportId kind closedOn retentionMonths dueOn ruleSetId } } } }`;
const TRACK = `query($c: String!) { trackReport(receiptCode: $c) { kind status publicReply } }`;
const ADD_RULES = `mutation($i: AddRuleSetInput!) { addRetentionRuleSet(input: $i) { kind version } }`;

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);

describe('retention: list, confirm, crypto-shred', () => {
  let t: TestApp;
  let intake: string;
  let ic: string;
  let chair: string;
  let admin: string;
  let cipher: IdentityCipher;
  const q = async <T>(sql: string, params: unknown[] = []) => (await t.owner.query(sql, params)) as T[];

  /** A report recorded with an identity, a group member and an evidence file, then closed (not accepted, answered). */
  const closedReport = async (kind = 'COMPLAINT', cadreIds: string[] = []): Promise<{ id: string; receipt: string }> => {
    const res = await t.gql<{ recordReport: { receiptCode: string } }>(
      RECORD,
      {
        i: {
          kind,
          field: 'LAND',
          source: 'CITIZEN',
          channel: 'RECEPTION',
          title: `Khiếu nại của bà ${NAME} về cấp giấy chứng nhận`,
          content: `Tôi là ${NAME}, số điện thoại 0912 888 777, khiếu nại việc chậm cấp giấy.`,
          reporter: { fullName: NAME, phone: '0912 888 777', address: 'Tổ 3, khu phố 2' },
          group: { members: [{ fullName: MEMBER, phone: '0988 000 111' }] },
          ...(cadreIds.length ? { concerns: { cadreIds, unitIds: [] } } : {}),
        },
      },
      intake,
    );
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    const [row] = await q<{ id: string; version: number }>(`SELECT id, version FROM report ORDER BY created_at DESC, id LIMIT 1`);
    let version = row!.version;
    for (const [to, extra] of [
      ['CLASSIFIED', {}],
      ['NOT_ACCEPTED', { reason: 'Không thuộc thẩm quyền giải quyết của phường.' }],
      ['CLOSED', { publicReply: 'Đơn không được thụ lý vì không thuộc thẩm quyền.' }],
    ] as const) {
      const moved = await t.gql<{ transitionReport: { version: number } }>(
        TRANSITION,
        { i: { id: row!.id, version, to, ...extra } },
        ic,
      );
      if (moved.body.errors) throw new Error(JSON.stringify(moved.body.errors));
      version = moved.body.data!.transitionReport.version;
    }
    // An evidence file, with its uploaded name in the handler's timeline note.
    const [file] = await q<{ id: string }>(
      `INSERT INTO evidence_file (report_id, file_name, neutral_name, content_type, size_bytes, sha256, from_reporter)
       VALUES ($1, 'ghi_am_Tran_Thi_Mai_Huong.pdf', 'tep-dinh-kem-1.pdf', 'application/pdf', 9, 'x', true) RETURNING id`,
      [row!.id],
    );
    await q(`INSERT INTO evidence_chunk (file_id, seq, data) VALUES ($1, 0, $2)`, [file!.id, Buffer.from('%PDF-1.4\n')]);
    await q(
      `INSERT INTO report_timeline_entry (report_id, type, actor, note, note_redacted)
       VALUES ($1, 'EVIDENCE_ADDED', 'REPORTER', 'ghi_am_Tran_Thi_Mai_Huong.pdf', 'tep-dinh-kem-1.pdf')`,
      [row!.id],
    );
    return { id: row!.id, receipt: res.body.data!.recordReport.receiptCode };
  };

  /** Moves a report's closing back by `years` (the bundled period of a complaint is 120 months). */
  const closedYearsAgo = (id: string, years: number) =>
    q(
      `UPDATE report_timeline_entry SET at = at - make_interval(years => $2)
        WHERE report_id = $1 AND type = 'TRANSITION' AND to_status = 'CLOSED'`,
      [id, years],
    );

  const boardCounts = () =>
    q<{ facet: string; key: string; n: string }>(
      `SELECT facet, key, sum(n)::text AS n FROM (SELECT facet, key, n FROM board_count UNION ALL SELECT facet, key, n FROM board_count_delta) c
        GROUP BY facet, key ORDER BY facet, key`,
    );

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    intake = await t.tokenFor(Role.INTAKE_STAFF);
    ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    chair = await t.login(DEMO_CHAIR_EMAIL);
    admin = await t.tokenFor(Role.ADMIN);
    cipher = new IdentityCipher(Keyring.fromConfig((await resolveReportSecrets(t.app.config)).identityKeys));
  }, 240_000);
  afterAll(() => t.stop());

  it('seals a new report’s identity and group members under its own data key (v2)', async () => {
    const { id } = await closedReport();
    const [row] = await q<{ full_name: string; group_members: string; wrapped: string }>(
      `SELECT i.full_name, i.group_members, k.wrapped FROM reporter_identity i JOIN report_data_key k USING (report_id) WHERE report_id = $1`,
      [id],
    );
    expect(row!.full_name.startsWith('v2.')).toBe(true);
    expect(row!.group_members.startsWith('v2.')).toBe(true);
    const key = cipher.unwrapDataKey(row!.wrapped, id);
    expect(cipher.decrypt(row!.full_name, { table: 'reporter_identity', column: 'fullName', rowId: id }, key)).toBe(NAME);
    // An uploaded evidence file is stored in pieces sealed under the same key, bound to the file and place.
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const form = new FormData();
    form.append('file', new Blob([pdf]), 'bien-ban.pdf');
    const uploaded = await fetch(`${t.url}/reports/${id}/files`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${ic}` },
    });
    expect(uploaded.status).toBe(201);
    const [piece] = await q<{ file_id: string; data: Buffer; sealed: boolean }>(
      `SELECT c.file_id, c.data, c.sealed FROM evidence_chunk c JOIN evidence_file f ON f.id = c.file_id
        WHERE f.report_id = $1 AND f.file_name = 'bien-ban.pdf' AND c.seq = 0`,
      [id],
    );
    expect(piece!.sealed).toBe(true);
    expect(piece!.data.includes(Buffer.from('%PDF'))).toBe(false);
    expect(openEvidencePiece(key, piece!.file_id, 0, piece!.data).equals(pdf)).toBe(true);
  });

  it('lists only reports past retention, to the chair and ADMIN only, never with identity', async () => {
    const past = await closedReport();
    const recent = await closedReport();
    await closedYearsAgo(past.id, 11);
    const listed = await t.gql<{ reportsPastRetention: Array<Record<string, unknown>> }>(LIST, {}, chair);
    expect(listed.body.errors).toBeUndefined();
    const ids = listed.body.data!.reportsPastRetention.map((r) => r['reportId']);
    expect(ids).toContain(past.id);
    expect(ids).not.toContain(recent.id);
    expect(listed.body.data!.reportsPastRetention.find((r) => r['reportId'] === past.id)).toMatchObject({
      kind: 'COMPLAINT',
      status: 'CLOSED',
      retentionMonths: 120,
      ruleSetId: 'vn-2025-07-retention',
      basis: null,
      configurable: true,
    });
    expect(JSON.stringify(listed.body)).not.toMatch(SECRET_TEXT);
    expect((await t.gql(LIST, {}, admin)).body.errors).toBeUndefined();
    // A committee member who is not the chair, and other roles.
    expect(onlyError(await t.gql(LIST, {}, ic)).extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'RETENTION_NOT_CUSTODIAN',
    });
    expect(onlyError(await t.gql(LIST, {}, await t.tokenFor(Role.STANDING_COMMITTEE))).extensions?.['code']).toBe('FORBIDDEN');
  });

  it('refuses a report not yet past retention, naming it, and destroys nothing of the batch', async () => {
    const past = await closedReport();
    const recent = await closedReport();
    await closedYearsAgo(past.id, 11);
    const before = await q(`SELECT count(*)::int AS n FROM report_data_key`);
    const res = await t.gql(DESTROY, { ids: [past.id, recent.id] }, chair);
    const err = onlyError(res);
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RETENTION_NOT_DUE' });
    expect(err.message).toContain(recent.id);
    expect(err.message).not.toContain(past.id);
    expect(err.message).toMatch(/Chưa hết thời hạn lưu trữ/);
    expect(await q(`SELECT count(*)::int AS n FROM report_data_key`)).toEqual(before);
    const [kept] = await q<{ identity_destroyed_at: Date | null }>(`SELECT identity_destroyed_at FROM report WHERE id = $1`, [
      past.id,
    ]);
    expect(kept!.identity_destroyed_at).toBeNull();
    // An unknown report is NOT_FOUND.
    const unknown = await t.gql(DESTROY, { ids: ['00000000-0000-4000-8000-000000000001'] }, chair);
    expect(onlyError(unknown).extensions?.['code']).toBe('NOT_FOUND');
  });

  it('destroys what it should and nothing else: key, identity, evidence gone; report, counts, tracking, other reports kept; audited', async () => {
    const past = await closedReport();
    const other = await closedReport();
    await closedYearsAgo(past.id, 11);
    const [stored] = await q<{ full_name: string; wrapped: string }>(
      `SELECT i.full_name, k.wrapped FROM reporter_identity i JOIN report_data_key k USING (report_id) WHERE report_id = $1`,
      [past.id],
    );
    const otherBefore = await q(
      `SELECT i.*, k.wrapped, r.title, r.content FROM reporter_identity i JOIN report_data_key k USING (report_id) JOIN report r ON r.id = i.report_id WHERE i.report_id = $1`,
      [other.id],
    );
    const otherChunks = await q(
      `SELECT c.* FROM evidence_chunk c JOIN evidence_file f ON f.id = c.file_id WHERE f.report_id = $1`,
      [other.id],
    );
    const counts = await boardCounts();
    const reports = await q(`SELECT count(*)::int AS n FROM report`);

    const res = await t.gql<{
      destroyReportsPastRetention: {
        alreadyDestroyed: string[];
        destruction: { id: string; reports: unknown[]; confirmedByEmail: string };
      };
    }>(DESTROY, { ids: [past.id] }, chair);
    expect(res.body.errors).toBeUndefined();
    const run = res.body.data!.destroyReportsPastRetention;
    expect(run.alreadyDestroyed).toEqual([]);
    expect(run.destruction.confirmedByEmail).toBe(DEMO_CHAIR_EMAIL);
    expect(run.destruction.reports).toEqual([
      expect.objectContaining({ reportId: past.id, kind: 'COMPLAINT', retentionMonths: 120, ruleSetId: 'vn-2025-07-retention' }),
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(SECRET_TEXT);

    // The data key row is gone: the stored ciphertext (kept from before) no longer opens, even with the keyring.
    expect(await q(`SELECT 1 FROM report_data_key WHERE report_id = $1`, [past.id])).toEqual([]);
    let failure: unknown;
    try {
      cipher.decrypt(stored!.full_name, { table: 'reporter_identity', column: 'fullName', rowId: past.id });
    } catch (e) {
      failure = e;
    }
    expect(failure).toBeInstanceOf(IdentityCipherError);
    expect((failure as IdentityCipherError).reason).toBe('DATA_KEY_MISSING');
    // Identity columns, evidence bytes, uploaded names and handler-only texts are gone from the database.
    const [identity] = await q<Record<string, unknown>>(
      `SELECT full_name, id_number, phone, email, address, group_members FROM reporter_identity WHERE report_id = $1`,
      [past.id],
    );
    expect(Object.values(identity!).every((v) => v === null)).toBe(true);
    expect(
      await q(`SELECT c.* FROM evidence_chunk c JOIN evidence_file f ON f.id = c.file_id WHERE f.report_id = $1`, [past.id]),
    ).toEqual([]);
    const everything = JSON.stringify(
      await q(
        `SELECT r.title, r.content, r.concerned_text, r.receipt_sealed, f.file_name, t.note
           FROM report r LEFT JOIN evidence_file f ON f.report_id = r.id LEFT JOIN report_timeline_entry t ON t.report_id = r.id
          WHERE r.id = $1`,
        [past.id],
      ),
    );
    expect(everything).not.toMatch(SECRET_TEXT);
    // A download of the destroyed evidence is refused with a clear reason.
    const [file] = await q<{ id: string }>(`SELECT id FROM evidence_file WHERE report_id = $1`, [past.id]);
    const download = await fetch(`${t.url}/files/${file!.id}`, { headers: { authorization: `Bearer ${chair}` } });
    expect(download.status).toBe(409);
    expect(JSON.stringify(await download.json())).toContain('EVIDENCE_DESTROYED');
    // The report and its counts remain; the reporter still sees the status.
    expect(await q(`SELECT count(*)::int AS n FROM report`)).toEqual(reports);
    expect(await boardCounts()).toEqual(counts);
    const [kept] = await q<{ status: string; identity_destroyed_at: Date | null }>(
      `SELECT status, identity_destroyed_at FROM report WHERE id = $1`,
      [past.id],
    );
    expect(kept!.status).toBe('CLOSED');
    expect(kept!.identity_destroyed_at).toBeInstanceOf(Date);
    const tracked = await t.gql<{ trackReport: { status: string } }>(TRACK, { c: past.receipt });
    expect(tracked.body.errors).toBeUndefined();
    expect(tracked.body.data!.trackReport.status).toBe('CLOSED');
    // Nothing else was touched.
    expect(
      await q(
        `SELECT i.*, k.wrapped, r.title, r.content FROM reporter_identity i JOIN report_data_key k USING (report_id) JOIN report r ON r.id = i.report_id WHERE i.report_id = $1`,
        [other.id],
      ),
    ).toEqual(otherBefore);
    expect(
      await q(`SELECT c.* FROM evidence_chunk c JOIN evidence_file f ON f.id = c.file_id WHERE f.report_id = $1`, [other.id]),
    ).toEqual(otherChunks);
    // The audit entry, without identity.
    const audit = await q<{ reports: Array<{ reportId: string }>; confirmed_by_email: string }>(
      `SELECT reports, confirmed_by_email FROM retention_destruction WHERE id = $1`,
      [run.destruction.id],
    );
    expect(audit[0]!.reports.map((r) => r.reportId)).toEqual([past.id]);
    expect(JSON.stringify(audit)).not.toMatch(SECRET_TEXT);

    // A second confirmation is a no-op: no new audit entry.
    const auditRows = await q(`SELECT count(*)::int AS n FROM retention_destruction`);
    const again = await t.gql<{ destroyReportsPastRetention: { alreadyDestroyed: string[]; destruction: unknown } }>(
      DESTROY,
      { ids: [past.id] },
      chair,
    );
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data!.destroyReportsPastRetention).toEqual({ alreadyDestroyed: [past.id], destruction: null });
    expect(await q(`SELECT count(*)::int AS n FROM retention_destruction`)).toEqual(auditRows);
    // And it is no longer listed.
    const listed = await t.gql<{ reportsPastRetention: Array<{ reportId: string }> }>(LIST, {}, chair);
    expect(listed.body.data!.reportsPastRetention.map((r) => r.reportId)).not.toContain(past.id);
  });

  it('moves a v1 identity under a data key with reencrypt, and destroys a v1 identity left unmigrated by overwriting it', async () => {
    const migrated = await closedReport();
    const legacy = await closedReport();
    // Put both back in the v1 form of before data keys: sealed under the keyring, no data key.
    for (const { id } of [migrated, legacy]) {
      await q(`DELETE FROM report_data_key WHERE report_id = $1`, [id]);
      await q(`UPDATE reporter_identity SET full_name = $2, group_members = NULL WHERE report_id = $1`, [
        id,
        cipher.encrypt(NAME, { table: 'reporter_identity', column: 'fullName', rowId: id }),
      ]);
    }
    const run = await reencryptIdentities(t.owner, cipher, 3);
    expect(run.migrated).toBeGreaterThanOrEqual(2);
    const [row] = await q<{ full_name: string; wrapped: string }>(
      `SELECT i.full_name, k.wrapped FROM reporter_identity i JOIN report_data_key k USING (report_id) WHERE report_id = $1`,
      [migrated.id],
    );
    expect(row!.full_name.startsWith('v2.')).toBe(true);
    expect(
      cipher.decrypt(
        row!.full_name,
        { table: 'reporter_identity', column: 'fullName', rowId: migrated.id },
        cipher.unwrapDataKey(row!.wrapped, migrated.id),
      ),
    ).toBe(NAME);
    // Its evidence piece stored plain (as before data keys) is sealed under the same key.
    const [piece] = await q<{ file_id: string; data: Buffer; sealed: boolean }>(
      `SELECT c.file_id, c.data, c.sealed FROM evidence_chunk c JOIN evidence_file f ON f.id = c.file_id WHERE f.report_id = $1`,
      [migrated.id],
    );
    expect(piece!.sealed).toBe(true);
    expect(openEvidencePiece(cipher.unwrapDataKey(row!.wrapped, migrated.id), piece!.file_id, 0, piece!.data).toString()).toBe(
      '%PDF-1.4\n',
    );
    expect((await reencryptIdentities(t.owner, cipher, 3)).migrated).toBe(0);

    // The legacy one is put back to v1 after the run (as if the run had not reached it), then destroyed.
    await q(`DELETE FROM report_data_key WHERE report_id = $1`, [legacy.id]);
    await q(`UPDATE reporter_identity SET full_name = $2 WHERE report_id = $1`, [
      legacy.id,
      cipher.encrypt(NAME, { table: 'reporter_identity', column: 'fullName', rowId: legacy.id }),
    ]);
    await closedYearsAgo(legacy.id, 11);
    const res = await t.gql(DESTROY, { ids: [legacy.id] }, admin);
    expect(res.body.errors).toBeUndefined();
    expect(await q(`SELECT full_name, phone, address FROM reporter_identity WHERE report_id = $1`, [legacy.id])).toEqual([
      { full_name: null, phone: null, address: null },
    ]);
  });

  it('shows the handler holding a grant a “destroyed per retention” state, not an error, once destroyed', async () => {
    const report = await closedReport();
    const [me] = await q<{ id: string }>(`SELECT id FROM account WHERE email = 'kiemtra@anbien.test'`);
    // As if it had been assigned and the identity granted during handling.
    await q(`UPDATE report SET handler_id = $2 WHERE id = $1`, [report.id, me!.id]);
    const [chairRow] = await q<{ id: string }>(`SELECT id FROM account WHERE email = $1`, [DEMO_CHAIR_EMAIL]);
    await q(
      `INSERT INTO identity_access_request (report_id, requested_by_id, reason, status, decided_by_id, decided_at)
       VALUES ($1, $2, 'Cần liên hệ người khiếu nại để làm rõ nội dung.', 'GRANTED', $3, now())`,
      [report.id, me!.id, chairRow!.id],
    );
    const READ = `query($id: ID!) { report(id: $id) { reporterIdentity { fullName phone groupMembers { fullName } destroyedAt } } }`;
    const before = await t.gql<{ report: { reporterIdentity: Record<string, unknown> } }>(READ, { id: report.id }, ic);
    expect(before.body.errors).toBeUndefined();
    expect(before.body.data!.report.reporterIdentity).toMatchObject({
      fullName: NAME,
      groupMembers: [{ fullName: MEMBER }],
      destroyedAt: null,
    });
    await closedYearsAgo(report.id, 11);
    expect((await t.gql(DESTROY, { ids: [report.id] }, chair)).body.errors).toBeUndefined();
    const after = await t.gql<{ report: { reporterIdentity: Record<string, unknown> } }>(READ, { id: report.id }, ic);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data!.report.reporterIdentity).toMatchObject({
      fullName: null,
      phone: null,
      groupMembers: [],
      destroyedAt: expect.any(String),
    });
  });

  it('goes through recusal: an account linked to a subject neither lists nor destroys the report', async () => {
    const [cadre] = await q<{ id: string }>(`SELECT id FROM cadre ORDER BY id LIMIT 1`);
    const report = await closedReport('COMPLAINT', [cadre!.id]);
    await closedYearsAgo(report.id, 11);
    const listedBefore = await t.gql<{ reportsPastRetention: Array<{ reportId: string }> }>(LIST, {}, admin);
    expect(listedBefore.body.data!.reportsPastRetention.map((r) => r.reportId)).toContain(report.id);
    await q(`UPDATE account SET cadre_id = $1 WHERE email IN ($2, 'admin@anbien.test')`, [cadre!.id, DEMO_CHAIR_EMAIL]);
    try {
      for (const token of [await t.login(DEMO_CHAIR_EMAIL), await t.tokenFor(Role.ADMIN)]) {
        const listed = await t.gql<{ reportsPastRetention: Array<{ reportId: string }> }>(LIST, {}, token);
        expect(listed.body.errors).toBeUndefined();
        expect(listed.body.data!.reportsPastRetention.map((r) => r.reportId)).not.toContain(report.id);
        expect(onlyError(await t.gql(DESTROY, { ids: [report.id] }, token)).extensions?.['code']).toBe('NOT_FOUND');
      }
      expect(await q(`SELECT 1 FROM report_data_key WHERE report_id = $1`, [report.id])).toHaveLength(1);
      expect(
        (await q<{ d: Date | null }>(`SELECT identity_destroyed_at AS d FROM report WHERE id = $1`, [report.id]))[0]!.d,
      ).toBeNull();
    } finally {
      await q(`UPDATE account SET cadre_id = NULL WHERE email IN ($1, 'admin@anbien.test')`, [DEMO_CHAIR_EMAIL]);
    }
  });

  it('refuses a retention period under the legal minimum a set states, writing nothing', async () => {
    const versions = async () => (await q(`SELECT count(*)::int AS n FROM rule_data_version WHERE kind = 'RETENTION_RULES'`))[0];
    const period = (months: number, min: number | null = null) => ({
      months,
      legalMinimumMonths: min,
      basis: min ? 'Văn bản giả định cho kiểm thử (điều 1)' : null,
      configurable: !min,
    });
    const set = (id: string, day: string, complaint: ReturnType<typeof period>) =>
      JSON.stringify({
        id,
        effectiveFrom: day,
        source: 'kiểm thử',
        periods: { COMPLAINT: complaint, DENUNCIATION: period(120), PETITION: period(60), FEEDBACK: period(60) },
      });
    const before = await versions();
    // Under its own stated minimum.
    const own = onlyError(
      await t.gql(
        ADD_RULES,
        { i: { ruleSet: set('test-a', isoDay(2), period(12, 60)), reason: 'Kiểm thử mức tối thiểu' } },
        admin,
      ),
    );
    expect(own.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RETENTION_BELOW_LEGAL_MINIMUM' });
    expect(own.message).toMatch(/ngắn hơn mức tối thiểu 60 tháng/);
    expect(await versions()).toEqual(before);
    // A set effective today or earlier would change the period of reports already closed.
    const past = onlyError(
      await t.gql(ADD_RULES, { i: { ruleSet: set('test-d', isoDay(0), period(72)), reason: 'Kiểm thử' } }, admin),
    );
    expect(past.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RULE_SET_EFFECTIVE_FOR_RECEIVED' });
    expect(await versions()).toEqual(before);
    // A set stating the minimum is saved; a later one under it is refused.
    const ok = await t.gql(ADD_RULES, { i: { ruleSet: set('test-b', isoDay(2), period(72, 60)), reason: 'Kiểm thử' } }, admin);
    expect(ok.body.errors).toBeUndefined();
    const after = await versions();
    const later = onlyError(
      await t.gql(ADD_RULES, { i: { ruleSet: set('test-c', isoDay(3), period(24)), reason: 'Kiểm thử rút ngắn' } }, admin),
    );
    expect(later.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RETENTION_BELOW_LEGAL_MINIMUM' });
    expect(await versions()).toEqual(after);
  });
});
