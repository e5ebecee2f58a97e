import { isRealDate } from '../../common/validation';

/**
 * One cell as read from a sheet, whatever the file format: CSV gives text only; XLSX also gives
 * numbers, booleans, dates (numbers in a date format), formulas and error values.
 */
export type Cell =
  | { readonly kind: 'empty' }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'date'; readonly date: Date }
  | { readonly kind: 'formula'; readonly formula: string }
  | { readonly kind: 'error'; readonly code: string };

export const EMPTY: Cell = { kind: 'empty' };

/** A cell parsed for its column: the value, or the reason it is refused (Vietnamese, for the report). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = (error: string): Parsed<never> => ({ ok: false, error });

/** A parser of one column's cells; `null` stands for an empty cell of an optional column. */
export type CellParser<T> = (cell: Cell) => Parsed<T>;

/** Spreadsheet column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * Folds a header or a label for comparison: NFC, no diacritics (đ → d), lower case, single
 * spaces, a trailing `*` (required-column mark) and a parenthesised hint dropped:
 * "Ngày sinh (dd/mm/yyyy) *" → "ngay sinh".
 */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\(.*?\)/g, ' ')
    .replace(/\*/g, ' ')
    .replace(/[\s_]+/g, ' ')
    .trim();
}

/** How a cell reads back in the report: short, so a long paragraph does not flood it. */
export function cellText(cell: Cell): string | null {
  switch (cell.kind) {
    case 'empty':
      return null;
    case 'text':
      return cell.text.length > 80 ? `${cell.text.slice(0, 77)}…` : cell.text;
    case 'number':
      return String(cell.value);
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'date':
      return cell.date.toISOString().slice(0, 10);
    case 'formula':
      return `=${cell.formula}`;
    case 'error':
      return cell.code;
  }
}

/** Text of a cell that should hold text: numbers are written as they read ("0912345678" typed as a number loses its 0). */
function asText(cell: Cell): string | null {
  switch (cell.kind) {
    case 'text': {
      const t = cell.text.normalize('NFC').trim().replace(/\s+/g, ' ');
      return t === '' ? null : t;
    }
    case 'number':
      return String(cell.value);
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    default:
      return null;
  }
}

/** Refusals shared by every parser: formulas, error values, and an empty cell in a required column. */
function common(cell: Cell, required: boolean): Parsed<null> | undefined {
  if (cell.kind === 'formula')
    return fail(
      `ô chứa công thức (=${cell.formula.slice(0, 40)}); hệ thống chỉ nhận giá trị: sao chép rồi dán giá trị (Paste Special → Values) và nhập lại`,
    );
  if (cell.kind === 'error') return fail(`ô có lỗi ${cell.code}`);
  if (cell.kind === 'empty' || (cell.kind === 'text' && cell.text.trim() === ''))
    return required ? fail('ô bắt buộc, đang để trống') : ok(null);
  return undefined;
}

export interface TextOptions {
  required?: boolean;
  maxLength?: number;
  pattern?: RegExp;
  /** Why the pattern failed, e.g. "chỉ gồm chữ cái". */
  patternMessage?: string;
}

export function text(opts: TextOptions & { required: true }): CellParser<string>;
export function text(opts?: TextOptions): CellParser<string | null>;
export function text(opts: TextOptions = {}): CellParser<string | null> {
  const { required = false, maxLength = 1000, pattern, patternMessage } = opts;
  return (cell) => {
    const c = common(cell, required);
    if (c) return c;
    const t = asText(cell);
    if (t === null)
      return cell.kind === 'date' ? fail('là một ngày, không phải chữ') : required ? fail('ô bắt buộc, đang để trống') : ok(null);
    if (/\p{Cc}/u.test(t)) return fail('có ký tự điều khiển');
    if (t.length > maxLength) return fail(`dài quá ${maxLength} ký tự`);
    if (pattern && !pattern.test(t)) return fail(patternMessage ?? 'không đúng dạng');
    return ok(t);
  };
}

const VN_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: string) => n.padStart(2, '0');

/**
 * A date: a date cell of the spreadsheet, or text written `dd/mm/yyyy` (Vietnamese order; `.`
 * and `-` also separate, as people write 19.05.1990 and 19-05-1990, the same one twice) or
 * `yyyy-mm-dd`. Anything else (`1985/09/05`, `05/09/85`, `19-05.1990`, `31/02/1985`, a bare
 * number) is refused with the accepted forms. The value is `YYYY-MM-DD`.
 */
