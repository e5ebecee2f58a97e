import type { FieldProblem } from './errors';

/**
 * English validator messages (class-validator's defaults and the short rules written beside the
 * inputs, `id must be a UUID`) as Vietnamese for the person at the form, each with a stable
 * per-field code for a frontend that words its own. Read in order; the first match wins. The
 * field is named by the problem's path, so the message leaves it out.
 */
const RULES: ReadonlyArray<readonly [RegExp, string, (m: RegExpExecArray) => string]> = [
  [/must be a UUID$/, 'INVALID_ID', () => 'phải là một mã UUID'],
  [/must be a date written YYYY-MM-DD$/, 'DATE_FORMAT', () => 'phải là ngày viết theo dạng YYYY-MM-DD'],
  [/must be a real calendar date$/, 'DATE_NOT_REAL', () => 'phải là một ngày có thật'],
  [/must be a valid ISO 8601 date string$/, 'DATE_FORMAT', () => 'phải là ngày viết theo dạng YYYY-MM-DD'],
  [/must be (?:a valid email address|an email)$/, 'INVALID_EMAIL', () => 'phải là địa chỉ email hợp lệ'],
  [/must not contain control characters$/, 'CONTROL_CHARACTERS', () => 'không được chứa ký tự điều khiển'],
  [
    /must be letters \(with diacritics\) in words separated by spaces$/,
    'INVALID_PERSON_NAME',
    () => 'chỉ gồm chữ cái (có dấu), các từ cách nhau bởi dấu cách',
  ],
  [/must be a telephone number such as (.+)$/, 'INVALID_PHONE', (m) => `phải là số điện thoại, ví dụ ${m[1]}`],
  [/must be at most (\d+) characters(?: long)?$/, 'TOO_LONG', (m) => `dài tối đa ${m[1]} ký tự`],
  [/must be shorter than or equal to (\d+) characters$/, 'TOO_LONG', (m) => `dài tối đa ${m[1]} ký tự`],
  [/must be at least (\d+) characters(?: long)?$/, 'TOO_SHORT', (m) => `dài ít nhất ${m[1]} ký tự`],
  [/must be longer than or equal to (\d+) characters$/, 'TOO_SHORT', (m) => `dài ít nhất ${m[1]} ký tự`],
  [/must not be empty$|should not be empty$/, 'REQUIRED', () => 'không được để trống'],
  [/must be between (\S+) and (\S+)$/, 'OUT_OF_RANGE', (m) => `phải từ ${m[1]} đến ${m[2]}`],
  [/must be (?:from )?(-?[\d.]+) to (-?[\d.]+)$/, 'OUT_OF_RANGE', (m) => `phải từ ${m[1]} đến ${m[2]}`],
  [/must be a whole year$/, 'INVALID_YEAR', () => 'phải là một năm (số nguyên)'],
  [/must be (-?[\d.]+) or later$/, 'TOO_SMALL', (m) => `phải từ ${m[1]} trở về sau`],
  [/must be (-?[\d.]+) or earlier$/, 'TOO_LARGE', (m) => `phải từ ${m[1]} trở về trước`],
  [/must be at least (-?[\d.]+)$/, 'TOO_SMALL', (m) => `phải từ ${m[1]} trở lên`],
  [/must be at most (-?[\d.]+)$/, 'TOO_LARGE', (m) => `tối đa là ${m[1]}`],
  [/must not be less than (-?[\d.]+)$/, 'TOO_SMALL', (m) => `không được nhỏ hơn ${m[1]}`],
  [/must not be greater than (-?[\d.]+)$/, 'TOO_LARGE', (m) => `không được lớn hơn ${m[1]}`],
  [/must be an integer number$/, 'NOT_INTEGER', () => 'phải là số nguyên'],
  [/must be a boolean value$/, 'NOT_BOOLEAN', () => 'phải là đúng hoặc sai (true/false)'],
  [/must be one of the following values: (.*)$/, 'NOT_IN_LIST', (m) => `phải là một trong các giá trị: ${m[1]}`],
  [/must contain no more than (\d+) elements$/, 'TOO_MANY', (m) => `tối đa ${m[1]} mục`],
  [/must contain at least (\d+) elements$/, 'TOO_FEW', (m) => `ít nhất ${m[1]} mục`],
  [/must be a URL address$/, 'INVALID_URL', () => 'phải là một địa chỉ URL'],
  [/^invalid cursor$/, 'INVALID_CURSOR', () => 'không phải con trỏ trang do máy chủ cấp'],
  [/must be an endCursor from a previous page$/, 'INVALID_CURSOR', () => 'phải là endCursor của trang trước'],
  [/^at most (-?[\d.]+)$/, 'TOO_LARGE', (m) => `tối đa là ${m[1]}`],
  [/must be a whole number of days, at least 1$/, 'INVALID_DAYS', () => 'phải là số ngày nguyên, ít nhất 1 ngày'],
  [/^before the stage started$/, 'BEFORE_STAGE', () => 'trước ngày bắt đầu bước xử lý'],
  [/^already the chair$/, 'ALREADY_CHAIR', () => 'đã là Chủ nhiệm Ủy ban Kiểm tra'],
  [/must be a figure code such as (\S+)$/, 'INVALID_FIGURE', (m) => `phải là mã chỉ số, ví dụ ${m[1]}`],
];

const screamingSnake = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();

/**
 * A field problem in Vietnamese with its code: a known English rule is restated, a message
 * already in Vietnamese is kept. `constraint` is class-validator's name of the rule (`isEnum`),
 * the code when no rule above knows the message.
 */
export function vietnameseProblem(p: FieldProblem, constraint?: string): FieldProblem {
  for (const [pattern, code, say] of RULES) {
    const m = pattern.exec(p.message);
    if (m) return { path: p.path, message: say(m), code: p.code ?? code };
  }
  return { ...p, code: p.code ?? (constraint ? screamingSnake(constraint) : 'INVALID') };
}
