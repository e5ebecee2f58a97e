import { PoliticalTheory, Qualification } from '../cadres/cadre.enums';
import rulesData from './data/quality-rules.json';
import { bandOf, defaultQualityRuleSets, parseQualityRuleSets, qualityRulesOn, withinQuota } from './quality-rules';
import { Rating, TrainingCategory } from './quality.enums';
import { gapsAgainst } from './standards-training/training.service';
import { buildTargetViews } from './targets/targets.service';

describe('quality rule data', () => {
  const rules = qualityRulesOn(defaultQualityRuleSets(), '2026-12-31');

  it('bands a 100-point score as Decree 335/2025 does', () => {
    expect([100, 90, 89.99, 70, 69.5, 50, 49.99, 0].map((s) => bandOf(rules, s))).toEqual([
      Rating.EXCELLENT,
      Rating.EXCELLENT,
      Rating.WELL,
      Rating.WELL,
      Rating.COMPLETED,
      Rating.COMPLETED,
      Rating.NOT_COMPLETED,
      Rating.NOT_COMPLETED,
    ]);
  });

  it('allows "excellent" up to 20% of those rated well, rounded down', () => {
    expect(withinQuota(rules, { excellent: 1, well: 5 })).toEqual({ allowed: 1, ok: true });
    expect(withinQuota(rules, { excellent: 1, well: 4 })).toEqual({ allowed: 0, ok: false });
    expect(withinQuota(rules, { excellent: 2, well: 9 })).toEqual({ allowed: 1, ok: false });
  });

  it('refuses rule data with a wrong shape, naming the path', () => {
    const bad = JSON.parse(JSON.stringify(rulesData)) as { ruleSets: Array<Record<string, unknown>> };
    (bad.ruleSets[0]!['excellentQuota'] as Record<string, unknown>)['percent'] = 120;
    expect(() => parseQualityRuleSets(bad, 'x')).toThrow('x: ruleSets[0].excellentQuota.percent: phải từ 0 đến 100');
    const noBand = JSON.parse(JSON.stringify(rulesData)) as { ruleSets: Array<{ scoreBands: { bands: unknown[] } }> };
    noBand.ruleSets[0]!.scoreBands.bands.pop();
    expect(() => parseQualityRuleSets(noBand, 'x')).toThrow('ruleSets[0].scoreBands.bands');
  });

  it('lists the gaps of a record against a standard', () => {
    const gaps = gapsAgainst(
      {
        minQualification: Qualification.BACHELOR,
        minPoliticalTheory: PoliticalTheory.INTERMEDIATE,
        requiredTraining: [TrainingCategory.CITIZEN_RECEPTION],
      },
      { qualification: Qualification.COLLEGE, politicalTheory: PoliticalTheory.ADVANCED },
      new Set(),
    );
    expect(gaps.map((g) => g.requirement)).toEqual(['QUALIFICATION', 'TRAINING']);
    // People read the level names, not the codes ("COLLEGE thấp hơn yêu cầu BACHELOR").
    expect(gaps[0]!.message).toBe('Trình độ chuyên môn Cao đẳng thấp hơn yêu cầu (Đại học)');
    const theory = gapsAgainst(
      { minQualification: Qualification.VOCATIONAL, minPoliticalTheory: PoliticalTheory.ADVANCED, requiredTraining: [] },
      { qualification: Qualification.MASTER, politicalTheory: PoliticalTheory.NONE },
      new Set(),
    );
    expect(theory.map((g) => g.message)).toEqual(['Trình độ lý luận chính trị Chưa qua đào tạo thấp hơn yêu cầu (Cao cấp)']);
    for (const g of [...gaps, ...theory]) expect(g.message).not.toMatch(/[A-Z]{4,}/);
  });

  it('judges each share of target 3 against its own 2025 value, and adds the breakdown up', () => {
    const row = (y: number, unit: string, n: number, std: number, mgr: number, young: number, female: number) => ({
      y,
      unit_id: unit,
      unit_name: unit,
      body: null,
      n,
      std,
      mgr,
      mgrYoung: young,
      mgrFemale: female,
      mgrPostgrad: 0,
    });
    const views = buildTargetViews(
      2026,
      [
        row(2025, 'a', 10, 5, 4, 2, 1),
        row(2026, 'a', 10, 6, 4, 1, 2),
        row(2026, 'b', 10, 10, 4, 2, 2),
        row(2025, 'b', 10, 10, 4, 2, 2),
      ],
      [],
      10,
    );
    const succession = views.find((v) => v.code === 'SUCCESSION')!;
    // Young 4/8 → 3/8 (fell), women 3/8 → 4/8 (rose), postgraduates 0 → 0 (held): partly met,
    // although the mean of the three shares rose.
    expect(succession.parts.map((p) => [p.key, p.value, p.target, p.met])).toEqual([
      ['YOUNG', 37.5, 50, false],
      ['FEMALE', 50, 37.5, true],
      ['POSTGRADUATE', 0, 0, true],
    ]);
    expect(succession).toMatchObject({ verdict: 'PARTLY_MET', met: false });
    expect(succession.byUnit.map((u) => [u.key, u.verdict])).toEqual([
      ['a', 'PARTLY_MET'],
      ['b', 'MET'],
    ]);
    expect(views.find((v) => v.code === 'STANDARDS')).toMatchObject({
      value: 80,
      target: 100,
      met: false,
      numerator: 16,
      denominator: 20,
    });
  });
});