export function date(opts: { required: true }): CellParser<string>;
export function date(opts?: { required?: boolean }): CellParser<string | null>;
export function date(opts: { required?: boolean } = {}): CellParser<string | null> {
  const required = opts.required ?? false;
  const wrong = (shown: string) =>
    fail(
      `"${shown}" không phải ngày đúng định dạng: viết dd/mm/yyyy (ví dụ 05/09/1985; cũng nhận 05.09.1985, 05-09-1985 và 1985-09-05) hoặc dùng ô kiểu Ngày`,
    );
  return (cell) => {
    const c = common(cell, required);
    if (c) return c;
    if (cell.kind === 'date') {
      // ExcelJS gives a date cell as UTC midnight of the day shown.
      const d = cell.date;
      if (Number.isNaN(d.getTime())) return wrong('?');
      return ok(d.toISOString().slice(0, 10));
    }
    if (cell.kind === 'number')
      return fail(`là số ${cell.value}, không phải ngày: viết dd/mm/yyyy (ví dụ 05/09/1985) hoặc định dạng ô kiểu Ngày`);
    const t = asText(cell) ?? '';
    let iso: string | null = null;
    const vn = VN_DATE.exec(t);
    if (vn) iso = `${vn[4]}-${pad(vn[3]!)}-${pad(vn[1]!)}`;
    else if (ISO.test(t)) iso = t;
    if (!iso) return wrong(t);
    if (!isRealDate(iso)) return fail(`"${t}" không phải ngày có thật trên lịch`);
    return ok(iso);
  };
}

/**
 * One of a closed list, by its Vietnamese label or a listed alias (accents, case and spacing
 * ignored) or the code itself (`BACHELOR`).
 */
export function choice<T extends string>(
  labels: Record<T, readonly string[]>,
  opts: { required: true; what: string },
): CellParser<T>;
export function choice<T extends string>(
  labels: Record<T, readonly string[]>,
  opts: { required?: boolean; what: string },
): CellParser<T | null>;
export function choice<T extends string>(
  labels: Record<T, readonly string[]>,
  opts: { required?: boolean; what: string },
): CellParser<T | null> {
  const required = opts.required ?? false;
  const byFold = new Map<string, T>();
  for (const [code, names] of Object.entries(labels) as Array<[T, readonly string[]]>) {
    byFold.set(fold(code), code);
    for (const n of names) byFold.set(fold(n), code);
  }
  const shown = (Object.values(labels) as string[][]).map((names) => `"${names[0]}"`).join(', ');
  // A column of a list holds few distinct texts: fold each once.
  const seen = new Map<string, Parsed<T>>();
  return (cell) => {
    const c = common(cell, required);
    if (c) return c;
    const t = asText(cell);
    if (t === null) return fail(`không phải ${opts.what}: chọn một trong ${shown}`);
    let parsed = seen.get(t);
    if (!parsed) {
      const code = byFold.get(fold(t));
      parsed = code ? ok(code) : fail(`"${t}" không phải ${opts.what} hợp lệ: chọn một trong ${shown}`);
      if (seen.size < 1000) seen.set(t, parsed);
    }
    return parsed;
  };
}

const YES = new Set(['co', 'x', 'yes', 'true', '1', 'dung', 'phai']);
const NO = new Set(['khong', 'no', 'false', '0', 'sai']);

/** Có / Không (also x, TRUE/FALSE, 1/0); an empty cell is `empty` (default false). */
export function yesNo(opts: { empty: boolean }): CellParser<boolean> {
  return (cell) => {
    const c = common(cell, false);
    if (c) return ok(opts.empty);
    if (cell.kind === 'boolean') return ok(cell.value);
    const t = fold(asText(cell) ?? '');
    if (YES.has(t)) return ok(true);
    if (NO.has(t)) return ok(false);
    return fail(`"${cellText(cell)}" không phải Có/Không`);
  };
}

/** A whole or decimal number in [min, max] (a score, a count): off the scale is refused naming the scale. */
export function numberIn(opts: { min: number; max: number; integer?: boolean; required: true }): CellParser<number>;
export function numberIn(opts: { min: number; max: number; integer?: boolean; required?: boolean }): CellParser<number | null>;
export function numberIn(opts: { min: number; max: number; integer?: boolean; required?: boolean }): CellParser<number | null> {
  const { min, max, integer = false, required = false } = opts;
  return (cell) => {
    const c = common(cell, required);
    if (c) return c;
    let n: number;
    if (cell.kind === 'number') n = cell.value;
    else {
      const t = (asText(cell) ?? '').replace(',', '.');
      if (!/^-?\d+(\.\d+)?$/.test(t)) return fail(`"${cellText(cell)}" không phải số`);
      n = Number(t);
    }
    if (integer && !Number.isInteger(n)) return fail(`${n} phải là số nguyên`);
    if (n < min || n > max) return fail(`${n} nằm ngoài thang ${min}–${max}`);
    return ok(n);
  };
}
