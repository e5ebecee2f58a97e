import bundled from './data/retention-rules.json';
import { addMonths, parseRetentionRuleSets, RetentionBelowMinimumError, retentionSetOn } from './retention-rules';

const period = (months: number, legalMinimumMonths: number | null = null, basis: string | null = null) => ({
  months,
  legalMinimumMonths,
  basis,
  configurable: !basis,
});
const set = (id: string, effectiveFrom: string, complaint = period(120)) => ({
  id,
  effectiveFrom,
  source: 'test',
  periods: { COMPLAINT: complaint, DENUNCIATION: period(120), PETITION: period(60), FEEDBACK: period(60) },
});

describe('retention rule data', () => {
  it('parses the bundled file: every kind configurable, no basis claimed', () => {
    const [s] = parseRetentionRuleSets(bundled, 'bundled');
    expect(Object.values(s!.periods).every((p) => p.configurable && p.basis === null && p.legalMinimumMonths === null)).toBe(
      true,
    );
  });

  it('refuses a period under its own stated minimum, and under a minimum an earlier set stated', () => {
    expect(() => parseRetentionRuleSets({ ruleSets: [set('a', '2026-01-01', period(12, 60, 'Điều 1'))] }, 'x')).toThrow(
      RetentionBelowMinimumError,
    );
    const later = { ruleSets: [set('a', '2026-01-01', period(72, 60, 'Điều 1')), set('b', '2027-01-01', period(24))] };
    expect(() => parseRetentionRuleSets(later, 'x')).toThrow(RetentionBelowMinimumError);
    const kept = parseRetentionRuleSets(
      { ruleSets: [set('a', '2026-01-01', period(72, 60, 'Điều 1')), set('b', '2027-01-01', period(60))] },
      'x',
    );
    expect(kept[1]!.periods.COMPLAINT).toMatchObject({ months: 60, legalMinimumMonths: 60, basis: 'Điều 1' });
  });

  it('refuses a minimum without its text, a period without a basis not marked configurable, a missing kind', () => {
    expect(() => parseRetentionRuleSets({ ruleSets: [set('a', '2026-01-01', period(72, 60, null))] }, 'x')).toThrow(/basis/);
    const unmarked = set('a', '2026-01-01', { ...period(72), configurable: false });
    expect(() => parseRetentionRuleSets({ ruleSets: [unmarked] }, 'x')).toThrow(/configurable/);
    const missing = set('a', '2026-01-01') as { periods: Record<string, unknown> };
    delete missing.periods['FEEDBACK'];
    expect(() => parseRetentionRuleSets({ ruleSets: [missing] }, 'x')).toThrow(/FEEDBACK/);
  });

  it('picks the set in force on the closing day and counts months to the day, clamped to the month end', () => {
    const sets = parseRetentionRuleSets({ ruleSets: [set('a', '2025-07-01'), set('b', '2027-01-01', period(180))] }, 'x');
    expect(retentionSetOn('2026-12-31', sets).id).toBe('a');
    expect(retentionSetOn('2027-01-01', sets).id).toBe('b');
    expect(retentionSetOn('2020-01-01', sets).id).toBe('a');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-12-31', 2)).toBe('2028-02-29');
    expect(addMonths('2026-03-15', 120)).toBe('2036-03-15');
  });
});
