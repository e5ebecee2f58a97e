import { badInput } from './errors';
import { todayInVietnam } from './validation';

/**
 * "Dates cannot lie": no decision or event dated after today in Vietnam, none before what it
 * follows. Each refusal is BAD_USER_INPUT naming the rule, the field and the dates, with a stable
 * `extensions.reason` (DATE_IN_FUTURE, DATE_BEFORE_PREDECESSOR, DATE_IN_PAST) for frontends.
 */

/** Refuses `day` after today in Vietnam. `what` names the date in Vietnamese ("ngày quyết định"). */
export function assertNotInFuture(day: string, path: string, what: string, today = todayInVietnam()): void {
  if (day > today)
    throw badInput(
      `Ngày không được ở tương lai: ${what} ${day} sau ngày hôm nay (${today}, giờ Việt Nam)`,
      [{ path, message: `không được sau ${today}` }],
      'DATE_IN_FUTURE',
    );
}

/** Refuses `day` before `earlier`, the day of the thing it follows (`earlierWhat`, e.g. "ngày vi phạm"). */
export function assertNotBefore(day: string, earlier: string, path: string, what: string, earlierWhat: string): void {
  if (day < earlier)
    throw badInput(
      `Ngày không được trước việc mà nó theo sau: ${what} ${day} trước ${earlierWhat} ${earlier}`,
      [{ path, message: `không được trước ${earlier}` }],
      'DATE_BEFORE_PREDECESSOR',
    );
}

/** Refuses a deadline already past when it is recorded (a `correctBy` before today). */
export function assertNotInPast(day: string, path: string, what: string, today = todayInVietnam()): void {
  if (day < today)
    throw badInput(
      `Thời hạn không được ở quá khứ khi ghi nhận: ${what} ${day} trước ngày hôm nay (${today}, giờ Việt Nam)`,
      [{ path, message: `không được trước ${today}` }],
      'DATE_IN_PAST',
    );
}

/** The day in Vietnam of a timestamp (a recording time), for comparing with `YYYY-MM-DD` dates. */
export function dayInVietnam(at: Date): string {
  return todayInVietnam(at);
}
