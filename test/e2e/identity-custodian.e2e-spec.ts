import { Role } from '../../src/common/role.enum';
import { DEMO_CHAIR_EMAIL } from '../../src/demo/accounts.seed';
import { onlyError, startTestApp, type TestApp } from '../support/test-app';

/**
 * The identity custodian (issue 21, item 3): the handler asks with a reason, the chair of the
 * Inspection Committee grants, the read is logged in its transaction, a reassignment ends the
 * grant and tells the chair and the previous handler, and no other path (ADMIN included) reaches
 * the identity. The log never carries an identity value.
 */
const NAME = 'Phạm Văn Kiên';
const PHONE = '0903 111 222';
const ID_NUMBER = '079088001234';
const EMAIL = 'kien.pham@example.vn';
const ADDRESS = 'Số 12/3 đường Nguyễn Trãi, tổ 7, khu phố 4';
const IDENTITY_TEXT = /Phạm Văn Kiên|0903|079088001234|kien\.pham|Nguyễn Trãi/;

const IDENTITY = `query($id: ID!) { report(id: $id) { id reporterIdentity { fullName idNumber phone email address } } }`;
const REQUEST = `mutation($id: ID!, $reason: String!) { requestIdentityAccess(reportId: $id, reason: $reason) { id status reason requestedBy { email } } }`;
const DECIDE = `mutation($r: ID!, $g: Boolean!, $n: String) { decideIdentityAccess(requestId: $r, grant: $g, note: $n) { id status decidedBy { email } decidedAt } }`;
const LOG = `query($r: ID, $first: Int!, $after: String) { identityAccessLog(reportId: $r, first: $first, after: $after) {
  edges { cursor node { id accessedAt reportId reason grantedAt account { email } grantedBy { email } } } pageInfo { hasNextPage endCursor } } }`;
const ASSIGN = `mutation($i: AssignReportInput!) { assignReport(input: $i) { id version } }`;
const REASON = 'Cần liên hệ người tố cáo để làm rõ thời gian và người chứng kiến.';

