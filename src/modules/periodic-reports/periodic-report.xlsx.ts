import ExcelJS from 'exceljs';
import { viDate } from './period';
import type { PeriodicReportView, PeriodicRowView } from './periodic-reports.service';

/** "An Biên, ngày 05 tháng 01 năm 2027". */
export const placeAndDate = (place: string, day: string) =>
  `${place}, ngày ${day.slice(8, 10)} tháng ${day.slice(5, 7)} năm ${day.slice(0, 4)}`;

/** The numbering of a line: 1, 2, … for main lines, "-" for "of which", "+" for a breakdown. */
export function numbering(rows: readonly PeriodicRowView[]): string[] {
  let n = 0;
  return rows.map((r) => (r.level === 0 ? String(++n) : r.level === 1 ? '-' : '+'));
}

export const COLUMN_HEADERS = ['STT', 'Nội dung', 'Kỳ này', 'Cùng kỳ năm trước', 'Tăng, giảm (%)'] as const;

/** The period line under the title: the days counted and those compared. */
export const periodNote = (v: PeriodicReportView) =>
  `Số liệu từ ngày ${viDate(v.period.from)} đến ngày ${viDate(v.period.to)}; so sánh với cùng kỳ từ ngày ${viDate(v.previousPeriod.from)} đến ngày ${viDate(v.previousPeriod.to)}.`;

/**
 * The report as an XLSX workbook in the layout of a Vietnamese administrative report: the title
 * block (issuing body on the left, the national motto on the right, place and date), the title
 * and period, one section per table (STT, content, this period, the same period last year,
 * change), then the recipients ("Nơi nhận") and the signature block. Figures are numbers, so
 * they can be summed and charted.
 */
export async function periodicReportXlsx(v: PeriodicReportView): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Giám sát';
  book.created = new Date(`${v.preparedOn}T00:00:00Z`);
  const ws = book.addWorksheet('Báo cáo', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 6 }, { width: 58 }, { width: 13 }, { width: 15 }, { width: 13 }];
  const t = v.template;
  const line = (
    cells: (string | number | null)[],
    opts: { bold?: boolean; italic?: boolean; merge?: [number, number][]; center?: boolean } = {},
  ) => {
    const row = ws.addRow(cells);
    row.font = { name: 'Times New Roman', size: 12, bold: !!opts.bold, italic: !!opts.italic };
    for (const [a, b] of opts.merge ?? []) ws.mergeCells(row.number, a, row.number, b);
    if (opts.center) row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    return row;
  };
  const lines = Math.max(t.header.left.length, t.header.right.length);
  for (let i = 0; i < lines; i++)
    line([t.header.left[i] ?? '', null, t.header.right[i] ?? ''], {
      bold: true,
      merge: [
        [1, 2],
        [3, 5],
      ],
      center: true,
    });
  line(['', null, placeAndDate(t.header.place, v.preparedOn)], { italic: true, merge: [[3, 5]], center: true });
  ws.addRow([]);
  line([t.title], { bold: true, merge: [[1, 5]], center: true }).font = { name: 'Times New Roman', size: 14, bold: true };
  line([`${t.subtitle} ${v.periodLabel}`], { bold: true, merge: [[1, 5]], center: true }).height = 32;
  if (v.scopeName) line([`Phạm vi: ${v.scopeName}`], { italic: true, merge: [[1, 5]], center: true });
  line([periodNote(v)], { italic: true, merge: [[1, 5]], center: true }).height = 30;
  ws.addRow([]);

  const border: Partial<ExcelJS.Borders> = {
    top: { style: 'thin' },
    left: { style: 'thin' },
    bottom: { style: 'thin' },
    right: { style: 'thin' },
  };
  for (const table of v.tables) {
    line([`${table.key}. ${table.title.toUpperCase()}`], { bold: true, merge: [[1, 5]] });
    const head = line([...COLUMN_HEADERS], { bold: true, center: true });
    head.eachCell((c) => (c.border = border));
    const nums = numbering(table.rows);
    table.rows.forEach((r, i) => {
      const row = line([nums[i]!, r.label, r.current, r.previous, r.change], { bold: r.level === 0 });
      row.getCell(1).alignment = { horizontal: 'center' };
      row.getCell(2).alignment = { indent: 2 * r.level, wrapText: true };
      row.getCell(5).numFmt = '0.0';
      for (let c = 1; c <= 5; c++) row.getCell(c).border = border;
    });
    ws.addRow([]);
  }

  const signatureRow = ws.rowCount + 1;
  line(['Nơi nhận:', null, t.signature.onBehalf], { bold: true, merge: [[3, 5]] }).getCell(3).alignment = {
    horizontal: 'center',
  };
  line(['', null, t.signature.title], { bold: true, merge: [[3, 5]] }).getCell(3).alignment = { horizontal: 'center' };
  t.recipients.forEach((r, i) => {
    const row = ws.getRow(signatureRow + 2 + i);
    row.getCell(1).value = `- ${r}${i === t.recipients.length - 1 ? '.' : ','}`;
    row.getCell(1).font = { name: 'Times New Roman', size: 11 };
    ws.mergeCells(row.number, 1, row.number, 2);
  });
  const nameRow = signatureRow + Math.max(t.recipients.length + 2, 6);
  ws.getRow(nameRow).getCell(3).value = '(Ký, ghi rõ họ tên)';
  ws.getRow(nameRow).getCell(3).font = { name: 'Times New Roman', size: 12, italic: true };
  ws.getRow(nameRow).getCell(3).alignment = { horizontal: 'center' };
  ws.mergeCells(nameRow, 3, nameRow, 5);
  return Buffer.from(await book.xlsx.writeBuffer());
}
