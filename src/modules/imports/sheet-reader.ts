import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { type Cell, EMPTY } from './cells';
import { ImportErrors } from './imports.errors';

export type SheetFormat = 'xlsx' | 'csv';

/** One row of the sheet: its number as the spreadsheet shows it (1 = the first line) and its cells from column A. */
export interface SheetRow {
  rowNumber: number;
  cells: Cell[];
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * The format of an uploaded file, from its bytes (a zip is XLSX, UTF-8 text is CSV); the name's
 * extension must agree. An old binary .xls and anything else is refused with what to do.
 */
export function detectFormat(fileName: string, data: Buffer): SheetFormat {
  const ext = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
  if (!data.length) throw ImportErrors.file('Tệp rỗng: không có dòng nào để nhập');
  if (data.subarray(0, 4).equals(OLE))
    throw ImportErrors.file('Tệp .xls cũ (Excel 97-2003) không được nhận: mở bằng Excel và lưu thành .xlsx hoặc CSV UTF-8');
  const format: SheetFormat | null = data.subarray(0, 4).equals(ZIP) ? 'xlsx' : data.includes(0) ? null : 'csv';
  if (!format) throw ImportErrors.file(`${fileName} không phải tệp XLSX hay CSV`);
  if (ext && ext !== format && !(format === 'csv' && ext === 'txt'))
    throw ImportErrors.file(`${fileName} mang đuôi .${ext} nhưng nội dung là ${format.toUpperCase()}`);
  return format;
}

/** The bytes as a stream of 64 KiB chunks, reporting how many were consumed. */
function chunked(data: Buffer, onBytes?: (done: number) => void): Readable {
  const size = 64 * 1024;
  let offset = 0;
  return new Readable({
    read() {
      if (offset >= data.length) {
        this.push(null);
        return;
      }
      const end = Math.min(offset + size, data.length);
      this.push(data.subarray(offset, end));
      offset = end;
      onBytes?.(offset);
    },
  });
}

/** An ExcelJS cell value as a {@link Cell}. */
function xlsxCell(v: unknown): Cell {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'string') return { kind: 'text', text: v };
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v };
  if (v instanceof Date) return { kind: 'date', date: v };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o)
      return { kind: 'formula', formula: String(o['formula'] ?? o['sharedFormula'] ?? '') };
    if ('error' in o) return { kind: 'error', code: String(o['error']) };
    if (Array.isArray(o['richText']))
      return { kind: 'text', text: (o['richText'] as Array<{ text?: string }>).map((r) => r.text ?? '').join('') };
    if ('text' in o) return xlsxCell(o['text']);
  }
  return { kind: 'text', text: String(v) };
}

/** Buffers as text, a multi-byte character split between two chunks kept whole. */
async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
  const rest = decoder.end();
  if (rest) yield rest;
}

type ReaderInternals = {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterable: AsyncIterable<Buffer | string>, sheetNo: string): AsyncGenerator<unknown>;
};

/**
 * ExcelJS 4.4's streaming reader decodes each inflated chunk of XML on its own, so a Vietnamese
 * letter (2-3 bytes in UTF-8) that straddles two chunks becomes "��" (exceljs issues #2084,
 * #2316; fixes proposed upstream, unreleased). This reader hands its XML parser text decoded
 * across chunk boundaries instead: shared strings through `setEncoding` (the fix proposed in
 * #2084), worksheets through a StringDecoder. A test reads back thousands of accented names
 * written by ExcelJS and fails on any replacement character, so an upgrade that changes these
 * internals is caught.
 */
function utf8WorkbookReader(input: Readable, options: ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookReader>[1]) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, options);
  const internals = reader as unknown as ReaderInternals;
  const sharedStrings = internals._parseSharedStrings.bind(reader);
  const worksheet = internals._parseWorksheet.bind(reader);
  internals._parseSharedStrings = (entry) => {
    entry.setEncoding('utf8');
    return sharedStrings(entry);
  };
  internals._parseWorksheet = (iterable, sheetNo) => worksheet(utf8Chunks(iterable), sheetNo);
  return reader;
}

/**
 * The rows of the first worksheet of an XLSX file, streamed (ExcelJS's WorkbookReader): rows are
 * parsed as the zip is inflated, never the whole workbook at once. Styles are read so that a
 * number in a date format comes as a date.
 */
async function* xlsxRows(data: Buffer, onBytes?: (done: number) => void): AsyncGenerator<SheetRow> {
  const reader = utf8WorkbookReader(chunked(data, onBytes), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let first = true;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (!first) continue;
        const values = row.values as unknown[];
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(xlsxCell(values[i]));
        yield { rowNumber: row.number, cells };
      }
      first = false;
    }
  } catch (err) {
    if (err instanceof Error && /zip|signature|end of central|invalid/i.test(err.message))
      throw ImportErrors.file('Tệp XLSX bị hỏng hoặc không đọc được: mở bằng Excel, lưu lại và thử lại');
    throw err;
  }
}

/** The delimiter of a CSV from its first line: the most frequent of , ; and tab outside quotes (`,` when none). */
function delimiterOf(textStart: string): string {
  const line = textStart.split(/\r?\n/, 1)[0] ?? '';
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  const [best, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return n > 0 ? best : ',';
}

/**
 * The rows of a CSV file (csv-parse, streamed): UTF-8 (a BOM is dropped), delimiter `,`, `;` or
 * tab as the header line uses, RFC 4180 quoting. Row numbers count records, as a spreadsheet
 * program shows them.
 */
async function* csvRows(data: Buffer, onBytes?: (done: number) => void): AsyncGenerator<SheetRow> {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw ImportErrors.file('Tệp CSV phải mã hóa UTF-8 (trong Excel: Lưu thành → "CSV UTF-8 (Comma delimited)")');
  }
  const delimiter = delimiterOf(
    data
      .subarray(0, 4096)
      .toString('utf8')
      .replace(/^\uFEFF/, ''),
  );
  const parser = chunked(data, onBytes).pipe(
    parseCsv({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: false, trim: false }),
  );
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber++;
      yield { rowNumber, cells: record.map((text) => (text === '' ? EMPTY : { kind: 'text', text })) };
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code?.startsWith('CSV_'))
      throw ImportErrors.file(`Tệp CSV sai cú pháp gần dòng ${rowNumber + 1}: ${(err as Error).message}`);
    throw err;
  }
}

/** The rows of the file's (first) sheet, streamed; `onBytes` reports progress through the file. */
export function readSheet(format: SheetFormat, data: Buffer, onBytes?: (done: number) => void): AsyncGenerator<SheetRow> {
  return format === 'xlsx' ? xlsxRows(data, onBytes) : csvRows(data, onBytes);
}
