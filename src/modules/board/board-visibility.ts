import { Role } from '../../common/role.enum';
import { BoardEventType, REPORT_EVENT_TYPES } from './board-event.types';
import type { FeedEvent } from '../../events/outbox-reader';

/** Who receives an event, decided at delivery time from the subscriber's account. */
export interface Viewer {
  readonly accountId: string;
  readonly role: Role;
  /** A UNIT_HEAD's unit path (its unit and the units below); null for every other role. */
  readonly scopePath: string | null;
  /** The register entry of the account's holder: a cadre never hears of an item it is involved in (recusal). */
  readonly cadreId: string | null;
}

/** The roles that may subscribe to the board at all. */
export const BOARD_ROLES = [Role.INSPECTION_COMMITTEE, Role.STANDING_COMMITTEE, Role.UNIT_HEAD, Role.INTAKE_STAFF];

/**
 * Whether the viewer may be told of the event. An event never tells a subscriber of something its
 * role cannot read through the queries:
 * - the two committees: every event;
 * - INTAKE_STAFF: report events (they read every report);
 * - UNIT_HEAD: report events and INSPECTION_CONCLUDED whose units lie in its subtree (it reads
 *   reports concerning its units, and concluded inspections with their findings, nothing of
 *   inspections under way or of discipline cases);
 * - REMINDER_DIGEST_READY: only the account it names (`recipientAccountId`), whatever the role;
 * - any role: never an event about an item the account's own cadre is involved in (a report
 *   naming them, an inspection of them, a finding or a discipline case about them).
 */
export function sees(viewer: Viewer, event: FeedEvent): boolean {
  const isReport = REPORT_EVENT_TYPES.has(event.type as BoardEventType);
  if (viewer.cadreId && event.concernedCadreIds.includes(viewer.cadreId)) return false;
  // A personal item (a reminder digest): its recipient alone, whatever the role.
  if (event.type === BoardEventType.REMINDER_DIGEST_READY) return event.payload['recipientAccountId'] === viewer.accountId;
  switch (viewer.role) {
    case Role.INSPECTION_COMMITTEE:
    case Role.STANDING_COMMITTEE:
      return true;
    case Role.INTAKE_STAFF:
      return isReport;
    case Role.UNIT_HEAD: {
      if (!isReport && event.type !== BoardEventType.INSPECTION_CONCLUDED) return false;
      const scope = viewer.scopePath;
      return !!scope && event.unitPaths.some((p) => p.startsWith(scope));
    }
    default:
      return false;
  }
}
