import { createHash } from 'node:crypto';
import { pino } from 'pino';
import { Role } from '../../src/common/role.enum';
import { DEMO_CHAIR_EMAIL } from '../../src/demo/accounts.seed';
import { onlyError, startTestApp, type TestApp } from '../support/test-app';

/**
 * Evidence files as Luật Tố cáo Art. 56 wants them (issue 21, item 4): everyone but the handler
 * and the identity custodian (the chair, while a request stands granted) sees a file's type, size
 * and checksum under a neutral name, and downloads only the redacted copy the handler uploaded;
 * the uploaded name (`ghi_am_Pham_Van_Kien.pdf`) reaches no one else on any path: GraphQL,
 * downloads, timeline, board events, logs, errors. A change of chair moves the custodian's
 * standing and is announced (item 4 of the brief).
 */
const ORIGINAL_NAME = 'ghi_am_Pham_Van_Kien.pdf';
const NAME_TEXT = /ghi_am|Pham_Van|Kien|Kiên|ban_che/i;
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n% ${text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
const ORIGINAL = pdf('bản ghi âm có tên người tố cáo');
const COPY = pdf('bản đã che');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const FILES = `query($id: ID!) { report(id: $id) { attachments { id fileName contentType sizeBytes sha256 downloadable
  redactedCopy { id fileName sizeBytes sha256 } } timeline { type note } } }`;
const ASSIGN = `mutation($i: AssignReportInput!) { assignReport(input: $i) { id } }`;
const MOVE = `mutation($to: ID!, $v: Int!) { moveInspectionChair(toAccountId: $to, version: $v) { id isInspectionChair } }`;

interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  downloadable: boolean;
  redactedCopy: { id: string; fileName: string; sizeBytes: number; sha256: string } | null;
}

