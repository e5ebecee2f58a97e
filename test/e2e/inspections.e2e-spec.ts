import { Role } from '../../src/common/role.enum';
import { todayInVietnam } from '../../src/common/validation';
import { onlyError, startTestApp, type TestApp } from '../support/test-app';

const CREATE = `mutation($i: CreateInspectionInput!) { createInspection(input: $i) { id status version subjectCadreId leaderId memberIds reportIds } }`;
const TEAM = `mutation($i: SetInspectionTeamInput!) { setInspectionTeam(input: $i) { id version leaderId memberIds } }`;
const MOVE = `mutation($i: TransitionInspectionInput!) { transitionInspection(input: $i) { id status version decisionNumber conclusion assessment } }`;
const FINDING = `mutation($i: RecordFindingInput!) { recordFinding(input: $i) { id area severity recommendation correctBy concernedCadreIds } }`;
const INSPECTION = `query($id: ID!) { inspection(id: $id) { id status version internalNotes findings { id } } }`;

function daysAgo(n: number): string {
  const d = new Date(`${todayInVietnam()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

describe('inspections, findings and the team rules', () => {
  let t: TestApp;
  let ic: string;
  /** The subject: a civil servant, full Party member, in a unit under the demo UNIT_HEAD. */
  let subject: { id: string; unit_id: string };
  /** A colleague of the subject in the same unit, without a management post. */
  let colleague: string;
  /** Two cadres outside the subject's unit subtree. */
  let outsiders: string[];
  let reportId: string;

  const q = async <T>(sql: string, params: unknown[] = []) => (await t.app.dataSource.query(sql, params)) as T[];
  const count = async (table: string) => (await q<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const version = async (id: string) =>
    (await q<{ version: number }>(`SELECT version FROM inspection WHERE id = $1`, [id]))[0]!.version;
  const move = async (id: string, to: string, extra: Record<string, unknown> = {}) => {
    const res = await t.gql<{ transitionInspection: { status: string; version: number } }>(
      MOVE,
      { i: { id, version: await version(id), to, ...extra } },
      ic,
    );
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data!.transitionInspection;
  };
  const base = (over: Record<string, unknown> = {}) => ({
    kind: 'THEMATIC_INSPECTION',
    title: 'Kiểm tra chuyên đề việc cấp giấy chứng nhận quyền sử dụng đất',
    subjectType: 'CADRE',
    subjectCadreId: subject.id,
    periodFrom: '2025-07-01',
    periodTo: '2026-06-30',
    areas: ['CORRUPTION', 'LAND_AND_CONSTRUCTION'],
    ...over,
  });
  const decide = (id: string) =>
    move(id, 'DECIDED', {
      decisionNumber: '15-QĐ/UBKT',
      decisionDate: daysAgo(20),
      issuingBody: 'Ủy ban Kiểm tra Đảng ủy phường An Biên',
    });
  const finding = (inspectionId: string, over: Record<string, unknown> = {}) => ({
    inspectionId,
    description: 'Hồ sơ cấp giấy chứng nhận bị giữ quá hạn không có lý do',
    area: 'CORRUPTION',
    severity: 'VIOLATION',
    concernedCadreIds: [subject.id],
    recommendation: 'PROPOSE_DISCIPLINE',
    ...over,
  });

  /** Records a feedback from the Fatherland Front naming `concerns`, as the Inspection Committee; its id. */
  const recordFeedback = async (title: string, content: string, concerns: { cadreIds: string[]; unitIds: string[] }) => {
    const res = await t.gql(
      `mutation($i: RecordReportInput!) { recordReport(input: $i) { receiptCode } }`,
      { i: { kind: 'FEEDBACK', field: 'LAND', source: 'FATHERLAND_FRONT', channel: 'MAIL', title, content, concerns } },
      ic,
    );
    expect(res.body.errors).toBeUndefined();
    return (await q<{ id: string }>(`SELECT id FROM report WHERE title = $1 ORDER BY created_at DESC LIMIT 1`, [title]))[0]!.id;
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    const [head] = await q<{ unit_id: string }>(`SELECT unit_id FROM account WHERE role = 'UNIT_HEAD' LIMIT 1`);
    [subject] = (await q<{ id: string; unit_id: string }>(
      `SELECT c.id, c.unit_id FROM cadre c JOIN post p ON p.id = c.post_id JOIN unit u ON u.id = c.unit_id
        WHERE c.party_member AND c.civil_service_category = 'CIVIL_SERVANT' AND NOT p.is_management AND c.status = 'ACTIVE'
          AND (c.party_joined_on IS NULL OR c.party_joined_on < now() - interval '2 years')
          AND u.path LIKE (SELECT path FROM unit WHERE id = $1) || '%'
          AND EXISTS (SELECT 1 FROM cadre c2 JOIN post p2 ON p2.id = c2.post_id WHERE c2.unit_id = c.unit_id AND c2.id <> c.id AND NOT p2.is_management
                        AND c2.party_member AND c2.status = 'ACTIVE')
        ORDER BY c.full_name LIMIT 1`,
      [head!.unit_id],
    )) as [{ id: string; unit_id: string }];
    const [c2] = await q<{ id: string }>(
      `SELECT c.id FROM cadre c JOIN post p ON p.id = c.post_id WHERE c.unit_id = $1 AND c.id <> $2 AND NOT p.is_management
          AND c.party_member AND c.status = 'ACTIVE' LIMIT 1`,
      [subject.unit_id, subject.id],
    );
    colleague = c2!.id;
    outsiders = (
      await q<{ id: string }>(
        `SELECT c.id FROM cadre c JOIN unit u ON u.id = c.unit_id
          WHERE u.path NOT LIKE (SELECT path FROM unit WHERE id = $1) || '%' AND c.status = 'ACTIVE' AND c.party_member ORDER BY c.full_name LIMIT 2`,
        // Outside the demo UNIT_HEAD's units (which contain the subject's unit).
        [head!.unit_id],
      )
    ).map((r) => r.id);
    reportId = await recordFeedback(
      'Phản ánh chậm cấp giấy chứng nhận',
      'Mặt trận phản ánh nhiều hồ sơ cấp giấy chứng nhận quyền sử dụng đất bị chậm.',
      { cadreIds: [subject.id], unitIds: [] },
    );
  });
  afterAll(() => t.stop());

  it('lists the kinds of inspection and supervision from the rule data', async () => {
    const res = await t.gql<{ inspectionKinds: Array<{ code: string; supervision: boolean }> }>(
      `{ inspectionKinds { code name supervision } }`,
      {},
      ic,
    );
    expect(res.body.data!.inspectionKinds.map((k) => k.code)).toEqual([
      'REGULAR_INSPECTION',
      'THEMATIC_INSPECTION',
      'SIGNS_OF_VIOLATION',
      'EXECUTION_OF_DISCIPLINE',
      'PARTY_FINANCE',
      'REGULAR_SUPERVISION',
      'THEMATIC_SUPERVISION',
    ]);
  });

  it.each([
    ['an unknown kind', { kind: 'SURPRISE_VISIT' }, 'input.kind', /^Không có loại kiểm tra, giám sát SURPRISE_VISIT/],
    [
      'a period that ends before it starts',
      { periodFrom: '2026-01-01', periodTo: '2025-12-31' },
      'input.periodTo',
      /kết thúc \(2025-12-31\) trước khi bắt đầu/,
    ],
  ])('refuses %s and writes nothing', async (_name, over, path, message) => {
    const before = await count('inspection');
    const err = onlyError(await t.gql(CREATE, { i: base(over) }, ic));
    expect(err.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(err.message).toMatch(message);
    expect(JSON.stringify(err.extensions?.['fields'])).toContain(path);
    expect(await count('inspection')).toBe(before);
  });

  it('refuses to inspect a cadre who is not a Party member', async () => {
    const [nonMember] = await q<{ id: string }>(`SELECT id FROM cadre WHERE NOT party_member LIMIT 1`);
    const err = onlyError(await t.gql(CREATE, { i: base({ subjectCadreId: nonMember!.id }) }, ic));
    expect(err.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(err.message).toContain('không phải đảng viên: Ủy ban Kiểm tra kiểm tra, giám sát đảng viên');
  });

  it('corrects the title, period and areas of an inspection under its version, and not once cancelled', async () => {
    const UPDATE = `mutation($i: UpdateInspectionInput!) { updateInspection(input: $i) { id version title periodFrom periodTo areas } }`;
    const made = await t.gql<{ createInspection: { id: string; version: number } }>(CREATE, { i: base() }, ic);
    expect(made.body.errors).toBeUndefined();
    const { id, version: v1 } = made.body.data!.createInspection;
    const ok = await t.gql<{ updateInspection: Record<string, unknown> }>(
      UPDATE,
      {
        i: {
          id,
          version: v1,
          title: '  Kiểm tra chuyên đề công tác quản lý đất đai  ',
          periodTo: '2026-03-31',
          areas: ['STAGNATION', 'STAGNATION'],
        },
      },
      ic,
    );
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data!.updateInspection).toEqual({
      id,
      version: v1 + 1,
      title: 'Kiểm tra chuyên đề công tác quản lý đất đai',
      periodFrom: '2025-07-01',
      periodTo: '2026-03-31',
      areas: ['STAGNATION'],
    });
    expect(
      onlyError(await t.gql(UPDATE, { i: { id, version: v1, title: 'Một tiêu đề khác hẳn' } }, ic)).extensions?.['code'],
    ).toBe('CONFLICT');
    const backwards = onlyError(await t.gql(UPDATE, { i: { id, version: v1 + 1, periodFrom: '2026-06-01' } }, ic));
    expect(backwards.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(backwards.message).toContain('trước khi bắt đầu');
    expect(onlyError(await t.gql(UPDATE, { i: { id, version: v1 + 1 } }, ic)).extensions?.['code']).toBe('BAD_USER_INPUT');
    const viewer = await t.tokenFor(Role.VIEWER);
    expect(
      onlyError(await t.gql(UPDATE, { i: { id, version: v1 + 1, title: 'Không được sửa' } }, viewer)).extensions?.['code'],
    ).toBe('FORBIDDEN');
    await move(id, 'CANCELLED', { reason: 'Trùng với đợt kiểm tra của cấp trên' });
    const late = onlyError(await t.gql(UPDATE, { i: { id, version: await version(id), title: 'Sửa sau khi hủy' } }, ic));
    expect(late.extensions?.['code']).toBe('CONFLICT');
    const [row] = await q<{ title: string; period_to: string }>(`SELECT title, period_to::text FROM inspection WHERE id = $1`, [
      id,
    ]);
    expect(row).toEqual({ title: 'Kiểm tra chuyên đề công tác quản lý đất đai', period_to: '2026-03-31' });
  });

  it('refuses a team member who is the subject, with CONFLICT saying why, and writes nothing', async () => {
    const before = await count('inspection');
    const err = onlyError(await t.gql(CREATE, { i: base({ leaderId: outsiders[0], memberIds: [subject.id] }) }, ic));
    expect(err.extensions?.['code']).toBe('CONFLICT');
    expect(err.message).toContain('là cán bộ được kiểm tra, giám sát nên không được tham gia đoàn');
    expect(await count('inspection')).toBe(before);
  });

  it('refuses a close subordinate of the subject, and a member of an inspected unit', async () => {
    const created = await t.gql<{ createInspection: { id: string; version: number } }>(CREATE, { i: base() }, ic);
    const insp = created.body.data!.createInspection;
    const err = onlyError(
      await t.gql(TEAM, { i: { id: insp.id, version: insp.version, leaderId: outsiders[0], memberIds: [colleague] } }, ic),
    );
    expect(err.extensions?.['code']).toBe('CONFLICT');
    expect(err.message).toContain('là cấp dưới trực tiếp của cán bộ được kiểm tra');
    expect(await q(`SELECT leader_id FROM inspection WHERE id = $1`, [insp.id])).toEqual([{ leader_id: null }]);

    const unitInsp = await t.gql<{ createInspection: { id: string; version: number } }>(
      CREATE,
      { i: base({ subjectType: 'UNIT', subjectCadreId: null, subjectUnitId: subject.unit_id, kind: 'REGULAR_SUPERVISION' }) },
      ic,
    );
    const u = unitInsp.body.data!.createInspection;
    const err2 = onlyError(
      await t.gql(TEAM, { i: { id: u.id, version: u.version, leaderId: outsiders[0], memberIds: [colleague] } }, ic),
    );
    expect(err2.extensions?.['code']).toBe('CONFLICT');
    expect(err2.message).toContain('thành viên đoàn không được thuộc đơn vị được kiểm tra hoặc đơn vị cấp dưới của nó');
    const ok = await t.gql(TEAM, { i: { id: u.id, version: u.version, leaderId: outsiders[0], memberIds: [outsiders[1]] } }, ic);
    expect(ok.body.errors).toBeUndefined();
  });

  let inspectionId: string;
  let findingId: string;

  it('runs a thematic inspection triggered by a report from plan to conclusion, with a FINDING_RECORDED event in the same transaction', async () => {
    const created = await t.gql<{ createInspection: { id: string; status: string; reportIds: string[] } }>(
      CREATE,
      {
        i: base({
          reportIds: [reportId],
          leaderId: outsiders[0],
          memberIds: [outsiders[1]],
          internalNotes: 'Ghi chú nội bộ của đoàn: cần xác minh thêm.',
        }),
      },
      ic,
    );
    expect(created.body.errors).toBeUndefined();
    inspectionId = created.body.data!.createInspection.id;
    expect(created.body.data!.createInspection).toMatchObject({ status: 'PLANNED', reportIds: [reportId] });

    // A decision needs its number, date and issuing body.
    const missing = onlyError(
      await t.gql(MOVE, { i: { id: inspectionId, version: await version(inspectionId), to: 'DECIDED' } }, ic),
    );
    expect(missing.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(missing.message).toContain('Chuyển sang DECIDED cần decisionNumber');

    await decide(inspectionId);
    // No finding before the team starts work.
    const early = onlyError(await t.gql(FINDING, { i: finding(inspectionId) }, ic));
    expect(early.extensions?.['code']).toBe('CONFLICT');
    expect(early.message).toContain('Không ghi nhận phát hiện khi cuộc kiểm tra, giám sát đang ở DECIDED');

    await move(inspectionId, 'IN_PROGRESS');
    const before = await count('outbox_event');
    const rec = await t.gql<{ recordFinding: { id: string } }>(FINDING, { i: finding(inspectionId) }, ic);
    expect(rec.body.errors).toBeUndefined();
    findingId = rec.body.data!.recordFinding.id;
    const events = await q<{ type: string; payload: Record<string, unknown>; unit_ids: string[] }>(
      `SELECT type, payload, unit_ids FROM outbox_event ORDER BY id DESC LIMIT 1`,
    );
    expect(await count('outbox_event')).toBe(before + 1);
    expect(events[0]).toMatchObject({
      type: 'FINDING_RECORDED',
      payload: { findingId, inspectionId, area: 'CORRUPTION', severity: 'VIOLATION' },
    });
    expect(events[0]!.unit_ids).toContain(subject.unit_id);

    const noDate = onlyError(await t.gql(FINDING, { i: finding(inspectionId, { recommendation: 'CORRECT_BY_DATE' }) }, ic));
    expect(noDate.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(noDate.message).toContain('Kiến nghị CORRECT_BY_DATE cần correctBy');

    await move(inspectionId, 'FINDINGS_REPORTED');
    const concluded = await move(inspectionId, 'CONCLUDED', {
      conclusion: 'Có vi phạm trong việc giải quyết hồ sơ đất đai.',
      assessment: 'VIOLATIONS',
    });
    expect(concluded.status).toBe('CONCLUDED');
    // Issue 21, item 5: the decision, the conclusion, the notes and the finding name the account that made them.
    const who = await t.gql<{ inspection: Record<string, unknown> }>(
      `query($id: ID!) { inspection(id: $id) { decisionRecordedBy { displayName role } concludedBy { role } notesBy { role }
        findings { recordedBy { displayName role } withdrawnBy { id } } } }`,
      { id: inspectionId },
      await t.tokenFor(Role.STANDING_COMMITTEE),
    );
    const committee = { displayName: 'Ủy ban Kiểm tra Đảng ủy', role: 'INSPECTION_COMMITTEE' };
    expect(who.body.data!.inspection).toEqual({
      decisionRecordedBy: committee,
      concludedBy: { role: 'INSPECTION_COMMITTEE' },
      notesBy: { role: 'INSPECTION_COMMITTEE' },
      findings: [{ recordedBy: committee, withdrawnBy: null }],
    });
    const types = (
      await q<{ type: string }>(`SELECT type FROM outbox_event WHERE payload->>'inspectionId' = $1 ORDER BY id`, [inspectionId])
    ).map((e) => e.type);
    expect(types).toEqual(['INSPECTION_OPENED', 'FINDING_RECORDED', 'INSPECTION_CONCLUDED']);
  });

  it('refuses a finding on a concluded inspection and writes nothing', async () => {
    const [findings, events] = [await count('finding'), await count('outbox_event')];
    const err = onlyError(await t.gql(FINDING, { i: finding(inspectionId) }, ic));
    expect(err.extensions?.['code']).toBe('CONFLICT');
    expect(err.message).toBe(
      'Không ghi nhận phát hiện khi cuộc kiểm tra, giám sát đang ở CONCLUDED: phát hiện được ghi nhận khi đang ở IN_PROGRESS hoặc FINDINGS_REPORTED',
    );
    expect([await count('finding'), await count('outbox_event')]).toEqual([findings, events]);
  });

  it('refuses an illegal move naming the allowed ones, and a stale version', async () => {
    const err = onlyError(
      await t.gql(MOVE, { i: { id: inspectionId, version: await version(inspectionId), to: 'IN_PROGRESS' } }, ic),
    );
    expect(err.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(err.message).toBe(
      'Cuộc kiểm tra, giám sát không chuyển được từ CONCLUDED sang IN_PROGRESS (từ CONCLUDED chỉ chuyển được sang: FOLLOW_UP, CLOSED)',
    );
    const stale = onlyError(await t.gql(MOVE, { i: { id: inspectionId, version: 1, to: 'FOLLOW_UP' } }, ic));
    expect(stale.extensions?.['code']).toBe('CONFLICT');
  });

  it('follows up recommendations and closes only when every one is fulfilled', async () => {
    await move(inspectionId, 'FOLLOW_UP');
    // Concluded ten days ago: a recommendation falls due, and is fulfilled, after its conclusion.
    await q(`UPDATE inspection SET concluded_at = now() - interval '10 days' WHERE id = $1`, [inspectionId]);
    const add = await t.gql<{ addFollowUp: { id: string } }>(
      `mutation($i: AddFollowUpInput!) { addFollowUp(input: $i) { id dueOn fulfilledOn } }`,
      { i: { inspectionId, text: 'Rà soát toàn bộ hồ sơ tồn đọng', dueOn: daysAgo(3) } },
      ic,
    );
    expect(add.body.errors).toBeUndefined();
    const overdue = await t.gql<{ inspections: { edges: Array<{ node: { id: string; followUpOverdue: boolean } }> } }>(
      `{ inspections(filter: { overdueFollowUp: true }) { edges { node { id followUpOverdue } } } }`,
      {},
      ic,
    );
    expect(overdue.body.data!.inspections.edges.map((e) => e.node)).toEqual([{ id: inspectionId, followUpOverdue: true }]);
    const close = onlyError(
      await t.gql(MOVE, { i: { id: inspectionId, version: await version(inspectionId), to: 'CLOSED' } }, ic),
    );
    expect(close.extensions?.['code']).toBe('CONFLICT');
    expect(close.message).toContain('Còn 1 kiến nghị sau kết luận chưa thực hiện');
    await t.gql(
      `mutation($i: FulfilFollowUpInput!) { fulfilFollowUp(input: $i) { id } }`,
      { i: { id: add.body.data!.addFollowUp.id, fulfilledOn: daysAgo(1), note: 'Đã rà soát' } },
      ic,
    );
    expect((await move(inspectionId, 'CLOSED')).status).toBe('CLOSED');
  });

  it('keeps internal notes from the cadre under inspection, whatever their role, and from a UNIT_HEAD', async () => {
    const mine = await t.gql<{ inspection: { internalNotes: string } }>(INSPECTION, { id: inspectionId }, ic);
    expect(mine.body.data!.inspection.internalNotes).toContain('Ghi chú nội bộ');

    const admin = await t.tokenFor(Role.ADMIN);
    const acc = await t.gql(
      'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
      {
        i: {
          email: 'bi-kiem-tra@anbien.test',
          displayName: 'Cán bộ bị kiểm tra',
          password: 'a-long-password-3',
          role: 'STANDING_COMMITTEE',
          cadreId: subject.id,
        },
      },
      admin,
    );
    expect(acc.body.errors).toBeUndefined();
    const subjectToken = await t.login('bi-kiem-tra@anbien.test', 'a-long-password-3');
    const res = await t.gql<{ inspection: { id: string; internalNotes: string | null } }>(
      INSPECTION,
      { id: inspectionId },
      subjectToken,
    );
    // Recusal: the inspection of their own cadre is hidden from them altogether, as if absent.
    expect(res.body.data).toBeNull();
    expect(onlyError(res).extensions?.['code']).toBe('NOT_FOUND');
    expect(JSON.stringify(res.body)).not.toContain('Ghi chú nội bộ');
    const record = await t.gql(
      `query($id: ID!) { cadre(id: $id) { supervisionRecord { edges { node { type } } } } }`,
      { id: subject.id },
      subjectToken,
    );
    expect(onlyError(record).extensions?.['code']).toBe('FORBIDDEN');

    const head = await t.tokenFor(Role.UNIT_HEAD);
    const seen = await t.gql<{ inspection: { internalNotes: string | null } }>(INSPECTION, { id: inspectionId }, head);
    expect(onlyError(seen).extensions?.['code']).toBe('FORBIDDEN');
    expect(seen.body.data!.inspection.internalNotes).toBeNull();
  });

  it('shows a UNIT_HEAD the subject in its units but not team members from other units, and only findings of concluded inspections', async () => {
    const head = await t.tokenFor(Role.UNIT_HEAD);
    const res = await t.gql<{
      inspection: {
        subjectCadre: { id: string } | null;
        leader: unknown;
        members: unknown[];
        findings: Array<{ concernedCadres: Array<{ id: string }> }>;
      };
    }>(
      `query($id: ID!) { inspection(id: $id) { subjectCadre { id } leader { id phone } members { id } findings { concernedCadres { id } } } }`,
      { id: inspectionId },
      head,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.inspection).toEqual({
      subjectCadre: { id: subject.id },
      leader: null,
      members: [],
      findings: [{ concernedCadres: [{ id: subject.id }] }],
    });
    const all = await t.gql<{ findings: { totalCount: number } }>(`{ findings { totalCount } }`, {}, ic);
    const mine = await t.gql<{ findings: { totalCount: number } }>(`{ findings { totalCount } }`, {}, head);
    expect(mine.body.data!.findings.totalCount).toBe(1);
    expect(all.body.data!.findings.totalCount).toBeGreaterThanOrEqual(1);
  });

  it('lets a UNIT_HEAD read only concluded inspections about its units; a VIEWER none', async () => {
    const head = await t.tokenFor(Role.UNIT_HEAD);
    const list = await t.gql<{ inspections: { edges: Array<{ node: { id: string; status: string } }> } }>(
      `{ inspections(first: 50) { edges { node { id status } } } }`,
      {},
      head,
    );
    expect(list.body.errors).toBeUndefined();
    const statuses = list.body.data!.inspections.edges.map((e) => e.node.status);
    expect(list.body.data!.inspections.edges.map((e) => e.node.id)).toContain(inspectionId);
    expect(statuses.every((s) => ['CONCLUDED', 'FOLLOW_UP', 'CLOSED'].includes(s))).toBe(true);
    const planned = (await q<{ id: string }>(`SELECT id FROM inspection WHERE status = 'PLANNED' LIMIT 1`))[0]!.id;
    expect(onlyError(await t.gql(INSPECTION, { id: planned }, head)).extensions?.['code']).toBe('NOT_FOUND');
    const viewer = await t.tokenFor(Role.VIEWER);
    expect(onlyError(await t.gql(`{ inspections { edges { node { id } } } }`, {}, viewer)).extensions?.['code']).toBe(
      'FORBIDDEN',
    );
  });

  it('filters findings by area, severity and cadre, and pages inspections with signed cursors', async () => {
    const res = await t.gql<{ findings: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
      `query($c: ID!) { findings(filter: { areas: [CORRUPTION], severities: [VIOLATION], cadreId: $c }) { totalCount edges { node { id } } } }`,
      { c: subject.id },
      ic,
    );
    expect(res.body.data!.findings).toEqual({ totalCount: 1, edges: [{ node: { id: findingId } }] });
    const none = await t.gql<{ findings: { totalCount: number } }>(
      `{ findings(filter: { severities: [OBSERVATION] }) { totalCount } }`,
      {},
      ic,
    );
    expect(none.body.data!.findings.totalCount).toBe(0);
    const p1 = await t.gql<{
      inspections: { pageInfo: { endCursor: string; hasNextPage: boolean }; edges: Array<{ node: { id: string } }> };
    }>(`{ inspections(first: 1) { pageInfo { endCursor hasNextPage } edges { node { id } } } }`, {}, ic);
    expect(p1.body.data!.inspections.pageInfo.hasNextPage).toBe(true);
    const p2 = await t.gql<{ inspections: { edges: Array<{ node: { id: string } }> } }>(
      `query($a: String) { inspections(first: 1, after: $a) { edges { node { id } } } }`,
      { a: p1.body.data!.inspections.pageInfo.endCursor },
      ic,
    );
    expect(p2.body.data!.inspections.edges[0]!.node.id).not.toBe(p1.body.data!.inspections.edges[0]!.node.id);
    const bad = onlyError(
      await t.gql(`{ inspections(after: "forged.AAAAAAAAAAAAAAAAAAAAAA") { edges { node { id } } } }`, {}, ic),
    );
    expect(bad.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  // ------------------------------------------------------------------ discipline

  const OPEN = `mutation($i: OpenDisciplineCaseInput!) { openDisciplineCase(input: $i) { id status side origin version } }`;
  const CASE_MOVE = `mutation($i: TransitionDisciplineCaseInput!) { transitionDisciplineCase(input: $i) { id status version form decisionDate appealDeadline limitationEndsOn ruleSetId
    notifications { notify dueOn sentOn overdue } notificationOverdue decisionRecordedBy { displayName role } } }`;
  const caseVersion = async (id: string) =>
    (await q<{ version: number }>(`SELECT version FROM discipline_case WHERE id = $1`, [id]))[0]!.version;
  const caseMove = async (id: string, to: string, extra: Record<string, unknown> = {}, token = ic) =>
    t.gql<{ transitionDisciplineCase: Record<string, unknown> }>(
      CASE_MOVE,
      { i: { id, version: await caseVersion(id), to, ...extra } },
      token,
    );
  const ok = async (p: ReturnType<typeof caseMove>) => {
    const res = await p;
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data!.transitionDisciplineCase;
  };
  const openCase = async (over: Record<string, unknown> = {}) => {
    const res = await t.gql<{ openDisciplineCase: { id: string } }>(
      OPEN,
      {
        i: {
          subjectType: 'PARTY_MEMBER_FULL',
          cadreId: subject.id,
          findingId,
          violationSummary: 'Gây khó khăn trong giải quyết hồ sơ đất đai',
          violationDate: '2025-09-15',
          ...over,
        },
      },
      ic,
    );
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data!.openDisciplineCase.id;
  };
  const toProposed = async (id: string, form = 'WARNING') => {
    await ok(caseMove(id, 'UNDER_REVIEW'));
    await ok(
      caseMove(id, 'PROPOSED', { selfCriticism: 'Tôi nhận khuyết điểm.', explanation: 'Do quá tải hồ sơ.', proposedForm: form }),
    );
  };
  const decision = (over: Record<string, unknown> = {}) => ({
    form: 'WARNING',
    decidedBy: 'PARTY_INSPECTION_COMMITTEE',
    decidingBody: 'Ủy ban Kiểm tra Đảng ủy phường',
    decisionNumber: '07-QĐ/UBKT',
    decisionDate: daysAgo(40),
    effectiveDate: daysAgo(40),
    ...over,
  });

  it.each([
    [
      'ELECTED_CADRE for a civil servant',
      { subjectType: 'ELECTED_CADRE' },
      /Không thể kỷ luật .* với tư cách ELECTED_CADRE: hồ sơ ghi là CIVIL_SERVANT/,
    ],
    [
      'PARTY_MEMBER_PROBATIONARY for a long-standing member',
      { subjectType: 'PARTY_MEMBER_PROBATIONARY' },
      /thời gian dự bị 12 tháng đã hết ngày|với tư cách PARTY_MEMBER_PROBATIONARY/,
    ],
    ['a violation in the future', { violationDate: '2099-01-01' }, /^Ngày không được ở tương lai: ngày vi phạm 2099-01-01/],
  ])('refuses to open a case with %s and writes nothing', async (_n, over, message) => {
    const before = await count('discipline_case');
    const err = onlyError(
      await t.gql(
        OPEN,
        {
          i: {
            subjectType: 'PARTY_MEMBER_FULL',
            cadreId: subject.id,
            violationSummary: 'Vi phạm quy định',
            violationDate: '2025-09-15',
            ...over,
          },
        },
        ic,
      ),
    );
    expect(err.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(err.message).toMatch(message);
    expect(await count('discipline_case')).toBe(before);
  });

  it('refuses a form not allowed for the subject type, naming the rule and the allowed forms', async () => {
    const id = await openCase();
    await ok(caseMove(id, 'UNDER_REVIEW'));
    const noSelfCriticism = onlyError(await caseMove(id, 'PROPOSED', { proposedForm: 'WARNING' }));
    expect(noSelfCriticism.message).toContain('cần selfCriticism');
    const err = onlyError(
      await caseMove(id, 'PROPOSED', { selfCriticism: 'Tôi nhận khuyết điểm.', proposedForm: 'FORCED_RESIGNATION' }),
    );
    expect(err.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(err.message).toMatch(
      /^Hình thức kỷ luật FORCED_RESIGNATION không áp dụng cho PARTY_MEMBER_FULL \(bộ quy tắc vn-2025-07: .*\); các hình thức được áp dụng: REPRIMAND, WARNING, DISMISSAL_FROM_POST, EXPULSION$/,
    );
    expect((await q<{ status: string }>(`SELECT status FROM discipline_case WHERE id = $1`, [id]))[0]!.status).toBe(
      'UNDER_REVIEW',
    );
  });

  it('refuses a decision dated before the violation, and an illegal move', async () => {
    const id = await openCase({ violationDate: daysAgo(10) });
    const illegal = onlyError(await caseMove(id, 'DECIDED', decision()));
    expect(illegal.message).toBe(
      'Vụ việc kỷ luật không chuyển được từ OPENED sang DECIDED (từ OPENED chỉ chuyển được sang: UNDER_REVIEW, DROPPED, DEFERRED)',
    );
    await toProposed(id);
    const err = onlyError(await caseMove(id, 'DECIDED', decision({ decisionDate: daysAgo(11), effectiveDate: daysAgo(11) })));
    expect(err.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(err.message).toBe(
      `Ngày không được trước việc mà nó theo sau: ngày quyết định kỷ luật ${daysAgo(11)} trước ngày vi phạm ${daysAgo(10)}`,
    );
    expect(err.extensions?.['reason']).toBe('DATE_BEFORE_PREDECESSOR');
    expect(await count('discipline_notification')).toBe(0);
  });

  it('refuses a decision past the statute of limitations, naming the rule and the dates', async () => {
    const id = await openCase({ violationDate: '2019-03-01', findingId: null });
    await toProposed(id, 'REPRIMAND');
    const err = onlyError(await caseMove(id, 'DECIDED', decision({ form: 'REPRIMAND' })));
    expect(err.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(err.message).toBe(
      `Đã hết thời hiệu xử lý kỷ luật: kỷ luật PARTY bằng hình thức REPRIMAND phải quyết định trong 5 năm kể từ khi vi phạm (Quy định 69-QĐ/TW, Điều 4 (thời hiệu xử lý kỷ luật), bộ quy tắc vn-2025-07, độ tin cậy trung bình); vi phạm ngày 2019-03-01, thời hiệu hết ngày 2024-03-01, quyết định ghi ngày ${daysAgo(40)}`,
    );
    // A new violation within the period restarts the clock.
    const restarted = await openCase({ violationDate: '2019-03-01', newViolationDate: '2023-02-01', findingId: null });
    await toProposed(restarted, 'REPRIMAND');
    expect(await ok(caseMove(restarted, 'DECIDED', decision({ form: 'REPRIMAND' })))).toMatchObject({
      status: 'DECIDED',
      limitationEndsOn: '2028-02-01',
    });
    // A warning has a 10-year period: the same violation can still be decided.
    const decided = await ok(caseMove(id, 'DECIDED', decision()));
    expect(decided).toMatchObject({ status: 'DECIDED', limitationEndsOn: '2029-03-01', ruleSetId: 'vn-2025-07' });
  });

  it('leaves expulsion to the Standing Committee', async () => {
    const id = await openCase({ findingId: null });
    await toProposed(id, 'EXPULSION');
    // Expulsion only by the bodies the regulation names: not the ward Inspection Committee.
    const body = onlyError(await caseMove(id, 'DECIDED', decision({ form: 'EXPULSION' })));
    expect(body.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DECIDING_BODY_NOT_ALLOWED' });
    expect(body.message).toMatch(
      /^Cấp quyết định không đúng quy định: Ủy ban Kiểm tra Đảng ủy phường \(PARTY_INSPECTION_COMMITTEE\) không có thẩm quyền quyết định hình thức EXPULSION/,
    );
    const err = onlyError(await caseMove(id, 'DECIDED', decision({ form: 'EXPULSION', decidedBy: 'PARTY_STANDING_COMMITTEE' })));
    expect(err.extensions?.['code']).toBe('FORBIDDEN');
    expect(err.message).toContain('Hình thức EXPULSION do Ban Thường vụ quyết định');
    await ok(caseMove(id, 'DROPPED', { reason: 'Chuyển Ban Thường vụ xem xét trong hồ sơ khác' }));
  });

  let caseId: string;

  it('decides within the rules, creates the 5-day notification task (overdue while unsent), refuses a late appeal, and a final decision updates the cadre', async () => {
    await q(`UPDATE cadre SET in_planning_pool = true WHERE id = $1`, [subject.id]);
    caseId = await openCase();
    await toProposed(caseId);
    const before = await count('outbox_event');
    const decided = await ok(caseMove(caseId, 'DECIDED', decision()));
    expect(decided).toMatchObject({
      status: 'DECIDED',
      form: 'WARNING',
      decisionDate: daysAgo(40),
      appealDeadline: daysAgo(10),
      notifications: [{ notify: 'STATE', dueOn: daysAgo(35), sentOn: null, overdue: true }],
      notificationOverdue: true,
      decisionRecordedBy: { displayName: 'Ủy ban Kiểm tra Đảng ủy', role: 'INSPECTION_COMMITTEE' },
    });
    expect((await q<{ type: string }>(`SELECT type FROM outbox_event ORDER BY id DESC LIMIT 1`))[0]!.type).toBe(
      'DISCIPLINE_CASE_DECIDED',
    );
    expect(await count('outbox_event')).toBe(before + 1);
    const overdueList = await t.gql<{ disciplineCases: { edges: Array<{ node: { id: string } }> } }>(
      `{ disciplineCases(filter: { overdueNotification: true }) { edges { node { id } } } }`,
      {},
      ic,
    );
    expect(overdueList.body.data!.disciplineCases.edges.map((e) => e.node.id)).toContain(caseId);

    const future = onlyError(await caseMove(caseId, 'APPEALED', { appealedOn: daysAgo(-3) }));
    expect(future.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(future.message).toMatch(/^Ngày không được ở tương lai: ngày khiếu nại/);
    expect(future.extensions?.['reason']).toBe('DATE_IN_FUTURE');
    const late = onlyError(await caseMove(caseId, 'APPEALED', { appealedOn: daysAgo(9) }));
    expect(late.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(late.message).toBe(
      `Đã hết thời hạn khiếu nại: khiếu nại quyết định kỷ luật phải nộp trong 30 ngày kể từ ngày quyết định (Quy định 296-QĐ/TW (khiếu nại kỷ luật đảng), bộ quy tắc vn-2025-07, độ tin cậy trung bình); quyết định ngày ${daysAgo(40)}, thời hạn hết ngày ${daysAgo(10)}, đơn khiếu nại ghi ngày ${daysAgo(9)}`,
    );
    expect((await ok(caseMove(caseId, 'APPEALED', { appealedOn: daysAgo(12), appealNote: 'Đề nghị xem xét lại' }))).status).toBe(
      'APPEALED',
    );

    const events = await count('outbox_event');
    const final = await ok(caseMove(caseId, 'FINAL', { appealNote: 'Giữ nguyên hình thức cảnh cáo' }));
    expect(final.status).toBe('FINAL');
    expect(await q(`SELECT in_planning_pool FROM cadre WHERE id = $1`, [subject.id])).toEqual([{ in_planning_pool: false }]);
    const [history] = await q<{ note: string; changes: Record<string, unknown> }>(
      `SELECT note, changes FROM cadre_history WHERE cadre_id = $1 ORDER BY seq DESC LIMIT 1`,
      [subject.id],
    );
    expect(history!.note).toContain('Kỷ luật WARNING');
    expect(history!.changes).toMatchObject({ inPlanningPool: { from: true, to: false } });
    expect(await count('outbox_event')).toBe(events + 1);

    const n = (await q<{ id: string }>(`SELECT id FROM discipline_notification WHERE case_id = $1`, [caseId]))[0]!.id;
    await t.gql(
      `mutation($i: MarkNotificationSentInput!) { markDisciplineNotificationSent(input: $i) { id } }`,
      { i: { id: n, sentOn: daysAgo(1), reference: 'CV 12/UBKT' } },
      ic,
    );
    const after = await t.gql<{ disciplineCase: { notificationOverdue: boolean } }>(
      `query($id: ID!) { disciplineCase(id: $id) { notificationOverdue } }`,
      { id: caseId },
      ic,
    );
    expect(after.body.data!.disciplineCase.notificationOverdue).toBe(false);
  });

  it('disciplines a Party organisation (no cadre record, no notification) and refuses a unit that is not one', async () => {
    const [office] = await q<{ id: string }>(`SELECT id FROM unit WHERE kind = 'OFFICE' LIMIT 1`);
    const [cell] = await q<{ id: string }>(`SELECT id FROM unit WHERE kind = 'RESIDENTIAL_PARTY_CELL' ORDER BY code LIMIT 1`);
    const err = onlyError(
      await t.gql(
        OPEN,
        {
          i: {
            subjectType: 'PARTY_ORGANISATION',
            unitId: office!.id,
            violationSummary: 'Buông lỏng lãnh đạo',
            violationDate: '2025-09-15',
          },
        },
        ic,
      ),
    );
    expect(err.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(err.message).toContain('không phải tổ chức đảng');
    const id = await openCase({ subjectType: 'PARTY_ORGANISATION', cadreId: null, unitId: cell!.id, findingId: null });
    await toProposed(id, 'DISSOLUTION');
    const decided = await ok(caseMove(id, 'DECIDED', decision({ form: 'WARNING', decidedBy: 'PARTY_COMMITTEE' })));
    expect(decided).toMatchObject({ status: 'DECIDED', form: 'WARNING', notifications: [] });
  });

  it('asks the Party to be notified when the State disciplines a civil servant who is a Party member, and refuses a stale version', async () => {
    const id = await openCase({ subjectType: 'CIVIL_SERVANT', findingId: null });
    await toProposed(id, 'REPRIMAND');
    const chairman = { form: 'REPRIMAND', decidedBy: 'WARD_PEOPLES_COMMITTEE_CHAIRMAN' };
    const stale = onlyError(await t.gql(CASE_MOVE, { i: { id, version: 1, to: 'DECIDED', ...decision(chairman) } }, ic));
    expect(stale.extensions?.['code']).toBe('CONFLICT');
    const decided = await ok(
      caseMove(id, 'DECIDED', decision({ ...chairman, decisionDate: daysAgo(2), effectiveDate: daysAgo(2) })),
    );
    expect(decided).toMatchObject({
      notifications: [{ notify: 'PARTY', dueOn: daysAgo(-3), sentOn: null, overdue: false }],
      notificationOverdue: false,
    });
    const wrongForm = await openCase({ subjectType: 'CIVIL_SERVANT', findingId: null });
    await toProposed(wrongForm, 'WARNING');
    const err = onlyError(await caseMove(wrongForm, 'DECIDED', decision({ form: 'DISMISSAL_FROM_POST' })));
    expect(err.message).toContain('Hình thức kỷ luật DISMISSAL_FROM_POST không áp dụng cho CIVIL_SERVANT');
  });

  it('defers a case for a reason the decree lists and resumes it to the same stage', async () => {
    const id = await openCase({ findingId: null });
    await ok(caseMove(id, 'UNDER_REVIEW'));
    expect(onlyError(await caseMove(id, 'DEFERRED')).message).toContain('cần deferralReason');
    const deferred = await ok(caseMove(id, 'DEFERRED', { deferralReason: 'MATERNITY', deferralNote: 'Nghỉ thai sản 6 tháng' }));
    expect(deferred.status).toBe('DEFERRED');
    const wrong = onlyError(await caseMove(id, 'PROPOSED', { selfCriticism: 'x', proposedForm: 'WARNING' }));
    expect(wrong.message).toBe(
      'Vụ việc được tạm hoãn khi đang ở UNDER_REVIEW; tiếp tục thì trở lại UNDER_REVIEW, không sang PROPOSED',
    );
    expect((await ok(caseMove(id, 'UNDER_REVIEW'))).status).toBe('UNDER_REVIEW');
    expect(onlyError(await caseMove(id, 'DROPPED')).message).toContain('cần reason');
  });

  it('shows the chain in the cadre’s supervision record and in the report’s trace', async () => {
    type Entry = { at: string; type: string; id: string; report: { id: string } | null; finding: { id: string } | null };
    type Page = { edges: Array<{ cursor: string; node: Entry }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    const RECORD = `query($id: ID!, $first: Int, $after: String) { cadre(id: $id) { supervisionRecord(first: $first, after: $after) {
      edges { cursor node { at type id status report { id } inspection { id } finding { id } disciplineCase { id form } } }
      pageInfo { hasNextPage hasPreviousPage endCursor } } } }`;
    const rec = await t.gql<{ cadre: { supervisionRecord: Page } }>(RECORD, { id: subject.id, first: 100 }, ic);
    expect(rec.body.errors).toBeUndefined();
    const all = rec.body.data!.cadre.supervisionRecord.edges.map((e) => e.node);
    const types = all.map((e) => e.type);
    // Newest first: the report that started the chain is the oldest entry.
    expect(types[types.length - 1]).toBe('REPORT');
    const times = all.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(types).toEqual(expect.arrayContaining(['REPORT', 'INSPECTION', 'FINDING', 'DISCIPLINE_CASE']));
    expect(all.map((e) => e.id)).toEqual(expect.arrayContaining([reportId, inspectionId, findingId, caseId]));
    expect(all.find((e) => e.id === reportId)!.report).toEqual({ id: reportId });
    expect(all.find((e) => e.id === findingId)!.finding).toEqual({ id: findingId });
    expect(all.find((e) => e.id === findingId)!.report).toBeNull();

    // The linked items the page statement brings are the items themselves, field for field.
    const ITEM_FIELDS = `id status title kind createdAt version`;
    const LINKS = `query($id: ID!) { cadre(id: $id) { supervisionRecord(first: 20) { nodes { type id
      report { id status title receivedAt } inspection { ${ITEM_FIELDS} }
      finding { id severity area description recordedAt inspection { ${ITEM_FIELDS} } }
      disciplineCase { id status form subjectType violationDate } } } } }`;
    const linked = await t.gql<{
      cadre: {
        supervisionRecord: { nodes: Array<{ type: string; id: string } & Record<string, Record<string, unknown> | null>> };
      };
    }>(LINKS, { id: subject.id }, ic);
    expect(linked.body.errors).toBeUndefined();
    const nodes = linked.body.data!.cadre.supervisionRecord.nodes;
    const own = async (query: string, id: string) => {
      const res = await t.gql<Record<string, Record<string, unknown>>>(query, { id }, ic);
      expect(res.body.errors).toBeUndefined();
      return Object.values(res.body.data!)[0];
    };
    const inspectionById = (id: string) => own(`query($id: ID!) { inspection(id: $id) { ${ITEM_FIELDS} } }`, id);
    const inspectionNode = nodes.find((n) => n.type === 'INSPECTION')!;
    expect(inspectionNode.inspection).toEqual(await inspectionById(inspectionNode.id));
    const findingNode = nodes.find((n) => n.id === findingId)!;
    const findingInspection = await own(
      `query($id: ID!) { inspection(id: $id) { ${ITEM_FIELDS} findings { id severity area description recordedAt } } }`,
      inspectionId,
    );
    const { findings, ...inspectionItself } = findingInspection!;
    expect(findingNode.finding).toEqual({
      ...(findings as Array<Record<string, unknown>>).find((f) => f['id'] === findingId),
      inspection: inspectionItself,
    });
    expect(nodes.find((n) => n.id === caseId)!.disciplineCase).toEqual(
      await own(`query($id: ID!) { disciplineCase(id: $id) { id status form subjectType violationDate } }`, caseId),
    );
    expect(nodes.find((n) => n.id === reportId)!.report).toEqual(
      await own(`query($id: ID!) { report(id: $id) { id status title receivedAt } }`, reportId),
    );
    for (const n of nodes)
      for (const link of ['report', 'inspection', 'finding', 'disciplineCase']) if (n[link]) expect(n[link]!['id']).toBe(n.id);

    // Page by page with the cursors: the same entries in the same order, each once.
    const walked: Entry[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const page: { body: { data?: { cadre: { supervisionRecord: Page } } | null; errors?: unknown } } = await t.gql<{
        cadre: { supervisionRecord: Page };
      }>(RECORD, { id: subject.id, first: 2, after }, ic);
      expect(page.body.errors).toBeUndefined();
      const p = page.body.data!.cadre.supervisionRecord;
      walked.push(...p.edges.map((e) => e.node));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(walked.map((e) => e.id)).toEqual(all.map((e) => e.id));

    const tampered = await t.gql(RECORD, { id: subject.id, first: 2, after: 'eyJrIjoic3IifQ.AAAAAAAAAAAAAAAAAAAAAA' }, ic);
    expect(onlyError(tampered).extensions?.['code']).toBe('BAD_USER_INPUT');
    const tooMany = await t.gql(RECORD, { id: subject.id, first: 10_000 }, ic);
    expect(onlyError(tooMany).extensions?.['code']).toBe('BAD_USER_INPUT');

    const trace = await t.gql<{
      report: {
        trace: {
          inspections: Array<{
            id: string;
            findings: Array<{ id: string; disciplineCases: Array<{ id: string; status: string }> }>;
          }>;
        };
      };
    }>(
      `query($id: ID!) { report(id: $id) { trace { inspections { id status findings { id disciplineCases { id status form } } } disciplineCases { id } } } }`,
      { id: reportId },
      ic,
    );
    expect(trace.body.errors).toBeUndefined();
    const insp = trace.body.data!.report.trace.inspections;
    expect(insp.map((i) => i.id)).toEqual([inspectionId]);
    const back = await t.gql<{ inspection: { triggeredBy: Array<{ id: string }> } }>(
      `query($id: ID!) { inspection(id: $id) { triggeredBy { id title } } }`,
      { id: inspectionId },
      ic,
    );
    expect(back.body.data!.inspection.triggeredBy.map((r) => r.id)).toEqual([reportId]);
    const head = await t.tokenFor(Role.UNIT_HEAD);
    expect(
      onlyError(await t.gql(`query($id: ID!) { inspection(id: $id) { triggeredBy { id } } }`, { id: inspectionId }, head))
        .extensions?.['code'],
    ).toBe('FORBIDDEN');
    expect(insp[0]!.findings[0]!.disciplineCases.map((c) => c.id)).toContain(caseId);
    const intake = await t.tokenFor(Role.INTAKE_STAFF);
    expect(
      onlyError(await t.gql(`query($id: ID!) { report(id: $id) { trace { inspections { id } } } }`, { id: reportId }, intake))
        .extensions?.['code'],
    ).toBe('FORBIDDEN');
  });

  it('orders a record’s reports by their receipt, a moved receipt included, for cadres and units alike', async () => {
    const [other] = await q<{ id: string; unit_id: string }>(
      `SELECT id, unit_id FROM cadre WHERE id <> ALL($1::uuid[]) AND status = 'ACTIVE' ORDER BY full_name DESC LIMIT 1`,
      [[subject.id, colleague, ...outsiders]],
    );
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push(
        await recordFeedback(`Thứ tự tiếp nhận ${i}`, `Thứ tự tiếp nhận ${i}: nội dung`, {
          cadreIds: [other!.id],
          unitIds: [other!.unit_id],
        }),
      );
    // The second one's receipt moved back a year, the fourth's to long after the others (as the demo seed backdates).
    await q(`UPDATE report SET received_at = now() - interval '1 year' WHERE id = $1`, [ids[1]]);
    await q(`UPDATE report SET received_at = now() + interval '1 day' WHERE id = $1`, [ids[3]]);
    const copies = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM report_subject s JOIN report r ON r.id = s.report_id
        WHERE s.report_id = ANY($1::uuid[]) AND s.received_at = r.received_at`,
      [ids],
    );
    expect(copies[0]!.n).toBe(8);
    const newestFirst = [ids[3], ids[2], ids[0], ids[1]];
    type Page = {
      nodes: Array<{ type: string; id: string; at: string; report: { receivedAt: string } | null }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
    const SELECTION = `supervisionRecord(first: $first, after: $after) { nodes { type id at report { receivedAt } } pageInfo { hasNextPage endCursor } }`;
    for (const [owner, query] of [
      ['cadre', `query($id: ID!, $first: Int!, $after: String) { cadre(id: $id) { ${SELECTION} } }`],
      [
        'unit',
        `query($id: ID!, $first: Int!, $after: String) { unit(id: $id) { supervisionRecord(first: $first, after: $after, includeDescendants: false) { nodes { type id at report { receivedAt } } pageInfo { hasNextPage endCursor } } } }`,
      ],
    ] as const) {
      const id = owner === 'cadre' ? other!.id : other!.unit_id;
      const walked: Page['nodes'] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 100; guard++) {
        const res: { body: { data?: Record<string, { supervisionRecord: Page }> | null; errors?: unknown } } = await t.gql<
          Record<string, { supervisionRecord: Page }>
        >(query, { id, first: 1, after }, ic);
        expect(res.body.errors).toBeUndefined();
        const page = res.body.data![owner]!.supervisionRecord;
        walked.push(...page.nodes);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      const reports = walked.filter((n) => n.type === 'REPORT' && ids.includes(n.id));
      expect(reports.map((n) => n.id)).toEqual(newestFirst);
      for (const n of reports) expect(n.at).toBe(n.report!.receivedAt);
      const times = walked.map((n) => Date.parse(n.at));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    }
  });

  it('answers supervision records and nested inspection lists with a fixed number of SQL statements', async () => {
    // More inspections with findings, so the pages differ in size.
    for (let i = 0; i < 3; i++) {
      const c = await t.gql<{ createInspection: { id: string } }>(
        CREATE,
        { i: base({ leaderId: outsiders[0], memberIds: [outsiders[1]] }) },
        ic,
      );
      const id = c.body.data!.createInspection.id;
      await decide(id);
      await move(id, 'IN_PROGRESS');
      await t.gql(
        FINDING,
        {
          i: finding(id, {
            area: 'STAGNATION',
            severity: 'SHORTCOMING',
            recommendation: 'REMIND',
            concernedCadreIds: [subject.id, colleague],
          }),
        },
        ic,
      );
    }
    // The page of every cadre's record in one statement: the same count for 2 cadres as for 40.
    // The page size is written in the document: a variable `first` is costed at its maximum (100).
    const BARE = (n: number) =>
      `{ cadres(first: ${n}) { edges { node { id supervisionRecord(first: 5) { nodes { type id at } } } } } }`;
    const small = await t.gql(BARE(2), {}, ic);
    const large = await t.gql(BARE(40), {}, ic);
    expect(small.body.errors).toBeUndefined();
    expect(large.body.errors).toBeUndefined();
    expect(large.sql).toBe(small.sql);
    // Links come with the page statement: the same count with or without them, whatever the
    // number of entries (a short page and a long one) and whatever their types.
    const ONE = `query($id: ID!, $first: Int!) { cadre(id: $id) { id supervisionRecord(first: $first) { nodes { type id } } } }`;
    const LINKED = `query($id: ID!, $first: Int!) { cadre(id: $id) { id supervisionRecord(first: $first) { nodes { type id report { id } inspection { id } finding { id inspection { id title } } disciplineCase { id } commendation { id } } } } }`;
    const bare = await t.gql(ONE, { id: subject.id, first: 1 }, ic);
    for (const first of [1, 3, 100]) {
      const res = await t.gql<{ cadre: { supervisionRecord: { nodes: Array<{ type: string }> } } }>(
        LINKED,
        { id: subject.id, first },
        ic,
      );
      expect(res.body.errors).toBeUndefined();
      const nodes = res.body.data!.cadre.supervisionRecord.nodes;
      expect(nodes.length).toBe(Math.min(first, nodes.length));
      const types = new Set(nodes.map((e) => e.type));
      if (first === 100) expect(types.size).toBeGreaterThanOrEqual(4);
      expect(res.sql).toBe(bare.sql);
    }
    // Links asked for through edges are joined too.
    const EDGES = `query($id: ID!) { cadre(id: $id) { supervisionRecord(first: 10) { edges { node { report { id } } } } } }`;
    const viaEdges = await t.gql(EDGES, { id: subject.id }, ic);
    expect(viaEdges.body.errors).toBeUndefined();
    expect(viaEdges.sql).toBe(bare.sql);
    const NESTED = (n: number) =>
      `{ inspections(first: ${n}) { edges { node { id leader { id } members { id } findings { id concernedCadres { id fullName } disciplineCases { id } } followUps { id } } } } }`;
    const one = await t.gql(NESTED(1), {}, ic);
    const many = await t.gql(NESTED(6), {}, ic);
    expect(one.body.errors).toBeUndefined();
    expect((many.body.data as { inspections: { edges: unknown[] } }).inspections.edges.length).toBeGreaterThanOrEqual(6);
    expect(many.sql).toBe(one.sql);
  });
});
