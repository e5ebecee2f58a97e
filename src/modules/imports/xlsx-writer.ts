import type { Response } from 'express';
import ExcelJS from 'exceljs';

/** One column of an exported sheet. */
export interface SheetColumn {
  header: string;
  width: number;
  /** Excel number format, e.g. `dd/mm/yyyy` for dates, `0.0%` for shares. */
  numFmt?: string;
}

export type SheetValue = string | number | boolean | Date | null;

/**
 * Streams an XLSX workbook into the response (ExcelJS's WorkbookWriter: rows are zipped as they
 * are written, and committed rows leave memory). No shared strings, so a big sheet never holds
 * its text table in memory. An error after the first byte can only cut the response short.
 */
export async function sendWorkbook(
  res: Response,
  fileName: string,
  build: (book: WorkbookBuilder) => Promise<void>,
): Promise<void> {
  res.status(200);
  res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  res.setHeader('x-content-type-options', 'nosniff');
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  writer.creator = 'Giám sát';
  writer.created = new Date();
  await build(new WorkbookBuilder(writer));
  await writer.commit();
}

/** Adds sheets with a bold, frozen header row to a streamed workbook. */
export class WorkbookBuilder {
  constructor(private readonly writer: ExcelJS.stream.xlsx.WorkbookWriter) {}

  sheet(name: string, columns: readonly SheetColumn[]): SheetBuilder {
    const ws = this.writer.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ header: c.header, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    return new SheetBuilder(ws);
  }
}

export class SheetBuilder {
  constructor(private readonly ws: ExcelJS.Worksheet) {}

  /** Appends a row and commits it (it leaves memory). */
  row(values: readonly SheetValue[], opts: { bold?: boolean } = {}): void {
    const row = this.ws.addRow(values as SheetValue[]);
    if (opts.bold) row.font = { bold: true };
    row.commit();
  }

  done(): void {
    this.ws.commit();
  }
}

/** A `YYYY-MM-DD` date as the Date ExcelJS writes as that day (UTC midnight, as it reads them). */
export const excelDate = (iso: string | null): Date | null => (iso ? new Date(`${iso}T00:00:00Z`) : null);
