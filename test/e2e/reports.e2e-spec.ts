import { randomUUID } from 'node:crypto';
import { resolveSecrets } from '../../src/app';
import { Role } from '../../src/common/role.enum';
import { IdentityCipher, Keyring } from '../../src/modules/reports/identity-cipher';
import { reencryptIdentities } from '../../src/modules/reports/reports.reencrypt';
import { DEMO_CHAIR_EMAIL } from '../../src/demo/accounts.seed';
import { onlyError, startTestApp, type TestApp } from '../support/test-app';

const SUBMIT = `mutation($i: SubmitReportInput!) { submitReport(input: $i) { receiptCode status receivedAt dueAt treatedAsInformation } }`;
const TRACK = `query($c: String!) { trackReport(receiptCode: $c) { kind status dueAt daysLeft overdue publicReply treatedAsInformation
  extensions { days reason } messages { fromReporter text } } }`;
const TRANSITION = `mutation($i: TransitionReportInput!) { transitionReport(input: $i) { id status version dueAt overdue } }`;
const REPORT = `query($id: ID!) { report(id: $id) { id kind status version content dueAt overdue daysLeft handler { email }
  timeline { type fromStatus toStatus actor } extensions { days } } }`;
const PRESS = `mutation($i: RecordPressReportInput!) { recordPressReport(input: $i) { id status version dueAt source pressOutlet articleUrl } }`;

interface Receipt {
  receiptCode: string;
  status: string;
  dueAt: string | null;
  treatedAsInformation: boolean;
}

const denunciation = (over: Record<string, unknown> = {}) => ({
  kind: 'DENUNCIATION',
  field: 'LAND',
  title: 'Tố cáo cán bộ địa chính nhận tiền',
  content: 'Tôi là Lê Văn Tư, tố cáo cán bộ địa chính phường nhận tiền để làm nhanh hồ sơ cấp giấy chứng nhận.',
  reporter: {
    fullName: 'Lê Văn Tư',
    phone: '0912 345 678',
    email: 'tu.le@example.vn',
    idNumber: '079123456789',
    address: 'Tổ 5, khu phố 2',
  },
  ...over,
});

