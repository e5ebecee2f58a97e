// What each role may read on this page. The server decides (each root field declares its roles
// with @Allow); the page only leaves out what the server would refuse, so a role sees every part
// it may read and no error for the parts it may not. test/e2e/board-page.e2e-spec.ts signs in
// with every role and fails on any refused request, which keeps this table and the server's in step.

/** The parts of the page, each by the operations it sends. */
export interface PageAccess {
  /** The live board: `board`, `latestBoardEvents` + `boardEvents`, the deadline lists (`reports`), `report`. */
  board: boolean;
  /** Who works on what: the `presence` and `workingOn` subscriptions (the committees only). */
  presence: boolean;
  /** "Mục tiêu 2030": `targets` (every role may read the aggregates). */
  targets: boolean;
  /** Behind each figure of "Mục tiêu 2030": `targetRecords` (not VIEWER nor INTAKE_STAFF: aggregates only). */
  targetRecords: boolean;
  /** The intake desk ("Tiếp nhận"): `reports`, `recordReport`, `cadres`, `units`. */
  desk: boolean;
  /** On the desk: a press article (`recordPressReport`, `pressArticleByUrl`): the intake staff only. */
  deskPress: boolean;
  /** On the desk: classify and assign (`transitionReport`, `assignReport`, `reportHandlers`): the Inspection Committee. */
  deskHandle: boolean;
}

const NO_DESK = { desk: false, deskPress: false, deskHandle: false };
const COMMITTEE: PageAccess = { board: true, presence: true, targets: true, targetRecords: true, ...NO_DESK };
const TARGETS_ONLY: PageAccess = { board: false, presence: false, targets: true, targetRecords: true, ...NO_DESK };
const AGGREGATES_ONLY: PageAccess = { ...TARGETS_ONLY, targetRecords: false };

const BY_ROLE: Record<string, PageAccess> = {
  // It records reports and handles them: the desk with classify and assign.
  INSPECTION_COMMITTEE: { ...COMMITTEE, desk: true, deskHandle: true },
  STANDING_COMMITTEE: COMMITTEE,
  // Its units' figures, feed and deadlines; presence is for the committees.
  UNIT_HEAD: { board: true, presence: false, targets: true, targetRecords: true, ...NO_DESK },
  // `board` is for the committees and unit heads: the other roles see the targets (and the desk, above).
  // The desk (record, press articles, the queue); classifying and assigning are the committee's.
  INTAKE_STAFF: { ...AGGREGATES_ONLY, desk: true, deskPress: true },
  PARTY_BUILDING: TARGETS_ONLY,
  ADMIN: TARGETS_ONLY,
  VIEWER: AGGREGATES_ONLY,
};

/** The parts of the page a role may see (a role this page does not know: the targets only). */
export function pageAccess(role: string): PageAccess {
  return BY_ROLE[role] ?? AGGREGATES_ONLY;
}
