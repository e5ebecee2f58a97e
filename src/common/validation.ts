/** No control characters (C0, DEL, C1) anywhere. */
export const NO_CONTROL_CHARS = /^[^\p{Cc}]*$/u;
/** No control characters except line feed and tab (multi-line notes). */
export const NO_CONTROL_CHARS_MULTILINE = /^(?:[^\p{Cc}]|[\n\t])*$/u;
/** Letters and combining marks in words separated by single spaces, apostrophes, dots or hyphens. */
export const PERSON_NAME = /^[\p{L}\p{M}]+(?:[ '’.-]+[\p{L}\p{M}]+)*$/u;
/** The text form of a uuid: every `ID` in this API is one. */
export const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `YYYY-MM-DD`. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The day in Vietnam (UTC+7, no daylight saving) of `now`, as `YYYY-MM-DD`: "in the future"
 * means after today's. A fixed offset: cheaper than an Intl formatter on the hot path, and exact.
 */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

/** `date` plus whole years, as `YYYY-MM-DD` (29 Feb + 1 year → 1 Mar). */
export function addYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

/** Whether a `YYYY-MM-DD` string names a real calendar day. */
export function isRealDate(date: string): boolean {
  if (!ISO_DATE.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}