describe('reports from the public and the press', () => {
  let t: TestApp;
  let ic: string;
  let otherIc: string;
  let icId: string;

  const events = async () =>
    (await t.app.dataSource.query(`SELECT type, payload FROM outbox_event ORDER BY id`)) as Array<{
      type: string;
      payload: Record<string, unknown>;
    }>;
  const reportIdOf = async (receiptCode: string) => {
    const rows = (await t.app.dataSource.query(`SELECT id FROM report ORDER BY created_at DESC LIMIT 1`)) as Array<{
      id: string;
    }>;
    void receiptCode;
    return rows[0]!.id;
  };
  const move = async (id: string, to: string, extra: Record<string, unknown> = {}, token = ic) => {
    const cur = await t.gql<{ report: { version: number } }>(REPORT, { id }, token);
    const res = await t.gql<{ transitionReport: { status: string; version: number; dueAt: string | null } }>(
      TRANSITION,
      { i: { id, version: cur.body.data!.report.version, to, ...extra } },
      token,
    );
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data!.transitionReport;
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    const admin = await t.tokenFor(Role.ADMIN);
    await t.gql(
      'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
      {
        i: {
          email: 'kiemtra2@anbien.test',
          displayName: 'Ủy viên Ủy ban Kiểm tra',
          password: 'a-long-password-2',
          role: 'INSPECTION_COMMITTEE',
        },
      },
      admin,
    );
    otherIc = await t.login('kiemtra2@anbien.test', 'a-long-password-2');
    const me = await t.gql<{ me: { id: string } }>('{ me { id } }', {}, ic);
    icId = me.body.data!.me.id;
  });
  afterAll(() => t.stop());

  it('takes a denunciation from a citizen without an account, gives a receipt and lets them track it', async () => {
    const res = await t.gql<{ submitReport: Receipt }>(SUBMIT, { i: denunciation() });
    expect(res.body.errors).toBeUndefined();
    const receipt = res.body.data!.submitReport;
    expect(receipt.receiptCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z*~$=]$/);
    expect(receipt.status).toBe('RECEIVED');
    expect(receipt.dueAt).toBeTruthy();
    const tracked = await t.gql<{ trackReport: { status: string; overdue: boolean } }>(TRACK, {
      c: receipt.receiptCode.toLowerCase().replace(/-/g, ' '),
    });
    expect(tracked.body.data?.trackReport).toMatchObject({
      kind: 'DENUNCIATION',
      status: 'RECEIVED',
      overdue: false,
      publicReply: null,
    });
    // Nothing internal leaks into the tracking answer.
    expect(JSON.stringify(tracked.body)).not.toMatch(/Lê Văn Tư|0912|kiemtra/);
  });

  it('answers an unknown code and a mistyped check character the same way', async () => {
    const receipt = (
      await t.gql<{ submitReport: Receipt }>(SUBMIT, { i: { ...denunciation(), kind: 'FEEDBACK', reporter: null } })
    ).body.data!.submitReport;
    const code = receipt.receiptCode;
    const last = code.slice(-1);
    const typo = code.slice(0, -1) + (last === '0' ? '1' : '0');
    const unknown = onlyError(await t.gql(TRACK, { c: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-Z' }));
    const mistyped = onlyError(await t.gql(TRACK, { c: typo }));
    expect(unknown.extensions?.['code']).toBe('NOT_FOUND');
    expect(mistyped).toEqual(unknown);
  });

  it('keeps an anonymous denunciation as information only, and refuses to accept it as a denunciation', async () => {
    const res = await t.gql<{ submitReport: Receipt }>(SUBMIT, { i: denunciation({ reporter: null }) });
    expect(res.body.data?.submitReport).toMatchObject({ treatedAsInformation: true, status: 'INFORMATION', dueAt: null });
    const id = await reportIdOf(res.body.data!.submitReport.receiptCode);
    const cur = await t.gql<{ report: { version: number } }>(REPORT, { id }, ic);
    const err = onlyError(await t.gql(TRANSITION, { i: { id, version: cur.body.data!.report.version, to: 'ACCEPTED' } }, ic));
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ILLEGAL_TRANSITION' });
    expect(err.message).toMatch(/allowed from INFORMATION: INFORMATION_USED, INFORMATION_FILED/);
  });

  it('returns the same receipt for a retried submission, and CONFLICT for the same key with other content', async () => {
    const input = { ...denunciation(), kind: 'PETITION', idempotencyKey: 'retry-key-0001' };
    const a = (await t.gql<{ submitReport: Receipt }>(SUBMIT, { i: input })).body.data!.submitReport;
    const b = (await t.gql<{ submitReport: Receipt }>(SUBMIT, { i: input })).body.data!.submitReport;
    expect(b.receiptCode).toBe(a.receiptCode);
    const [{ n }] = await t.app.dataSource.query(
      `SELECT count(*)::int AS n FROM report WHERE idempotency_key = 'retry-key-0001'`,
    );
    expect(n).toBe(1);
    const other = onlyError(await t.gql(SUBMIT, { i: { ...input, content: 'Một nội dung khác hẳn với lần gửi trước.' } }));
    expect(other.extensions?.['code']).toBe('CONFLICT');
  });

  it('writes one event per committed report and none for a refused one, with no identity in it', async () => {
    const before = (await events()).length;
    await t.gql(SUBMIT, { i: { ...denunciation(), kind: 'COMPLAINT' } });
    await t.gql(SUBMIT, { i: { ...denunciation(), content: '' } });
    await t.gql(SUBMIT, { i: { ...denunciation(), concerns: { cadreIds: [randomUUID()], unitIds: [] } } });
    const after = await events();
    expect(after.length - before).toBe(1);
    expect(after[after.length - 1]!.type).toBe('REPORT_RECEIVED');
    expect(JSON.stringify(after)).not.toMatch(/Lê Văn Tư|0912|tu\.le|079123456789|nhận tiền/);
  });

  it.each([
    ['empty content', { content: '' }, 'input.content'],
    ['100,000-character content', { content: 'x'.repeat(100_000) }, 'input.content'],
    ['an invalid email', { reporter: { fullName: 'A B', email: 'not-an-email' } }, 'input.reporter.email'],
    ['an invalid phone', { reporter: { fullName: 'A B', phone: '12345' } }, 'input.reporter.phone'],
    [
      'an unknown cadre id',
      { concerns: { cadreIds: ['7d8a4b52-6f0e-4e5b-9c0c-2b1f5d3e9a11'], unitIds: [] } },
      'input.concerns.cadreIds.0',
    ],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_what, over, path) => {
    const [{ n: before }] = await t.app.dataSource.query(`SELECT count(*)::int AS n FROM report`);
    const res = await t.gql(SUBMIT, { i: denunciation(over) });
    const err = onlyError(res);
    expect(err.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect((err.extensions?.['fields'] as Array<{ path: string }>).map((f) => f.path)).toContain(path);
    const [{ n: after }] = await t.app.dataSource.query(`SELECT count(*)::int AS n FROM report`);
    expect(after).toBe(before);
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
  });

  it('stores the identity encrypted and shows it only to the handling committee member, logging every read', async () => {
    const receipt = (await t.gql<{ submitReport: Receipt }>(SUBMIT, { i: denunciation({ title: 'Tố cáo về bảo mật' }) })).body
      .data!.submitReport;
    const id = await reportIdOf(receipt.receiptCode);
    const raw = JSON.stringify(await t.owner.query(`SELECT * FROM reporter_identity WHERE report_id = $1`, [id]));
    expect(raw).not.toMatch(/Lê Văn Tư|0912|tu\.le|079123456789|Tổ 5/);
    const IDENTITY = `query($id: ID!) { report(id: $id) { content reporterIdentity { fullName phone } } }`;
    // Before assignment nobody may read it, and the content is the redacted copy.
    const unassigned = await t.gql<{ report: { content: string } }>(IDENTITY, { id }, ic);
    expect(onlyError(unassigned).extensions?.['code']).toBe('FORBIDDEN');
    const redacted = await t.gql<{ report: { content: string } }>('query($id: ID!) { report(id: $id) { content } }', { id }, ic);
    expect(redacted.body.data!.report.content).not.toContain('Lê Văn Tư');
    const cur = await t.gql<{ report: { version: number } }>(REPORT, { id }, ic);
    await t.gql(
      'mutation($i: AssignReportInput!) { assignReport(input: $i) { id } }',
      { i: { id, version: cur.body.data!.report.version, handlerId: icId } },
      ic,
    );
    // The handler, too, needs the chair's grant (identity-custodian.e2e-spec.ts covers the flow).
    expect(onlyError(await t.gql(IDENTITY, { id }, ic)).extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'IDENTITY_GRANT_REQUIRED',
    });
    const asked = await t.gql<{ requestIdentityAccess: { id: string } }>(
      'mutation($id: ID!) { requestIdentityAccess(reportId: $id, reason: "Cần liên hệ người tố cáo để xác minh thêm chứng cứ.") { id } }',
      { id },
      ic,
    );
    const granted = await t.gql(
      'mutation($r: ID!) { decideIdentityAccess(requestId: $r, grant: true) { status } }',
      { r: asked.body.data!.requestIdentityAccess.id },
      await t.login(DEMO_CHAIR_EMAIL),
    );
    expect(granted.body).toEqual({ data: { decideIdentityAccess: { status: 'GRANTED' } } });
    const handler = await t.gql<{ report: { reporterIdentity: { fullName: string; phone: string } } }>(IDENTITY, { id }, ic);
    expect(handler.body.data?.report.reporterIdentity).toEqual({ fullName: 'Lê Văn Tư', phone: '0912 345 678' });
    for (const token of [otherIc, await t.tokenFor(Role.STANDING_COMMITTEE), await t.tokenFor(Role.INTAKE_STAFF)]) {
      expect(onlyError(await t.gql(IDENTITY, { id }, token)).extensions?.['code']).toBe('FORBIDDEN');
    }
    const log = await t.owner.query(`SELECT account_id FROM identity_access WHERE report_id = $1`, [id]);
    expect(log).toEqual([{ account_id: icId }]);
    for (const token of [await t.tokenFor(Role.VIEWER), await t.tokenFor(Role.PARTY_BUILDING)]) {
      expect(onlyError(await t.gql(REPORT, { id }, token)).extensions?.['code']).toBe('FORBIDDEN');
    }
  });

  it('records a press article, refuses the same URL twice naming the report, and a future publication date', async () => {
    const staff = await t.tokenFor(Role.INTAKE_STAFF);
    const input = {
      outlet: 'Báo Kiên Giang',
      articleTitle: 'Người dân phản ánh chậm cấp sổ đỏ ở phường An Biên',
      url: 'https://baokiengiang.vn/xa-hoi/nguoi-dan-phan-anh-cham-cap-so-do.html?utm_source=fb',
      publishedOn: '2026-11-20',
      excerpt: 'Nhiều hộ dân phản ánh hồ sơ cấp giấy chứng nhận quyền sử dụng đất bị chậm trễ nhiều tháng.',
      field: 'LAND',
    };
    const res = await t.gql<{ recordPressReport: { id: string; source: string; dueAt: string } }>(PRESS, { i: input }, staff);
    expect(res.body.errors).toBeUndefined();
    const press = res.body.data!.recordPressReport;
    expect(press.source).toBe('PRESS');
    const days = (new Date(press.dueAt).getTime() - Date.now()) / 86400000;
    expect(days).toBeGreaterThan(28);
    expect(days).toBeLessThan(34);
    const dup = onlyError(
      await t.gql(
        PRESS,
        { i: { ...input, url: 'https://www.baokiengiang.vn/xa-hoi/nguoi-dan-phan-anh-cham-cap-so-do.html#top' } },
        staff,
      ),
    );
    expect(dup.extensions?.['code']).toBe('CONFLICT');
    expect(dup.extensions?.['existingReportId']).toBe(press.id);
    const future = onlyError(
      await t.gql(PRESS, { i: { ...input, url: 'https://example.vn/other', publishedOn: '2099-01-01' } }, staff),
    );
    expect(future.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(future.extensions?.['reason']).toBe('DATE_IN_FUTURE');
    expect(future.message).toMatch(/^Ngày không được ở tương lai: ngày đăng bài báo 2099-01-01/);
    // Only intake staff record press articles.
    expect(onlyError(await t.gql(PRESS, { i: { ...input, url: 'https://example.vn/x' } }, ic)).extensions?.['code']).toBe(
      'FORBIDDEN',
    );

    // The committee handles it to closure.
    await move(press.id, 'CLASSIFIED');
    await move(press.id, 'ACCEPTED');
    await move(press.id, 'UNDER_VERIFICATION');
    await move(press.id, 'CONCLUDED', { outcome: 'PARTLY_FOUNDED', conclusion: 'Có chậm trễ ở khâu đo đạc; đã chấn chỉnh.' });
    const closed = await move(press.id, 'CLOSED', { publicReply: 'Phường đã trả lời Báo Kiên Giang bằng văn bản số 12/UBND.' });
    expect(closed.status).toBe('CLOSED');
    expect(closed.dueAt).toBeNull();
  });

  it('handles a denunciation to closure within its deadlines, with a timeline and an extension the reporter sees', async () => {
    const receipt = (await t.gql<{ submitReport: Receipt }>(SUBMIT, { i: denunciation({ title: 'Tố cáo thu tiền trái phép' }) }))
      .body.data!.submitReport;
    const id = await reportIdOf(receipt.receiptCode);
    await move(id, 'CLASSIFIED');
    const accepted = await move(id, 'ACCEPTED', { complexity: 'COMPLEX', complexityReason: 'Cần xác minh tại nhiều nơi' });
    const resolveDays = (new Date(accepted.dueAt!).getTime() - Date.now()) / 86400000;
    expect(resolveDays).toBeGreaterThan(28);
    // 30 calendar days to the end of the Vietnamese day, moved past a weekend or holiday.
    expect(resolveDays).toBeLessThan(34);
    const cur = await t.gql<{ report: { version: number } }>(REPORT, { id }, ic);
    const EXTEND = 'mutation($i: ExtendReportInput!) { extendReportDeadline(input: $i) { dueAt version } }';
    const ext = await t.gql<{ extendReportDeadline: { dueAt: string; version: number } }>(
      EXTEND,
      {
        i: {
          id,
          version: cur.body.data!.report.version,
          days: 30,
          reason: 'Cần xác minh tại nhiều nơi',
          decisionNumber: '05/QĐ-UBKT',
        },
      },
      ic,
    );
    expect(ext.body.errors).toBeUndefined();
    expect(
      new Date(ext.body.data!.extendReportDeadline.dueAt).getTime() - new Date(accepted.dueAt!).getTime(),
    ).toBeGreaterThanOrEqual(29 * 86400000);
    // A complex case gets one extension only.
    const again = onlyError(
      await t.gql(
        EXTEND,
        { i: { id, version: ext.body.data!.extendReportDeadline.version, days: 10, reason: 'Thêm thời gian' } },
        ic,
      ),
    );
    expect(again.extensions?.['code']).toMatch(/BAD_USER_INPUT|CONFLICT/);
    expect(again.message).toMatch(/Điều 30|Art\. 30|extension/i);
    await move(id, 'UNDER_VERIFICATION');
    await move(id, 'CONCLUDED', { outcome: 'FOUNDED', conclusion: 'Tố cáo đúng; đề nghị xem xét kỷ luật.' });
    await move(id, 'CLOSED', { publicReply: 'Nội dung tố cáo đúng. Phường đã xử lý theo quy định.' });
    const tracked = await t.gql<{ trackReport: { status: string; publicReply: string; extensions: unknown[] } }>(TRACK, {
      c: receipt.receiptCode,
    });
    expect(tracked.body.data?.trackReport).toMatchObject({
      status: 'CLOSED',
      publicReply: 'Nội dung tố cáo đúng. Phường đã xử lý theo quy định.',
    });
    expect(tracked.body.data?.trackReport.extensions).toEqual([{ days: 30, reason: 'Cần xác minh tại nhiều nơi' }]);
    const full = await t.gql<{ report: { timeline: Array<{ type: string; toStatus: string | null }> } }>(REPORT, { id }, ic);
    expect(full.body.data!.report.timeline.filter((e) => e.type === 'TRANSITION').map((e) => e.toStatus)).toEqual([
      'CLASSIFIED',
      'ACCEPTED',
      'UNDER_VERIFICATION',
      'CONCLUDED',
      'CLOSED',
    ]);
  });

  it('refuses an illegal transition naming the allowed ones, and a stale version with CONFLICT', async () => {
    const receipt = (await t.gql<{ submitReport: Receipt }>(SUBMIT, { i: { ...denunciation(), kind: 'FEEDBACK' } })).body.data!
      .submitReport;
    const id = await reportIdOf(receipt.receiptCode);
    const cur = await t.gql<{ report: { version: number } }>(REPORT, { id }, ic);
    const illegal = onlyError(
      await t.gql(TRANSITION, { i: { id, version: cur.body.data!.report.version, to: 'CLOSED', publicReply: 'Xong rồi.' } }, ic),
    );
    expect(illegal.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(illegal.message).toMatch(/allowed from RECEIVED: CLASSIFIED, MERGED/);
    const v = cur.body.data!.report.version;
    const [a, b] = await Promise.all([
      t.gql(TRANSITION, { i: { id, version: v, to: 'CLASSIFIED' } }, ic),
      t.gql(TRANSITION, { i: { id, version: v, to: 'CLASSIFIED' } }, otherIc),
    ]);
    const codes = [a, b].map((r) => r.body.errors?.[0]?.extensions?.['code'] ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
  });

  it('shows an overdue report as overdue, and lists it under overdue', async () => {
    const receipt = (
      await t.gql<{ submitReport: Receipt }>(SUBMIT, { i: { ...denunciation(), kind: 'COMPLAINT', title: 'Khiếu nại quá hạn' } })
    ).body.data!.submitReport;
    const id = await reportIdOf(receipt.receiptCode);
    await t.app.dataSource.query(`UPDATE report SET due_at = now() - interval '2 days' WHERE id = $1`, [id]);
    const r = await t.gql<{ report: { overdue: boolean; daysLeft: number } }>(REPORT, { id }, ic);
    expect(r.body.data?.report).toMatchObject({ overdue: true, daysLeft: -2 });
    const list = await t.gql<{ reports: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
      '{ reports(filter: { overdue: true }, first: 50) { totalCount edges { node { id } } } }',
      {},
      ic,
    );
    expect(list.body.data!.reports.edges.map((e) => e.node.id)).toContain(id);
    // Deadline lists come most urgent first, and page on that order.
    await t.app.dataSource.query(
      `UPDATE report SET due_at = now() - interval '5 days' WHERE id = (SELECT id FROM report WHERE status = 'RECEIVED' AND id <> $1 LIMIT 1)`,
      [id],
    );
    const LIST =
      'query($a: String) { reports(filter: { overdue: true }, first: 1, after: $a) { edges { cursor node { id dueAt } } } }';
    const all = await t.gql<{ reports: { edges: Array<{ node: { id: string; dueAt: string } }> } }>(
      '{ reports(filter: { overdue: true }, first: 100) { edges { node { id dueAt } } } }',
      {},
      ic,
    );
    const ids = all.body.data!.reports.edges.map((e) => e.node.id);
    const due = all.body.data!.reports.edges.map((e) => new Date(e.node.dueAt).getTime());
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect([...due].sort((a, b) => a - b)).toEqual(due);
    const page1 = await t.gql<{ reports: { edges: Array<{ cursor: string; node: { id: string } }> } }>(LIST, {}, ic);
    const first = page1.body.data!.reports.edges[0]!;
    const page2 = await t.gql<{ reports: { edges: Array<{ node: { id: string } }> } }>(LIST, { a: first.cursor }, ic);
    expect([first.node.id, page2.body.data!.reports.edges[0]!.node.id]).toEqual(ids.slice(0, 2));
    const foreign = onlyError(
      await t.gql('query($a: String!) { reports(first: 1, after: $a) { totalCount } }', { a: first.cursor }, ic),
    );
    expect(foreign.extensions?.['code']).toBe('BAD_USER_INPUT');
    const tracked = await t.gql<{ trackReport: { overdue: boolean } }>(TRACK, { c: receipt.receiptCode });
    expect(tracked.body.data?.trackReport.overdue).toBe(true);
  });

  it('lets the reporter answer a question through the receipt code', async () => {
    const receipt = (
      await t.gql<{ submitReport: Receipt }>(SUBMIT, { i: { ...denunciation(), kind: 'PETITION', title: 'Kiến nghị sửa đường' } })
    ).body.data!.submitReport;
    const id = await reportIdOf(receipt.receiptCode);
    const cur = await t.gql<{ report: { version: number } }>(REPORT, { id }, ic);
    await t.gql(
      'mutation($i: AssignReportInput!) { assignReport(input: $i) { id } }',
      { i: { id, version: cur.body.data!.report.version, handlerId: icId } },
      ic,
    );
    const asked = await t.gql(
      'mutation($id: ID!, $q: String!) { askReporter(reportId: $id, question: $q) { id } }',
      { id, q: 'Đoạn đường nào cần sửa?' },
      ic,
    );
    expect(asked.body.errors).toBeUndefined();
    const answered = await t.gql<{ addReportMessage: { messages: Array<{ fromReporter: boolean; text: string }> } }>(
      'mutation($c: String!, $t: String!) { addReportMessage(receiptCode: $c, text: $t) { messages { fromReporter text } } }',
      { c: receipt.receiptCode, t: 'Đoạn từ tổ 3 đến tổ 5.' },
    );
    expect(answered.body.data?.addReportMessage.messages).toEqual([
      { fromReporter: false, text: 'Đoạn đường nào cần sửa?' },
      { fromReporter: true, text: 'Đoạn từ tổ 3 đến tổ 5.' },
    ]);
  });

  it('never shows a denunciation to the cadre it concerns, whatever their role', async () => {
    const admin = await t.tokenFor(Role.ADMIN);
    const cadres = await t.gql<{ cadres: { edges: Array<{ node: { id: string } }> } }>(
      '{ cadres(first: 2) { edges { node { id } } } }',
      {},
      ic,
    );
    const [subject, other] = cadres.body.data!.cadres.edges.map((e) => e.node.id);
    const created = await t.gql(
      'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
      {
        i: {
          email: 'bitocao@anbien.test',
          displayName: 'Cán bộ bị tố cáo',
          password: 'a-long-password-3',
          role: 'INSPECTION_COMMITTEE',
          cadreId: subject,
        },
      },
      admin,
    );
    expect(created.body.errors).toBeUndefined();
    const denounced = await t.login('bitocao@anbien.test', 'a-long-password-3');
    await t.gql(SUBMIT, {
      i: denunciation({ title: 'Tố cáo người có tài khoản', concerns: { cadreIds: [subject], unitIds: [] } }),
    });
    const aboutThem = await reportIdOf('');
    await t.gql(SUBMIT, { i: denunciation({ title: 'Tố cáo người khác', concerns: { cadreIds: [other], unitIds: [] } }) });
    const aboutOther = await reportIdOf('');
    expect(onlyError(await t.gql(REPORT, { id: aboutThem }, denounced)).extensions?.['code']).toBe('NOT_FOUND');
    expect((await t.gql(REPORT, { id: aboutOther }, denounced)).body.data).toBeTruthy();
    const listed = await t.gql<{ reports: { edges: Array<{ node: { id: string } }> } }>(
      'query($c: ID!) { reports(first: 100, filter: { cadreId: $c }) { edges { node { id } } } }',
      { c: subject },
      denounced,
    );
    expect(listed.body.data!.reports.edges).toEqual([]);
    const byOthers = await t.gql<{ reports: { edges: Array<{ node: { id: string } }> } }>(
      'query($c: ID!) { reports(first: 100, filter: { cadreId: $c }) { edges { node { id } } } }',
      { c: subject },
      ic,
    );
    expect(byOthers.body.data!.reports.edges.map((e) => e.node.id)).toContain(aboutThem);
  });

  it('finds reports by accent-insensitive text and merges a duplicate', async () => {
    await t.gql(SUBMIT, {
      i: {
        ...denunciation(),
        kind: 'FEEDBACK',
        reporter: null,
        title: 'Đèn đường hỏng ở hẻm 12',
        content: 'Đèn đường trong hẻm 12 khu phố 3 hỏng đã hai tuần.',
      },
    });
    const first = await reportIdOf('');
    await t.gql(SUBMIT, {
      i: {
        ...denunciation(),
        kind: 'FEEDBACK',
        reporter: null,
        title: 'Hẻm 12 tối om',
        content: 'Đèn đường hẻm 12 không sáng, xin sửa giúp.',
      },
    });
    const second = await reportIdOf('');
    const found = await t.gql<{ reports: { edges: Array<{ node: { id: string } }> } }>(
      '{ reports(first: 10, filter: { search: "den duong hem 12" }) { edges { node { id } } } }',
      {},
      ic,
    );
    expect(found.body.data!.reports.edges.map((e) => e.node.id).sort()).toEqual([first, second].sort());
    const merged = await move(second, 'MERGED', { mergeInto: first });
    expect(merged.status).toBe('MERGED');
    const r = await t.gql<{ report: { mergedIntoId: string } }>(
      'query($id: ID!) { report(id: $id) { mergedIntoId } }',
      { id: second },
      ic,
    );
    expect(r.body.data?.report.mergedIntoId).toBe(first);
  });

  it('counts a retried submission with its idempotency key once against the submission limit', async () => {
    const limited = await startTestApp({ config: { reportSubmitsPerHour: 2 } });
    try {
      const input = { ...denunciation(), kind: 'PETITION', idempotencyKey: 'flaky-mobile-0001' };
      const receipts = [];
      for (let i = 0; i < 5; i++) receipts.push((await limited.gql<{ submitReport: Receipt }>(SUBMIT, { i: input })).body);
      expect(receipts.map((r) => r.errors?.[0]?.extensions?.['code'] ?? 'ok')).toEqual(Array(5).fill('ok'));
      expect(new Set(receipts.map((r) => r.data!.submitReport.receiptCode)).size).toBe(1);
      // One new report left in the hour, then the limit.
      const second = await limited.gql(SUBMIT, { i: { ...input, idempotencyKey: 'flaky-mobile-0002' } });
      expect(second.body.errors).toBeUndefined();
      const third = onlyError(await limited.gql(SUBMIT, { i: { ...input, idempotencyKey: 'flaky-mobile-0003' } }));
      expect(third.extensions?.['code']).toBe('RATE_LIMITED');
    } finally {
      await limited.stop();
    }
  });

  it('rate-limits tracking per client address with a clear error', async () => {
    const limited = await startTestApp({ config: { reportTracksPerHour: 2 } });
    try {
      const codes = [];
      for (let i = 0; i < 3; i++)
        codes.push((await limited.gql(TRACK, { c: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-Z' })).body.errors?.[0]?.extensions?.['code']);
      expect(codes).toEqual(['NOT_FOUND', 'NOT_FOUND', 'RATE_LIMITED']);
      const err = onlyError(await limited.gql(TRACK, { c: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-Z' }));
      expect(err.message).toMatch(/tối đa 2 lượt trong 3600 giây/);
      expect(err.extensions?.['retryAfterSeconds']).toBeGreaterThan(0);
    } finally {
      await limited.stop();
    }
  });

  it('re-seals every identity under a new key without losing one, and the handler still reads it', async () => {
    const old = (await resolveSecrets(t.app.config)).identityKeys;
    const rotated = new IdentityCipher(Keyring.fromConfig(`k2:${Buffer.alloc(32, 7).toString('base64')},${old}`));
    const first = await reencryptIdentities(t.owner, rotated, 3);
    expect(first.rotated).toBeGreaterThan(0);
    const again = await reencryptIdentities(t.owner, rotated, 3);
    expect(again).toEqual({ scanned: first.scanned, rotated: 0, migrated: 0 });
    // Identities are sealed under their report's data key (v2); the data keys are wrapped under k2.
    const rows: Array<{ full_name: string; report_id: string; wrapped: string }> = await t.owner.query(
      `SELECT i.full_name, i.report_id, k.wrapped FROM reporter_identity i JOIN report_data_key k USING (report_id)
        WHERE i.full_name IS NOT NULL`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.full_name.startsWith('v2.')).toBe(true);
      expect(r.wrapped.startsWith('v1.k2.')).toBe(true);
      const key = rotated.unwrapDataKey(r.wrapped, r.report_id);
      expect(rotated.decrypt(r.full_name, { table: 'reporter_identity', column: 'fullName', rowId: r.report_id }, key)).toBe(
        'Lê Văn Tư',
      );
    }
  });

  it('takes many simultaneous submissions without exhausting the connection pool', async () => {
    // Each submission's transaction holds a pooled connection while the rate limit is counted
    // outside it; with the limit on the same pool, pool-size concurrent submissions hung for ever.
    const small = await startTestApp({ config: { dbPoolSize: 3, reportSubmitsPerHour: 1000 } });
    try {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          small.gql<{ submitReport: Receipt }>(SUBMIT, { i: { ...denunciation(), title: `Đơn đồng thời ${i}` } }),
        ),
      );
      expect(results.map((r) => r.body.errors?.[0]?.message ?? 'ok')).toEqual(Array(12).fill('ok'));
      const [{ n }] = await small.app.dataSource.query(`SELECT count(*)::int AS n FROM report`);
      expect(n).toBe(12);
    } finally {
      await small.stop();
    }
  });

  describe('evidence files', () => {
    const upload = (path: string, files: Array<{ name: string; bytes: Buffer }>, headers: Record<string, string>) => {
      const form = new FormData();
      for (const f of files) form.append('file', new Blob([f.bytes]), f.name);
      return fetch(`${t.url}${path}`, { method: 'POST', body: form, headers });
    };
    const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

    it('takes a PDF from the reporter, lets staff download it with its checksum, and refuses a fake PDF and an 11 MB file', async () => {
      const receipt = (await t.gql<{ submitReport: Receipt }>(SUBMIT, { i: { ...denunciation(), kind: 'FEEDBACK' } })).body.data!
        .submitReport;
      const id = await reportIdOf(receipt.receiptCode);
      const ok = await upload('/track/files', [{ name: 'bien-lai.pdf', bytes: PDF }], { 'x-receipt-code': receipt.receiptCode });
      expect(ok.status).toBe(201);
      const { files } = (await ok.json()) as { files: Array<{ id: string; contentType: string; sha256: string }> };
      expect(files[0]).toMatchObject({ contentType: 'application/pdf' });
      // Before a handler is assigned, a committee member reads the file as a verifier: no download
      // until a redacted copy exists (the whole rule: evidence-redaction.e2e-spec.ts).
      const verifier = await fetch(`${t.url}/files/${files[0]!.id}`, { headers: { authorization: `Bearer ${ic}` } });
      expect(verifier.status).toBe(403);
      const [handler] = await t.owner.query(`SELECT id FROM account WHERE email = 'kiemtra@anbien.test'`);
      const [{ version }] = await t.owner.query(`SELECT version FROM report WHERE id = $1`, [id]);
      const assigned = await t.gql(
        `mutation($i: AssignReportInput!) { assignReport(input: $i) { id } }`,
        { i: { id, version, handlerId: handler.id } },
        ic,
      );
      expect(assigned.body.errors).toBeUndefined();
      const dl = await fetch(`${t.url}/files/${files[0]!.id}`, { headers: { authorization: `Bearer ${ic}` } });
      expect(dl.status).toBe(200);
      expect(Buffer.from(await dl.arrayBuffer()).equals(PDF)).toBe(true);
      expect(dl.headers.get('x-checksum-sha256')).toBe(files[0]!.sha256);
      expect((await fetch(`${t.url}/files/${files[0]!.id}`)).status).toBe(401);
      expect(
        (await fetch(`${t.url}/files/${files[0]!.id}`, { headers: { authorization: `Bearer ${await t.tokenFor(Role.VIEWER)}` } }))
          .status,
      ).toBe(404);

      const fake = await upload('/track/files', [{ name: 'hop-dong.pdf', bytes: Buffer.from('this is plain text, not a PDF') }], {
        'x-receipt-code': receipt.receiptCode,
      });
      expect(fake.status).toBe(400);
      const refusal = (await fake.json()) as { errors: Array<{ message: string; extensions: { reason: string } }> };
      expect(refusal.errors[0]).toMatchObject({ extensions: { reason: 'UPLOAD_TYPE_NOT_ACCEPTED' } });
      expect(refusal.errors[0]!.message).toMatch(/hop-dong\.pdf không thuộc loại được nhận/);
      const big = await upload(
        '/track/files',
        [{ name: 'video.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)]) }],
        { 'x-receipt-code': receipt.receiptCode },
      );
      expect(big.status).toBe(413);
      const [{ n }] = await t.owner.query(`SELECT count(*)::int AS n FROM evidence_file WHERE report_id = $1`, [id]);
      expect(n).toBe(1);
      const r = await t.gql<{ report: { attachments: Array<{ fileName: string; fromReporter: boolean }> } }>(
        'query($id: ID!) { report(id: $id) { attachments { fileName fromReporter } } }',
        { id },
        ic,
      );
      expect(r.body.data?.report.attachments).toEqual([{ fileName: 'bien-lai.pdf', fromReporter: true }]);
    });
  });
});
