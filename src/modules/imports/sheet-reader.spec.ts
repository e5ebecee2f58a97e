import ExcelJS from 'exceljs';
import { date, choice, numberIn, fold, columnLetter } from './cells';
import { detectFormat, readSheet } from './sheet-reader';

const VN = [
  'Nguyễn Thị Hồng Nhung',
  'Trần Đức Thắng',
  'Lê Hoàng Yến',
  'Phạm Quốc Việt',
  'Hồ Thị Ngọc Ánh',
  'Đặng Văn Hưởng',
  'Bùi Thị Thu Hằng',
];

async function rowsOf(format: 'xlsx' | 'csv', data: Buffer) {
  const out: Array<{ rowNumber: number; cells: unknown[] }> = [];
  for await (const r of readSheet(format, data)) out.push(r);
  return out;
}

describe('sheet reader', () => {
  it('reads thousands of Vietnamese names from XLSX without breaking a letter at a chunk boundary', async () => {
    // Enough text that the inflated XML spans many chunks, in shared strings and inline strings alike.
    for (const useSharedStrings of [true, false]) {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('x');
      const names: string[] = [];
      for (let i = 0; i < 6000; i++) names.push(`${VN[i % VN.length]} ${'ữ'.repeat(i % 5)}${i}`);
      for (const n of names) ws.addRow([n]);
      let data: Buffer;
      if (useSharedStrings) data = Buffer.from(await wb.xlsx.writeBuffer());
      else {
        const chunks: Buffer[] = [];
        const { PassThrough } = await import('node:stream');
        const stream = new PassThrough();
        stream.on('data', (c: Buffer) => chunks.push(c));
        const w = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false });
        const s = w.addWorksheet('x');
        for (const n of names) s.addRow([n]).commit();
        s.commit();
        await w.commit();
        data = Buffer.concat(chunks);
      }
      const read = (await rowsOf('xlsx', data)).map((r) => (r.cells[0] as { text: string }).text);
      expect(read.filter((t) => t.includes('\uFFFD'))).toEqual([]);
      expect(read).toEqual(names);
    }
  });

  it('gives formulas, dates and numbers as such, with the row numbers of the sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['a', 'b', 'c']);
    ws.addRow([]);
    const r = ws.addRow([{ formula: 'SUM(1,2)', result: 3 }, new Date(Date.UTC(1990, 3, 12)), 42]);
    r.getCell(2).numFmt = 'dd/mm/yyyy';
    const rows = await rowsOf('xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(rows.map((x) => x.rowNumber)).toEqual([1, 3]);
    expect(rows[1]!.cells).toEqual([
      { kind: 'formula', formula: 'SUM(1,2)' },
      { kind: 'date', date: new Date(Date.UTC(1990, 3, 12)) },
      { kind: 'number', value: 42 },
    ]);
  });

  it('reads CSV with ; as the header uses it, quotes, and a BOM', async () => {
    const rows = await rowsOf('csv', Buffer.from('\uFEFFHọ và tên;Ghi chú\r\n"Lê, Văn A";"dòng ""một"""\r\n', 'utf8'));
    expect(rows.map((r) => r.cells)).toEqual([
      [
        { kind: 'text', text: 'Họ và tên' },
        { kind: 'text', text: 'Ghi chú' },
      ],
      [
        { kind: 'text', text: 'Lê, Văn A' },
        { kind: 'text', text: 'dòng "một"' },
      ],
    ]);
  });

  it('tells XLSX from CSV by the bytes and refuses a name that disagrees', () => {
    expect(detectFormat('a.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]))).toBe('xlsx');
    expect(detectFormat('a.csv', Buffer.from('a,b\n'))).toBe('csv');
    expect(() => detectFormat('a.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]))).toThrow(/đuôi .csv nhưng nội dung là XLSX/);
    expect(() => detectFormat('a.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))).toThrow(/\.xls cũ/);
  });
});

describe('cell parsers', () => {
  const text = (t: string) => ({ kind: 'text' as const, text: t });
  it('reads dates written dd/mm/yyyy or yyyy-mm-dd and refuses other forms naming the accepted one', () => {
    const p = date({ required: true });
    expect(p(text('05/09/1985'))).toEqual({ ok: true, value: '1985-09-05' });
    expect(p(text('5.9.1985'))).toEqual({ ok: true, value: '1985-09-05' });
    expect(p(text('1985-09-05'))).toEqual({ ok: true, value: '1985-09-05' });
    // As docs/imports.md says: dots or dashes instead of slashes, the same separator twice.
    expect(p(text('19-05-1990'))).toEqual({ ok: true, value: '1990-05-19' });
    expect(p(text('19.05.1990'))).toEqual({ ok: true, value: '1990-05-19' });
    expect(p(text('19-05.1990'))).toMatchObject({ ok: false, error: expect.stringMatching(/dd\/mm\/yyyy/) });
    expect(p(text('30.02.1990'))).toMatchObject({ ok: false, error: expect.stringMatching(/không phải ngày có thật/) });
    expect(p(text('1985/09/05'))).toMatchObject({ ok: false, error: expect.stringMatching(/dd\/mm\/yyyy/) });
    expect(p(text('05/09/85'))).toMatchObject({ ok: false });
    expect(p(text('30/02/1985'))).toMatchObject({ ok: false, error: expect.stringMatching(/không phải ngày có thật/) });
    expect(p({ kind: 'number', value: 31046 })).toMatchObject({ ok: false, error: expect.stringMatching(/là số 31046/) });
    expect(p({ kind: 'empty' })).toMatchObject({ ok: false, error: expect.stringMatching(/bắt buộc/) });
    expect(p({ kind: 'formula', formula: 'TODAY()' })).toMatchObject({ ok: false, error: expect.stringMatching(/công thức/) });
  });

  it('matches list labels without accents or case, and numbers against their scale', () => {
    const g = choice({ MALE: ['Nam'], FEMALE: ['Nữ'] }, { required: true, what: 'giới tính' });
    expect(g(text(' NỮ '))).toEqual({ ok: true, value: 'FEMALE' });
    expect(g(text('nu'))).toEqual({ ok: true, value: 'FEMALE' });
    expect(g(text('FEMALE'))).toEqual({ ok: true, value: 'FEMALE' });
    expect(g(text('Khác'))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/"Khác" không phải giới tính hợp lệ: chọn một trong "Nam", "Nữ"/),
    });
    const score = numberIn({ min: 1, max: 5, integer: true, required: true });
    expect(score({ kind: 'number', value: 4 })).toEqual({ ok: true, value: 4 });
    expect(score(text('6'))).toMatchObject({ ok: false, error: '6 nằm ngoài thang 1–5' });
    expect(score(text('3,5'))).toMatchObject({ ok: false, error: '3.5 phải là số nguyên' });
  });

  it('folds headers and names columns like a spreadsheet', () => {
    expect(fold('Ngày sinh (dd/mm/yyyy) *')).toBe('ngay sinh');
    expect(fold('  ĐẢNG   viên ')).toBe('dang vien');
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
