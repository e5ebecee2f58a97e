import { RuleDataError } from '../../common/rule-data-error';
import { PoliticalTheory, Qualification } from '../cadres/cadre.enums';
import rulesData from './data/quality-rules.json';
import { Rating, TrainingCategory } from './quality.enums';

export interface StandardSpec {
  minQualification: Qualification;
  minPoliticalTheory: PoliticalTheory;
  requiredTraining: TrainingCategory[];
}

export interface QualityRuleSet {
  id: string;
  effectiveFrom: string;
  source: string;
  scoreBands: { citation: string; unsure: boolean; bands: Array<{ rating: Rating; minScore: number }> };
  excellentQuota: { citation: string; percent: number; of: 'WELL' | 'WELL_OR_BETTER'; unsure: boolean };
  disciplined: { citation: string; rating: Rating };
  satisfaction: { citation: string; min: number; max: number; satisfiedFrom: number };
  youngUnderAge: { years: number; unsure: boolean };
  defaultStandards: { management: StandardSpec; staff: StandardSpec };
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function standard(raw: unknown, where: string, fail: (w: string, c: string, m: string) => Error): StandardSpec {
  const s = raw as Record<string, unknown> | undefined;
  if (!s || !(Object.values(Qualification) as unknown[]).includes(s['minQualification']))
    throw fail(`${where}.minQualification`, 'NOT_IN_LIST', 'không có trình độ chuyên môn này');
  if (!(Object.values(PoliticalTheory) as unknown[]).includes(s['minPoliticalTheory']))
    throw fail(`${where}.minPoliticalTheory`, 'NOT_IN_LIST', 'không có trình độ lý luận chính trị này');
  const t = s['requiredTraining'];
  if (!Array.isArray(t) || t.some((c) => !(Object.values(TrainingCategory) as unknown[]).includes(c)))
    throw fail(`${where}.requiredTraining`, 'NOT_IN_LIST', 'phải là danh sách các loại bồi dưỡng có trong danh mục');
  return {
    minQualification: s['minQualification'] as Qualification,
    minPoliticalTheory: s['minPoliticalTheory'] as PoliticalTheory,
    requiredTraining: t as TrainingCategory[],
  };
}

/** Checks and freezes rule sets shaped like `data/quality-rules.json`; a problem names its path. */
export function parseQualityRuleSets(data: unknown, label = 'quy tắc chất lượng cán bộ'): readonly QualityRuleSet[] {
  const fail = (where: string, code: string, msg: string) => new RuleDataError(label, where, code, msg);
  const sets = (data as { ruleSets?: unknown }).ruleSets;
  if (!Array.isArray(sets) || !sets.length)
    throw fail('ruleSets', 'LIST_EMPTY', 'phải là một danh sách có ít nhất một bộ quy tắc');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- checked field by field below
  const out = sets.map((raw: Record<string, any>, i): QualityRuleSet => {
    const at = `ruleSets[${i}]`;
    if (typeof raw['id'] !== 'string' || !raw['id'])
      throw fail(`${at}.id`, 'TEXT_REQUIRED', 'phải là một đoạn chữ, không để trống');
    if (typeof raw['effectiveFrom'] !== 'string' || !ISO.test(raw['effectiveFrom']))
      throw fail(`${at}.effectiveFrom`, 'DATE_FORMAT', 'phải là ngày viết theo dạng YYYY-MM-DD');
    const bands = raw['scoreBands']?.bands as Array<{ rating: Rating; minScore: number }> | undefined;
    if (!Array.isArray(bands) || bands.length !== 4)
      throw fail(`${at}.scoreBands.bands`, 'BANDS_INCOMPLETE', 'phải nêu đủ bốn mức xếp loại');
    for (const r of Object.values(Rating))
      if (!bands.some((b) => b.rating === r && Number.isFinite(b.minScore)))
        throw fail(`${at}.scoreBands.bands`, 'BANDS_INCOMPLETE', `thiếu mức ${r}`);
    const q = raw['excellentQuota'];
    if (!q || !Number.isInteger(q.percent) || q.percent < 0 || q.percent > 100)
      throw fail(`${at}.excellentQuota.percent`, 'OUT_OF_RANGE', 'phải từ 0 đến 100');
    if (q.of !== 'WELL' && q.of !== 'WELL_OR_BETTER')
      throw fail(`${at}.excellentQuota.of`, 'NOT_IN_LIST', 'phải là WELL hoặc WELL_OR_BETTER');
    const sat = raw['satisfaction'];
    if (!sat || !Number.isInteger(sat.min) || !Number.isInteger(sat.max) || sat.min >= sat.max)
      throw fail(`${at}.satisfaction`, 'OUT_OF_RANGE', 'min và max phải là số nguyên, min nhỏ hơn max');
    if (!(Object.values(Rating) as unknown[]).includes(raw['disciplined']?.rating))
      throw fail(`${at}.disciplined.rating`, 'NOT_IN_LIST', 'không có mức xếp loại này');
    const d = raw['defaultStandards'];
    return {
      id: raw['id'],
      effectiveFrom: raw['effectiveFrom'],
      source: String(raw['source'] ?? ''),
      scoreBands: {
        citation: String(raw['scoreBands'].citation ?? ''),
        unsure: raw['scoreBands'].unsure === true,
        bands: [...bands].sort((a, b) => b.minScore - a.minScore),
      },
      excellentQuota: { citation: String(q.citation ?? ''), percent: q.percent, of: q.of, unsure: q.unsure === true },
      disciplined: { citation: String(raw['disciplined'].citation ?? ''), rating: raw['disciplined'].rating },
      satisfaction: { citation: String(sat.citation ?? ''), min: sat.min, max: sat.max, satisfiedFrom: sat.satisfiedFrom },
      youngUnderAge: { years: Number(raw['youngUnderAge']?.years ?? 40), unsure: raw['youngUnderAge']?.unsure === true },
      defaultStandards: {
        management: standard(d?.management, `${at}.defaultStandards.management`, fail),
        staff: standard(d?.staff, `${at}.defaultStandards.staff`, fail),
      },
    };
  });
  return Object.freeze([...out].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)));
}

let cached: readonly QualityRuleSet[] | undefined;
/** The rule sets shipped in `data/quality-rules.json`. */
export function defaultQualityRuleSets(): readonly QualityRuleSet[] {
  return (cached ??= parseQualityRuleSets(rulesData, 'src/modules/quality/data/quality-rules.json'));
}

/** The rule set in force on `day` (YYYY-MM-DD); before the first, the first. */
export function qualityRulesOn(sets: readonly QualityRuleSet[], day: string): QualityRuleSet {
  let found = sets[0]!;
  for (const s of sets) if (s.effectiveFrom <= day) found = s;
  return found;
}

/** The band a score falls in. */
export function bandOf(rules: QualityRuleSet, score: number): Rating {
  for (const b of rules.scoreBands.bands) if (score >= b.minScore) return b.rating;
  return Rating.NOT_COMPLETED;
}

/** Whether `excellent` ratings fit the quota given the counts of the group. */
export function withinQuota(
  rules: QualityRuleSet,
  counts: { excellent: number; well: number },
): { allowed: number; ok: boolean } {
  const base = rules.excellentQuota.of === 'WELL' ? counts.well : counts.well + counts.excellent;
  const allowed = Math.floor((base * rules.excellentQuota.percent) / 100);
  return { allowed, ok: counts.excellent <= allowed };
}
