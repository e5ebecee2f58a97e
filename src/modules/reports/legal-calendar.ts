import { badInput } from '../../common/errors';
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
  if (n === undefined) throw badInput(`${JSON.stringify(d)} is not a calendar date (expected YYYY-MM-DD)`);
  return n;
}

/** True when `text` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: unknown): text is IsoDate {
  return typeof text === 'string' && dayNumberOf(text) !== undefined;
}

/** The day in Vietnam on which `instant` falls. */
export function localDateOf(instant: Date): IsoDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw badInput('Invalid date');
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
  throw badInput(`${JSON.stringify(value)} is neither a date (YYYY-MM-DD) nor a timestamp with a time zone`);
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
      `The holiday calendar has no data for ${date.slice(0, 4)} (needed for ${date}); it covers ${years.join(', ') || 'no year'}. ` +
        'Add the year before computing deadlines in it: changeHolidayCalendar (addYears) or `npm run rules -- holidays` (the bundled data/vn-holidays.json is only the first version, seeded on first start).',
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
   * reported with the offending entry, e.g. `days[3] (2026-02-30): date must be a real date`.
   *
   * @param options.includeUnsure false leaves out rows marked `unsure` (for a conservative view:
   *   fewer holidays give earlier deadlines). Default true: the rows are our best knowledge.
   */
  static fromData(data: unknown, options: { includeUnsure?: boolean; label?: string } = {}): HolidayCalendar {
    const label = options.label ?? 'holiday calendar';
    const fail = (where: string, message: string) => new Error(`${label}: ${where}: ${message}`);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw fail('root', 'must be an object { years, days }');
    const { years, days } = data as { years?: unknown; days?: unknown };
    if (!Array.isArray(years) || years.length === 0) throw fail('years', 'must be a non-empty list of years');
    years.forEach((y, i) => {
      if (!Number.isInteger(y) || (y as number) < 1976 || (y as number) > 9999)
        throw fail(`years[${i}]`, `${JSON.stringify(y)} is not a year`);
    });
    if (new Set(years).size !== years.length) throw fail('years', 'lists a year twice');
    if (!Array.isArray(days)) throw fail('days', 'must be a list');
    const rows: CalendarDay[] = [];
    const seen = new Set<string>();
    days.forEach((raw: unknown, i) => {
      const where = (d?: unknown) => `days[${i}]${typeof d === 'string' ? ` (${d})` : ''}`;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw fail(where(), 'must be an object { date, name }');
      const row = raw as Record<string, unknown>;
      const unknownKey = Object.keys(row).find((k) => !ROW_KEYS.has(k));
      if (unknownKey) throw fail(where(row['date']), `unknown field "${unknownKey}" (allowed: ${[...ROW_KEYS].join(', ')})`);
      const { date, name, type = 'HOLIDAY', unsure = false, note } = row;
      if (!isIsoDate(date)) throw fail(where(date), 'date must be a real date written YYYY-MM-DD');
      if (!years.includes(Number(date.slice(0, 4))))
        throw fail(where(date), `the date is outside the listed years ${years.join(', ')}`);
      if (typeof name !== 'string' || name.trim() === '') throw fail(where(date), 'name must be a non-empty text');
      if (type !== 'HOLIDAY' && type !== 'WORKING_DAY') throw fail(where(date), 'type must be HOLIDAY or WORKING_DAY');
      if (typeof unsure !== 'boolean') throw fail(where(date), 'unsure must be true or false');
      if (note !== undefined && typeof note !== 'string') throw fail(where(date), 'note must be a text');
      if (seen.has(date)) throw fail(where(date), 'the date is listed twice');
      seen.add(date);
      const weekend = [0, 6].includes(weekdayOf(date));
      if (type === 'WORKING_DAY' && !weekend)
        throw fail(where(date), 'a WORKING_DAY must be a Saturday or Sunday (weekdays are working days already)');
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
  if (!Number.isSafeInteger(n)) throw badInput(`${what} must be a whole number of days, got ${n}`);
}

/**
 * The day on which a period of `n` working days that starts with an event on `start` ends.
 * The day of the event is not counted (Civil Code Art. 147); the result is the n-th working day after
 * it. `n = 0` gives the start day itself; a negative `n` counts backwards.
 *
 * @example addWorkingDays('2026-02-13', 1, cal) === '2026-02-23' // Friday before Tết → Monday after
 */
export function addWorkingDays(start: Date | IsoDate, n: number, calendar: HolidayCalendar): IsoDate {
  requireWholeDays(n, 'The number of working days');
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
  requireWholeDays(n, 'The number of calendar days');
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
