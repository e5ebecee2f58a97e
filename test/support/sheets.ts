import ExcelJS from 'exceljs';

export type SheetCellInput = string | number | boolean | Date | null | { formula: string; result?: string | number };

/** An XLSX file written with ExcelJS (the library the app reads with), first sheet = rows; dates get a date format. */
export async function xlsxFile(rows: SheetCellInput[][], extraSheet?: SheetCellInput[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dữ liệu');
  for (const r of rows) {
    const row = ws.addRow(r);
    r.forEach((v, i) => {
      if (v instanceof Date) row.getCell(i + 1).numFmt = 'dd/mm/yyyy';
    });
  }
  if (extraSheet) wb.addWorksheet('Hướng dẫn').addRows(extraSheet);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A CSV file (RFC 4180 quoting), UTF-8 with a BOM as Excel writes "CSV UTF-8". */
export function csvFile(rows: Array<Array<string | number | null>>, delimiter = ','): Buffer {
  const quote = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /["\n\r,;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return Buffer.from(`\uFEFF${rows.map((r) => r.map(quote).join(delimiter)).join('\r\n')}\r\n`, 'utf8');
}

/** Reads the first sheet of an XLSX file back as rows of cell values (for export tests). */
export async function readXlsx(data: Buffer): Promise<{ sheets: string[]; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { sheets: wb.worksheets.map((w) => w.name), rows };
}
