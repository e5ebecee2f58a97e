import { request } from 'node:http';
import { Role } from '../../src/common/role.enum';
import type { ImportReport } from '../../src/modules/imports/imports.service';
import { csvFile, readXlsx, type SheetCellInput, xlsxFile } from '../support/sheets';
import { startTestApp, type TestApp } from '../support/test-app';

const HEADER = [
  'Họ và tên',
  'Giới tính',
  'Ngày sinh',
  'Mã đơn vị',
  'Chức vụ',
  'Loại cán bộ',
  'Trình độ chuyên môn',
  'Lý luận chính trị',
  'Đảng viên',
  'Ngày vào Đảng',
  'Điện thoại',
];
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const GOOD: SheetCellInput[][] = [
  [
    'Lê Thị Minh Châu',
    'Nữ',
    d('1990-04-12'),
    'AB-PKT',
    'Chuyên viên',
    'Công chức',
    'Đại học',
    'Sơ cấp',
    'Có',
    d('2015-05-19'),
    '0912 345 678',
  ],
  ['Phạm Quốc Bảo', 'Nam', '03/11/1988', 'AB-PKT', 'SPECIALIST', 'Công chức', 'Thạc sĩ', 'Trung cấp', 'Không', null, null],
  ['Đỗ Hải Yến', 'nu', '1995-01-30', 'ab-pkt', 'Cán sự', 'Hợp đồng', 'Cao đẳng', 'Chưa có', '', null, null],
];

