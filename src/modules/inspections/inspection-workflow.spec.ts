import { AppError, ErrorCode } from '../../common/errors';
import { InspectionStatus } from './inspection.enums';
import { assertInspectionTransition, INSPECTION_TRANSITIONS } from './inspection-workflow';

const ALL = Object.values(InspectionStatus);

describe('inspection workflow', () => {
  it('allows exactly the listed transitions and refuses every other pair', () => {
    let refused = 0;
    for (const from of ALL) {
      for (const to of ALL) {
        if (INSPECTION_TRANSITIONS[from].includes(to)) {
          expect(() => assertInspectionTransition(from, to)).not.toThrow();
        } else {
          let err: unknown;
          try {
            assertInspectionTransition(from, to);
          } catch (e) {
            err = e;
          }
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe(ErrorCode.BAD_USER_INPUT);
          expect((err as AppError).message).toContain(`từ ${from} sang ${to}`);
          refused++;
        }
      }
    }
    expect(refused).toBe(ALL.length * ALL.length - 9);
  });

  it('names the allowed moves, or says the stage is final', () => {
    expect(() => assertInspectionTransition(InspectionStatus.PLANNED, InspectionStatus.CONCLUDED)).toThrow(
      'từ PLANNED chỉ chuyển được sang: DECIDED, CANCELLED',
    );
    expect(() => assertInspectionTransition(InspectionStatus.CLOSED, InspectionStatus.PLANNED)).toThrow(
      'CLOSED là trạng thái cuối',
    );
  });

  it('reaches CLOSED from PLANNED along the lifecycle', () => {
    const path = [
      InspectionStatus.PLANNED,
      InspectionStatus.DECIDED,
      InspectionStatus.IN_PROGRESS,
      InspectionStatus.FINDINGS_REPORTED,
      InspectionStatus.CONCLUDED,
      InspectionStatus.FOLLOW_UP,
      InspectionStatus.CLOSED,
    ];
    for (let i = 1; i < path.length; i++) expect(() => assertInspectionTransition(path[i - 1]!, path[i]!)).not.toThrow();
  });
});
