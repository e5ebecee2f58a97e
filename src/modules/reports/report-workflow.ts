import { badInput } from '../../common/errors';
import { ReportKind, ReportStatus as S } from './report.enums';

/**
 * The handling state machine (Luật Khiếu nại, Luật Tố cáo): received → classified → accepted
 * (thụ lý), not accepted or transferred → under verification → concluded → closed with a reply.
 * A report may be merged into another as a duplicate until it is concluded. An anonymous
 * denunciation is kept as information (Luật Tố cáo Art. 25): it is used to plan an inspection or
 * filed, never accepted, and has no deadline.
 */
export const TRANSITIONS: Readonly<Record<S, readonly S[]>> = {
  [S.RECEIVED]: [S.CLASSIFIED, S.MERGED],
  [S.CLASSIFIED]: [S.ACCEPTED, S.NOT_ACCEPTED, S.TRANSFERRED, S.MERGED],
  [S.ACCEPTED]: [S.UNDER_VERIFICATION, S.MERGED],
  [S.UNDER_VERIFICATION]: [S.CONCLUDED, S.MERGED],
  [S.CONCLUDED]: [S.CLOSED],
  [S.NOT_ACCEPTED]: [S.CLOSED],
  [S.TRANSFERRED]: [S.CLOSED],
  [S.CLOSED]: [],
  [S.MERGED]: [],
  [S.INFORMATION]: [S.INFORMATION_USED, S.INFORMATION_FILED],
  [S.INFORMATION_USED]: [],
  [S.INFORMATION_FILED]: [],
};

/** Stages in which a report is still open (counted on the board, watched for deadlines). */
export const OPEN_STATUSES: readonly S[] = [S.RECEIVED, S.CLASSIFIED, S.ACCEPTED, S.UNDER_VERIFICATION, S.CONCLUDED];

/** Stages a report may be merged into: open and not yet concluded (its verification still takes the duplicate in). */
export const MERGE_TARGET_STATUSES: readonly S[] = [S.RECEIVED, S.CLASSIFIED, S.ACCEPTED, S.UNDER_VERIFICATION];

/** Stages in which complexity and remote-area status can still be found (acceptance or verification). */
export const COMPLEXITY_STATUSES: readonly S[] = [S.RECEIVED, S.CLASSIFIED, S.ACCEPTED, S.UNDER_VERIFICATION];

/**
 * Kinds that may be merged into each other: the same kind, or petitions and feedback (both answered
 * by the ward's own process). A complaint and a denunciation follow different laws and deadlines.
 */
export function kindsCompatible(a: ReportKind, b: ReportKind): boolean {
  if (a === b) return true;
  const ward = [ReportKind.PETITION, ReportKind.FEEDBACK];
  return ward.includes(a) && ward.includes(b);
}

/**
 * The optional fields of `transitionReport` and the moves they belong to. A field given for
 * another move would be ignored: the service refuses it instead (FIELD_NOT_APPLICABLE).
 */
export const TRANSITION_FIELDS: Readonly<Record<string, readonly S[]>> = {
  complexity: [S.ACCEPTED, S.UNDER_VERIFICATION],
  complexityReason: [S.ACCEPTED, S.UNDER_VERIFICATION],
  remoteArea: [S.ACCEPTED, S.UNDER_VERIFICATION],
  reason: [S.NOT_ACCEPTED],
  transferredTo: [S.TRANSFERRED],
  outcome: [S.CONCLUDED],
  conclusion: [S.CONCLUDED],
  publicReply: [S.CLOSED],
  mergeInto: [S.MERGED],
  decidedOn: [S.ACCEPTED, S.TRANSFERRED, S.CONCLUDED, S.CLOSED],
};

export function allowedTransitions(from: S): readonly S[] {
  return TRANSITIONS[from];
}

/** Refuses an illegal transition with a message that names the allowed ones. */
export function assertTransition(from: S, to: S): void {
  const allowed = TRANSITIONS[from];
  if (allowed.includes(to)) return;
  const options = allowed.length ? `allowed from ${from}: ${allowed.join(', ')}` : `${from} is final`;
  throw badInput(
    `Không thể chuyển đơn từ ${from} sang ${to} (${options})`,
    [{ path: 'input.to', message: options }],
    'ILLEGAL_TRANSITION',
  );
}
