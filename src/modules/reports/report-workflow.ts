import { badInput } from '../../common/errors';
import { ReportStatus as S } from './report.enums';

/**
 * The handling state machine (Luật Khiếu nại, Luật Tố cáo): received → classified → accepted
 * (thụ lý), not accepted or transferred → under verification → concluded → closed with a reply.
 * A report may be merged into another as a duplicate until it is concluded.
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
};

/** Stages in which a report is still open (counted on the board, watched for deadlines). */
export const OPEN_STATUSES: readonly S[] = [S.RECEIVED, S.CLASSIFIED, S.ACCEPTED, S.UNDER_VERIFICATION, S.CONCLUDED];

export function allowedTransitions(from: S): readonly S[] {
  return TRANSITIONS[from];
}

/** Refuses an illegal transition with a message that names the allowed ones. */
export function assertTransition(from: S, to: S): void {
  const allowed = TRANSITIONS[from];
  if (allowed.includes(to)) return;
  const options = allowed.length ? `allowed from ${from}: ${allowed.join(', ')}` : `${from} is final`;
  throw badInput(`A report cannot move from ${from} to ${to} (${options})`, [{ path: 'input.to', message: options }]);
}
