import { AppError, ErrorCode } from '../../common/errors';
import { ReportStatus } from './report.enums';
import { assertTransition, TRANSITIONS } from './report-workflow';

const ALL = Object.values(ReportStatus);

describe('report workflow', () => {
  it('allows exactly the listed transitions', () => {
    for (const from of ALL) {
      for (const to of ALL) {
        if (TRANSITIONS[from].includes(to)) {
          expect(() => assertTransition(from, to)).not.toThrow();
        } else {
          let err: unknown;
          try {
            assertTransition(from, to);
          } catch (e) {
            err = e;
          }
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe(ErrorCode.BAD_USER_INPUT);
          expect((err as AppError).message).toContain(`từ ${from} sang ${to}`);
        }
      }
    }
  });

  it('names the allowed transitions, or says the stage is final', () => {
    expect(() => assertTransition(ReportStatus.RECEIVED, ReportStatus.CLOSED)).toThrow(
      'allowed from RECEIVED: CLASSIFIED, MERGED',
    );
    expect(() => assertTransition(ReportStatus.CLOSED, ReportStatus.RECEIVED)).toThrow('CLOSED is final');
  });

  it('reaches CLOSED from RECEIVED along the legal path', () => {
    const path = [
      ReportStatus.RECEIVED,
      ReportStatus.CLASSIFIED,
      ReportStatus.ACCEPTED,
      ReportStatus.UNDER_VERIFICATION,
      ReportStatus.CONCLUDED,
      ReportStatus.CLOSED,
    ];
    for (let i = 1; i < path.length; i++) expect(() => assertTransition(path[i - 1]!, path[i]!)).not.toThrow();
  });
});
