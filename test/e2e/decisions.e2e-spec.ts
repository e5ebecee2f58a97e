import { Role } from '../../src/common/role.enum';
import { todayInVietnam } from '../../src/common/validation';
import { onlyError, startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 22, items 5 and 6: dates that cannot lie and can be corrected (with a reason and a
 * history), findings withdrawn rather than deleted, and who decides as the rules say.
 */
/** The demo accounts are people of the register: the cases here concern others, or recusal would hide them. */
const NOT_AN_ACCOUNT = 'NOT EXISTS (SELECT 1 FROM account a WHERE a.cadre_id = c.id)';

describe('decisions: dates, corrections, withdrawal and who decides', () => {
  let t: TestApp;
  let ic: string;
  let sc: string;
  let pb: string;
  let subject: { id: string; unit_id: string };
  let other: string;
  let team: string[];
  let nonParty: string;
  let retired: string;
  let inspectionId: string;
  let findingA: string;
  let findingB: string;

  const q = async <T>(sql: string, params: unknown[] = []) => (await t.app.dataSource.query(sql, params)) as T[];
  const count = async (table: string) => (await q<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const versionOf = async (table: string, id: string) =>
    (await q<{ version: number }>(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0]!.version;
  const daysAgo = (n: number) => {
    const d = new Date(`${todayInVietnam()}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - n);
    return d.toISOString().slice(0, 10);
  };
  const gql = async <T = Record<string, unknown>>(query: string, i: Record<string, unknown>, token = ic) => {
    const res = await t.gql<T>(query, { i }, token);
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data!;
  };
  const refused = async (query: string, i: Record<string, unknown>, token = ic) => onlyError(await t.gql(query, { i }, token));

  const CREATE = `mutation($i: CreateInspectionInput!) { createInspection(input: $i) { id version } }`;
  const MOVE = `mutation($i: TransitionInspectionInput!) { transitionInspection(input: $i) { id status decisionDate } }`;
  const FINDING = `mutation($i: RecordFindingInput!) { recordFinding(input: $i) { id } }`;
  const CORRECT = `mutation($i: CorrectDecisionInput!) { correctDecision(input: $i) { itemType itemId field oldValue newValue reason recomputed { field from to } } }`;
  const WITHDRAW = `mutation($i: WithdrawFindingInput!) { withdrawFinding(input: $i) { id status withdrawalReason withdrawnAt } }`;
  const OPEN = `mutation($i: OpenDisciplineCaseInput!) { openDisciplineCase(input: $i) { id } }`;
  const CASE_MOVE = `mutation($i: TransitionDisciplineCaseInput!) { transitionDisciplineCase(input: $i) { id status decidedBy decidingBody decisionDate appealDeadline notifications { id dueOn } } }`;
  const COMMEND = `mutation($i: RecordCommendationInput!) { recordCommendation(input: $i) { id version } }`;

  const moveInspection = (to: string, extra: Record<string, unknown> = {}) =>
    versionOf('inspection', inspectionId).then((version) => ({ id: inspectionId, version, to, ...extra }));
  const finding = (over: Record<string, unknown> = {}) => ({
    inspectionId,
    description: 'Giữ hồ sơ quá hạn không có lý do chính đáng',
    area: 'STAGNATION',
    severity: 'SHORTCOMING',
    concernedCadreIds: [subject.id],
    recommendation: 'PROPOSE_DISCIPLINE',
    ...over,
  });

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    [ic, sc, pb] = await Promise.all([
      t.tokenFor(Role.INSPECTION_COMMITTEE),
      t.tokenFor(Role.STANDING_COMMITTEE),
      t.tokenFor(Role.PARTY_BUILDING),
    ]);
    const members = await q<{ id: string; unit_id: string }>(
      `SELECT c.id, c.unit_id FROM cadre c JOIN post p ON p.id = c.post_id
        WHERE c.party_member AND c.civil_service_category = 'CIVIL_SERVANT' AND NOT p.is_management AND c.status = 'ACTIVE'
          AND (c.party_joined_on IS NULL OR c.party_joined_on < now() - interval '2 years') AND ${NOT_AN_ACCOUNT}
        ORDER BY c.full_name, c.id LIMIT 2`,
    );
    [subject] = members as [{ id: string; unit_id: string }];
    other = members[1]!.id;
    const outside = `JOIN unit u ON u.id = c.unit_id WHERE u.path NOT LIKE (SELECT path FROM unit WHERE id = $1) || '%' AND c.status = 'ACTIVE' AND ${NOT_AN_ACCOUNT}`;
    team = (
      await q<{ id: string }>(`SELECT c.id FROM cadre c ${outside} AND c.party_member ORDER BY c.id LIMIT 3`, [subject.unit_id])
    ).map((r) => r.id);
    nonParty = (
      await q<{ id: string }>(`SELECT c.id FROM cadre c ${outside} AND NOT c.party_member LIMIT 1`, [subject.unit_id])
    )[0]!.id;
    retired = team[2]!;
    await q(`UPDATE cadre SET status = 'RETIRED' WHERE id = $1`, [retired]);
  });
  afterAll(() => t.stop());

  it('refuses a team member who is not a Party member or not a current cadre, naming the rule, and writes nothing', async () => {
    const base = {
      kind: 'THEMATIC_INSPECTION',
      title: 'Kiểm tra việc giải quyết hồ sơ hành chính',
      subjectType: 'CADRE',
      subjectCadreId: subject.id,
      periodFrom: '2025-07-01',
      periodTo: '2026-06-30',
      leaderId: team[0],
    };
    const before = await count('inspection');
    const notMember = await refused(CREATE, { ...base, memberIds: [nonParty] });
    expect(notMember.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'TEAM_MEMBER_NOT_PARTY_MEMBER',
      fields: [{ path: 'input.memberIds.0' }],
    });
    expect(notMember.message).toMatch(/^Thành viên đoàn kiểm tra, giám sát của Đảng phải là đảng viên: .* không phải đảng viên/);
    const gone = await refused(CREATE, { ...base, memberIds: [retired] });
    expect(gone.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TEAM_MEMBER_NOT_CURRENT' });
    expect(await count('inspection')).toBe(before);
    inspectionId = (await gql<{ createInspection: { id: string } }>(CREATE, { ...base, memberIds: [team[1]] })).createInspection
      .id;
  });

  it('refuses an inspection decision dated in the future, and a correctBy already past when recorded', async () => {
    const future = await refused(
      MOVE,
      await moveInspection('DECIDED', { decisionNumber: '31-QĐ/UBKT', decisionDate: daysAgo(-1), issuingBody: 'UBKT Đảng ủy' }),
    );
    expect(future.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'DATE_IN_FUTURE',
      fields: [{ path: 'input.decisionDate' }],
    });
    expect(future.message).toBe(
      `Ngày không được ở tương lai: ngày quyết định kiểm tra, giám sát ${daysAgo(-1)} sau ngày hôm nay (${todayInVietnam()}, giờ Việt Nam)`,
    );
    expect(await q(`SELECT status, decision_date FROM inspection WHERE id = $1`, [inspectionId])).toEqual([
      { status: 'PLANNED', decision_date: null },
    ]);
    await gql(
      MOVE,
      await moveInspection('DECIDED', { decisionNumber: '31-QĐ/UBKT', decisionDate: daysAgo(30), issuingBody: 'UBKT' }),
    );
    await gql(MOVE, await moveInspection('IN_PROGRESS'));

    const before = await count('finding');
    const past = await refused(FINDING, finding({ recommendation: 'CORRECT_BY_DATE', correctBy: daysAgo(1) }));
    expect(past.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'DATE_IN_PAST',
      fields: [{ path: 'input.correctBy' }],
    });
    expect(await count('finding')).toBe(before);
    findingA = (await gql<{ recordFinding: { id: string } }>(FINDING, finding())).recordFinding.id;
    findingB = (
      await gql<{ recordFinding: { id: string } }>(
        FINDING,
        finding({ severity: 'OBSERVATION', recommendation: 'CORRECT_BY_DATE', correctBy: daysAgo(-10) }),
      )
    ).recordFinding.id;
  });

  it('opens a case from a finding only for a cadre the finding concerns', async () => {
    const before = await count('discipline_case');
    const err = await refused(OPEN, {
      subjectType: 'PARTY_MEMBER_FULL',
      cadreId: other,
      findingId: findingA,
      violationSummary: 'Giữ hồ sơ quá hạn',
      violationDate: daysAgo(60),
    });
    expect(err.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'CADRE_NOT_IN_FINDING',
      fields: [{ path: 'input.cadreId' }],
    });
    expect(await count('discipline_case')).toBe(before);
  });

  it('corrects a recorded date only with a reason, by the recorder or the Inspection Committee, keeping the old value', async () => {
    const before = await count('decision_correction');
    const noReason = await refused(CORRECT, {
      itemType: 'FINDING',
      id: findingB,
      field: 'CORRECT_BY',
      value: daysAgo(-20),
      reason: '   ',
    });
    expect(noReason.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'CORRECTION_REASON_REQUIRED',
      fields: [{ path: 'input.reason' }],
    });
    const wrongField = await refused(CORRECT, {
      itemType: 'FINDING',
      id: findingB,
      field: 'DECISION_DATE',
      value: daysAgo(1),
      reason: 'x',
    });
    expect(wrongField.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FIELD_NOT_CORRECTABLE' });
    // Party Building is allowed to correct what it recorded, not what the Inspection Committee recorded.
    const notRecorder = await refused(
      CORRECT,
      { itemType: 'FINDING', id: findingB, field: 'CORRECT_BY', value: daysAgo(-20), reason: 'Ghi nhầm hạn' },
      pb,
    );
    expect(notRecorder.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_RECORDER_OR_CHAIR' });
    expect(await count('decision_correction')).toBe(before);
    expect((await q(`SELECT correct_by::text AS d FROM finding WHERE id = $1`, [findingB]))[0]).toEqual({ d: daysAgo(-10) });

    const moved = await gql<{ correctDecision: Record<string, unknown> }>(CORRECT, {
      itemType: 'FINDING',
      id: findingB,
      field: 'CORRECT_BY',
      value: daysAgo(-20),
      reason: 'Biên bản ghi hạn 20 ngày, nhập nhầm 10 ngày',
    });
    expect(moved.correctDecision).toEqual({
      itemType: 'FINDING',
      itemId: findingB,
      field: 'CORRECT_BY',
      oldValue: daysAgo(-10),
      newValue: daysAgo(-20),
      reason: 'Biên bản ghi hạn 20 ngày, nhập nhầm 10 ngày',
      recomputed: [{ field: 'correctBy', from: daysAgo(-10), to: daysAgo(-20) }],
    });

    const futureDecision = await refused(CORRECT, {
      itemType: 'INSPECTION',
      id: inspectionId,
      version: await versionOf('inspection', inspectionId),
      field: 'DECISION_DATE',
      value: daysAgo(-3),
      reason: 'Sửa ngày',
    });
    expect(futureDecision.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_IN_FUTURE' });
    const stale = await refused(CORRECT, {
      itemType: 'INSPECTION',
      id: inspectionId,
      version: 1,
      field: 'DECISION_DATE',
      value: daysAgo(31),
      reason: 'Sửa ngày',
    });
    expect(stale.extensions?.['code']).toBe('CONFLICT');
    await gql(CORRECT, {
      itemType: 'INSPECTION',
      id: inspectionId,
      version: await versionOf('inspection', inspectionId),
      field: 'DECISION_DATE',
      value: daysAgo(31),
      reason: 'Quyết định ký ngày hôm trước',
    });
    const read = await t.gql<{ inspection: { decisionDate: string; corrections: Array<Record<string, unknown>> } }>(
      `query($id: ID!) { inspection(id: $id) { decisionDate corrections { field oldValue newValue reason correctedAt } } }`,
      { id: inspectionId },
      ic,
    );
    expect(read.body.data!.inspection).toMatchObject({
      decisionDate: daysAgo(31),
      corrections: [
        { field: 'DECISION_DATE', oldValue: daysAgo(30), newValue: daysAgo(31), reason: 'Quyết định ký ngày hôm trước' },
      ],
    });
  });

  it('withdraws a finding with a reason: kept and readable, out of the board, never the seed of a case', async () => {
    const BOARD = `{ board { findingsThisMonthBySeverity { key count } } }`;
    const observations = async () =>
      (
        await t.gql<{ board: { findingsThisMonthBySeverity: Array<{ key: string; count: number }> } }>(BOARD, {}, ic)
      ).body.data!.board.findingsThisMonthBySeverity.find((c) => c.key === 'OBSERVATION')!.count;
    const shown = await observations();
    expect(shown).toBeGreaterThanOrEqual(1);
    const blank = await refused(WITHDRAW, { id: findingB, reason: '' });
    expect(blank.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CORRECTION_REASON_REQUIRED' });
    const done = await gql<{ withdrawFinding: Record<string, unknown> }>(WITHDRAW, {
      id: findingB,
      reason: 'Ghi nhầm: thuộc cuộc kiểm tra khác',
    });
    expect(done.withdrawFinding).toMatchObject({
      id: findingB,
      status: 'WITHDRAWN',
      withdrawalReason: 'Ghi nhầm: thuộc cuộc kiểm tra khác',
    });
    expect(await observations()).toBe(shown - 1);
    expect((await refused(WITHDRAW, { id: findingB, reason: 'Lần nữa' })).extensions?.['code']).toBe('CONFLICT');
    const read = await t.gql<{ inspection: { findings: Array<{ id: string; status: string }> } }>(
      `query($id: ID!) { inspection(id: $id) { findings { id status } } }`,
      { id: inspectionId },
      ic,
    );
    expect(read.body.data!.inspection.findings).toContainEqual({ id: findingB, status: 'WITHDRAWN' });
    const seed = await refused(OPEN, {
      subjectType: 'PARTY_MEMBER_FULL',
      cadreId: subject.id,
      findingId: findingB,
      violationSummary: 'Từ phát hiện đã rút',
      violationDate: daysAgo(60),
    });
    expect(seed.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FINDING_WITHDRAWN' });
    expect(await q(`SELECT count(*)::int AS n FROM finding WHERE id = $1`, [findingB])).toEqual([{ n: 1 }]);
  });

  it('refuses a follow-up due, or fulfilled, before its conclusion or in the future', async () => {
    await gql(MOVE, await moveInspection('FINDINGS_REPORTED'));
    await gql(MOVE, await moveInspection('CONCLUDED', { conclusion: 'Có thiếu sót cần khắc phục.', assessment: 'SHORTCOMINGS' }));
    await q(`UPDATE inspection SET concluded_at = now() - interval '10 days' WHERE id = $1`, [inspectionId]);
    const ADD = `mutation($i: AddFollowUpInput!) { addFollowUp(input: $i) { id } }`;
    const FULFIL = `mutation($i: FulfilFollowUpInput!) { fulfilFollowUp(input: $i) { id fulfilledOn } }`;
    const early = await refused(ADD, { inspectionId, text: 'Khắc phục hồ sơ tồn đọng', dueOn: daysAgo(12) });
    expect(early.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'DATE_BEFORE_PREDECESSOR',
      fields: [{ path: 'input.dueOn' }],
    });
    const id = (
      await gql<{ addFollowUp: { id: string } }>(ADD, { inspectionId, text: 'Khắc phục hồ sơ tồn đọng', dueOn: daysAgo(2) })
    ).addFollowUp.id;
    const future = await refused(FULFIL, { id, fulfilledOn: daysAgo(-1), note: 'Đã khắc phục' });
    expect(future.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_IN_FUTURE' });
    const before = await refused(FULFIL, { id, fulfilledOn: daysAgo(11), note: 'Đã khắc phục' });
    expect(before.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_BEFORE_PREDECESSOR' });
    expect(before.message).toBe(
      `Ngày không được trước việc mà nó theo sau: ngày thực hiện kiến nghị ${daysAgo(11)} trước ngày kết luận kiến nghị ${daysAgo(10)}`,
    );
    expect(await q(`SELECT fulfilled_on FROM follow_up_item WHERE id = $1`, [id])).toEqual([{ fulfilled_on: null }]);
    await gql(FULFIL, { id, fulfilledOn: daysAgo(1), note: 'Đã khắc phục' });
    const fixed = await gql<{ correctDecision: { oldValue: string; newValue: string } }>(CORRECT, {
      itemType: 'FOLLOW_UP',
      id,
      field: 'FULFILLED_ON',
      value: daysAgo(3),
      reason: 'Báo cáo khắc phục đề ngày sớm hơn',
    });
    expect(fixed.correctDecision).toMatchObject({ oldValue: daysAgo(1), newValue: daysAgo(3) });
  });

  let caseId: string;

  it('lets only the bodies the rules name decide: State discipline of a civil servant by the People’s Committee chairman', async () => {
    caseId = (
      await gql<{ openDisciplineCase: { id: string } }>(OPEN, {
        subjectType: 'CIVIL_SERVANT',
        cadreId: subject.id,
        findingId: findingA,
        violationSummary: 'Giữ hồ sơ quá hạn không có lý do',
        violationDate: daysAgo(60),
      })
    ).openDisciplineCase.id;
    const move = async (to: string, extra: Record<string, unknown> = {}, token = ic) =>
      t.gql<{ transitionDisciplineCase: Record<string, unknown> }>(
        CASE_MOVE,
        { i: { id: caseId, version: await versionOf('discipline_case', caseId), to, ...extra } },
        token,
      );
    await move('UNDER_REVIEW');
    await move('PROPOSED', { selfCriticism: 'Tôi nhận khuyết điểm.', proposedForm: 'REPRIMAND' });
    const decision = { form: 'REPRIMAND', decisionNumber: '301/QĐ-UBND', decisionDate: daysAgo(3), effectiveDate: daysAgo(3) };
    const party = onlyError(await move('DECIDED', { ...decision, decidedBy: 'PARTY_STANDING_COMMITTEE' }, sc));
    expect(party.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'DECIDING_BODY_NOT_ALLOWED',
      fields: [{ path: 'input.decidedBy', message: 'chỉ: WARD_PEOPLES_COMMITTEE_CHAIRMAN' }],
    });
    expect(party.message).toContain(
      'Ban Thường vụ Đảng ủy phường (PARTY_STANDING_COMMITTEE) không có thẩm quyền quyết định hình thức REPRIMAND đối với CIVIL_SERVANT',
    );
    expect(party.message).toContain('chỉ: Chủ tịch Ủy ban nhân dân phường (WARD_PEOPLES_COMMITTEE_CHAIRMAN)');
    const missing = onlyError(await move('DECIDED', decision));
    expect(missing.message).toContain('cần decidedBy');
    const future = onlyError(
      await move('DECIDED', { ...decision, decisionDate: daysAgo(-1), decidedBy: 'WARD_PEOPLES_COMMITTEE_CHAIRMAN' }),
    );
    expect(future.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_IN_FUTURE' });
    expect(await count('discipline_notification')).toBe(0);
    const decided = await move('DECIDED', { ...decision, decidedBy: 'WARD_PEOPLES_COMMITTEE_CHAIRMAN' });
    expect(decided.body.errors).toBeUndefined();
    expect(decided.body.data!.transitionDisciplineCase).toMatchObject({
      status: 'DECIDED',
      decidedBy: 'WARD_PEOPLES_COMMITTEE_CHAIRMAN',
      decidingBody: 'Chủ tịch Ủy ban nhân dân phường',
      notifications: [{ dueOn: daysAgo(-2) }],
    });
  });

  it('refuses a notification sent in the future or before the decision', async () => {
    const [n] = await q<{ id: string }>(`SELECT id FROM discipline_notification WHERE case_id = $1`, [caseId]);
    const SENT = `mutation($i: MarkNotificationSentInput!) { markDisciplineNotificationSent(input: $i) { id sentOn } }`;
    const future = await refused(SENT, { id: n!.id, sentOn: daysAgo(-1), reference: 'CV 5/UBND' });
    expect(future.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'DATE_IN_FUTURE',
      fields: [{ path: 'input.sentOn' }],
    });
    const early = await refused(SENT, { id: n!.id, sentOn: daysAgo(4), reference: 'CV 5/UBND' });
    expect(early.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_BEFORE_PREDECESSOR' });
    expect(await q(`SELECT sent_on FROM discipline_notification WHERE id = $1`, [n!.id])).toEqual([{ sent_on: null }]);
  });

  it('corrects a discipline decision date, recomputing and naming the deadlines that count from it', async () => {
    const correct = async (value: string) =>
      t.gql<{ correctDecision: Record<string, unknown> }>(
        CORRECT,
        {
          i: {
            itemType: 'DISCIPLINE_CASE',
            id: caseId,
            version: await versionOf('discipline_case', caseId),
            field: 'DECISION_DATE',
            value,
            reason: 'Quyết định ký sớm hơn ngày đã nhập',
          },
        },
        ic,
      );
    // The recorded effective date cannot come before the corrected decision date.
    const late = onlyError(await correct(daysAgo(1)));
    expect(late.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_BEFORE_PREDECESSOR' });
    const res = await correct(daysAgo(8));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.correctDecision).toMatchObject({
      oldValue: daysAgo(3),
      newValue: daysAgo(8),
      recomputed: [
        { field: 'appealDeadline', from: daysAgo(-27), to: daysAgo(-22) },
        { field: 'notification.dueOn', from: daysAgo(-2), to: daysAgo(3) },
      ],
    });
    const read = await t.gql<{ disciplineCase: Record<string, unknown> }>(
      `query($id: ID!) { disciplineCase(id: $id) { decisionDate appealDeadline notificationOverdue notifications { dueOn overdue } corrections { field oldValue newValue } } }`,
      { id: caseId },
      ic,
    );
    expect(read.body.data!.disciplineCase).toEqual({
      decisionDate: daysAgo(8),
      appealDeadline: daysAgo(-22),
      notificationOverdue: true,
      notifications: [{ dueOn: daysAgo(3), overdue: true }],
      corrections: [{ field: 'DECISION_DATE', oldValue: daysAgo(3), newValue: daysAgo(8) }],
    });
  });

  it('fits a commendation’s form to its recipient, and none for someone disciplined that year', async () => {
    const [cell] = await q<{ id: string }>(`SELECT id FROM unit WHERE kind = 'RESIDENTIAL_PARTY_CELL' ORDER BY code LIMIT 1`);
    const [office] = await q<{ id: string }>(`SELECT id FROM unit WHERE kind = 'OFFICE' LIMIT 1`);
    const base = {
      form: 'EXEMPLARY_PARTY_MEMBER',
      level: 'WARD',
      decisionNumber: '12-QĐ/ĐU',
      decisionDate: daysAgo(8),
      issuingBody: 'Ban Thường vụ Đảng ủy phường',
      reason: 'Hoàn thành xuất sắc nhiệm vụ tiêu biểu',
    };
    const before = await count('commendation');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ cadreId: nonParty }, 'input.form'],
      [{ unitId: cell!.id, form: 'ADVANCED_LABOUR' }, 'input.form'],
      [{ unitId: office!.id, form: 'CLEAN_STRONG_ORGANISATION' }, 'input.unitId'],
      [{ cadreId: subject.id, form: 'COMMENDATION_PAPER' }, 'input.cadreId'],
    ];
    for (const [over, path] of cases) {
      const err = await refused(COMMEND, { ...base, ...over }, pb);
      expect({ over, ext: err.extensions }).toMatchObject({
        over,
        ext: { code: 'BAD_USER_INPUT', reason: 'FORM_DOES_NOT_FIT_RECIPIENT', fields: [{ path }] },
      });
    }
    const future = await refused(COMMEND, { ...base, cadreId: team[0], decisionDate: daysAgo(-1) }, pb);
    expect(future.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_IN_FUTURE' });
    expect(await count('commendation')).toBe(before);

    const made = (await gql<{ recordCommendation: { id: string; version: number } }>(COMMEND, { ...base, cadreId: team[0] }, pb))
      .recordCommendation;
    const UPDATE = `mutation($i: UpdateCommendationInput!) { updateCommendation(input: $i) { id } }`;
    const silent = await refused(UPDATE, { id: made.id, version: made.version, decisionNumber: '13-QĐ/ĐU' }, pb);
    expect(silent.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CORRECTION_REASON_REQUIRED' });
    const fix = {
      itemType: 'COMMENDATION',
      id: made.id,
      version: made.version,
      field: 'DECISION_NUMBER',
      value: '13-QĐ/ĐU',
      reason: 'Số quyết định nhập nhầm',
    };
    // The Standing Committee neither recorded it nor is the Inspection Committee; the recorder corrects it.
    expect((await refused(CORRECT, fix, sc)).extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_RECORDER_OR_CHAIR' });
    expect((await gql<{ correctDecision: { oldValue: string } }>(CORRECT, fix, pb)).correctDecision.oldValue).toBe('12-QĐ/ĐU');
    expect(await q(`SELECT decision_number FROM commendation WHERE id = $1`, [made.id])).toEqual([
      { decision_number: '13-QĐ/ĐU' },
    ]);
  });
});
