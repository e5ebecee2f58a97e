import { badInput } from '../../common/errors';
import { InspectionStatus as S } from './inspection.enums';

/**
 * The inspection lifecycle: planned → decided → in progress → findings reported → concluded →
 * follow-up → closed; cancelled only before work starts.
 */
export const INSPECTION_TRANSITIONS: Readonly<Record<S, readonly S[]>> = {
  [S.PLANNED]: [S.DECIDED, S.CANCELLED],
  [S.DECIDED]: [S.IN_PROGRESS, S.CANCELLED],
  [S.IN_PROGRESS]: [S.FINDINGS_REPORTED],
  [S.FINDINGS_REPORTED]: [S.CONCLUDED],
  [S.CONCLUDED]: [S.FOLLOW_UP, S.CLOSED],
  [S.FOLLOW_UP]: [S.CLOSED],
  [S.CLOSED]: [],
  [S.CANCELLED]: [],
};

/** Stages in which the team records findings. */
export const FINDING_STAGES: readonly S[] = [S.IN_PROGRESS, S.FINDINGS_REPORTED];
/** Stages from which a conclusion exists (a UNIT_HEAD may read the inspection). */
export const CONCLUDED_STAGES: readonly S[] = [S.CONCLUDED, S.FOLLOW_UP, S.CLOSED];

/** Refuses an illegal move with a message that names the allowed ones. */
export function assertInspectionTransition(from: S, to: S): void {
  const allowed = INSPECTION_TRANSITIONS[from];
  if (allowed.includes(to)) return;
  const options = allowed.length ? `từ ${from} chỉ chuyển được sang: ${allowed.join(', ')}` : `${from} là trạng thái cuối`;
  throw badInput(
    `Cuộc kiểm tra, giám sát không chuyển được từ ${from} sang ${to} (${options})`,
    [{ path: 'input.to', message: options }],
    'TRANSITION_NOT_ALLOWED',
  );
}
