import { todayInVietnam } from '../../common/validation';
import { vnDayNumber, vnDayStart, vnDayString, vnPeriods } from './board-calendar';

describe("the board's Vietnam calendar", () => {
  it('puts 17:00 UTC on the next day in Vietnam and 16:59 on the same day', () => {
    expect(vnDayString(vnDayNumber(new Date('2026-03-01T16:59:59Z')))).toBe('2026-03-01');
    expect(vnDayString(vnDayNumber(new Date('2026-03-01T17:00:00Z')))).toBe('2026-03-02');
  });

  it('agrees with todayInVietnam', () => {
    for (const iso of ['2026-01-01T00:00:00Z', '2026-06-30T18:30:00Z', '2026-12-31T16:59:00Z', '2026-12-31T17:00:00Z']) {
      expect(vnDayString(vnDayNumber(new Date(iso)))).toBe(todayInVietnam(new Date(iso)));
    }
  });

  it('starts a day at 00:00 UTC+7', () => {
    expect(vnDayStart(vnDayNumber(new Date('2026-03-02T05:00:00Z'))).toISOString()).toBe('2026-03-01T17:00:00.000Z');
  });

  it('starts weeks on Monday and months on the first, in Vietnam', () => {
    // Sunday 2026-03-01 23:30 in Vietnam: the week began Monday 2026-02-23, the month on 2026-03-01.
    const p = vnPeriods(new Date('2026-03-01T16:30:00Z'));
    expect(vnDayString(p.today)).toBe('2026-03-01');
    expect(vnDayString(p.weekStart)).toBe('2026-02-23');
    expect(vnDayString(p.monthStart)).toBe('2026-03-01');
    // Half an hour later it is Monday 2 March in Vietnam: a new week.
    const q = vnPeriods(new Date('2026-03-01T17:30:00Z'));
    expect(vnDayString(q.weekStart)).toBe('2026-03-02');
    expect(vnDayString(q.monthStart)).toBe('2026-03-01');
  });
});
