import { createHash } from 'node:crypto';
import { Role } from '../../src/common/role.enum';
import { todayInVietnam } from '../../src/common/validation';
import { generateReceiptCode } from '../../src/modules/reports/receipt-code';
import { DEMO_SURVEY_CODES } from '../../src/demo/quality.seed';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The citizen's satisfaction answer cannot be stuffed: it needs the survey code printed on the
 * procedure's receipt (80 random bits), not the sequential receipt number; one answer per
 * procedure; a guessed code is refused with one answer, after the same work, whether or not the
 * procedure exists.
 */
const PROC = `mutation($i: RecordProcedureCaseInput!) { recordProcedureCase(input: $i) { id receiptNumber surveyCode } }`;
const SUBMIT = `mutation($i: SubmitSatisfactionInput!) { submitSatisfaction(input: $i) }`;

describe('satisfaction answers with the survey code', () => {
  let t: TestApp;
  let pb: string;
  let unitId: string;
  const today = todayInVietnam();
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp({ seed: true, seedQuality: true, env: { SATISFACTION_SUBMITS_PER_HOUR: '1000' } });
    pb = await t.tokenFor(Role.PARTY_BUILDING);
    const [u] = (await t.app.dataSource.query(`SELECT id FROM unit WHERE body = 'GOVERNMENT' ORDER BY path LIMIT 1`)) as Array<{
      id: string;
    }>;
    unitId = u!.id;
  });
  afterAll(() => t.stop());

  async function procedure(): Promise<{ id: string; receiptNumber: string; surveyCode: string }> {
    n += 1;
    const res = await t.gql<{ recordProcedureCase: { id: string; receiptNumber: string; surveyCode: string } }>(
      PROC,
      {
        i: {
          receiptNumber: `KS-${today.slice(0, 4)}-${String(n).padStart(6, '0')}`,
          procedureName: 'Chứng thực bản sao',
          completedOn: today,
          unitId,
        },
      },
      pb,
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.recordProcedureCase;
  }

  const answer = (i: Record<string, unknown>) => t.gql<{ submitSatisfaction: boolean }>(SUBMIT, { i: { score: 4, ...i } });

  it('gives the code once, with the recorded procedure, and keeps only its hash', async () => {
    const p = await procedure();
    expect(p.surveyCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z]$/);
    const [row] = (await t.owner.query(
      `SELECT survey_code_hash, row_to_json(p)::text AS whole FROM procedure_case p WHERE id = $1`,
      [p.id],
    )) as Array<{ survey_code_hash: string; whole: string }>;
    expect(row!.survey_code_hash).toBe(createHash('sha256').update(`survey:${p.surveyCode}`).digest('hex'));
    expect(row!.whole).not.toContain(p.surveyCode);
    expect(row!.whole).not.toContain(p.surveyCode.replace(/-/g, ''));
    // Two procedures never share a code.
    expect((await procedure()).surveyCode).not.toBe(p.surveyCode);
  });

  it('takes one answer per procedure, even when two arrive at once', async () => {
    const p = await procedure();
    const [a, b] = await Promise.all([
      answer({ surveyCode: p.surveyCode, score: 5 }),
      answer({ surveyCode: p.surveyCode, score: 1 }),
    ]);
    const outcomes = [a, b].map((r) => r.body.data?.submitSatisfaction ?? r.body.errors?.[0]?.extensions?.['code']).sort();
    expect(outcomes).toEqual(['CONFLICT', true].sort());
    const later = await answer({ surveyCode: p.surveyCode });
    expect(later.body.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
    const [count] = (await t.owner.query(`SELECT count(*)::int AS n FROM satisfaction_result WHERE procedure_case_id = $1`, [
      p.id,
    ])) as Array<{ n: number }>;
    expect(count!.n).toBe(1);
  });

  it('refuses a guessed code with one answer after the same work, whether or not the procedure exists', async () => {
    const real = await procedure();
    const other = await procedure();
    const mistyped = `${real.surveyCode.slice(0, -1)}${real.surveyCode.endsWith('A') ? 'B' : 'A'}`;
    const tries = {
      unknown: await answer({ surveyCode: generateReceiptCode() }),
      mistyped: await answer({ surveyCode: mistyped }),
      garbage: await answer({ surveyCode: 'xin chào' }),
      // A real code beside another procedure's (existing) receipt number, and beside a number that does not exist.
      otherReceipt: await answer({ surveyCode: real.surveyCode, receiptNumber: other.receiptNumber }),
      unknownReceipt: await answer({ surveyCode: generateReceiptCode(), receiptNumber: real.receiptNumber }),
      noSuchReceipt: await answer({ surveyCode: real.surveyCode, receiptNumber: 'KS-1999-000001' }),
    };
    const shapes = Object.values(tries).map((r) => ({
      status: r.status,
      sql: r.sql,
      errors: r.body.errors?.map((e) => ({ message: e.message, extensions: e.extensions })),
    }));
    expect(shapes[0]!.errors).toEqual([
      {
        message: 'Không tìm thấy hồ sơ với mã khảo sát này; hãy kiểm tra từng ký tự của mã in trên giấy biên nhận',
        extensions: { code: 'NOT_FOUND', reason: 'SURVEY_CODE_UNKNOWN', path: 'input.surveyCode' },
      },
    ]);
    for (const shape of shapes) expect(shape).toEqual(shapes[0]);
    // None of them used the procedure: the real code still answers.
    expect((await answer({ surveyCode: real.surveyCode })).body.data).toEqual({ submitSatisfaction: true });
  });

  it('refuses an answer without a code, and the receipt number alone, as BAD_USER_INPUT', async () => {
    const p = await procedure();
    for (const i of [{}, { surveyCode: '   ' }, { receiptNumber: p.receiptNumber }]) {
      const res = await answer(i);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'SURVEY_CODE_REQUIRED',
        fields: [{ path: 'input.surveyCode', message: 'bắt buộc' }],
      });
    }
  });

  it('lets the demo’s listed survey codes answer three unanswered procedures of this year', async () => {
    for (const code of DEMO_SURVEY_CODES)
      expect((await answer({ surveyCode: code })).body.data).toEqual({ submitSatisfaction: true });
    const rows = (await t.owner.query(
      `SELECT p.year, count(r.id)::int AS answers FROM procedure_case p LEFT JOIN satisfaction_result r ON r.procedure_case_id = p.id
        WHERE p.survey_code_hash IS NOT NULL AND p.receipt_number LIKE 'AB-%' GROUP BY p.id, p.year`,
    )) as Array<{ year: number; answers: number }>;
    expect(rows).toEqual(DEMO_SURVEY_CODES.map(() => ({ year: Number(today.slice(0, 4)), answers: 1 })));
  });

  it('leaves a procedure recorded before survey codes to staff: no code answers it', async () => {
    const [old] = (await t.owner.query(
      `INSERT INTO procedure_case (receipt_number, procedure_name, completed_on, year, unit_id)
       VALUES ('CU-2025-000001', 'Đăng ký khai sinh', '2025-12-01', 2025, $1) RETURNING id`,
      [unitId],
    )) as Array<{ id: string }>;
    const res = await answer({ surveyCode: generateReceiptCode(), receiptNumber: 'CU-2025-000001' });
    expect(res.body.errors?.[0]?.extensions?.['reason']).toBe('SURVEY_CODE_UNKNOWN');
    const staff = await t.gql(
      `mutation($i: RecordSatisfactionInput!) { recordSatisfactionResult(input: $i) { id } }`,
      { i: { receiptNumber: 'CU-2025-000001', surveyedOn: today, score: 4 } },
      pb,
    );
    expect(staff.body.errors).toBeUndefined();
    expect(old!.id).toEqual(expect.any(String));
  });
});
