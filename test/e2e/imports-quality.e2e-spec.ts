import { Role } from '../../src/common/role.enum';
import type { ImportReport } from '../../src/modules/imports/imports.service';
import { csvFile, readXlsx, xlsxFile } from '../support/sheets';
import { startTestApp, type TestApp } from '../support/test-app';

interface Person {
  fullName: string;
  dob: string;
}
const vnDate = (iso: string) => iso.split('-').reverse().join('/');

describe('imports: training records, evaluations and satisfaction results', () => {
  let t: TestApp;
  let pb: string;
  let people: Person[];
  const upload = async (kind: string, name: string, data: Buffer, query = '') => {
    const form = new FormData();
    form.append('file', new Blob([data]), name);
    const res = await fetch(`${t.url}/imports/${kind}${query}`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${pb}` },
    });
    return { status: res.status, body: (await res.json()) as ImportReport };
  };
  const where = (r: ImportReport) => r.problems.map((p) => ({ row: p.row, column: p.column, header: p.header }));
  const count = async (table: string) =>
    ((await t.app.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as [{ n: number }])[0].n;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    pb = await t.tokenFor(Role.PARTY_BUILDING);
    people = (await t.app.dataSource.query(
      `SELECT c.full_name AS "fullName", c.date_of_birth::text AS dob FROM cadre c JOIN unit u ON u.id = c.unit_id JOIN post p ON p.id = c.post_id
          WHERE u.code = 'AB-PKT' AND NOT p.is_management AND c.status = 'ACTIVE' ORDER BY c.full_name LIMIT 3`,
    )) as Person[];
    expect(people).toHaveLength(3);
  });
  afterAll(async () => t?.stop());

  describe('evaluations', () => {
    const header = ['Họ và tên', 'Ngày sinh', 'Năm', 'Tự đánh giá', 'Ý kiến thủ trưởng', 'Điểm', 'Xếp loại'];
    const row = (p: Person, rating: string, score: number | null = null, year = 2025) => [
      p.fullName,
      vnDate(p.dob),
      year,
      'Hoàn thành các nhiệm vụ được giao',
      'Đồng ý',
      score,
      rating,
    ];

    it('records evaluations through the service, and a re-import changes nothing; a changed rating is an update', async () => {
      const file = csvFile([header, row(people[0]!, 'Hoàn thành tốt nhiệm vụ', 85), row(people[1]!, 'Hoàn thành nhiệm vụ')]);
      const first = await upload('evaluations', 'danh-gia.csv', file);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ outcome: 'IMPORTED', created: 2 });
      const again = await upload('evaluations', 'danh-gia.csv', file);
      expect(again.body).toMatchObject({ outcome: 'IMPORTED', created: 0, updated: 0, unchanged: 2 });
      expect(await count('evaluation')).toBe(2);
      const changed = await upload(
        'evaluations',
        'danh-gia-2.csv',
        csvFile([header, row(people[0]!, 'Hoàn thành tốt nhiệm vụ', 85), row(people[1]!, 'Hoàn thành tốt nhiệm vụ', 80)]),
      );
      expect(changed.body).toMatchObject({ outcome: 'IMPORTED', created: 0, updated: 1, unchanged: 1 });
      const [e] = (await t.app.dataSource.query(
        `SELECT e.rating, e.score::float AS score FROM evaluation e JOIN cadre c ON c.id = e.cadre_id WHERE c.full_name = $1`,
        [people[1]!.fullName],
      )) as Array<{ rating: string; score: number }>;
      expect(e).toEqual({ rating: 'WELL', score: 80 });
    });

    it('refuses a score off the scale, a rating above the score, an unknown cadre, a future year and a duplicate, by row and column, importing nothing', async () => {
      const before = await count('evaluation');
      const res = await upload(
        'evaluations',
        'sai.xlsx',
        await xlsxFile([
          header,
          row(people[2]!, 'Hoàn thành tốt nhiệm vụ', 120, 2026),
          row(people[2]!, 'Hoàn thành xuất sắc nhiệm vụ', 40, 2024),
          ['Người Không Có', '01/01/1980', 2025, 'Tự nhận xét', null, null, 'Hoàn thành nhiệm vụ'],
          row(people[2]!, 'Hoàn thành nhiệm vụ', null, 2030),
          row(people[2]!, 'Hoàn thành nhiệm vụ', null, 2024),
        ]),
      );
      expect(res.status).toBe(422);
      expect(where(res.body)).toEqual([
        { row: 2, column: 'F', header: 'Điểm' },
        { row: 3, column: 'G', header: 'Xếp loại' },
        { row: 4, column: 'A', header: 'Họ và tên' },
        { row: 5, column: 'C', header: 'Năm' },
        { row: 6, column: 'A', header: 'Họ và tên' },
      ]);
      const msg = res.body.problems.map((p) => p.message);
      expect(msg[0]).toBe('120 nằm ngoài thang 0–100');
      expect(msg[1]).toMatch(/40 điểm thuộc mức .*không xếp loại cao hơn/);
      expect(msg[2]).toMatch(/không có cán bộ "Người Không Có"/);
      expect(msg[3]).toMatch(/năm 2030 chưa tới/);
      expect(msg[4]).toMatch(/trùng với dòng 3/);
      expect(await count('evaluation')).toBe(before);
    });
  });

  describe('satisfaction results', () => {
    const header = [
      'Số biên nhận',
      'Thủ tục',
      'Ngày trả kết quả',
      'Mã đơn vị',
      'Cán bộ xử lý',
      'Ngày khảo sát',
      'Mức hài lòng',
      'Ý kiến',
    ];

    it('records procedures and their answers (channel IMPORT), and a re-import changes nothing', async () => {
      const file = csvFile([
        header,
        ['TEST-0001', 'Chứng thực bản sao', '02/03/2026', 'AB-PKT', people[0]!.fullName, '03/03/2026', 5, 'Nhanh gọn'],
        ['TEST-0002', 'Đăng ký khai sinh', '05/03/2026', 'ab-pkt', null, '05/03/2026', 3, null],
      ]);
      const first = await upload('satisfaction', 'khao-sat.csv', file);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ outcome: 'IMPORTED', created: 2 });
      const rows = (await t.app.dataSource.query(
        `SELECT p.receipt_number AS receipt, s.score, s.channel, (p.cadre_id IS NOT NULL) AS "hasCadre" FROM satisfaction_result s JOIN procedure_case p ON p.id = s.procedure_case_id WHERE p.receipt_number LIKE 'TEST-%' ORDER BY 1`,
      )) as Array<Record<string, unknown>>;
      expect(rows).toEqual([
        { receipt: 'TEST-0001', score: 5, channel: 'IMPORT', hasCadre: true },
        { receipt: 'TEST-0002', score: 3, channel: 'IMPORT', hasCadre: false },
      ]);
      const again = await upload('satisfaction', 'khao-sat.csv', file);
      expect(again.body).toMatchObject({ outcome: 'IMPORTED', created: 0, unchanged: 2 });
    });

    it('refuses a score off the fixed scale, a survey before the procedure ended and an unknown unit, importing nothing; validOnly keeps the good row', async () => {
      const before = await count('satisfaction_result');
      const file = await xlsxFile([
        header,
        ['TEST-0101', 'Chứng thực chữ ký', '02/04/2026', 'AB-PKT', null, '02/04/2026', 6, null],
        ['TEST-0102', 'Chứng thực chữ ký', '10/04/2026', 'AB-PKT', null, '09/04/2026', 4, null],
        ['TEST-0103', 'Chứng thực chữ ký', '10/04/2026', 'AB-NOPE', null, '10/04/2026', 4, null],
        ['TEST-0104', 'Chứng thực chữ ký', '11/04/2026', 'AB-PKT', null, '12/04/2026', 4, null],
      ]);
      const res = await upload('satisfaction', 'sai.xlsx', file);
      expect(res.status).toBe(422);
      expect(where(res.body)).toEqual([
        { row: 2, column: 'G', header: 'Mức hài lòng' },
        { row: 3, column: 'F', header: 'Ngày khảo sát' },
        { row: 4, column: 'D', header: 'Mã đơn vị' },
      ]);
      expect(res.body.problems[0]!.message).toMatch(/^6 nằm ngoài thang 1–5/);
      expect(await count('satisfaction_result')).toBe(before);
      const valid = await upload('satisfaction', 'sai.xlsx', file, '?validOnly=true');
      expect(valid.body).toMatchObject({ outcome: 'IMPORTED_VALID_ROWS', created: 1, invalidRows: 3 });
      expect(await count('satisfaction_result')).toBe(before + 1);
    });
  });

  describe('training records', () => {
    const header = [
      'Họ và tên',
      'Ngày sinh',
      'Tên lớp',
      'Chủ đề',
      'Hình thức',
      'Từ ngày',
      'Đến ngày',
      'Cơ sở đào tạo',
      'Kết quả',
      'Số chứng chỉ',
    ];
    const course = [
      'Bồi dưỡng kỹ năng tiếp công dân 2026',
      'Tiếp công dân, xử lý tình huống',
      'Trực tiếp',
      '10/05/2026',
      '12/05/2026',
      'Trường Chính trị tỉnh',
    ];

    it('creates the course once and records each attendance; a re-import changes nothing', async () => {
      const courses = await count('training_course');
      const file = csvFile([
        header,
        [people[0]!.fullName, vnDate(people[0]!.dob), ...course, 'Đạt', 'CC-001'],
        [people[1]!.fullName, vnDate(people[1]!.dob), ...course, 'Không đạt', null],
      ]);
      const first = await upload('training', 'boi-duong.csv', file);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ outcome: 'IMPORTED', created: 2 });
      expect(await count('training_course')).toBe(courses + 1);
      const again = await upload('training', 'boi-duong.csv', file);
      expect(again.body).toMatchObject({ outcome: 'IMPORTED', created: 0, unchanged: 2 });
      expect(await count('training_attendance')).toBe(2);
    });

    it('refuses an unknown category, an end before the start and a certificate without a pass, by row and column', async () => {
      const before = await count('training_attendance');
      const p = people[2]!;
      const res = await upload(
        'training',
        'sai.csv',
        csvFile([
          header,
          [
            p.fullName,
            vnDate(p.dob),
            'Lớp A',
            'Thể dục',
            'Trực tiếp',
            '01/06/2026',
            '02/06/2026',
            'Trung tâm Chính trị',
            'Đạt',
            null,
          ],
          [
            p.fullName,
            vnDate(p.dob),
            'Lớp B',
            'Quản trị số',
            'Trực tuyến',
            '05/06/2026',
            '01/06/2026',
            'Trung tâm Chính trị',
            'Đạt',
            null,
          ],
          [
            p.fullName,
            vnDate(p.dob),
            'Lớp C',
            'Quản trị số',
            'Trực tuyến',
            '05/06/2026',
            '06/06/2026',
            'Trung tâm Chính trị',
            'Không đạt',
            'CC-9',
          ],
        ]),
      );
      expect(res.status).toBe(422);
      expect(where(res.body)).toEqual([
        { row: 2, column: 'D', header: 'Chủ đề' },
        { row: 3, column: 'G', header: 'Đến ngày' },
        { row: 4, column: 'J', header: 'Số chứng chỉ' },
      ]);
      expect(await count('training_attendance')).toBe(before);
    });
  });

  describe('export of the indicators', () => {
    it('writes the seven targets of a year with their trend and breakdowns, the figures of targets(year)', async () => {
      const token = await t.tokenFor(Role.STANDING_COMMITTEE);
      const res = await fetch(`${t.url}/exports/targets.xlsx?year=2026`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const data = Buffer.from(await res.arrayBuffer());
      const { sheets, rows } = await readXlsx(data);
      expect(sheets).toEqual(['Chỉ tiêu 2026', 'Xu hướng', 'Theo khối', 'Theo đơn vị']);
      const gql = await t.gql<{
        targets: Array<{ number: number; value: number | null; numerator: number; denominator: number }>;
      }>('{ targets(year: 2026) { number value numerator denominator } }', {}, token);
      const mains = rows.slice(1).filter((r) => typeof r[0] === 'number');
      expect(mains.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7]);
      for (const g of gql.body.data!.targets) {
        const r = mains.find((m) => m[0] === g.number)!;
        expect(r[3] === null || r[3] === undefined ? null : Math.round((r[3] as number) * 10000) / 100).toBe(g.value);
        expect([r[6], r[7]]).toEqual([g.numerator, g.denominator]);
      }
    });

    it('is for the readers of targets; a year outside the term is BAD_USER_INPUT', async () => {
      expect((await fetch(`${t.url}/exports/targets.xlsx?year=2026`)).status).toBe(401);
      const viewer = await t.tokenFor(Role.VIEWER);
      expect(
        (await fetch(`${t.url}/exports/targets.xlsx?year=2026`, { headers: { authorization: `Bearer ${viewer}` } })).status,
      ).toBe(200);
      const bad = await fetch(`${t.url}/exports/targets.xlsx?year=2019`, { headers: { authorization: `Bearer ${viewer}` } });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe(
        'BAD_USER_INPUT',
      );
    });
  });
});
