import { AppError, ErrorCode } from '../../common/errors';
import { DisciplineStatus } from './discipline.enums';
import { assertDisciplineTransition, DISCIPLINE_TRANSITIONS } from './discipline-workflow';

const ALL = Object.values(DisciplineStatus);

describe('discipline workflow', () => {
  it('allows exactly the listed transitions and refuses every other pair', () => {
    let allowed = 0;
    for (const from of ALL) {
      for (const to of ALL) {
        if (DISCIPLINE_TRANSITIONS[from].includes(to)) {
          allowed++;
          expect(() => assertDisciplineTransition(from, to)).not.toThrow();
        } else {
          let err: unknown;
          try {
            assertDisciplineTransition(from, to);
          } catch (e) {
            err = e;
          }
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe(ErrorCode.BAD_USER_INPUT);
          expect((err as AppError).message).toContain(`từ ${from} sang ${to}`);
        }
      }
    }
    expect(allowed).toBe(15);
  });

  it('names the allowed moves, or says the stage is final', () => {
    expect(() => assertDisciplineTransition(DisciplineStatus.OPENED, DisciplineStatus.DECIDED)).toThrow(
      'từ OPENED chỉ chuyển được sang: UNDER_REVIEW, DROPPED, DEFERRED',
    );
    expect(() => assertDisciplineTransition(DisciplineStatus.FINAL, DisciplineStatus.OPENED)).toThrow('FINAL là trạng thái cuối');
    expect(() => assertDisciplineTransition(DisciplineStatus.DECIDED, DisciplineStatus.DROPPED)).toThrow(
      'từ DECIDED chỉ chuyển được sang: APPEALED, FINAL',
    );
  });
});