describe('identity custodian: request, grant, logged read, access log', () => {
  let t: TestApp;
  let ic: string;
  let icId: string;
  let chair: string;
  let chairId: string;
  let admin: string;
  let reportId: string;
  // As the schema's owner: row-level security hides the identity tables from a connection without an actor.
  const q = async <T>(sql: string, params: unknown[] = []) => (await t.owner.query(sql, params)) as T[];
  const count = async (table: string) => (await q<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const versionOf = async (id: string) =>
    (await q<{ version: number }>(`SELECT version FROM report WHERE id = $1`, [id]))[0]!.version;

  beforeAll(async () => {
    t = await startTestApp({ seed: true, seedReports: true });
    ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    chair = await t.login(DEMO_CHAIR_EMAIL);
    admin = await t.tokenFor(Role.ADMIN);
    icId = (await q<{ id: string }>(`SELECT id FROM account WHERE email = 'kiemtra@anbien.test'`))[0]!.id;
    chairId = (await q<{ id: string }>(`SELECT id FROM account WHERE email = $1`, [DEMO_CHAIR_EMAIL]))[0]!.id;
    const recorded = await t.gql(
      `mutation($i: RecordReportInput!) { recordReport(input: $i) { receiptCode } }`,
      {
        i: {
          kind: 'DENUNCIATION',
          field: 'CORRUPTION',
          source: 'CITIZEN',
          channel: 'RECEPTION',
          title: 'Tố cáo cán bộ thu tiền hồ sơ',
          content: 'Cán bộ một cửa thu thêm tiền ngoài lệ phí khi nhận hồ sơ.',
          reporter: { fullName: NAME, phone: PHONE, idNumber: ID_NUMBER, email: EMAIL, address: ADDRESS },
        },
      },
      await t.tokenFor(Role.INTAKE_STAFF),
    );
    expect(recorded.body.errors).toBeUndefined();
    reportId = (await q<{ id: string }>(`SELECT id FROM report ORDER BY created_at DESC, id LIMIT 1`))[0]!.id;
    const assigned = await t.gql(ASSIGN, { i: { id: reportId, version: await versionOf(reportId), handlerId: icId } }, ic);
    expect(assigned.body.errors).toBeUndefined();
  }, 240_000);
  afterAll(() => t.stop());

  it('shows the path on the demo data: a handled denunciation, a granted request and a logged read', async () => {
    const log = await t.gql<{ identityAccessLog: { edges: Array<{ node: Record<string, unknown> }> } }>(
      LOG,
      { first: 10 },
      chair,
    );
    expect(log.body.errors).toBeUndefined();
    const [entry] = log.body.data!.identityAccessLog.edges;
    expect(entry?.node).toMatchObject({
      account: { email: 'kiemtra@anbien.test' },
      grantedBy: { email: DEMO_CHAIR_EMAIL },
      reason: expect.stringMatching(/làm rõ/),
    });
    const [demo] = await q<{ kind: string; handler_id: string }>(`SELECT kind, handler_id FROM report WHERE id = $1`, [
      entry!.node['reportId'],
    ]);
    expect(demo).toEqual({ kind: 'DENUNCIATION', handler_id: icId });
    const granted = await t.gql<{ identityAccessRequests: Array<{ status: string }> }>(
      `{ identityAccessRequests(status: GRANTED) { status reportId requestedBy { email } decidedBy { email } } }`,
      {},
      ic,
    );
    expect(granted.body.data!.identityAccessRequests).toContainEqual({
      status: 'GRANTED',
      reportId: entry!.node['reportId'],
      requestedBy: { email: 'kiemtra@anbien.test' },
      decidedBy: { email: DEMO_CHAIR_EMAIL },
    });
  });

  it('refuses the handler without a grant, writing no log entry', async () => {
    const before = await count('identity_access');
    const res = await t.gql(IDENTITY, { id: reportId }, ic);
    expect(onlyError(res).extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'IDENTITY_GRANT_REQUIRED' });
    expect(JSON.stringify(res.body)).not.toMatch(IDENTITY_TEXT);
    expect(await count('identity_access')).toBe(before);
  });

  it('refuses a request without a reason, or by someone not handling the report, writing nothing', async () => {
    const before = await count('identity_access_request');
    for (const reason of ['', '   ', 'cần xem']) {
      const res = await t.gql(REQUEST, { id: reportId, reason }, ic);
      expect(onlyError(res).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' });
      expect(onlyError(res).message).toMatch(/lý do/);
    }
    const notHandler = await t.gql(REQUEST, { id: reportId, reason: REASON }, chair);
    expect(onlyError(notHandler).extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_HANDLER' });
    for (const role of [Role.ADMIN, Role.STANDING_COMMITTEE, Role.INTAKE_STAFF]) {
      const res = await t.gql(REQUEST, { id: reportId, reason: REASON }, await t.tokenFor(role));
      expect(onlyError(res).extensions?.['code']).toBe('FORBIDDEN');
    }
    expect(await count('identity_access_request')).toBe(before);
  });

  it('lets only the chair decide, then the handler reads the identity once per read, each read logged', async () => {
    const asked = await t.gql<{ requestIdentityAccess: { id: string; status: string } }>(
      REQUEST,
      { id: reportId, reason: REASON },
      ic,
    );
    expect(asked.body.data?.requestIdentityAccess).toMatchObject({ status: 'REQUESTED', reason: REASON });
    const requestId = asked.body.data!.requestIdentityAccess.id;
    // A second request while the first stands is a conflict.
    expect(onlyError(await t.gql(REQUEST, { id: reportId, reason: REASON }, ic)).extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'REQUEST_PENDING',
    });
    // Not the chair: the handler itself, ADMIN, the Standing Committee.
    expect(onlyError(await t.gql(DECIDE, { r: requestId, g: true }, ic)).extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_CHAIR',
    });
    for (const role of [Role.ADMIN, Role.STANDING_COMMITTEE]) {
      expect(onlyError(await t.gql(DECIDE, { r: requestId, g: true }, await t.tokenFor(role))).extensions?.['code']).toBe(
        'FORBIDDEN',
      );
    }
    expect((await q<{ status: string }>(`SELECT status FROM identity_access_request WHERE id = $1`, [requestId]))[0]).toEqual({
      status: 'REQUESTED',
    });
    const decided = await t.gql<{ decideIdentityAccess: { status: string } }>(
      DECIDE,
      { r: requestId, g: true, n: 'Đồng ý' },
      chair,
    );
    expect(decided.body.data?.decideIdentityAccess).toMatchObject({ status: 'GRANTED', decidedBy: { email: DEMO_CHAIR_EMAIL } });
    expect(onlyError(await t.gql(DECIDE, { r: requestId, g: false }, chair)).extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'ALREADY_DECIDED',
    });

    const before = await count('identity_access');
    const read = await t.gql<{ report: { reporterIdentity: Record<string, string> } }>(IDENTITY, { id: reportId }, ic);
    expect(read.body.data?.report.reporterIdentity).toEqual({
      fullName: NAME,
      idNumber: ID_NUMBER,
      phone: PHONE,
      email: EMAIL,
      address: ADDRESS,
    });
    await t.gql(IDENTITY, { id: reportId }, ic);
    const rows = await q<{ account_id: string; grant_id: string }>(
      `SELECT account_id, grant_id FROM identity_access WHERE report_id = $1 ORDER BY id`,
      [reportId],
    );
    expect(rows).toEqual([
      { account_id: icId, grant_id: requestId },
      { account_id: icId, grant_id: requestId },
    ]);
    expect(await count('identity_access')).toBe(before + 2);
    // Nobody else, the chair included: the grant is the handler's.
    for (const token of [
      chair,
      admin,
      ...(await Promise.all([Role.STANDING_COMMITTEE, Role.INTAKE_STAFF].map((r) => t.tokenFor(r)))),
    ]) {
      const res = await t.gql(IDENTITY, { id: reportId }, token);
      expect(onlyError(res).extensions?.['code']).toBe('FORBIDDEN');
      expect(JSON.stringify(res.body)).not.toMatch(IDENTITY_TEXT);
    }
    expect(await count('identity_access')).toBe(before + 2);
  });

  it('shows the access log to the chair and the Standing Committee only, without identity values', async () => {
    for (const token of [chair, await t.tokenFor(Role.STANDING_COMMITTEE)]) {
      const res = await t.gql<{ identityAccessLog: { edges: Array<{ node: Record<string, unknown> }> } }>(
        LOG,
        { r: reportId, first: 1 },
        token,
      );
      expect(res.body.errors).toBeUndefined();
      const page = res.body.data!.identityAccessLog as unknown as {
        edges: Array<{ node: Record<string, unknown> }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
      expect(page.edges).toHaveLength(1);
      expect(page.edges[0]!.node).toMatchObject({
        reportId,
        reason: REASON,
        account: { email: 'kiemtra@anbien.test' },
        grantedBy: { email: DEMO_CHAIR_EMAIL },
      });
      expect(page.pageInfo.hasNextPage).toBe(true);
      const next = await t.gql(LOG, { r: reportId, first: 10, after: page.pageInfo.endCursor }, token);
      expect((next.body.data as { identityAccessLog: { edges: unknown[] } }).identityAccessLog.edges).toHaveLength(1);
      expect(JSON.stringify([res.body, next.body])).not.toMatch(IDENTITY_TEXT);
    }
    expect(onlyError(await t.gql(LOG, { first: 5 }, ic)).extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_CUSTODIAN',
    });
    for (const role of [Role.ADMIN, Role.INTAKE_STAFF, Role.UNIT_HEAD, Role.VIEWER]) {
      expect(onlyError(await t.gql(LOG, { first: 5 }, await t.tokenFor(role))).extensions?.['code']).toBe('FORBIDDEN');
    }
  });

  it('keeps ADMIN from the identity on every path, and a reassignment ends the grant and tells the chair and the previous handler', async () => {
    // ADMIN's own token reaches no report and no log.
    for (const query of [
      IDENTITY,
      `{ reports(first: 50) { edges { node { id reporterIdentity { fullName } } } } }`,
      `{ identityAccessLog(first: 50) { edges { node { id } } } }`,
      `{ identityAccessRequests { id reason } }`,
    ]) {
      const res = await t.gql(query, { id: reportId }, admin);
      expect(res.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      expect(JSON.stringify(res.body)).not.toMatch(IDENTITY_TEXT);
    }
    // The three-call attack: a new committee account, the report assigned to it, the identity read.
    const created = await t.gql<{ createAccount: { id: string } }>(
      'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
      {
        i: {
          email: 'moi.ubkt@anbien.test',
          displayName: 'Tài khoản mới',
          password: 'a-long-password-9',
          role: 'INSPECTION_COMMITTEE',
        },
      },
      admin,
    );
    const newId = created.body.data!.createAccount.id;
    const newcomer = await t.login('moi.ubkt@anbien.test', 'a-long-password-9');
    // ADMIN cannot make the newcomer chair while there is one, nor a non-committee account chair.
    const [acct] = await q<{ version: number }>(`SELECT version FROM account WHERE id = $1`, [newId]);
    const designate = `mutation($i: UpdateAccountInput!) { updateAccount(input: $i) { id isInspectionChair } }`;
    expect(
      onlyError(await t.gql(designate, { i: { id: newId, version: acct!.version, isInspectionChair: true } }, admin)).extensions,
    ).toMatchObject({ code: 'CONFLICT', reason: 'CHAIR_TAKEN' });
    const [intake] = await q<{ id: string; version: number }>(`SELECT id, version FROM account WHERE role = 'INTAKE_STAFF'`);
    expect(
      onlyError(await t.gql(designate, { i: { id: intake!.id, version: intake!.version, isInspectionChair: true } }, admin))
        .extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CHAIR_NOT_ELIGIBLE' });

    const events = await count('outbox_event');
    const taken = await t.gql(ASSIGN, { i: { id: reportId, version: await versionOf(reportId), handlerId: newId } }, newcomer);
    expect(taken.body.errors).toBeUndefined();
    // The previous handler's grant ended with the reassignment.
    expect(
      await q(`SELECT status, ended_reason IS NOT NULL AS has_reason FROM identity_access_request WHERE report_id = $1`, [
        reportId,
      ]),
    ).toEqual([{ status: 'ENDED', has_reason: true }]);
    const previous = await t.gql(IDENTITY, { id: reportId }, ic);
    expect(onlyError(previous).extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'IDENTITY_GRANT_REQUIRED' });
    const mine = await t.gql(IDENTITY, { id: reportId }, newcomer);
    expect(onlyError(mine).extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'IDENTITY_GRANT_REQUIRED' });
    expect(JSON.stringify([previous.body, mine.body])).not.toMatch(IDENTITY_TEXT);
    // The board is told, naming the chair and the previous handler.
    const written = await q<{ type: string; payload: Record<string, unknown> }>(
      `SELECT type, payload FROM outbox_event ORDER BY id DESC LIMIT $1`,
      [(await count('outbox_event')) - events],
    );
    expect(written).toEqual([
      {
        type: 'REPORT_REASSIGNED',
        payload: {
          reportId,
          kind: 'DENUNCIATION',
          status: 'RECEIVED',
          previousHandlerAccountId: icId,
          handlerAccountId: newId,
          chairAccountId: chairId,
          grantsEnded: 1,
        },
      },
    ]);
    // The newcomer's own request waits for the chair: no read without the grant.
    const asked = await t.gql(REQUEST, { id: reportId, reason: REASON }, newcomer);
    expect(asked.body.errors).toBeUndefined();
    expect(onlyError(await t.gql(IDENTITY, { id: reportId }, newcomer)).extensions?.['code']).toBe('FORBIDDEN');
  });

  it('shows title, content, subjects, messages and notes without the reporter’s identity to everyone but the handler', async () => {
    const submitted = await t.gql<{ submitReport: { receiptCode: string } }>(
      `mutation($i: SubmitReportInput!) { submitReport(input: $i) { receiptCode } }`,
      {
        i: {
          kind: 'DENUNCIATION',
          field: 'LAND',
          title: 'Pham Van Kien to cao can bo dia chinh',
          content: 'Tôi là PHẠM VĂN KIÊN, ĐT +84903111222, nhà ở tổ 7 khu phố 4. Cán bộ địa chính nhận tiền.',
          concerns: { cadreIds: [], unitIds: [], text: 'Cán bộ địa chính (anh Kiên chứng kiến), gọi 0903.111.222' },
          reporter: { fullName: NAME, phone: PHONE, idNumber: ID_NUMBER, email: EMAIL, address: ADDRESS },
        },
      },
    );
    const code = submitted.body.data!.submitReport.receiptCode;
    const id = (await q<{ id: string }>(`SELECT id FROM report ORDER BY created_at DESC, id LIMIT 1`))[0]!.id;
    expect((await t.gql(ASSIGN, { i: { id, version: await versionOf(id), handlerId: icId } }, ic)).body.errors).toBeUndefined();
    await t.gql(`mutation($c: String!, $t: String!) { addReportMessage(receiptCode: $c, text: $t) { status } }`, {
      c: code,
      t: 'Bổ sung: chị Mai hàng xóm biết việc này, cứ gọi số 0903 111 222 hoặc kien.pham@example.vn.',
    });
    await t.gql(
      `mutation($id: ID!, $q: String!) { askReporter(reportId: $id, question: $q) { id } }`,
      { id, q: 'Anh Kiên cho biết thêm thời gian, số 079088001234 có đúng không?' },
      ic,
    );
    const READ = `query($id: ID!) { report(id: $id) { title content concernedText timeline { type note } } }`;
    const raw = JSON.stringify((await t.gql(READ, { id }, ic)).body);
    for (const seen of ['Pham Van Kien', 'PHẠM VĂN KIÊN', '+84903111222', 'anh Kiên', '0903 111 222', '079088001234'])
      expect(raw).toContain(seen);
    const newcomer = await t.login('moi.ubkt@anbien.test', 'a-long-password-9');
    for (const token of [
      chair,
      newcomer,
      ...(await Promise.all([Role.STANDING_COMMITTEE, Role.INTAKE_STAFF].map((r) => t.tokenFor(r)))),
    ]) {
      const res = await t.gql<{
        report: { title: string; content: string; concernedText: string; timeline: Array<{ note: string | null }> };
      }>(READ, { id }, token);
      expect(res.body.errors).toBeUndefined();
      const body = JSON.stringify(res.body);
      expect(body).not.toMatch(/Ki[eê]n|KIÊN|0903|903111222|079088001234|kien\.pham|tổ 7/i);
      const r = res.body.data!.report;
      expect(r.title).toBe('[đã ẩn] to cao can bo dia chinh');
      expect(r.content).toContain('Cán bộ địa chính nhận tiền.');
      expect(r.concernedText).toMatch(/^Cán bộ địa chính \(\[đã ẩn\] chứng kiến\), gọi \[đã ẩn\]$/);
      expect(r.timeline.map((e) => e.note)).toEqual([
        null,
        expect.any(String),
        expect.stringContaining('chị Mai hàng xóm'),
        expect.any(String),
      ]);
    }
    // The reporter reads their own messages as written.
    const tracked = JSON.stringify(
      (await t.gql(`query($c: String!) { trackReport(receiptCode: $c) { messages { text } } }`, { c: code })).body,
    );
    expect(tracked).toContain('cứ gọi số 0903 111 222');
  });

  it('hides the reporter’s name in a message they send through the receipt code', async () => {
    // No identifying pattern in the message: only the reporter's own stored identity can find the
    // name (without diacritics, the given name after "anh") and the address.
    const submitted = await t.gql<{ submitReport: { receiptCode: string } }>(
      `mutation($i: SubmitReportInput!) { submitReport(input: $i) { receiptCode } }`,
      {
        i: {
          kind: 'DENUNCIATION',
          field: 'LAND',
          title: 'Tố cáo cán bộ địa chính',
          content: 'Cán bộ địa chính nhận tiền để ký hồ sơ cấp giấy chứng nhận.',
          reporter: { fullName: NAME, phone: PHONE, address: ADDRESS },
        },
      },
    );
    const code = submitted.body.data!.submitReport.receiptCode;
    const message = 'Bổ sung: hôm đó Pham Van Kien có mặt, anh Kiên ở Số 12/3 đường Nguyễn Trãi nghe rõ.';
    const sent = await t.gql(`mutation($c: String!, $t: String!) { addReportMessage(receiptCode: $c, text: $t) { status } }`, {
      c: code,
      t: message,
    });
    expect(sent.body.errors).toBeUndefined();
    const [stored] = await q<{ note: string; note_redacted: string }>(
      `SELECT note, note_redacted FROM report_timeline_entry WHERE type = 'REPORTER_MESSAGE' ORDER BY id DESC LIMIT 1`,
    );
    expect(stored!.note).toBe(message);
    expect(stored!.note_redacted).toBe('Bổ sung: hôm đó [đã ẩn] có mặt, [đã ẩn] ở [đã ẩn] nghe rõ.');
    // Everyone but the handler reads the redacted copy; the reporter reads their message as sent.
    const id = (await q<{ id: string }>(`SELECT id FROM report ORDER BY created_at DESC, id LIMIT 1`))[0]!.id;
    const read = await t.gql(`query($id: ID!) { report(id: $id) { timeline { type note } } }`, { id }, chair);
    expect(JSON.stringify(read.body)).not.toMatch(/Kien|Kiên|Nguyễn Trãi/);
    const tracked = await t.gql(`query($c: String!) { trackReport(receiptCode: $c) { messages { text } } }`, { c: code });
    expect(JSON.stringify(tracked.body)).toContain(message);
    // A code that is not the report's own reaches no identity: the same answer as an unknown code.
    const wrong = await t.gql(`mutation($c: String!, $t: String!) { addReportMessage(receiptCode: $c, text: $t) { status } }`, {
      c: 'ABCD-EFGH-JKMN',
      t: message,
    });
    expect(onlyError(wrong).extensions?.['code']).toBe('NOT_FOUND');
  });

  it('refuses the chair a decision on its own request', async () => {
    const [r] = await q<{ id: string; version: number }>(
      `SELECT r.id, r.version FROM report r JOIN reporter_identity i ON i.report_id = r.id
        WHERE r.handler_id IS NULL AND NOT r.treated_as_information ORDER BY r.id LIMIT 1`,
    );
    expect(
      (await t.gql(ASSIGN, { i: { id: r!.id, version: r!.version, handlerId: chairId } }, chair)).body.errors,
    ).toBeUndefined();
    const asked = await t.gql<{ requestIdentityAccess: { id: string } }>(REQUEST, { id: r!.id, reason: REASON }, chair);
    const own = await t.gql(DECIDE, { r: asked.body.data!.requestIdentityAccess.id, g: true }, chair);
    expect(onlyError(own).extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_REQUEST' });
    expect(
      (await q(`SELECT status FROM identity_access_request WHERE id = $1`, [asked.body.data!.requestIdentityAccess.id]))[0],
    ).toEqual({ status: 'REQUESTED' });
  });
});
