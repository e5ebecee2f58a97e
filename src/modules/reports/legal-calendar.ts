import { badInput } from '../../common/errors';
import { RuleDataError } from '../../common/rule-data-error';
import vnHolidays from './data/vn-holidays.json';

/**
 * Working-day arithmetic in Vietnam's civil calendar.
 *
 * Every day here is a calendar day in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving since
 * 1975), written as an ISO date `YYYY-MM-DD` ({@link IsoDate}). An instant (`Date`) is first turned
 * into the local day it falls on: a report received at 2026-03-06T23:30Z was received on 2026-03-07.
 * All arithmetic is done on UTC midnights of those dates, so the machine's own time zone never
 * matters.
 *
 * Counting follows the Civil Code 2015: a period in days starts on the day after the event
 * (Art. 147(1)), and ends at 24:00 of its last day (Art. 148(6)); we represent that instant as
 * 23:59:59.999+07:00 ({@link endOfLocalDay}), the last millisecond a `Date` can hold in that day.
 * When the last day of a period falls on a weekly rest day or a holiday, the period ends at the
 * end of the next working day (Art. 148(5)): see {@link addCalendarDays} option `onDayOff`.
 */

/** A calendar day in Vietnam, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Vietnam's offset from UTC, fixed (no DST). */
export const VN_UTC_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Timestamps must carry their offset: a naive `2026-03-06T23:30` would be read in the machine's zone. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Day number (days since 1970-01-01) of a valid ISO date, or undefined when the text is not one. */
function dayNumberOf(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

function isoOfDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function dayNumber(d: IsoDate): number {
  const n = dayNumberOf(d);
  if (n === undefined)
    throw badInput(`${JSON.stringify(d)} không phải một ngày có thật (viết theo dạng YYYY-MM-DD)`, [], 'DATE_MALFORMED');
  return n;
}

/** True when `text` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: unknown): text is IsoDate {
  return typeof text === 'string' && dayNumberOf(text) !== undefined;
}

/** The day in Vietnam on which `instant` falls. */
export function localDateOf(instant: Date): IsoDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw badInput('Ngày không hợp lệ', [], 'DATE_MALFORMED');
  return isoOfDayNumber(Math.floor((ms + VN_UTC_OFFSET_MS) / DAY_MS));
}

/**
 * The Vietnamese day meant by `value`: a `Date` (an instant), an ISO date `YYYY-MM-DD` (already a
 * local day), or an ISO timestamp with an explicit `Z` or offset. Anything else is refused.
 */
export function toLocalDate(value: Date | string): IsoDate {
  if (value instanceof Date) return localDateOf(value);
  if (dayNumberOf(value) !== undefined) return value;
  if (ISO_INSTANT.test(value)) {
    const instant = new Date(value);
    if (!Number.isNaN(instant.getTime()) && dayNumberOf(value.slice(0, 10)) !== undefined) return localDateOf(instant);
  }
  throw badInput(
    `${JSON.stringify(value)} không phải một ngày (YYYY-MM-DD) cũng không phải một thời điểm có múi giờ`,
    [],
    'DATE_MALFORMED',
  );
}

/** 00:00:00.000 in Vietnam on day `d`. */
export function startOfLocalDay(d: IsoDate): Date {
  return new Date(dayNumber(d) * DAY_MS - VN_UTC_OFFSET_MS);
}