describe('imports: spreadsheets into the register', () => {
  let t: TestApp;
  let pb: string;
  const counts = async () =>
    (
      (await t.app.dataSource.query(
        `SELECT (SELECT count(*) FROM cadre)::int AS cadres, (SELECT count(*) FROM cadre_history)::int AS history, (SELECT count(*) FROM import_run)::int AS runs`,
      )) as [{ cadres: number; history: number; runs: number }]
    )[0];
  const upload = async (name: string, data: Buffer, opts: { token?: string | null; query?: string; kind?: string } = {}) => {
    const form = new FormData();
    form.append('file', new Blob([data]), name);
    const token = opts.token === undefined ? pb : opts.token;
    const res = await fetch(`${t.url}/imports/${opts.kind ?? 'cadres'}${opts.query ?? ''}`, {
      method: 'POST',
      body: form,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return {
      status: res.status,
      body: (await res.json()) as ImportReport & { errors?: Array<{ message: string; extensions: Record<string, unknown> }> },
    };
  };
  const problemsOf = (r: ImportReport) => r.problems.map((p) => ({ row: p.row, column: p.column, header: p.header }));

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    pb = await t.tokenFor(Role.PARTY_BUILDING);
  });
  afterAll(async () => t?.stop());

  it('imports new cadres from XLSX through the register, with their history, and a re-import changes nothing', async () => {
    const before = await counts();
    const file = await xlsxFile([HEADER, ...GOOD], [['Sheet hướng dẫn: không được đọc']]);
    const first = await upload('can-bo.xlsx', file);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      outcome: 'IMPORTED',
      imported: true,
      rows: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      problems: [],
      previousImport: null,
      format: 'xlsx',
    });
    const after = await counts();
    expect(after).toEqual({ cadres: before.cadres + 3, history: before.history + 3, runs: before.runs + 1 });
    const [chau] = (await t.app.dataSource.query(
      `SELECT c.date_of_birth::text AS dob, c.party_joined_on::text AS joined, c.phone, c.gender, h.kind, h.account_id IS NOT NULL AS "byAccount"
         FROM cadre c JOIN cadre_history h ON h.cadre_id = c.id WHERE c.full_name = 'Lê Thị Minh Châu'`,
    )) as Array<Record<string, unknown>>;
    expect(chau).toEqual({
      dob: '1990-04-12',
      joined: '2015-05-19',
      phone: '0912 345 678',
      gender: 'FEMALE',
      kind: 'CREATED',
      byAccount: true,
    });

    const again = await upload('can-bo.xlsx', file);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'IMPORTED', created: 0, updated: 0, unchanged: 3 });
    expect(again.body.previousImport).toMatchObject({ fileName: 'can-bo.xlsx' });
    const afterAgain = await counts();
    expect(afterAgain.cadres).toBe(after.cadres);
    expect(afterAgain.history).toBe(after.history);
  });

  it('updates only the values that changed, with an UPDATED history entry naming the file', async () => {
    const rows = GOOD.map((r) => [...r]);
    rows[1]![10] = '0987 654 321';
    const res = await upload(
      'can-bo-sua.csv',
      csvFile([
        HEADER,
        ...rows.map((r) => r.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : (v as string | null)))),
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'IMPORTED', format: 'csv', created: 0, updated: 1, unchanged: 2 });
    const [h] = (await t.app.dataSource.query(
      `SELECT h.kind, h.changes, h.note FROM cadre_history h JOIN cadre c ON c.id = h.cadre_id WHERE c.full_name = 'Phạm Quốc Bảo' ORDER BY h.seq DESC LIMIT 1`,
    )) as Array<{ kind: string; changes: Record<string, unknown>; note: string }>;
    expect(h).toEqual({
      kind: 'UPDATED',
      changes: { phone: { from: null, to: '0987 654 321' } },
      note: 'Nhập từ tệp can-bo-sua.csv',
    });
  });

  it('refuses a wrong header naming row 1 and the column, and imports nothing', async () => {
    const before = await counts();
    const header = [...HEADER];
    header[2] = 'Năm sinh';
    const res = await upload(
      'sai-tieu-de.xlsx',
      await xlsxFile([
        header,
        ['Vũ Văn Nam', 'Nam', d('1980-01-01'), 'AB-PKT', 'Chuyên viên', 'Công chức', 'Đại học', 'Sơ cấp', 'Không', null, null],
      ]),
    );
    expect(res.status).toBe(422);
    expect(res.body.outcome).toBe('REJECTED');
    expect(problemsOf(res.body)).toEqual([
      { row: 1, column: 'C', header: 'Năm sinh' },
      { row: 1, column: null, header: 'Ngày sinh' },
    ]);
    expect(res.body.problems[0]!.message).toMatch(/tiêu đề "Năm sinh" không có trong mẫu/);
    expect(res.body.problems[1]!.message).toMatch(/thiếu cột bắt buộc "Ngày sinh"/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a date in the wrong format, a value off the list, a formula cell and a duplicate key, each by row and column, and imports nothing', async () => {
    const before = await counts();
    const rows: SheetCellInput[][] = [
      HEADER,
      ['Ngô Thanh Tùng', 'Nam', '1985/09/05', 'AB-PKT', 'Chuyên viên', 'Công chức', 'Đại học', 'Sơ cấp', 'Không', null, null],
      ['Bùi Thị Lan', 'Nữ', d('1991-02-03'), 'AB-PKT', 'Chuyên viên', 'Công chức', 'Cử nhân luật', 'Sơ cấp', 'Không', null, null],
      [
        'Hồ Văn Tâm',
        'Nam',
        d('1979-07-07'),
        { formula: 'CONCATENATE("AB","-PKT")', result: 'AB-PKT' },
        'Chuyên viên',
        'Công chức',
        'Đại học',
        'Sơ cấp',
        'Không',
        null,
        null,
      ],
      ['Trịnh Minh Đức', 'Nam', d('1983-03-03'), 'AB-PKT', 'Chuyên viên', 'Công chức', 'Đại học', 'Sơ cấp', 'Không', null, null],
      ['trịnh minh đức', 'Nam', '03/03/1983', 'AB-PKT', 'Cán sự', 'Công chức', 'Đại học', 'Sơ cấp', 'Không', null, null],
      ['Mai Văn Hòa', 'Nam', d('1986-06-06'), 'AB-XYZ', 'Chuyên viên', 'Công chức', 'Đại học', 'Sơ cấp', 'Có', null, null],
    ];
    const res = await upload('nhieu-loi.xlsx', await xlsxFile(rows));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ outcome: 'REJECTED', imported: false, rows: 6, invalidRows: 5 });
    expect(problemsOf(res.body)).toEqual([
      { row: 2, column: 'C', header: 'Ngày sinh' },
      { row: 3, column: 'G', header: 'Trình độ chuyên môn' },
      { row: 4, column: 'D', header: 'Mã đơn vị' },
      { row: 6, column: 'A', header: 'Họ và tên' },
      { row: 7, column: 'D', header: 'Mã đơn vị' },
      { row: 7, column: 'J', header: 'Ngày vào Đảng' },
    ]);
    const msg = res.body.problems.map((p) => p.message);
    expect(msg[0]).toMatch(/"1985\/09\/05" không phải ngày đúng định dạng: viết dd\/mm\/yyyy/);
    expect(msg[1]).toMatch(/"Cử nhân luật" không phải trình độ chuyên môn hợp lệ/);
    expect(msg[2]).toMatch(/công thức/);
    expect(msg[3]).toMatch(/trùng với dòng 5/);
    expect(msg[4]).toMatch(/không có đơn vị mã "AB-XYZ"/);
    expect(msg[5]).toMatch(/đảng viên phải có ngày vào Đảng/);
    expect(await counts()).toEqual(before);
  });

  it('imports the valid rows only when asked (validOnly), and reports the others', async () => {
    const before = await counts();
    const rows: SheetCellInput[][] = [
      HEADER,
      ['Tạ Quang Vinh', 'Nam', d('1987-08-08'), 'AB-PKT', 'Chuyên viên', 'Công chức', 'Đại học', 'Sơ cấp', 'Không', null, null],
      ['Lý Thu Hà', 'Nữ', '31/02/1990', 'AB-PKT', 'Chuyên viên', 'Công chức', 'Đại học', 'Sơ cấp', 'Không', null, null],
      [
        'Chu Văn An',
        'Nam',
        d('1984-04-04'),
        'AB-UBND',
        'Chủ tịch Ủy ban nhân dân phường',
        'Cán bộ',
        'Đại học',
        'Cao cấp',
        'Không',
        null,
        null,
      ],
      ['Kiều Thị Mơ', 'Nữ', d('1992-09-09'), 'AB-PKT', 'Cán sự', 'Công chức', 'Đại học', 'Sơ cấp', 'Không', null, null],
    ];
    const file = await xlsxFile(rows);
    const rejected = await upload('mot-phan.xlsx', file);
    expect(rejected.status).toBe(422);
    expect(await counts()).toEqual(before);
    const res = await upload('mot-phan.xlsx', file, { query: '?validOnly=true' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'IMPORTED_VALID_ROWS', imported: true, created: 2, invalidRows: 2 });
    expect(problemsOf(res.body)).toEqual([
      { row: 3, column: 'C', header: 'Ngày sinh' },
      { row: 4, column: 'E', header: 'Chức vụ' },
    ]);
    expect(res.body.problems[0]!.message).toMatch(/không phải ngày có thật/);
    expect(res.body.problems[1]!.message).toMatch(/chỉ một người giữ và đang là/);
    const after = await counts();
    expect(after.cadres).toBe(before.cadres + 2);
    const names = (
      (await t.app.dataSource.query(`SELECT full_name FROM cadre WHERE full_name = ANY($1) ORDER BY 1`, [
        ['Tạ Quang Vinh', 'Kiều Thị Mơ', 'Lý Thu Hà', 'Chu Văn An'],
      ])) as Array<{ full_name: string }>
    ).map((r) => r.full_name);
    expect(names).toEqual(['Kiều Thị Mơ', 'Tạ Quang Vinh']);
  });

  it('a dry run reports what would change and writes nothing', async () => {
    const before = await counts();
    const res = await upload(
      'thu.csv',
      csvFile(
        [
          HEADER,
          ['Đinh Công Lý', 'Nam', '12/12/1982', 'AB-PKT', 'Chuyên viên', 'Công chức', 'Đại học', 'Sơ cấp', 'Không', null, null],
        ],
        ';',
      ),
      { query: '?dryRun=true' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'DRY_RUN', imported: false, created: 1 });
    expect(await counts()).toEqual(before);
  });

  it('refuses a 50 MB file before reading it, with a clear error', async () => {
    // On a connection of its own (node:http, no agent): building 50 MB takes long enough on a busy
    // machine for a pooled keep-alive socket to hit the server's keep-alive timeout meanwhile,
    // and a POST on a socket the server is closing is reset, whatever the server would answer.
    const boundary = 'b2boundary';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="lon.csv"\r\ncontent-type: text/csv\r\n\r\n`,
      ),
      Buffer.alloc(50 * 1024 * 1024, 0x41),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        `${t.url}/imports/cadres`,
        {
          method: 'POST',
          agent: false,
          headers: {
            authorization: `Bearer ${pb}`,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': String(body.length),
          },
        },
        (res) => {
          let data = '';
          res.on('data', (c: Buffer) => (data += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: data }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(status).toBe(413);
    const json = JSON.parse(text) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(json.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FILE_TOO_LARGE' });
    expect(json.errors[0]!.message).toMatch(/quá giới hạn 20 MB/);
  });

  it('refuses files that are not sheets, and unknown kinds', async () => {
    const xls = await upload('cu.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]));
    expect(xls.status).toBe(400);
    expect(xls.body.errors?.[0]?.message).toMatch(/\.xls cũ/);
    const latin1 = await upload('latin1.csv', Buffer.from('H\xe4 va t\xean\n', 'latin1'));
    expect(latin1.status).toBe(400);
    expect(latin1.body.errors?.[0]?.message).toMatch(/UTF-8/);
    expect((await upload('x.csv', csvFile([HEADER]), { kind: 'nothing' })).status).toBe(404);
  });

  it('is for PARTY_BUILDING and ADMIN only, with a Bearer token', async () => {
    const file = csvFile([HEADER]);
    expect((await upload('a.csv', file, { token: null })).status).toBe(401);
    expect((await upload('a.csv', file, { token: await t.tokenFor(Role.VIEWER) })).status).toBe(403);
    expect((await upload('a.csv', file, { token: await t.tokenFor(Role.INTAKE_STAFF) })).status).toBe(403);
    expect((await upload('a.csv', file, { token: await t.tokenFor(Role.UNIT_HEAD) })).status).toBe(403);
    const admin = await upload('a.csv', file, { token: await t.tokenFor(Role.ADMIN) });
    expect(admin.status).toBe(200);
    expect(admin.body).toMatchObject({ outcome: 'IMPORTED', rows: 0 });
  });

  it('gives an empty template whose header the import reads back', async () => {
    const res = await fetch(`${t.url}/imports/cadres/template.xlsx`, { headers: { authorization: `Bearer ${pb}` } });
    expect(res.status).toBe(200);
    const data = Buffer.from(await res.arrayBuffer());
    const { sheets, rows } = await readXlsx(data);
    expect(sheets).toEqual(['Hồ sơ cán bộ', 'Hướng dẫn']);
    expect(rows[0]![0]).toBe('Họ và tên *');
    const back = await upload('mau.xlsx', data);
    expect(back.body).toMatchObject({ outcome: 'IMPORTED', rows: 0, problems: [] });
    expect(
      (
        await fetch(`${t.url}/imports/cadres/template.xlsx`, {
          headers: { authorization: `Bearer ${await t.tokenFor(Role.VIEWER)}` },
        })
      ).status,
    ).toBe(403);
  });

  describe('export of the register', () => {
    const download = async (token: string, query = '') =>
      fetch(`${t.url}/exports/cadres.xlsx${query}`, { headers: { authorization: `Bearer ${token}` } });

    it('writes the register by unit in the import columns, and importing it back changes nothing', async () => {
      const res = await download(pb);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const data = Buffer.from(await res.arrayBuffer());
      const { sheets, rows } = await readXlsx(data);
      expect(sheets).toEqual(['Danh sách cán bộ', 'Tổng hợp theo đơn vị']);
      expect(rows[0]).toEqual([
        'Họ và tên',
        'Giới tính',
        'Ngày sinh',
        'Mã đơn vị',
        'Tên đơn vị',
        'Chức vụ',
        'Loại cán bộ',
        'Trình độ chuyên môn',
        'Lý luận chính trị',
        'Đảng viên',
        'Ngày vào Đảng',
        'Quy hoạch',
        'Chức vụ quy hoạch',
        'Điện thoại',
        'Email',
        'Trạng thái',
      ]);
      const { cadres, history } = await counts();
      expect(rows.length - 1).toBe(cadres);
      const back = await upload('xuat.xlsx', data);
      expect(back.status).toBe(200);
      expect(back.body).toMatchObject({ outcome: 'IMPORTED', created: 0, updated: 0, unchanged: cadres });
      expect((await counts()).history).toBe(history);
    });

    it('gives a UNIT_HEAD its subtree only and VIEWER no personal data; a unit outside the scope is NOT_FOUND', async () => {
      const head = await t.tokenFor(Role.UNIT_HEAD);
      const { rows } = await readXlsx(Buffer.from(await (await download(head)).arrayBuffer()));
      const [{ n }] = (await t.app.dataSource.query(
        `SELECT count(*)::int AS n FROM cadre c JOIN unit u ON u.id = c.unit_id WHERE u.path LIKE (SELECT path FROM unit WHERE code = 'AB-UBND') || '%'`,
      )) as [{ n: number }];
      expect(rows.length - 1).toBe(n);
      const [party] = (await t.app.dataSource.query(`SELECT id FROM unit WHERE code = 'AB-CQDU'`)) as [{ id: string }];
      expect((await download(head, `?unitId=${party.id}`)).status).toBe(404);
      const viewer = await readXlsx(
        Buffer.from(await (await download(await t.tokenFor(Role.VIEWER), `?unitId=${party.id}`)).arrayBuffer()),
      );
      expect(viewer.rows[0]).not.toContain('Ngày sinh');
      expect(viewer.rows[0]).not.toContain('Điện thoại');
      expect((await fetch(`${t.url}/exports/cadres.xlsx`)).status).toBe(401);
    });
  });
});
