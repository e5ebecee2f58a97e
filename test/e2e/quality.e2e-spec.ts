import { Role } from '../../src/common/role.enum';
import { todayInVietnam } from '../../src/common/validation';
import { onlyError, startTestApp, type TestApp } from '../support/test-app';

const RECORD = `mutation($i: RecordEvaluationInput!) { recordEvaluation(input: $i) { id year rating score taskGroup ruleSetId unit { name } disciplinedThisYear citizenSatisfaction { answers } } }`;
const ATTEND = `mutation($i: RecordAttendanceInput!) { recordTrainingAttendance(input: $i) { id category year result } }`;
const COURSE = `mutation($i: CreateTrainingCourseInput!) { createTrainingCourse(input: $i) { id year } }`;
const SAT = `mutation($i: RecordSatisfactionInput!) { recordSatisfactionResult(input: $i) { id score year channel } }`;
const PROC = `mutation($i: RecordProcedureCaseInput!) { recordProcedureCase(input: $i) { id receiptNumber year surveyCode } }`;
const SUBMIT = `mutation($i: SubmitSatisfactionInput!) { submitSatisfaction(input: $i) }`;

type Row = { id: string };

describe('cadre quality: evaluations, training and satisfaction', () => {
  let t: TestApp;
  let pb: string;
  let head: string;
  let viewer: string;
  const year = Number(todayInVietnam().slice(0, 4));
  const evaluation = (cadreId: string, rating: string, extra: Record<string, unknown> = {}) => ({
    i: { cadreId, year, selfAssessment: 'Hoàn thành các nhiệm vụ được giao.', rating, ...extra },
  });

  beforeAll(async () => {
    t = await startTestApp({ seed: true, seedInspections: true, env: { SATISFACTION_SUBMITS_PER_HOUR: '3' } });
    pb = await t.tokenFor(Role.PARTY_BUILDING);
    head = await t.tokenFor(Role.UNIT_HEAD);
    viewer = await t.tokenFor(Role.VIEWER);
  });
  afterAll(() => t.stop());

  /** Non-leader cadres of the government unit with the most of them, not disciplined. */
  async function staffOfBiggestUnit(): Promise<{ unitId: string; unitName: string; ids: string[] }> {
    const [u] = (await t.app.dataSource.query(
      `SELECT c.unit_id, u.name, array_agg(c.id ORDER BY c.id) AS ids FROM cadre c JOIN post p ON p.id = c.post_id JOIN unit u ON u.id = c.unit_id
       WHERE NOT p.is_management AND u.body = 'GOVERNMENT' AND NOT EXISTS (SELECT 1 FROM discipline_case d WHERE d.cadre_id = c.id)
       GROUP BY c.unit_id, u.name ORDER BY count(*) DESC, c.unit_id LIMIT 1`,
    )) as Array<{ unit_id: string; name: string; ids: string[] }>;
    return { unitId: u!.unit_id, unitName: u!.name, ids: u!.ids };
  }

  it('rates a cadre, and refuses a second evaluation of the same year with CONFLICT', async () => {
    const { ids } = await staffOfBiggestUnit();
    const first = await t.gql<{
      recordEvaluation: {
        rating: string;
        taskGroup: string;
        ruleSetId: string;
        unit: { name: string };
        disciplinedThisYear: boolean;
      };
    }>(RECORD, evaluation(ids[0]!, 'WELL', { score: 82, unitHeadAssessment: 'Hoàn thành tốt.' }), pb);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.recordEvaluation).toMatchObject({
      rating: 'WELL',
      taskGroup: 'STAFF',
      ruleSetId: 'vn-2025',
      disciplinedThisYear: false,
    });
    const dup = onlyError(await t.gql(RECORD, evaluation(ids[0]!, 'COMPLETED'), pb));
    expect(dup.extensions?.['code']).toBe('CONFLICT');
    expect(dup.message).toContain(`đã có đánh giá năm ${year}`);
    expect(dup.extensions?.['reason']).toBe('EVALUATION_EXISTS');
  });

  it('refuses a rating for a year the cadre was not employed in, naming the field', async () => {
    const { ids } = await staffOfBiggestUnit();
    await t.app.dataSource.query(`UPDATE cadre SET employed_from = $2 WHERE id = $1`, [ids[1], `${year}-03-01`]);
    const err = onlyError(await t.gql(RECORD, { i: { ...evaluation(ids[1]!, 'WELL').i, year: year - 1 } }, pb));
    expect(err.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(err.message).toContain(`không công tác trong năm ${year - 1}`);
    expect(err.extensions).toMatchObject({
      reason: 'NOT_EMPLOYED_IN_YEAR',
      fields: [{ path: 'input.year', message: `cán bộ không công tác trong năm ${year - 1}`, code: 'NOT_EMPLOYED_IN_YEAR' }],
    });
    const future = onlyError(await t.gql(RECORD, { i: { ...evaluation(ids[1]!, 'WELL').i, year: year + 1 } }, pb));
    expect(future.extensions).toMatchObject({
      reason: 'YEAR_IN_FUTURE',
      fields: [{ path: 'input.year', code: 'YEAR_IN_FUTURE' }],
    });
    // A cadre with no recorded start of employment: not before the ward existed (formed 1 July
    // 2025), and not before the cadre turned 18.
    const unknownStart = ids[2]!;
    await t.app.dataSource.query(`UPDATE cadre SET employed_from = NULL WHERE id = $1`, [unknownStart]);
    const beforeWard = onlyError(await t.gql(RECORD, { i: { ...evaluation(unknownStart, 'WELL').i, year: 2024 } }, pb));
    expect(beforeWard.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'BEFORE_WARD_FORMED',
      fields: [{ path: 'input.year', message: 'phải từ năm 2025 trở đi', code: 'BEFORE_WARD_FORMED' }],
    });
    expect(beforeWard.message).toContain('phường chưa thành lập');
    const [{ n }] = (await t.owner.query(`SELECT count(*)::int AS n FROM evaluation WHERE cadre_id = $1 AND year < 2025`, [
      unknownStart,
    ])) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('refuses a rating above the band of its 100-point score', async () => {
    const { ids } = await staffOfBiggestUnit();
    const err = onlyError(await t.gql(RECORD, evaluation(ids[2]!, 'WELL', { score: 65 }), pb));
    expect(err.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(err.extensions?.['fields']).toEqual([
      { path: 'input.rating', message: 'với 65 điểm, cao nhất là "hoàn thành nhiệm vụ"', code: 'RATING_ABOVE_SCORE_BAND' },
    ]);
    const bad = onlyError(await t.gql(RECORD, evaluation(ids[2]!, 'WELL', { score: 101 }), pb));
    expect(bad.extensions?.['fields']).toEqual([{ path: 'input.score', message: 'phải từ 0 đến 100', code: 'OUT_OF_RANGE' }]);
  });

  it('refuses a score written with an exponent (1e-7) as input, where class-validator’s decimal count used to throw', async () => {
    const { ids } = await staffOfBiggestUnit();
    for (const score of [1e-7, 50.001]) {
      const err = onlyError(await t.gql(RECORD, evaluation(ids[2]!, 'COMPLETED', { score }), pb));
      expect(err.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'input.score', message: 'phải là một số có tối đa 2 chữ số thập phân' }],
      });
    }
    const tiny = onlyError(await t.gql(RECORD, evaluation(ids[2]!, 'COMPLETED', { score: -5e-323 }), pb));
    expect(tiny.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.score', message: 'phải từ 0 đến 100', code: 'OUT_OF_RANGE' }],
    });
  });

  it('refuses an ID argument that is not a UUID with BAD_USER_INPUT naming it, instead of a database cast error', async () => {
    const attitude = onlyError(
      await t.gql(`{ attitudeEvaluations(year: 2026, unitId: "không-phải-uuid") { respondents } }`, {}, pb),
    );
    expect(attitude.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'unitId', message: 'phải là một mã UUID', code: 'INVALID_ID' }],
    });
    const plan = onlyError(await t.gql(`{ workPlan(year: 2026, cadreId: 6) { __typename } }`, {}, pb));
    expect(plan.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'cadreId', message: 'phải là một mã UUID', code: 'INVALID_ID' }],
    });
  });

  it('rates anyone disciplined that year (a FINAL case) "not completed"', async () => {
    const [c] = (await t.app.dataSource.query(
      `SELECT cadre_id, decision_number FROM discipline_case WHERE status = 'FINAL' AND extract(year FROM decision_date) = $1 AND cadre_id IS NOT NULL LIMIT 1`,
      [year],
    )) as Array<{ cadre_id: string; decision_number: string }>;
    expect(c).toBeDefined();
    const err = onlyError(await t.gql(RECORD, evaluation(c!.cadre_id, 'WELL'), pb));
    expect(err.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(err.message).toContain(`bị kỷ luật trong năm ${year} (quyết định ${c!.decision_number}`);
    expect(err.extensions?.['fields']).toEqual([
      {
        path: 'input.rating',
        message: `phải là "không hoàn thành nhiệm vụ": bị kỷ luật trong năm ${year}`,
        code: 'DISCIPLINED_IN_YEAR',
      },
    ]);
    const ok = await t.gql<{ recordEvaluation: { rating: string; disciplinedThisYear: boolean } }>(
      RECORD,
      evaluation(c!.cadre_id, 'NOT_COMPLETED'),
      pb,
    );
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data!.recordEvaluation).toMatchObject({ rating: 'NOT_COMPLETED', disciplinedThisYear: true });
  });

  it('keeps "excellent" within 20% of "well" in a unit and task group, unless an exception is recorded', async () => {
    const { unitId, unitName, ids } = await staffOfBiggestUnit();
    // ids[0] is WELL already; ids[1] was not employed last year but is this year; ids[2] still unrated.
    const pool = ids.slice(1);
    expect(pool.length).toBeGreaterThanOrEqual(7);
    for (const id of pool.slice(0, 4)) expect((await t.gql(RECORD, evaluation(id, 'WELL'), head)).body.errors).toBeUndefined();
    // 5 WELL: one EXCELLENT allowed.
    expect((await t.gql(RECORD, evaluation(pool[4]!, 'EXCELLENT', { score: 95 }), head)).body.errors).toBeUndefined();
    const over = onlyError(await t.gql(RECORD, evaluation(pool[5]!, 'EXCELLENT', { score: 96 }), head));
    expect(over.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(over.message).toContain(
      `Vượt tỷ lệ "hoàn thành xuất sắc nhiệm vụ" ở ${unitName}, năm ${year}, nhóm nhiệm vụ STAFF: 2 người "hoàn thành xuất sắc nhiệm vụ" so với 5 người "hoàn thành tốt nhiệm vụ"`,
    );
    expect(over.extensions?.['fields']).toEqual([
      { path: 'input.rating', message: 'vượt tỷ lệ: 2 xuất sắc, 5 tốt, tối đa 1', code: 'EXCELLENT_QUOTA_EXCEEDED' },
    ]);
    // Nothing half-written: the refused evaluation does not exist.
    const [{ n }] = (await t.app.dataSource.query(`SELECT count(*)::int AS n FROM evaluation WHERE cadre_id = $1`, [
      pool[5],
    ])) as [{ n: number }];
    expect(n).toBe(0);
    const ex = await t.gql(
      `mutation($i: RecordQuotaExceptionInput!) { recordRatingQuotaException(input: $i) { id taskGroup } }`,
      { i: { unitId, year, taskGroup: 'STAFF', decisionNumber: '15-QĐ/ĐU', reason: 'Đơn vị dẫn đầu phong trào thi đua năm.' } },
      pb,
    );
    expect(ex.body.errors).toBeUndefined();
    expect((await t.gql(RECORD, evaluation(pool[5]!, 'EXCELLENT', { score: 96 }), head)).body.errors).toBeUndefined();
  });

  it('lets a unit head rate only its own subtree, and a viewer not at all', async () => {
    const [outside] = (await t.app.dataSource.query(
      `SELECT c.id FROM cadre c JOIN unit u ON u.id = c.unit_id WHERE u.body = 'PARTY_OFFICE' ORDER BY c.id LIMIT 1`,
    )) as Row[];
    const err = onlyError(await t.gql(RECORD, evaluation(outside!.id, 'WELL'), head));
    expect(err.extensions?.['code']).toBe('NOT_FOUND');
    expect(onlyError(await t.gql(RECORD, evaluation(outside!.id, 'WELL'), viewer)).extensions?.['code']).toBe('FORBIDDEN');
  });

  it('records training, refuses a duplicate and a certificate without a pass, and lists who is not yet trained', async () => {
    const course = await t.gql<{ createTrainingCourse: { id: string; year: number } }>(
      COURSE,
      {
        i: {
          title: 'Bồi dưỡng kỹ năng tiếp công dân',
          category: 'CITIZEN_RECEPTION',
          mode: 'IN_PERSON',
          startsOn: `${year}-04-02`,
          endsOn: `${year}-04-03`,
          provider: 'Trung tâm Chính trị phường',
        },
      },
      pb,
    );
    expect(course.body.errors).toBeUndefined();
    const courseId = course.body.data!.createTrainingCourse.id;
    const backwards = onlyError(
      await t.gql(
        COURSE,
        {
          i: {
            title: 'Lớp sai ngày',
            category: 'PROFESSIONAL',
            mode: 'ONLINE',
            startsOn: `${year}-05-02`,
            endsOn: `${year}-05-01`,
            provider: 'X tỉnh',
          },
        },
        pb,
      ),
    );
    expect(backwards.extensions?.['fields']).toEqual([
      { path: 'input.endsOn', message: 'không được trước ngày bắt đầu', code: 'ENDS_BEFORE_START' },
    ]);
    const { ids } = await staffOfBiggestUnit();
    const before = await t.gql<{ untrainedCadres: { totalCount: number } }>(
      `query($y: Int!) { untrainedCadres(year: $y, category: CITIZEN_RECEPTION) { totalCount cadres { id } } }`,
      { y: year },
      pb,
    );
    const ok = await t.gql(ATTEND, { i: { courseId, cadreId: ids[0], result: 'PASSED', certificateNumber: 'CN-001' } }, pb);
    expect(ok.body.errors).toBeUndefined();
    expect(onlyError(await t.gql(ATTEND, { i: { courseId, cadreId: ids[0], result: 'PASSED' } }, pb)).extensions?.['code']).toBe(
      'CONFLICT',
    );
    const cert = onlyError(
      await t.gql(ATTEND, { i: { courseId, cadreId: ids[3], result: 'FAILED', certificateNumber: 'CN-002' } }, pb),
    );
    expect(cert.extensions?.['fields']).toEqual([
      { path: 'input.certificateNumber', message: 'chỉ khi kết quả là PASSED', code: 'CERTIFICATE_WITHOUT_PASS' },
    ]);
    const after = await t.gql<{ untrainedCadres: { totalCount: number } }>(
      `query($y: Int!) { untrainedCadres(year: $y, category: CITIZEN_RECEPTION) { totalCount } }`,
      { y: year },
      pb,
    );
    expect(after.body.data!.untrainedCadres.totalCount).toBe(before.body.data!.untrainedCadres.totalCount - 1);
  });

  it('lists what a cadre lacks against the post standard', async () => {
    const res = await t.gql<{
      cadres: { edges: Array<{ node: { standardGaps: Array<{ requirement: string; message: string }> } }> };
    }>(`{ cadres(first: 100) { edges { node { id standardGaps { requirement required actual message } } } } }`, undefined, pb);
    expect(res.body.errors).toBeUndefined();
    const gaps = res.body.data!.cadres.edges.flatMap((e) => e.node.standardGaps);
    expect(gaps.some((g) => g.requirement === 'TRAINING' && g.message.startsWith('Chưa được bồi dưỡng'))).toBe(true);
    // The sql count does not grow with the page: standards and training are batched.
    expect(res.sql).toBeLessThan(10);
  });

  it('records satisfaction on the fixed scale, one answer per procedure, and takes the citizen’s own answer with the survey code', async () => {
    const { unitId, ids } = await staffOfBiggestUnit();
    const proc = await t.gql<{ recordProcedureCase: { surveyCode: string } }>(
      PROC,
      {
        i: {
          receiptNumber: 'AB-2026-000001',
          procedureName: 'Chứng thực bản sao',
          completedOn: `${year}-06-01`,
          unitId,
          cadreId: ids[0],
        },
      },
      pb,
    );
    expect(proc.body.errors).toBeUndefined();
    expect(
      onlyError(
        await t.gql(
          PROC,
          { i: { receiptNumber: 'ab-2026-000001', procedureName: 'Chứng thực', completedOn: `${year}-06-01`, unitId } },
          pb,
        ),
      ).extensions?.['code'],
    ).toBe('CONFLICT');
    const off = onlyError(
      await t.gql(SAT, { i: { receiptNumber: 'AB-2026-000001', surveyedOn: `${year}-06-02`, score: 6 } }, pb),
    );
    expect(off.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(off.extensions?.['fields']).toMatchObject([{ path: 'input.score', message: 'phải từ 1 đến 5', code: 'OUT_OF_RANGE' }]);
    const zero = onlyError(
      await t.gql(SAT, { i: { receiptNumber: 'AB-2026-000001', surveyedOn: `${year}-06-02`, score: 0 } }, pb),
    );
    expect(zero.extensions?.['fields']).toMatchObject([
      { path: 'input.score', message: 'phải từ 1 đến 5', code: 'OUT_OF_RANGE' },
    ]);
    const noUnit = onlyError(await t.gql(SAT, { i: { surveyedOn: `${year}-06-02`, score: 4 } }, pb));
    expect(noUnit.extensions?.['fields']).toMatchObject([
      { path: 'input.procedureName', message: 'bắt buộc khi không có số biên nhận', code: 'REQUIRED' },
      { path: 'input.unitId', message: 'bắt buộc khi không có số biên nhận', code: 'REQUIRED' },
    ]);
    // The citizen answers with the survey code printed on the receipt, no account; typed loosely.
    const code = proc.body.data!.recordProcedureCase.surveyCode;
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z]$/);
    expect(
      (await t.gql(SUBMIT, { i: { surveyCode: code.toLowerCase().replace(/-/g, ' '), score: 5, comment: 'Cán bộ nhiệt tình.' } }))
        .body.data,
    ).toEqual({ submitSatisfaction: true });
    expect(onlyError(await t.gql(SUBMIT, { i: { surveyCode: code, score: 4 } })).extensions?.['code']).toBe('CONFLICT');
    // The receipt number alone is no longer enough: it is sequential.
    const noCode = onlyError(await t.gql(SUBMIT, { i: { receiptNumber: 'AB-2026-000001', score: 4 } }));
    expect(noCode.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SURVEY_CODE_REQUIRED' });
    expect(onlyError(await t.gql(SUBMIT, { i: { surveyCode: code, score: 4 } })).extensions?.['code']).toBe('RATE_LIMITED');
    // Coverage and index: one procedure, one answer.
    const idx = await t.gql<{
      satisfactionIndex: Array<{ procedures: number; surveyed: number; coveragePercent: number; satisfiedPercent: number }>;
    }>(
      `query($y: Int!, $u: ID) { satisfactionIndex(year: $y, groupBy: UNIT, unitId: $u) { key procedures surveyed coveragePercent answers averageScore satisfiedPercent } }`,
      { y: year, u: unitId },
      viewer,
    );
    expect(idx.body.errors).toBeUndefined();
    expect(idx.body.data!.satisfactionIndex[0]).toMatchObject({
      procedures: 1,
      surveyed: 1,
      coveragePercent: 100,
      satisfiedPercent: 100,
    });
    // The answer shows beside the cadre's evaluation.
    const ev = await t.gql<{
      evaluations: Array<{ cadre: { id: string }; citizenSatisfaction: { answers: number; averageScore: number } }>;
    }>(
      `query($y: Int!) { evaluations(year: $y) { cadre { id } citizenSatisfaction { answers averageScore } } }`,
      { y: year },
      pb,
    );
    expect(ev.body.data!.evaluations.find((e) => e.cadre.id === ids[0])!.citizenSatisfaction).toEqual({
      answers: 1,
      averageScore: 5,
    });
    expect(
      onlyError(await t.gql(`query($y: Int!) { satisfactionIndex(year: $y, groupBy: CADRE) { key } }`, { y: year }, viewer))
        .extensions?.['code'],
    ).toBe('FORBIDDEN');
  });

  it('refuses a schedule asked from a day not on the calendar (2026-02-30) with BAD_USER_INPUT, not an internal error', async () => {
    const ask = (from: string) =>
      t.gql(`query($from: String!) { receptionSchedule(from: $from, to: "2026-03-31") { day } }`, { from });
    const notReal = onlyError(await ask('2026-02-30'));
    expect(notReal.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'DATE_NOT_REAL',
      fields: [{ path: 'from', code: 'DATE_NOT_REAL' }],
    });
    expect(notReal.message).toBe('from: 2026-02-30 không phải là một ngày có thật');
    expect(onlyError(await ask('30/02/2026')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_FORMAT' });
    expect((await ask('2026-02-28')).body.errors).toBeUndefined();
  });

  it('publishes the reception schedule to the public and records sessions with their reports', async () => {
    const [leader] = (await t.app.dataSource.query(
      `SELECT c.id FROM cadre c JOIN post p ON p.id = c.post_id WHERE p.code = 'PEOPLES_COMMITTEE_CHAIR' LIMIT 1`,
    )) as Row[];
    const staff = await t.tokenFor(Role.INTAKE_STAFF);
    const sch = await t.gql<{ scheduleReception: { id: string; receiverLabel: string } }>(
      `mutation($i: ScheduleReceptionInput!) { scheduleReception(input: $i) { id receiverLabel } }`,
      {
        i: {
          kind: 'CITIZEN_RECEPTION',
          day: `${year}-12-15`,
          startsAt: '07:30',
          endsAt: '11:00',
          receiverCadreId: leader!.id,
          location: 'Trụ sở UBND phường',
        },
      },
      staff,
    );
    expect(sch.body.errors).toBeUndefined();
    expect(sch.body.data!.scheduleReception.receiverLabel).toContain('Chủ tịch Ủy ban nhân dân phường');
    const pub = await t.gql<{ receptionSchedule: Array<{ receiverLabel: string; startsAt: string }> }>(
      `query { receptionSchedule(from: "${year}-12-01", to: "${year}-12-31") { day startsAt endsAt receiverLabel location kind } }`,
    );
    expect(pub.body.errors).toBeUndefined();
    expect(pub.body.data!.receptionSchedule).toHaveLength(1);
    const badReport = onlyError(
      await t.gql(
        `mutation($i: RecordReceptionSessionInput!) { recordReceptionSession(input: $i) { id } }`,
        {
          i: {
            kind: 'CITIZEN_RECEPTION',
            heldOn: `${year}-11-10`,
            receiverCadreIds: [leader!.id],
            citizenCount: 4,
            summary: 'Tiếp 4 công dân.',
            reportIds: ['00000000-0000-4000-8000-000000000000'],
          },
        },
        staff,
      ),
    );
    expect(badReport.extensions?.['fields']).toEqual([
      { path: 'input.reportIds.0', message: 'không có đơn thư này', code: 'UNKNOWN_REPORT' },
    ]);
  });
});