/** The last millisecond of day `d` in Vietnam (23:59:59.999+07:00): when a deadline on `d` expires. */
export function endOfLocalDay(d: IsoDate): Date {
  return new Date((dayNumber(d) + 1) * DAY_MS - VN_UTC_OFFSET_MS - 1);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(d: IsoDate): number {
  return new Date(dayNumber(d) * DAY_MS).getUTCDay();
}

/** One row of the holiday data. */
export interface CalendarDay {
  date: IsoDate;
  name: string;
  /**
   * HOLIDAY: no work that day (a public holiday, a compensatory day off, or a working day swapped
   * away for a longer break). WORKING_DAY: a Saturday or Sunday worked to make up a swapped day.
   * Defaults to HOLIDAY.
   */
  type: 'HOLIDAY' | 'WORKING_DAY';
  /** Set when the day is an estimate or not confirmed by an official announcement. */
  unsure: boolean;
  note?: string;
}

/** Raised when a computation needs a day of a year the calendar has no data for. */
export class CalendarCoverageError extends Error {
  constructor(
    readonly date: IsoDate,
    readonly years: readonly number[],
  ) {
    super(
      `Lịch nghỉ lễ, Tết chưa có dữ liệu năm ${date.slice(0, 4)} (cần cho ngày ${date}); lịch có các năm: ${years.join(', ') || 'chưa có năm nào'}. ` +
        'Hãy thêm năm đó trước khi tính thời hạn trong năm: changeHolidayCalendar (addYears) hoặc `npm run rules -- holidays` (tệp data/vn-holidays.json kèm theo chỉ là phiên bản đầu, nạp khi khởi động lần đầu).',
    );
    this.name = 'CalendarCoverageError';
  }
}

const ROW_KEYS = new Set(['date', 'name', 'type', 'unsure', 'note']);

/**
 * Public holidays and make-up working days, as data. Saturdays and Sundays are days off unless
 * listed as WORKING_DAY; weekdays are working days unless listed as HOLIDAY.
 *
 * The calendar knows which years it covers and refuses ({@link CalendarCoverageError}) to say
 * whether a day outside them is a working day: a missing year would otherwise silently give
 * deadlines that ignore that year's holidays. Deadlines late in the last covered year reach into the
 * next one, so the error shows up weeks before the new year: time to add the data.
 */
export class HolidayCalendar {
  private readonly byDate = new Map<IsoDate, CalendarDay>();
  readonly years: readonly number[];

  private constructor(years: number[], days: CalendarDay[]) {
    this.years = [...years].sort((a, b) => a - b);
    for (const day of days) this.byDate.set(day.date, day);
  }

  /**
   * Builds a calendar from data shaped like `data/vn-holidays.json`:
   * `{ years: [2025, …], days: [{ date, name, type?, unsure?, note? }, …] }`. Every problem is
   * reported with the offending entry, e.g. `days[3] (2026-02-30): date phải là một ngày có thật …`, in a
   * {@link RuleDataError} whose `code` names the broken rule.
   *
   * @param options.includeUnsure false leaves out rows marked `unsure` (for a conservative view:
   *   fewer holidays give earlier deadlines). Default true: the rows are our best knowledge.
   */
  static fromData(data: unknown, options: { includeUnsure?: boolean; label?: string } = {}): HolidayCalendar {
    const label = options.label ?? 'lịch nghỉ lễ, Tết';
    const fail = (where: string, code: string, message: string) => new RuleDataError(label, where, code, message);
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      throw fail('root', 'NOT_OBJECT', 'phải là một đối tượng JSON { years, days }');
    const { years, days } = data as { years?: unknown; days?: unknown };
    if (!Array.isArray(years) || years.length === 0)
      throw fail('years', 'LIST_EMPTY', 'phải là một danh sách có ít nhất một năm');
    years.forEach((y, i) => {
      if (!Number.isInteger(y) || (y as number) < 1976 || (y as number) > 9999)
        throw fail(`years[${i}]`, 'INVALID_YEAR', `${JSON.stringify(y)} không phải một năm`);
    });
    if (new Set(years).size !== years.length) throw fail('years', 'DUPLICATE_YEAR', 'có một năm được nêu hai lần');
    if (!Array.isArray(days)) throw fail('days', 'NOT_LIST', 'phải là một danh sách');
    const rows: CalendarDay[] = [];
    const seen = new Set<string>();
    days.forEach((raw: unknown, i) => {
      const where = (d?: unknown) => `days[${i}]${typeof d === 'string' ? ` (${d})` : ''}`;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        throw fail(where(), 'NOT_OBJECT', 'phải là một đối tượng JSON { date, name }');
      const row = raw as Record<string, unknown>;
      const unknownKey = Object.keys(row).find((k) => !ROW_KEYS.has(k));
      if (unknownKey)
        throw fail(
          where(row['date']),
          'UNKNOWN_FIELD',
          `trường "${unknownKey}" không có trong mẫu (các trường được dùng: ${[...ROW_KEYS].join(', ')})`,
        );
      const { date, name, type = 'HOLIDAY', unsure = false, note } = row;
      if (!isIsoDate(date)) throw fail(where(date), 'DATE_FORMAT', 'date phải là một ngày có thật viết theo dạng YYYY-MM-DD');
      if (!years.includes(Number(date.slice(0, 4))))
        throw fail(where(date), 'YEAR_NOT_LISTED', `ngày này nằm ngoài các năm đã nêu: ${years.join(', ')}`);
      if (typeof name !== 'string' || name.trim() === '')
        throw fail(where(date), 'TEXT_REQUIRED', 'name phải là một đoạn chữ, không để trống');
      if (type !== 'HOLIDAY' && type !== 'WORKING_DAY')
        throw fail(where(date), 'NOT_IN_LIST', 'type phải là HOLIDAY (ngày nghỉ) hoặc WORKING_DAY (ngày làm bù)');
      if (typeof unsure !== 'boolean') throw fail(where(date), 'NOT_BOOLEAN', 'unsure phải là true (đúng) hoặc false (sai)');
      if (note !== undefined && typeof note !== 'string') throw fail(where(date), 'NOT_TEXT', 'note phải là một đoạn chữ');
      if (seen.has(date)) throw fail(where(date), 'DUPLICATE_DATE', 'ngày này được nêu hai lần');
      seen.add(date);
      const weekend = [0, 6].includes(weekdayOf(date));
      if (type === 'WORKING_DAY' && !weekend)
        throw fail(
          where(date),
          'WORKING_DAY_ON_WEEKDAY',
          'ngày làm bù (WORKING_DAY) phải là thứ Bảy hoặc Chủ nhật (ngày thường trong tuần vốn đã là ngày làm việc)',
        );
      if (unsure && options.includeUnsure === false) return;
      rows.push({ date, name, type, unsure, ...(note === undefined ? {} : { note }) });
    });
    return new HolidayCalendar(years as number[], rows);
  }

  /** Whether the calendar has data for the year of `d`. */
  covers(d: IsoDate): boolean {
    return this.years.includes(Number(toLocalDate(d).slice(0, 4)));
  }

  /** The data row for day `d`, if any (holidays on a weekend are listed too, for information). */
  entryOn(d: IsoDate): CalendarDay | undefined {
    return this.byDate.get(toLocalDate(d));
  }

  /** True on a day people work at the ward; throws {@link CalendarCoverageError} outside the covered years. */
  isWorkingDay(d: IsoDate): boolean {
    const day = toLocalDate(d);
    if (!this.covers(day)) throw new CalendarCoverageError(day, this.years);
    const entry = this.byDate.get(day);
    if (entry) return entry.type === 'WORKING_DAY';
    const wd = weekdayOf(day);
    return wd !== 0 && wd !== 6;
  }

  /** Rows marked unsure, for review by whoever maintains the data. */
  unsureDays(): CalendarDay[] {
    return [...this.byDate.values()].filter((d) => d.unsure).sort((a, b) => a.date.localeCompare(b.date));
  }
}

let defaultCalendar: HolidayCalendar | undefined;

/** The calendar from `data/vn-holidays.json` (2025–2027), validated once. */
export function defaultHolidayCalendar(): HolidayCalendar {
  defaultCalendar ??= HolidayCalendar.fromData(vnHolidays, { label: 'data/vn-holidays.json' });
  return defaultCalendar;
}

function requireWholeDays(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw badInput(`${what} phải là số nguyên, nhận được ${n}`, [], 'INVALID_DAYS');
}

/**
 * The day on which a period of `n` working days that starts with an event on `start` ends.
 * The day of the event is not counted (Civil Code Art. 147); the result is the n-th working day after
 * it. `n = 0` gives the start day itself; a negative `n` counts backwards.
 *
 * @example addWorkingDays('2026-02-13', 1, cal) === '2026-02-23' // Friday before Tết → Monday after
 */
export function addWorkingDays(start: Date | IsoDate, n: number, calendar: HolidayCalendar): IsoDate {
  requireWholeDays(n, 'Số ngày làm việc');
  let day = dayNumber(toLocalDate(start));
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0;) {
    day += step;
    if (calendar.isWorkingDay(isoOfDayNumber(day))) left -= 1;
  }
  return isoOfDayNumber(day);
}

