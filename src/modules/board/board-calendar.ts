/** Vietnam's calendar (UTC+7, no daylight saving) as day numbers: days since 1970-01-01 in Vietnam. */
const DAY_MS = 24 * 3600 * 1000;
const OFFSET_MS = 7 * 3600 * 1000;

/** The Vietnam day number of an instant. */
export function vnDayNumber(at: Date): number {
  return Math.floor((at.getTime() + OFFSET_MS) / DAY_MS);
}

/** `YYYY-MM-DD` of a Vietnam day number. */
export function vnDayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The instant a Vietnam day starts (00:00 UTC+7). */
export function vnDayStart(day: number): Date {
  return new Date(day * DAY_MS - OFFSET_MS);
}

/** Today, the Monday of this week and the first of this month, as Vietnam day numbers. */
export function vnPeriods(now: Date): { today: number; weekStart: number; monthStart: number } {
  const today = vnDayNumber(now);
  // Day 0 (1970-01-01) was a Thursday: (day + 3) % 7 is 0 on Mondays.
  const weekStart = today - ((today + 3) % 7);
  const d = new Date(today * DAY_MS);
  const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
  return { today, weekStart, monthStart };
}
