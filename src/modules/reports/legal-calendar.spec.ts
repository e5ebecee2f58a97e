import { RuleDataError } from '../../common/rule-data-error';
import { AppError, ErrorCode } from '../../common/errors';
import vnHolidays from './data/vn-holidays.json';
import {
  addCalendarDays,
  addWorkingDays,
  calendarDaysBetween,
  CalendarCoverageError,
  defaultHolidayCalendar,
  endOfLocalDay,
  HolidayCalendar,
  isIsoDate,
  localDateOf,
  nextWorkingDayOnOrAfter,
  startOfLocalDay,
  toLocalDate,
  weekdayOf,
  workingDaysBetween,
} from './legal-calendar';

const cal = defaultHolidayCalendar();

function thrownBy(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}
/** A calendar with no holidays at all, to isolate weekend behaviour. */
const bare = HolidayCalendar.fromData({ years: [2026], days: [] });

describe('local days in Asia/Ho_Chi_Minh', () => {
  it('puts an instant late in the UTC evening on the next Vietnamese day', () => {
    expect(localDateOf(new Date('2026-03-06T23:30:00Z'))).toBe('2026-03-07');
    expect(localDateOf(new Date('2026-03-06T16:59:59.999Z'))).toBe('2026-03-06');
    expect(localDateOf(new Date('2026-03-06T17:00:00Z'))).toBe('2026-03-07');
    expect(localDateOf(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });

  it('reads timestamps with an offset, dates as they are, and refuses naive timestamps and impossible dates', () => {
    expect(toLocalDate('2026-03-06T23:30:00Z')).toBe('2026-03-07');
    expect(toLocalDate('2026-03-07T01:00:00+07:00')).toBe('2026-03-07');
    expect(toLocalDate('2026-03-07')).toBe('2026-03-07');
    for (const bad of ['2026-03-06T23:30:00', '2026-02-30', '2026-3-7', '07/03/2026', '', '2026-02-30T10:00:00Z']) {
      expect(() => toLocalDate(bad)).toThrow(AppError);
    }
    const error = thrownBy(() => toLocalDate('2026-02-30'));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((error as AppError).message).toBe(
      '"2026-02-30" không phải một ngày (YYYY-MM-DD) cũng không phải một thời điểm có múi giờ',
    );
    expect(() => localDateOf(new Date('nonsense'))).toThrow(/Ngày không hợp lệ/);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate(20260101)).toBe(false);
  });

  it('ends a day at 23:59:59.999+07:00 and starts it at 00:00+07:00', () => {
    expect(endOfLocalDay('2026-03-07').toISOString()).toBe('2026-03-07T16:59:59.999Z');
    expect(startOfLocalDay('2026-03-07').toISOString()).toBe('2026-03-06T17:00:00.000Z');
    expect(localDateOf(endOfLocalDay('2026-03-07'))).toBe('2026-03-07');
    expect(localDateOf(new Date(endOfLocalDay('2026-03-07').getTime() + 1))).toBe('2026-03-08');
  });

  it('knows the weekday of a date regardless of the machine time zone', () => {
    expect(weekdayOf('2026-02-14')).toBe(6); // Saturday
    expect(weekdayOf('2026-04-26')).toBe(0); // Sunday
    expect(weekdayOf('2026-09-02')).toBe(3); // Wednesday
  });
});

describe('the default Vietnamese holiday data', () => {
  it('covers 2025, 2026 and 2027', () => {
    expect(cal.years).toEqual([2025, 2026, 2027]);
  });

  it.each([
    ['2025-01-01', 'Tết Dương lịch 2025'],
    ['2025-01-27', 'Tết 2025 starts on Monday 27/1'],
    ['2025-01-31', 'Tết 2025 ends on Friday 31/1'],
    ['2025-04-07', 'Giỗ Tổ 2025'],
    ['2025-04-30', '30/4'],
    ['2025-05-01', '1/5'],
    ['2025-05-02', 'swapped Friday 2/5/2025'],
    ['2025-09-01', 'Quốc khánh adjacent day 2025'],
    ['2025-09-02', 'Quốc khánh 2025'],
    ['2026-01-01', 'Tết Dương lịch 2026'],
    ['2026-01-02', 'swapped Friday 2/1/2026'],
    ['2026-02-16', 'Tết 2026'],
    ['2026-02-20', 'Tết 2026, mùng 4'],
    ['2026-04-27', 'Giỗ Tổ 2026 observed on Monday'],
    ['2026-08-31', 'swapped Monday 31/8/2026'],
    ['2026-09-01', 'Quốc khánh 2026'],
    ['2026-09-02', 'Quốc khánh 2026'],
    ['2027-02-08', 'Tết 2027 (estimate)'],
    ['2027-04-16', 'Giỗ Tổ 2027'],
    ['2027-05-03', '1/5/2027 falls on Saturday: Monday off'],
  ])('%s is a day off (%s)', (date) => {
    expect(cal.isWorkingDay(date)).toBe(false);
  });

  it.each([
    ['2025-04-26', 'Saturday worked for 2/5/2025'],
    ['2026-01-10', 'Saturday worked for 2/1/2026'],
    ['2026-08-22', 'Saturday worked for 31/8/2026'],
    ['2025-02-03', 'Monday after Tết 2025'],
    ['2026-02-23', 'Monday after Tết 2026'],
    ['2026-09-03', 'Thursday after Quốc khánh 2026'],
    ['2026-03-09', 'an ordinary Monday'],
  ])('%s is a working day (%s)', (date) => {
    expect(cal.isWorkingDay(date)).toBe(true);
  });

  it('keeps ordinary weekends off', () => {
    expect(cal.isWorkingDay('2026-03-07')).toBe(false);
    expect(cal.isWorkingDay('2026-03-08')).toBe(false);
  });

  it('lists the estimates and unconfirmed days for review, with a note on each group', () => {
    const unsure = cal.unsureDays().map((d) => d.date);
    expect(unsure).toEqual(expect.arrayContaining(['2026-11-24', '2027-02-04', '2027-09-03', '2027-11-24']));
    expect(unsure).not.toContain('2026-02-17');
    expect(unsure).toEqual([...unsure].sort());
    expect(cal.entryOn('2026-11-24')?.note).toMatch(/Politburo/);
  });

  it('can leave the unsure rows out for a conservative view', () => {
    const strict = HolidayCalendar.fromData(vnHolidays, { includeUnsure: false });
    expect(strict.isWorkingDay('2026-11-24')).toBe(true);
    expect(cal.isWorkingDay('2026-11-24')).toBe(false);
    expect(strict.isWorkingDay('2026-02-17')).toBe(false);
  });

  it('refuses to answer for a year it has no data for, naming the year and the file to update', () => {
    expect(() => cal.isWorkingDay('2028-01-03')).toThrow(CalendarCoverageError);
    expect(() => cal.isWorkingDay('2024-12-31')).toThrow(
      /chưa có dữ liệu năm 2024.*lịch có các năm: 2025, 2026, 2027.*vn-holidays\.json/,
    );
    // a 30-working-day period received in mid-December 2027 needs January 2028
    expect(() => addWorkingDays('2027-12-15', 30, cal)).toThrow(/chưa có dữ liệu năm 2028/);
  });
});

describe('building a calendar from data', () => {
  it.each([
    [null, /root: phải là một đối tượng JSON/],
    [{ years: [], days: [] }, /years: phải là một danh sách có ít nhất một năm/],
    [{ years: [2026, 2026], days: [] }, /có một năm được nêu hai lần/],
    [{ years: ['2026'], days: [] }, /years\[0\]: "2026" không phải một năm/],
    [{ years: [2026], days: {} }, /days: phải là một danh sách/],
    [{ years: [2026], days: [{ date: '2026-02-30', name: 'x' }] }, /days\[0\] \(2026-02-30\): date phải là một ngày có thật/],
    [
      { years: [2026], days: [{ date: '2027-01-01', name: 'x' }] },
      /days\[0\] \(2027-01-01\): ngày này nằm ngoài các năm đã nêu: 2026/,
    ],
    [
      { years: [2026], days: [{ date: '2026-01-01', name: ' ' }] },
      /days\[0\] \(2026-01-01\): name phải là một đoạn chữ, không để trống/,
    ],
    [
      { years: [2026], days: [{ date: '2026-01-01', name: 'x', type: 'OFF' }] },
      /type phải là HOLIDAY \(ngày nghỉ\) hoặc WORKING_DAY/,
    ],
    [
      { years: [2026], days: [{ date: '2026-01-01', name: 'x', unsure: 'yes' }] },
      /unsure phải là true \(đúng\) hoặc false \(sai\)/,
    ],
    [{ years: [2026], days: [{ date: '2026-01-01', name: 'x', note: 3 }] }, /note phải là một đoạn chữ/],
    [
      { years: [2026], days: [{ date: '2026-01-01', name: 'x', nmae: 'typo' }] },
      /days\[0\] \(2026-01-01\): trường "nmae" không có trong mẫu/,
    ],
    [
      {
        years: [2026],
        days: [
          { date: '2026-01-01', name: 'x' },
          { date: '2026-01-01', name: 'y' },
        ],
      },
      /days\[1\] \(2026-01-01\): ngày này được nêu hai lần/,
    ],
    [
      { years: [2026], days: [{ date: '2026-01-05', name: 'x', type: 'WORKING_DAY' }] },
      /ngày làm bù \(WORKING_DAY\) phải là thứ Bảy hoặc Chủ nhật/,
    ],
    [{ years: [2026], days: ['2026-01-01'] }, /days\[0\]: phải là một đối tượng JSON/],
  ])('refuses %j with a message naming the entry', (data, message) => {
    expect(() => HolidayCalendar.fromData(data, { label: 'test.json' })).toThrow(message);
    expect(() => HolidayCalendar.fromData(data, { label: 'test.json' })).toThrow(/^test\.json: /);
    expect(() => HolidayCalendar.fromData(data, { label: 'test.json' })).toThrow(RuleDataError);
  });

  it('takes a new year of holidays from data alone', () => {
    const next = HolidayCalendar.fromData({ years: [2028], days: [{ date: '2028-01-03', name: 'Nghỉ bù' }] });
    expect(next.isWorkingDay('2028-01-03')).toBe(false);
    expect(next.isWorkingDay('2028-01-04')).toBe(true);
    expect(
      addWorkingDays(
        '2027-12-31',
        1,
        HolidayCalendar.fromData({ years: [2027, 2028], days: [{ date: '2028-01-03', name: 'x' }] }),
      ),
    ).toBe('2028-01-04');
  });
});

describe('addWorkingDays', () => {
  it('does not count the day of the event and skips weekends', () => {
    expect(addWorkingDays('2026-03-09', 1, bare)).toBe('2026-03-10'); // Mon → Tue
    expect(addWorkingDays('2026-03-13', 1, bare)).toBe('2026-03-16'); // Fri → Mon
    expect(addWorkingDays('2026-03-14', 1, bare)).toBe('2026-03-16'); // Sat → Mon
    expect(addWorkingDays('2026-03-09', 5, bare)).toBe('2026-03-16');
    expect(addWorkingDays('2026-03-09', 10, bare)).toBe('2026-03-23');
    expect(addWorkingDays('2026-03-09', 0, bare)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-14', 0, bare)).toBe('2026-03-14');
  });

  it('skips the Tết break', () => {
    // received on Friday 13/2/2026, the last working day before Tết
    expect(addWorkingDays('2026-02-13', 1, cal)).toBe('2026-02-23');
    expect(addWorkingDays('2026-02-13', 7, cal)).toBe('2026-03-03');
    expect(addWorkingDays('2026-02-13', 10, cal)).toBe('2026-03-06');
    // the same without holidays would end a week earlier
    expect(addWorkingDays('2026-02-13', 10, bare)).toBe('2026-02-27');
  });

  it('counts a make-up Saturday as a working day', () => {
    // Friday 21/8/2026: Saturday 22/8 is worked; Monday 31/8, 1/9 and 2/9 are off
    expect(addWorkingDays('2026-08-21', 1, cal)).toBe('2026-08-22');
    expect(addWorkingDays('2026-08-27', 2, cal)).toBe('2026-09-03');
    expect(addWorkingDays('2026-01-09', 1, cal)).toBe('2026-01-10');
  });

  it('uses the Vietnamese day of an instant', () => {
    // Friday 2026-03-06 23:30Z is Saturday 7/3 in Vietnam: the next working day is Monday 9/3
    expect(addWorkingDays(new Date('2026-03-06T23:30:00Z'), 1, cal)).toBe('2026-03-09');
    // Friday 2026-03-06 16:00Z is still Friday 23:00 in Vietnam
    expect(addWorkingDays(new Date('2026-03-06T16:00:00Z'), 1, cal)).toBe('2026-03-09');
    expect(addWorkingDays(new Date('2026-03-05T16:00:00Z'), 1, cal)).toBe('2026-03-06');
  });

  it('counts backwards for a negative number', () => {
    expect(addWorkingDays('2026-02-23', -1, cal)).toBe('2026-02-13');
    expect(addWorkingDays('2026-03-16', -5, bare)).toBe('2026-03-09');
  });

  it('refuses a fractional or non-finite number of days', () => {
    expect(() => addWorkingDays('2026-03-09', 1.5, cal)).toThrow(/Số ngày làm việc phải là số nguyên, nhận được 1.5/);
    expect(() => addWorkingDays('2026-03-09', Number.NaN, cal)).toThrow(/phải là số nguyên/);
    expect(() => addWorkingDays('2026-03-09', Infinity, cal)).toThrow(/phải là số nguyên/);
  });
});

describe('addCalendarDays', () => {
  it('adds days without looking at the calendar by default', () => {
    expect(addCalendarDays('2026-01-31', 30)).toBe('2026-03-02');
    expect(addCalendarDays('2027-12-20', 30)).toBe('2028-01-19');
    expect(addCalendarDays(new Date('2026-03-06T23:30:00Z'), 30)).toBe('2026-04-06');
    expect(addCalendarDays('2026-02-14', 0, cal)).toBe('2026-02-14');
  });

  it('moves a period ending on a day off to the next working day when asked (Civil Code Art. 148(5))', () => {
    // 30 days after 15/1/2026 is Saturday 14/2/2026, the start of the Tết break
    expect(addCalendarDays('2026-01-15', 30, cal)).toBe('2026-02-14');
    expect(addCalendarDays('2026-01-15', 30, cal, { onDayOff: 'NEXT_WORKING_DAY' })).toBe('2026-02-23');
    // 30 days after 27/3/2026 is Sunday 26/4 (Giỗ Tổ), observed Monday 27/4: the period ends Tuesday 28/4
    expect(addCalendarDays('2026-03-27', 30, cal, { onDayOff: 'NEXT_WORKING_DAY' })).toBe('2026-04-28');
    // a working day stays put
    expect(addCalendarDays('2026-03-09', 30, cal, { onDayOff: 'NEXT_WORKING_DAY' })).toBe('2026-04-08');
    expect(() => addCalendarDays('2026-03-09', 30, undefined, { onDayOff: 'NEXT_WORKING_DAY' })).toThrow(/needs a calendar/);
  });

  it('finds the next working day on or after a day', () => {
    expect(nextWorkingDayOnOrAfter('2026-02-14', cal)).toBe('2026-02-23');
    expect(nextWorkingDayOnOrAfter('2026-02-23', cal)).toBe('2026-02-23');
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after the first day up to and including the last', () => {
    expect(workingDaysBetween('2026-03-09', '2026-03-09', bare)).toBe(0);
    expect(workingDaysBetween('2026-03-09', '2026-03-10', bare)).toBe(1);
    expect(workingDaysBetween('2026-03-13', '2026-03-16', bare)).toBe(1);
    expect(workingDaysBetween('2026-02-13', '2026-02-23', cal)).toBe(1);
    expect(workingDaysBetween('2026-02-23', '2026-02-13', cal)).toBe(-1);
    expect(workingDaysBetween(new Date('2026-03-06T23:30:00Z'), '2026-03-09', cal)).toBe(1);
  });

  it('is the inverse of addWorkingDays over every start day of 2026 and several lengths', () => {
    for (let d = '2026-01-01'; d < '2026-12-01'; d = addCalendarDays(d, 1)) {
      for (const n of [0, 1, 5, 7, 10, 30]) {
        const end = addWorkingDays(d, n, cal);
        expect(workingDaysBetween(d, end, cal)).toBe(n);
        expect(cal.isWorkingDay(end) || n === 0).toBe(true);
      }
    }
  });

  it('counts calendar days between two days', () => {
    expect(calendarDaysBetween('2026-02-01', '2026-03-01')).toBe(28);
    expect(calendarDaysBetween('2026-03-01', '2026-02-01')).toBe(-28);
    expect(calendarDaysBetween(new Date('2026-03-06T23:30:00Z'), '2026-03-07')).toBe(0);
  });
});
