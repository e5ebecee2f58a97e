import { Role } from '../../src/common/role.enum';
import { onlyError, startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 22, item 6, what decisions.e2e-spec.ts and plans.e2e-spec.ts did not cover yet: a case
 * opened from a finding names only the Party organisations it concerns; a commendation changed
 * afterwards must still fit its recipient; a recorded value is corrected by the account that
 * recorded it or the chair of the Inspection Committee, no other committee member.
 */
const CORRECT = `mutation($i: CorrectDecisionInput!) { correctDecision(input: $i) { field oldValue newValue } }`;
const OPEN = `mutation($i: OpenDisciplineCaseInput!) { openDisciplineCase(input: $i) { id } }`;
const COMMEND = `mutation($i: RecordCommendationInput!) { recordCommendation(input: $i) { id version } }`;
const UPDATE_COMMENDATION = `mutation($i: UpdateCommendationInput!) { updateCommendation(input: $i) { id form } }`;

describe('who decides, as the rules say', () => {
  let t: TestApp;
  let ic: string;
  let chair: string;
  let member: string;
  let pb: string;
  const q = async <T>(sql: string, params: unknown[] = []) => (await t.owner.query(sql, params)) as T[];
  const count = async (table: string) => Number((await q<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const inDays = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await startTestApp({ seed: true, seedInspections: true });
    const admin = await t.tokenFor(Role.ADMIN);
    [ic, pb] = await Promise.all([t.tokenFor(Role.INSPECTION_COMMITTEE), t.tokenFor(Role.PARTY_BUILDING)]);
    chair = await t.login('chunhiem.ubkt@anbien.test');
    const res = await t.gql(
      `mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }`,
      {
        i: {
          email: 'thanhvien.ubkt@anbien.test',
          displayName: 'Ủy viên Ủy ban Kiểm tra (kiểm thử)',
          password: 'a-long-password-thanhvien',
          role: 'INSPECTION_COMMITTEE',
        },
      },
      admin,
    );
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    member = await t.login('thanhvien.ubkt@anbien.test', 'a-long-password-thanhvien');
  });
  afterAll(() => t?.stop());

  it('lets the recorder or the Inspection Committee chair correct a recorded date, and no other committee member', async () => {
    const [f] = await q<{ id: string; correct_by: string }>(
      `SELECT f.id, f.correct_by::text AS correct_by FROM finding f
        WHERE f.correct_by IS NOT NULL AND f.status <> 'WITHDRAWN' ORDER BY f.id LIMIT 1`,
    );
    expect(f).toBeDefined();
    // Recorded by the committee's shared account, whose member is neither the new account nor the chair.
    const [ks] = await q<{ id: string }>(`SELECT id FROM account WHERE email = 'kiemtra@anbien.test'`);
    await q(`UPDATE finding SET recorded_by = $2 WHERE id = $1`, [f!.id, ks!.id]);
    const fix = { itemType: 'FINDING', id: f!.id, field: 'CORRECT_BY', value: inDays(45), reason: 'Biên bản ghi hạn khác' };
    const before = await count('decision_correction');
    for (const token of [member, pb]) {
      const err = onlyError(await t.gql(CORRECT, { i: fix }, token));
      expect(err.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_RECORDER_OR_CHAIR' });
      expect(err.message).toBe('Chỉ người đã ghi nhận hoặc Chủ nhiệm Ủy ban Kiểm tra được đính chính giá trị này');
    }
    expect(await count('decision_correction')).toBe(before);
    const byChair = await t.gql<{ correctDecision: { oldValue: string; newValue: string } }>(CORRECT, { i: fix }, chair);
    expect(byChair.body.errors).toBeUndefined();
    expect(byChair.body.data!.correctDecision).toEqual({ field: 'CORRECT_BY', oldValue: f!.correct_by, newValue: inDays(45) });
    const byRecorder = await t.gql(CORRECT, { i: { ...fix, value: inDays(50), reason: 'Đính chính lần hai' } }, ic);
    expect(byRecorder.body.errors).toBeUndefined();
  });

  it('opens a case from a finding only for a Party organisation the finding concerns', async () => {
    const [f] = await q<{ id: string; units: string[] }>(
      `SELECT f.id, f.concerned_unit_ids::text[] AS units FROM finding f WHERE f.status <> 'WITHDRAWN' ORDER BY f.id LIMIT 1`,
    );
    const [cell] = await q<{ id: string }>(
      `SELECT id FROM unit WHERE kind IN ('PARTY_CELL', 'RESIDENTIAL_PARTY_CELL') AND NOT (id = ANY($1::uuid[])) ORDER BY id LIMIT 1`,
      [f!.units],
    );
    const before = await count('discipline_case');
    const err = onlyError(
      await t.gql(
        OPEN,
        {
          i: {
            subjectType: 'PARTY_ORGANISATION',
            unitId: cell!.id,
            findingId: f!.id,
            violationSummary: 'Buông lỏng lãnh đạo công tác kiểm tra',
            violationDate: inDays(-60),
          },
        },
        ic,
      ),
    );
    expect(err.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'UNIT_NOT_IN_FINDING',
      fields: [{ path: 'input.unitId' }],
    });
    expect(err.message).toMatch(/^Vụ việc mở từ phát hiện chỉ được nêu tổ chức đảng mà phát hiện đó liên quan/);
    expect(await count('discipline_case')).toBe(before);
  });

  it('keeps a commendation fitting its recipient when it is changed afterwards', async () => {
    const [nonParty] = await q<{ id: string }>(
      `SELECT c.id FROM cadre c WHERE NOT c.party_member AND c.status = 'ACTIVE'
         AND NOT EXISTS (SELECT 1 FROM discipline_case d WHERE d.cadre_id = c.id) ORDER BY c.id LIMIT 1`,
    );
    const recorded = await t.gql<{ recordCommendation: { id: string; version: number } }>(
      COMMEND,
      {
        i: {
          cadreId: nonParty!.id,
          form: 'COMMENDATION_PAPER',
          level: 'WARD',
          decisionNumber: '45-QĐ/ĐU',
          decisionDate: today,
          issuingBody: 'Đảng ủy phường An Biên',
          reason: 'Hoàn thành xuất sắc nhiệm vụ tiếp công dân',
        },
      },
      pb,
    );
    expect(recorded.body.errors).toBeUndefined();
    const { id, version } = recorded.body.data!.recordCommendation;
    const err = onlyError(await t.gql(UPDATE_COMMENDATION, { i: { id, version, form: 'EXEMPLARY_PARTY_MEMBER' } }, pb));
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FORM_DOES_NOT_FIT_RECIPIENT' });
    expect(err.message).toContain('"đảng viên tiêu biểu" phải là đảng viên');
    const [row] = await q<{ form: string; version: number }>(`SELECT form, version FROM commendation WHERE id = $1`, [id]);
    expect(row).toEqual({ form: 'COMMENDATION_PAPER', version });
  });
});
