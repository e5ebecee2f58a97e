import 'reflect-metadata';
import type { Inspection } from './inspection.entity';
import { InspectionStatus } from './inspection.enums';
import type { PlanItem } from './plan.entity';
import { endOfQuarter, progressOf } from './plans.service';

const item = (plannedYear: number, plannedQuarter: number) => ({ plannedYear, plannedQuarter }) as PlanItem;
const insp = (status: InspectionStatus) => ({ status }) as Inspection;

describe('programme progress', () => {
  it('ends quarters on their last day, leap years included', () => {
    expect(endOfQuarter(2026, 1)).toBe('2026-03-31');
    expect(endOfQuarter(2026, 2)).toBe('2026-06-30');
    expect(endOfQuarter(2028, 1)).toBe('2028-03-31');
    expect(endOfQuarter(2026, 4)).toBe('2026-12-31');
  });

  it('counts started, concluded and overdue items', () => {
    const items = [item(2026, 1), item(2026, 1), item(2026, 2), item(2026, 3), item(2026, 4), item(2026, 1)];
    const inspections = [
      insp(InspectionStatus.CONCLUDED),
      insp(InspectionStatus.IN_PROGRESS),
      insp(InspectionStatus.PLANNED),
      insp(InspectionStatus.CANCELLED),
      null,
      insp(InspectionStatus.CLOSED),
    ];
    expect(progressOf(items, inspections, '2026-07-01')).toEqual({ planned: 6, started: 3, concluded: 2, overdue: 2 });
    // On the last day of a quarter its items are not overdue yet.
    expect(progressOf([item(2026, 2)], [null], '2026-06-30').overdue).toBe(0);
  });
});