/** The first working day on or after `d`. */
export function nextWorkingDayOnOrAfter(d: Date | IsoDate, calendar: HolidayCalendar): IsoDate {
  let day = dayNumber(toLocalDate(d));
  while (!calendar.isWorkingDay(isoOfDayNumber(day))) day += 1;
  return isoOfDayNumber(day);
}

/**
 * The day `n` calendar days after the day of `start`.
 *
 * @param options.onDayOff `KEEP` (default) returns that day as it is; `NEXT_WORKING_DAY` moves a
 *   result that is a weekend or holiday to the next working day (Civil Code Art. 148(5): a period
 *   whose last day is a day off ends at the end of the next working day), and needs `calendar`.
 */
export function addCalendarDays(
  start: Date | IsoDate,
  n: number,
  calendar?: HolidayCalendar,
  options: { onDayOff?: 'KEEP' | 'NEXT_WORKING_DAY' } = {},
): IsoDate {
  requireWholeDays(n, 'Số ngày');
  const end = isoOfDayNumber(dayNumber(toLocalDate(start)) + n);
  if ((options.onDayOff ?? 'KEEP') === 'KEEP') return end;
  if (!calendar) throw new Error('addCalendarDays: onDayOff NEXT_WORKING_DAY needs a calendar');
  return nextWorkingDayOnOrAfter(end, calendar);
}

/**
 * How many working days lie after `from` up to and including `to`, the inverse of
 * {@link addWorkingDays}: `workingDaysBetween(s, addWorkingDays(s, n, c), c) === n`. Negative when
 * `to` is before `from`. Use it for "working days elapsed since receipt" or "left until the deadline".
 */
export function workingDaysBetween(from: Date | IsoDate, to: Date | IsoDate, calendar: HolidayCalendar): number {
  const a = dayNumber(toLocalDate(from));
  const b = dayNumber(toLocalDate(to));
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let day = lo + 1; day <= hi; day += 1) if (calendar.isWorkingDay(isoOfDayNumber(day))) count += 1;
  return sign * count;
}

/** Calendar days from the day of `from` to the day of `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: Date | IsoDate, to: Date | IsoDate): number {
  return dayNumber(toLocalDate(to)) - dayNumber(toLocalDate(from));
}
