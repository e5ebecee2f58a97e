import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { PeriodicReportView } from './periodic-reports.service';
import { COLUMN_HEADERS, numbering, periodNote, placeAndDate } from './periodic-report.xlsx';

/**
 * DejaVu Serif from the `dejavu-fonts-ttf` package: a TrueType font with every Vietnamese letter
 * (PDF's standard fonts have none of ơ, ư, ạ, …), embedded (subset) in the file, so the PDF
 * prints the same everywhere and nothing is fetched from another host.
 */
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = join(FONT_DIR, 'DejaVuSerif.ttf');
const BOLD = join(FONT_DIR, 'DejaVuSerif-Bold.ttf');
const ITALIC = join(FONT_DIR, 'DejaVuSerif-Italic.ttf');

const fmtChange = (c: number | null) => (c === null ? '' : `${c > 0 ? '+' : ''}${c.toFixed(1).replace('.', ',')}`);

/**
 * The report as a printable A4 PDF (pdfkit), in the same layout as the XLSX: title block,
 * title and period, the tables with their column headings repeated on each new page, the
 * recipients and the signature block.
 */
export function periodicReportPdf(v: PeriodicReportView): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 56, right: 42 },
    info: { Title: `${v.template.title} ${v.template.subtitle} ${v.periodLabel}`, Creator: 'Giám sát' },
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  doc.registerFont('italic', ITALIC);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const half = width / 2;
  const t = v.template;

  // Title block: issuing body on the left, the national motto on the right.
  const top = doc.y;
  doc.font('bold').fontSize(11);
  t.header.left.forEach((s, i) => doc.text(s, left, top + i * 15, { width: half - 20, align: 'center' }));
  t.header.right.forEach((s, i) => doc.text(s, left + half - 20, top + i * 15, { width: half + 20, align: 'center' }));
  const blockEnd = top + Math.max(t.header.left.length, t.header.right.length) * 15;
  doc
    .font('italic')
    .fontSize(11)
    .text(placeAndDate(t.header.place, v.preparedOn), left + half - 20, blockEnd + 4, {
      width: half + 20,
      align: 'center',
    });
  doc.moveDown(1.5);
  doc.font('bold').fontSize(14).text(t.title, left, doc.y, { width, align: 'center' });
  doc.font('bold').fontSize(12).text(`${t.subtitle} ${v.periodLabel}`, { width, align: 'center' });
  if (v.scopeName) doc.font('italic').fontSize(11).text(`Phạm vi: ${v.scopeName}`, { width, align: 'center' });
  doc.font('italic').fontSize(10).text(periodNote(v), { width, align: 'center' });
  doc.moveDown(1);

  // Columns: STT, content, this period, last year, change.
  const cols = [32, width - 32 - 3 * 72, 72, 72, 72];
  const xs = cols.map((_, i) => left + cols.slice(0, i).reduce((a, b) => a + b, 0));
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const drawRow = (cells: string[], font: 'regular' | 'bold', indent = 0) => {
    doc.font(font).fontSize(10);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: cols[i]! - 8 - (i === 1 ? indent : 0) }));
    const h = Math.max(...heights) + 8;
    if (doc.y + h > bottom()) {
      doc.addPage();
      if (font !== 'bold' || cells[0] !== COLUMN_HEADERS[0]) drawRow([...COLUMN_HEADERS], 'bold');
      doc.font(font).fontSize(10);
    }
    const y = doc.y;
    cells.forEach((c, i) => {
      doc.rect(xs[i]!, y, cols[i]!, h).stroke();
      doc.text(c, xs[i]! + 4 + (i === 1 ? indent : 0), y + 4, {
        width: cols[i]! - 8 - (i === 1 ? indent : 0),
        align: i === 1 ? 'left' : 'center',
      });
    });
    doc.x = left;
    doc.y = y + h;
  };
  for (const table of v.tables) {
    if (doc.y + 60 > bottom()) doc.addPage();
    doc.font('bold').fontSize(11).text(`${table.key}. ${table.title.toUpperCase()}`, left, doc.y, { width });
    doc.moveDown(0.3);
    drawRow([...COLUMN_HEADERS], 'bold');
    const nums = numbering(table.rows);
    table.rows.forEach((r, i) =>
      drawRow(
        [
          nums[i]!,
          r.label,
          r.current === null ? '' : String(r.current),
          r.previous === null ? '' : String(r.previous),
          fmtChange(r.change),
        ],
        r.level === 0 ? 'bold' : 'regular',
        12 * r.level,
      ),
    );
    doc.moveDown(1);
  }

  // Recipients on the left, signature on the right.
  if (doc.y + 130 > bottom()) doc.addPage();
  const sy = doc.y;
  doc.font('bold').fontSize(10).text('Nơi nhận:', left, sy, { width: half });
  doc.font('regular').fontSize(9);
  t.recipients.forEach((r, i) =>
    doc.text(`- ${r}${i === t.recipients.length - 1 ? '.' : ','}`, left, doc.y, { width: half - 10 }),
  );
  doc
    .font('bold')
    .fontSize(11)
    .text(t.signature.onBehalf, left + half, sy, { width: half, align: 'center' });
  doc.text(t.signature.title, left + half, doc.y, { width: half, align: 'center' });
  doc
    .font('italic')
    .fontSize(10)
    .text('(Ký, ghi rõ họ tên)', left + half, doc.y + 60, { width: half, align: 'center' });
  doc.end();
  return done;
}
