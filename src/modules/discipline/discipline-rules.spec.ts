import { AppError } from '../../common/errors';
import rulesData from './data/discipline-rules.json';
import {
  addYears,
  assertFormAllowed,
  assertWithinLimitation,
  defaultDisciplineRuleSets,
  disciplineRuleSetInForce,
  parseDisciplineRuleSets,
} from './discipline-rules';
import { DisciplineForm as F, DisciplineSubjectType as T } from './discipline.enums';

const set = disciplineRuleSetInForce('2026-03-01', defaultDisciplineRuleSets());

describe('discipline rules data', () => {
  it('lists the forms of the domain notes for each subject type', () => {
    expect(set.forms[T.PARTY_MEMBER_FULL]).toEqual([F.REPRIMAND, F.WARNING, F.DISMISSAL_FROM_POST, F.EXPULSION]);
    expect(set.forms[T.PARTY_MEMBER_PROBATIONARY]).toEqual([F.REPRIMAND, F.WARNING]);
    expect(set.forms[T.PARTY_ORGANISATION]).toEqual([F.REPRIMAND, F.WARNING, F.DISSOLUTION]);
    expect(set.forms[T.ELECTED_CADRE]).toEqual([F.REPRIMAND, F.WARNING, F.DISMISSAL_FROM_POST, F.REMOVAL_BY_VOTE]);
    expect(set.forms[T.CIVIL_SERVANT]).toEqual([F.REPRIMAND, F.WARNING, F.DISMISSAL_FROM_LEADERSHIP_POST, F.FORCED_RESIGNATION]);
  });

  it('refuses a form not allowed for the subject type, naming the allowed ones', () => {
    expect(() => assertFormAllowed(set, T.PARTY_MEMBER_PROBATIONARY, F.EXPULSION, 'input.form')).toThrow(
      'Hình thức kỷ luật EXPULSION không áp dụng cho PARTY_MEMBER_PROBATIONARY',
    );
  });

  it('computes the statute of limitations from the violation date and the form', () => {
    expect(assertWithinLimitation(set, T.PARTY_MEMBER_FULL, F.REPRIMAND, '2021-05-10', '2026-05-10', null)).toBe('2026-05-10');
    expect(() => assertWithinLimitation(set, T.PARTY_MEMBER_FULL, F.REPRIMAND, '2021-05-10', '2026-05-11', null)).toThrow(
      /trong 5 năm.*vi phạm ngày 2021-05-10, thời hiệu hết ngày 2026-05-10, quyết định ghi ngày 2026-05-11/,
    );
    expect(assertWithinLimitation(set, T.PARTY_MEMBER_FULL, F.WARNING, '2017-01-01', '2026-05-11', null)).toBe('2027-01-01');
    expect(assertWithinLimitation(set, T.PARTY_MEMBER_FULL, F.EXPULSION, '1990-01-01', '2026-05-11', null)).toBeNull();
    expect(
      assertWithinLimitation(set, T.PARTY_MEMBER_FULL, F.REPRIMAND, '1990-01-01', '2026-05-11', 'NATIONAL_SECURITY'),
    ).toBeNull();
    expect(addYears('2020-02-29', 5)).toBe('2025-02-28');
    // A new violation within the period restarts the clock; one after the period does not revive it.
    expect(assertWithinLimitation(set, T.PARTY_MEMBER_FULL, F.REPRIMAND, '2019-01-10', '2026-05-11', null, '2023-06-01')).toBe(
      '2028-06-01',
    );
    expect(() =>
      assertWithinLimitation(set, T.PARTY_MEMBER_FULL, F.REPRIMAND, '2019-01-10', '2026-05-11', null, '2024-06-01'),
    ).toThrow('vi phạm ngày 2019-01-10, thời hiệu hết ngày 2024-01-10');
  });

  it('refuses broken data with the path of the problem', () => {
    const broken = JSON.parse(JSON.stringify(rulesData)) as { ruleSets: Array<{ forms: Record<string, string[]> }> };
    broken.ruleSets[0]!.forms['CIVIL_SERVANT'] = ['DEMOTION'];
    expect(() => parseDisciplineRuleSets(broken)).toThrow('ruleSets[0].forms.CIVIL_SERVANT: không có hình thức kỷ luật DEMOTION');
  });

  it('has no rule set before the ward existed', () => {
    let err: unknown;
    try {
      disciplineRuleSetInForce('2025-06-30', defaultDisciplineRuleSets());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
  });
});