describe('evidence files: neutral names and redacted copies for everyone but the handler and the custodian', () => {
  let t: TestApp;
  const logs: string[] = [];
  let handler: string;
  let handlerId: string;
  let chair: string;
  let chairId: string;
  let verifier: string;
  let verifierId: string;
  let others: Array<[string, string]>;
  let receipt: string;
  let reportId: string;
  let fileId: string;
  const q = async <T>(sql: string, params: unknown[] = []) => (await t.owner.query(sql, params)) as T[];
  const counts = async () =>
    (
      await q<{ files: number; chunks: number; timeline: number }>(
        `SELECT (SELECT count(*)::int FROM evidence_file) AS files, (SELECT count(*)::int FROM evidence_chunk) AS chunks,
                (SELECT count(*)::int FROM report_timeline_entry) AS timeline`,
      )
    )[0]!;
  const versionOf = async (table: string, id: string) =>
    (await q<{ version: number }>(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0]!.version;
  const upload = (path: string, name: string, bytes: Buffer, headers: Record<string, string>) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    return fetch(`${t.url}${path}`, { method: 'POST', body: form, headers });
  };
  const download = (id: string, token: string) =>
    fetch(`${t.url}/files/${id}`, { headers: { authorization: `Bearer ${token}` } });
  const attachments = async (token: string) => {
    const res = await t.gql<{ report: { attachments: Attachment[]; timeline: Array<{ type: string; note: string | null }> } }>(
      FILES,
      { id: reportId },
      token,
    );
    expect(res.body.errors).toBeUndefined();
    return { ...res.body.data!.report, raw: JSON.stringify(res.body) };
  };

  beforeAll(async () => {
    const logger = pino({ level: 'trace' }, { write: (line: string) => void logs.push(line) });
    t = await startTestApp({ seed: true, logger, config: { evidenceUploadsPerHour: 1000 } });
    handler = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    chair = await t.login(DEMO_CHAIR_EMAIL);
    const admin = await t.tokenFor(Role.ADMIN);
    const created = await t.gql<{ createAccount: { id: string } }>(
      'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
      {
        i: {
          email: 'xacminh@anbien.test',
          displayName: 'Tổ xác minh',
          password: 'a-long-password-9',
          role: 'INSPECTION_COMMITTEE',
        },
      },
      admin,
    );
    verifierId = created.body.data!.createAccount.id;
    verifier = await t.login('xacminh@anbien.test', 'a-long-password-9');
    const idOf = async (email: string) => (await q<{ id: string }>(`SELECT id FROM account WHERE email = $1`, [email]))[0]!.id;
    handlerId = await idOf('kiemtra@anbien.test');
    chairId = await idOf(DEMO_CHAIR_EMAIL);
    others = [
      ['verifier', verifier],
      ['chair', chair],
      ['standing', await t.tokenFor(Role.STANDING_COMMITTEE)],
      ['intake', await t.tokenFor(Role.INTAKE_STAFF)],
    ];
    const submitted = await t.gql<{ submitReport: { receiptCode: string } }>(
      `mutation($i: SubmitReportInput!) { submitReport(input: $i) { receiptCode } }`,
      {
        i: {
          kind: 'DENUNCIATION',
          field: 'LAND',
          title: 'Tố cáo cán bộ địa chính nhận tiền',
          content: 'Cán bộ địa chính nhận tiền để ký hồ sơ đất; có ghi âm kèm theo.',
          reporter: { fullName: 'Phạm Văn Kiên', phone: '0903 111 222' },
        },
      },
    );
    receipt = submitted.body.data!.submitReport.receiptCode;
    reportId = (await q<{ id: string }>(`SELECT id FROM report ORDER BY created_at DESC, id LIMIT 1`))[0]!.id;
    const sent = await upload('/track/files', ORIGINAL_NAME, ORIGINAL, { 'x-receipt-code': receipt });
    expect(sent.status).toBe(201);
    fileId = (await q<{ id: string }>(`SELECT id FROM evidence_file WHERE report_id = $1`, [reportId]))[0]!.id;
    const assigned = await t.gql(
      ASSIGN,
      { i: { id: reportId, version: await versionOf('report', reportId), handlerId } },
      handler,
    );
    expect(assigned.body.errors).toBeUndefined();
  }, 240_000);
  afterAll(() => t.stop());

  it('shows everyone but the handler the type, size and checksum under a neutral name, and nothing to download', async () => {
    for (const [who, token] of others) {
      const seen = await attachments(token);
      expect({ who, files: seen.attachments }).toEqual({
        who,
        files: [
          {
            id: fileId,
            fileName: 'tep-dinh-kem-1.pdf',
            contentType: 'application/pdf',
            sizeBytes: ORIGINAL.length,
            sha256: sha(ORIGINAL),
            downloadable: false,
            redactedCopy: null,
          },
        ],
      });
      expect(seen.timeline.find((e) => e.type === 'EVIDENCE_ADDED')?.note).toBe('tep-dinh-kem-1.pdf');
      expect({ who, leaked: NAME_TEXT.test(seen.raw) }).toEqual({ who, leaked: false });
      const res = await download(fileId, token);
      expect(res.status).toBe(403);
      const text = await res.text();
      expect(JSON.parse(text).errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'REDACTED_COPY_PENDING' });
      expect(text).not.toMatch(NAME_TEXT);
      expect(res.headers.get('content-disposition')).toBeNull();
    }
  });

  it('gives the handler the file as uploaded, with its name', async () => {
    const seen = await attachments(handler);
    expect(seen.attachments[0]).toMatchObject({ fileName: ORIGINAL_NAME, downloadable: true, redactedCopy: null });
    expect(seen.timeline.find((e) => e.type === 'EVIDENCE_ADDED')?.note).toBe(ORIGINAL_NAME);
    const res = await download(fileId, handler);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${ORIGINAL_NAME}`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(ORIGINAL);
  });

  it('refuses a redacted copy from anyone but the handler, writing nothing', async () => {
    const before = await counts();
    for (const [who, token] of others) {
      const res = await upload(`/files/${fileId}/redacted-copy`, 'ban_che.pdf', COPY, { authorization: `Bearer ${token}` });
      const body = await res.text();
      expect({ who, status: res.status }).toEqual({ who, status: 403 });
      expect(JSON.parse(body).errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_HANDLER' });
      expect(JSON.parse(body).errors[0].message).toMatch(/được giao xử lý đơn/);
      expect(body).not.toMatch(NAME_TEXT);
    }
    const anonymous = await upload(`/files/${fileId}/redacted-copy`, 'ban_che.pdf', COPY, { 'x-receipt-code': receipt });
    expect(anonymous.status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it('lets the handler upload the redacted copy, which everyone else then downloads under the neutral name', async () => {
    const res = await upload(`/files/${fileId}/redacted-copy`, 'ban_che_Pham_Van_Kien.pdf', COPY, {
      authorization: `Bearer ${handler}`,
    });
    const body = await res.text();
    expect(res.status).toBe(201);
    expect(body).not.toMatch(NAME_TEXT);
    const copyId = (JSON.parse(body) as { file: { id: string } }).file.id;
    // The uploaded name of the copy is not kept either.
    expect(await q(`SELECT file_name, neutral_name FROM evidence_file WHERE id = $1`, [copyId])).toEqual([
      { file_name: 'tep-dinh-kem-1.pdf', neutral_name: 'tep-dinh-kem-1.pdf' },
    ]);
    for (const [who, token] of others) {
      const seen = await attachments(token);
      expect({ who, files: seen.attachments }).toEqual({
        who,
        files: [
          expect.objectContaining({
            id: fileId,
            fileName: 'tep-dinh-kem-1.pdf',
            downloadable: true,
            redactedCopy: { id: copyId, fileName: 'tep-dinh-kem-1.pdf', sizeBytes: COPY.length, sha256: sha(COPY) },
          }),
        ],
      });
      expect(seen.raw).not.toMatch(NAME_TEXT);
      for (const id of [fileId, copyId]) {
        const got = await download(id, token);
        expect({ who, status: got.status }).toEqual({ who, status: 200 });
        expect(got.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''tep-dinh-kem-1.pdf`);
        expect(got.headers.get('x-checksum-sha256')).toBe(sha(COPY));
        expect(Buffer.from(await got.arrayBuffer())).toEqual(COPY);
      }
    }
    // The handler still gets the original through its id.
    expect(Buffer.from(await (await download(fileId, handler)).arrayBuffer())).toEqual(ORIGINAL);
    // A copy of a copy is refused.
    const again = await upload(`/files/${copyId}/redacted-copy`, 'x.pdf', COPY, { authorization: `Bearer ${handler}` });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { errors: Array<{ extensions: object }> }).errors[0]!.extensions).toMatchObject({
      reason: 'NOT_AN_ORIGINAL',
    });
  });

  it('numbers further files in upload order, staff uploads included', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const form = new FormData();
    form.append('file', new Blob([pdf('biên bản')]), 'bien_ban_Kien.pdf');
    form.append('file', new Blob([png]), 'anh Kiên.png');
    const res = await fetch(`${t.url}/reports/${reportId}/files`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${await t.tokenFor(Role.INTAKE_STAFF)}` },
    });
    expect(res.status).toBe(201);
    const seen = await attachments(verifier);
    expect(seen.attachments.map((a) => [a.fileName, a.downloadable])).toEqual([
      ['tep-dinh-kem-1.pdf', true],
      ['tep-dinh-kem-2.pdf', false],
      ['tep-dinh-kem-3.png', false],
    ]);
    expect(seen.raw).not.toMatch(NAME_TEXT);
  });

  it('gives the chair the originals while a request stands granted, and moves that standing with the designation', async () => {
    const asked = await t.gql<{ requestIdentityAccess: { id: string } }>(
      `mutation($id: ID!, $r: String!) { requestIdentityAccess(reportId: $id, reason: $r) { id } }`,
      { id: reportId, r: 'Cần hỏi người tố cáo về thời điểm ghi âm và người có mặt.' },
      handler,
    );
    const decided = await t.gql(
      `mutation($r: ID!) { decideIdentityAccess(requestId: $r, grant: true) { status } }`,
      { r: asked.body.data!.requestIdentityAccess.id },
      chair,
    );
    expect(decided.body.errors).toBeUndefined();
    expect((await attachments(chair)).attachments[0]).toMatchObject({ fileName: ORIGINAL_NAME, downloadable: true });
    expect(Buffer.from(await (await download(fileId, chair)).arrayBuffer())).toEqual(ORIGINAL);
    // Other committee members still see the neutral name.
    expect((await attachments(verifier)).raw).not.toMatch(NAME_TEXT);

    const admin = await t.tokenFor(Role.ADMIN);
    const events = (await q<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM outbox_event`))[0]!.id;
    // Bad input first: nothing moves.
    const [intake] = await q<{ id: string; version: number }>(`SELECT id, version FROM account WHERE role = 'INTAKE_STAFF'`);
    expect(onlyError(await t.gql(MOVE, { to: intake!.id, v: intake!.version }, admin)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'CHAIR_NOT_ELIGIBLE',
    });
    expect(onlyError(await t.gql(MOVE, { to: chairId, v: await versionOf('account', chairId) }, admin)).extensions).toMatchObject(
      {
        code: 'BAD_USER_INPUT',
        reason: 'ALREADY_CHAIR',
      },
    );
    expect(
      onlyError(await t.gql(MOVE, { to: verifierId, v: await versionOf('account', verifierId) }, handler)).extensions?.['code'],
    ).toBe('FORBIDDEN');
    expect(await q(`SELECT id FROM account WHERE is_inspection_chair`)).toEqual([{ id: chairId }]);

    const moved = await t.gql(MOVE, { to: verifierId, v: await versionOf('account', verifierId) }, admin);
    expect(moved.body.data).toEqual({ moveInspectionChair: { id: verifierId, isInspectionChair: true } });
    expect(await q(`SELECT id FROM account WHERE is_inspection_chair`)).toEqual([{ id: verifierId }]);
    // Announced once, naming the previous and the new chair, for the two committees.
    const written = await q<{ type: string; payload: Record<string, unknown> }>(
      `SELECT type, payload FROM outbox_event WHERE id > $1 AND type <> 'ACCOUNT_CHANGED' ORDER BY id`,
      [events],
    );
    expect(written).toEqual([
      {
        type: 'INSPECTION_CHAIR_CHANGED',
        payload: { previousChairAccountId: chairId, chairAccountId: verifierId, byAccountId: expect.any(String), liveGrants: 1 },
      },
    ]);
    for (const role of [Role.STANDING_COMMITTEE, Role.INSPECTION_COMMITTEE]) {
      const feed = await t.gql<{ latestBoardEvents: { events: Array<{ type: string; payload: Record<string, unknown> }> } }>(
        `{ latestBoardEvents(count: 20) { events { type payload } } }`,
        {},
        await t.tokenFor(role),
      );
      expect(feed.body.data!.latestBoardEvents.events).toContainEqual({
        type: 'INSPECTION_CHAIR_CHANGED',
        payload: expect.objectContaining({ previousChairAccountId: chairId, chairAccountId: verifierId }),
      });
    }
    const intakeFeed = await t.gql<{ latestBoardEvents: { events: Array<{ type: string }> } }>(
      `{ latestBoardEvents(count: 50) { events { type } } }`,
      {},
      await t.tokenFor(Role.INTAKE_STAFF),
    );
    expect(intakeFeed.body.data!.latestBoardEvents.events.map((e) => e.type)).not.toContain('INSPECTION_CHAIR_CHANGED');

    // The previous chair's standing ended with the commit: neutral names and the copy; the new chair the originals.
    const former = await attachments(await t.login(DEMO_CHAIR_EMAIL));
    expect(former.attachments[0]).toMatchObject({ fileName: 'tep-dinh-kem-1.pdf' });
    expect(former.raw).not.toMatch(NAME_TEXT);
    expect(Buffer.from(await (await download(fileId, chair)).arrayBuffer())).toEqual(COPY);
    const now = await t.login('xacminh@anbien.test', 'a-long-password-9');
    expect((await attachments(now)).attachments[0]).toMatchObject({ fileName: ORIGINAL_NAME });
    // The handler's grant is the handler's: it stands.
    expect(await q(`SELECT status FROM identity_access_request WHERE report_id = $1`, [reportId])).toEqual([
      { status: 'GRANTED' },
    ]);

    // A release through updateAccount is announced too, with no new chair.
    const released = await t.gql(
      `mutation($i: UpdateAccountInput!) { updateAccount(input: $i) { isInspectionChair } }`,
      { i: { id: verifierId, version: await versionOf('account', verifierId), isInspectionChair: false } },
      admin,
    );
    expect(released.body.errors).toBeUndefined();
    const [last] = await q<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM outbox_event WHERE type = 'INSPECTION_CHAIR_CHANGED' ORDER BY id DESC LIMIT 1`,
    );
    expect(last!.payload).toMatchObject({ previousChairAccountId: verifierId, chairAccountId: null });
  });

  it('never lets the uploaded name reach the board, the outbox or the logs', async () => {
    const payloads = JSON.stringify(await q(`SELECT payload FROM outbox_event`));
    expect(payloads).not.toMatch(NAME_TEXT);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.filter((l) => NAME_TEXT.test(l))).toEqual([]);
  });
});
