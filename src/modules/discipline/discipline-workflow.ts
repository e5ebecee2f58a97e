import { badInput } from '../../common/errors';
import { DisciplineStatus as S } from './discipline.enums';

/**
 * opened → under review → proposed → decided → (appealed →) final; dropped with a reason from
 * any stage before a decision; deferred (paused) from those stages too, and resumed to the stage
 * it was paused in (the service checks that it is the same stage).
 */
export const DISCIPLINE_TRANSITIONS: Readonly<Record<S, readonly S[]>> = {
  [S.OPENED]: [S.UNDER_REVIEW, S.DROPPED, S.DEFERRED],
  [S.UNDER_REVIEW]: [S.PROPOSED, S.DROPPED, S.DEFERRED],
  [S.PROPOSED]: [S.DECIDED, S.DROPPED, S.DEFERRED],
  [S.DECIDED]: [S.APPEALED, S.FINAL],
  [S.APPEALED]: [S.FINAL],
  [S.DEFERRED]: [S.OPENED, S.UNDER_REVIEW, S.PROPOSED],
  [S.FINAL]: [],
  [S.DROPPED]: [],
};

/** Stages in which the case is still open. */
export const OPEN_CASE_STATUSES: readonly S[] = [S.OPENED, S.UNDER_REVIEW, S.PROPOSED, S.DECIDED, S.APPEALED, S.DEFERRED];

export function assertDisciplineTransition(from: S, to: S): void {
  const allowed = DISCIPLINE_TRANSITIONS[from];
  if (allowed.includes(to)) return;
  const options = allowed.length ? `từ ${from} chỉ chuyển được sang: ${allowed.join(', ')}` : `${from} là trạng thái cuối`;
  throw badInput(
    `Vụ việc kỷ luật không chuyển được từ ${from} sang ${to} (${options})`,
    [{ path: 'input.to', message: options }],
    'TRANSITION_NOT_ALLOWED',
  );
}
