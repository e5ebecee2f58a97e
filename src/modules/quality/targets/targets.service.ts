import { badInput } from '../../../common/errors';
import { RESOLUTION_STATES } from '../../cadres/resolution-figures';
import { todayInVietnam } from '../../../common/validation';
import type { RequestContext } from '../../../graphql/context';
import { Body } from '../../units/unit.enums';
import { scopeUnit } from '../quality.access';
import { TargetCode, TargetComparison, TargetRecordKind, TargetVerdict } from '../quality.enums';
import { round2 } from '../quality.loaders';
import { type QualityRuleSet, qualityRulesOn } from '../quality-rules';

/** The first year of the term: trends start here, and it is the baseline of targets without a numeric level. */
export const BASELINE_YEAR = 2025;

/** What the resolution states of the ward's cadres in 2025 (kept beside the register, which shows it too). */
export { RESOLUTION_STATES };

/**
 * SQL: the record (with `unit_id`, and `u` its unit when given) belongs to the breakdown row `$n`
 * (null: every row): a unit id (that unit's own records) or a body, NONE for no body.
 */
const ROW_FILTER = (n: string, alias?: string) =>
  `(${n}::text IS NULL OR ${alias ? `${alias}.` : ''}unit_id::text = ${n}::text OR EXISTS (SELECT 1 FROM unit rb WHERE rb.id = ${alias ? `${alias}.` : ''}unit_id AND COALESCE(rb.body::text, 'NONE') = ${n}::text))`;

/** The targets whose denominator counts the ward's cadres (or its managers). */
const CADRE_COUNT_TARGETS: ReadonlySet<TargetCode> = new Set([
  TargetCode.STANDARDS,
  TargetCode.SUCCESSION,
  TargetCode.INTEGRITY,
  TargetCode.TRAINING,
  TargetCode.SOFTWARE,
]);

/** One measure of a target, as the resolution names it, and how the system counts it. */
interface PartSpec {
  key: string;
  /** What the resolution names, in Vietnamese. */
  label: string;
  /** What is counted, in Vietnamese: the screen says it beside the figure. */
  measure: string;
  /** The count stands in for what the resolution names (it does not measure it directly). */
  proxy: boolean;
  /** Part of the verdict; false for a figure shown for reference only. */
  judged: boolean;
  comparison: TargetComparison;
  /** Numeric level; null: the 2025 value of the same scope. */
  level: number | null;
  numerator: (c: Counters) => number;
  denominator: (c: Counters) => number;
  /** A level that depends on the counters (target 2's "excellent" part under the quota). */
  levelOf?: (c: Counters, q: QuotaRule) => number | null;
  /** What `levelOf` means, for the screen. */
  levelNote?: (c: Counters, q: QuotaRule) => string | null;
}

interface TargetSpec {
  code: TargetCode;
  number: number;
  /** A short title for the card. */
  title: string;
  /** Section II.3 of the resolution, verbatim. */
  text: string;
  comparison: TargetComparison;
  /** Numeric level of the headline figure; null: the 2025 baseline. */
  level: number | null;
  parts: readonly PartSpec[];
}

/** The quota of "excellent" ratings in force (data/quality-rules.json, `excellentQuota`). */
export interface QuotaRule {
  percent: number;
  of: 'WELL' | 'WELL_OR_BETTER';
}

const AT_LEAST = TargetComparison.AT_LEAST;
const BASELINE = TargetComparison.NOT_BELOW_BASELINE;
const ATTITUDE = 'Trên số cán bộ được Mặt trận Tổ quốc lấy ý kiến Nhân dân về thái độ, tinh thần phục vụ trong năm';

/** How many "excellent" ratings the quota allows in a group (rounded down), counted on the whole group. */
const quotaCap = (c: Counters, q: QuotaRule) =>
  Math.floor((q.percent * (q.of === 'WELL' ? c.wellPlus - c.excellent : c.wellPlus)) / 100);

/** The seven targets of the resolution, section II.3, in its words, and the parts each is judged on. */
export const TARGETS: readonly TargetSpec[] = [
  {
    code: TargetCode.STANDARDS,
    number: 1,
    title: 'Đạt chuẩn theo quy định',
    text: 'Bảo đảm 100% cán bộ, công chức, viên chức phường đạt chuẩn về trình độ chuyên môn, lý luận chính trị, kỹ năng công vụ theo quy định của Đảng và Nhà nước; coi đây là tiêu chí bắt buộc trong công tác đánh giá và bổ nhiệm.',
    comparison: AT_LEAST,
    level: 100,
    parts: [
      {
        key: 'STANDARD',
        label: 'Đạt chuẩn trình độ chuyên môn, lý luận chính trị, kỹ năng công vụ',
        measure:
          'Cán bộ, công chức làm việc tại phường trong năm có trình độ chuyên môn, lý luận chính trị đạt chuẩn của vị trí và đã qua các lớp bồi dưỡng bắt buộc của vị trí đến cuối năm.',
        proxy: false,
        judged: true,
        comparison: AT_LEAST,
        level: 100,
        numerator: (c) => c.std,
        denominator: (c) => c.n,
      },
    ],
  },
  {
    code: TargetCode.RATING,
    number: 2,
    title: 'Hoàn thành tốt nhiệm vụ trở lên',
    text: 'Phấn đấu hằng năm có từ 95% cán bộ, công chức hoàn thành tốt nhiệm vụ trở lên; trong đó 20% hoàn thành xuất sắc nhiệm vụ, tạo động lực thi đua và lan tỏa trong toàn hệ thống chính trị.',
    comparison: AT_LEAST,
    level: 95,
    parts: [
      {
        key: 'WELL_OR_BETTER',
        label: 'Hoàn thành tốt nhiệm vụ trở lên',
        measure: 'Trên số cán bộ, công chức đã được đánh giá, xếp loại chất lượng của năm.',
        proxy: false,
        judged: true,
        comparison: AT_LEAST,
        level: 95,
        numerator: (c) => c.wellPlus,
        denominator: (c) => c.rated,
      },
      {
        key: 'EXCELLENT',
        label: 'Trong đó hoàn thành xuất sắc nhiệm vụ',
        measure:
          'Trên số cán bộ, công chức đã được xếp loại. Quy định khống chế số hoàn thành xuất sắc không vượt quá 20% số hoàn thành tốt nhiệm vụ (trong từng cơ quan, nhóm nhiệm vụ), nên mức phải đạt là 20% hoặc mức trần quy định cho phép, nếu mức trần thấp hơn.',
        proxy: false,
        judged: true,
        comparison: AT_LEAST,
        level: 20,
        numerator: (c) => c.excellent,
        denominator: (c) => c.rated,
        levelOf: (c, q) => (c.rated ? Math.min(20, round2((100 * quotaCap(c, q)) / c.rated)) : 20),
        levelNote: (c, q) => {
          if (!c.rated) return null;
          const cap = quotaCap(c, q);
          return (100 * cap) / c.rated < 20
            ? `Trần theo quy định: ${cap} người (${q.percent}% số hoàn thành tốt${q.of === 'WELL' ? '' : ' trở lên'}), tức ${formatVi(round2((100 * cap) / c.rated))}% số được xếp loại`
            : null;
        },
      },
    ],
  },
  {
    code: TargetCode.SUCCESSION,
    number: 3,
    title: 'Cán bộ trẻ, cán bộ nữ, sau đại học trong cán bộ quản lý',
    text: 'Quan tâm, đào tạo, bồi dưỡng, tăng tỷ lệ cán bộ trẻ, cán bộ nữ, cán bộ có trình độ sau đại học trong tổng số cán bộ quản lý; bảo đảm sự kế thừa, cân đối về độ tuổi, giới tính, trình độ trong cơ cấu đội ngũ.',
    comparison: BASELINE,
    level: null,
    parts: [
      {
        key: 'YOUNG',
        label: 'Tỷ lệ cán bộ trẻ trong tổng số cán bộ quản lý',
        measure:
          'Cán bộ lãnh đạo, quản lý dưới 40 tuổi vào ngày 31/12 của năm. Nghị quyết yêu cầu tăng đến năm 2030; mỗi năm đạt khi không thấp hơn năm 2025.',
        proxy: false,
        judged: true,
        comparison: BASELINE,
        level: null,
        numerator: (c) => c.mgrYoung,
        denominator: (c) => c.mgr,
      },
      {
        key: 'FEMALE',
        label: 'Tỷ lệ cán bộ nữ trong tổng số cán bộ quản lý',
        measure: 'Cán bộ lãnh đạo, quản lý là nữ. Mỗi năm đạt khi không thấp hơn năm 2025.',
        proxy: false,
        judged: true,
        comparison: BASELINE,
        level: null,
        numerator: (c) => c.mgrFemale,
        denominator: (c) => c.mgr,
      },
      {
        key: 'POSTGRADUATE',
        label: 'Tỷ lệ cán bộ có trình độ sau đại học trong tổng số cán bộ quản lý',
        measure: 'Cán bộ lãnh đạo, quản lý có trình độ thạc sĩ trở lên. Mỗi năm đạt khi không thấp hơn năm 2025.',
        proxy: false,
        judged: true,
        comparison: BASELINE,
        level: null,
        numerator: (c) => c.mgrPostgrad,
        denominator: (c) => c.mgr,
      },
    ],
  },
  {
    code: TargetCode.INTEGRITY,
    number: 4,
    title: 'Chuẩn mực “3 không”, “3 có”',
    text: 'Xây dựng đội ngũ cán bộ liêm chính, trách nhiệm, trí tuệ, tận tụy với Nhân dân, phấn đấu thực hiện chuẩn mực “3 không”: không tham nhũng, không xa dân, không trì trệ; đồng thời đạt “3 có”: có trách nhiệm, có trí tuệ, có uy tín.',
    comparison: AT_LEAST,
    level: 100,
    parts: [
      {
        key: 'NO_CORRUPTION',
        label: '“3 không”: không tham nhũng',
        measure:
          'Cán bộ không bị kỷ luật (quyết định có hiệu lực) trong năm. Tính mọi hình thức kỷ luật, vì hệ thống chưa ghi riêng hành vi tham nhũng.',
        proxy: true,
        judged: true,
        comparison: AT_LEAST,
        level: 100,
        numerator: (c) => c.noDiscipline,
        denominator: (c) => c.n,
      },
      {
        key: 'NOT_DISTANT',
        label: '“3 không”: không xa dân',
        measure: `${ATTITUDE}: không bị đánh giá Kém.`,
        proxy: true,
        judged: true,
        comparison: AT_LEAST,
        level: 100,
        numerator: (c) => c.notDistant,
        denominator: (c) => c.attitudeRated,
      },
      {
        key: 'NOT_STAGNANT',
        label: '“3 không”: không trì trệ',
        measure: 'Trên số cán bộ, công chức đã được xếp loại trong năm: không bị xếp loại Không hoàn thành nhiệm vụ.',
        proxy: true,
        judged: true,
        comparison: AT_LEAST,
        level: 100,
        numerator: (c) => c.notStagnant,
        denominator: (c) => c.rated,
      },
      {
        key: 'RESPONSIBLE',
        label: '“3 có”: có trách nhiệm',
        measure:
          'Cán bộ có kế hoạch công tác cá nhân của năm (nhiệm vụ trọng tâm, thời hạn, kết quả đầu ra, theo mục III.2 của Nghị quyết).',
        proxy: true,
        judged: true,
        comparison: AT_LEAST,
        level: 100,
        numerator: (c) => c.workPlan,
        denominator: (c) => c.n,
      },
      {
        key: 'CAPABLE',
        label: '“3 có”: có trí tuệ',
        measure: 'Cán bộ đạt chuẩn trình độ chuyên môn, lý luận chính trị và bồi dưỡng bắt buộc của vị trí (như chỉ tiêu 1).',
        proxy: true,
        judged: true,
        comparison: AT_LEAST,
        level: 100,
        numerator: (c) => c.std,
        denominator: (c) => c.n,
      },
      {
        key: 'PRESTIGE',
        label: '“3 có”: có uy tín',
        measure: `${ATTITUDE}: được đánh giá Tốt.`,
        proxy: true,
        judged: true,
        comparison: AT_LEAST,
        level: 100,
        numerator: (c) => c.attitudeGood,
        denominator: (c) => c.attitudeRated,
      },
    ],
  },
  {
    code: TargetCode.TRAINING,
    number: 5,
    title: 'Bồi dưỡng lãnh đạo, quản trị và tập huấn tiếp dân',
    text: '100% cán bộ quản lý, lãnh đạo được bồi dưỡng kỹ năng lãnh đạo, quản trị hiện đại, ứng dụng công nghệ số trong điều hành; tất cả cán bộ, công chức được tập huấn kỹ năng tiếp dân, giải quyết tình huống thực tiễn hằng năm.',
    comparison: AT_LEAST,
    level: 100,
    parts: [
      {
        key: 'GOVERNANCE_AND_DIGITAL',
        label: 'Cán bộ quản lý, lãnh đạo được bồi dưỡng kỹ năng lãnh đạo, quản trị hiện đại, ứng dụng công nghệ số',
        measure:
          'Cán bộ lãnh đạo, quản lý đã qua lớp kỹ năng lãnh đạo, quản trị hiện đại và lớp ứng dụng công nghệ số từ năm 2025.',
        proxy: false,
        judged: true,
        comparison: AT_LEAST,
        level: 100,
        numerator: (c) => c.mgrGov,
        denominator: (c) => c.mgr,
      },
      {
        key: 'CITIZEN_RECEPTION',
        label: 'Cán bộ, công chức được tập huấn kỹ năng tiếp dân, giải quyết tình huống thực tiễn trong năm',
        measure: 'Cán bộ, công chức đã qua lớp tập huấn tiếp dân, giải quyết tình huống thực tiễn trong năm.',
        proxy: false,
        judged: true,
        comparison: AT_LEAST,
        level: 100,
        numerator: (c) => c.reception,
        denominator: (c) => c.n,
      },
    ],
  },
  {
    code: TargetCode.SOFTWARE,
    number: 6,
    title: 'Thành thạo phần mềm quản lý, dịch vụ công trực tuyến',
    text: 'Bảo đảm 100% cán bộ, công chức phường thành thạo các phần mềm quản lý hành chính, dịch vụ công trực tuyến, góp phần xây dựng chính quyền điện tử, chính quyền số thân thiện, hiệu quả, phục vụ Nhân dân.',
    comparison: AT_LEAST,
    level: 100,
    parts: [
      {
        key: 'SOFTWARE',
        label: 'Thành thạo các phần mềm quản lý hành chính, dịch vụ công trực tuyến',
        measure:
          'Cán bộ, công chức đã qua lớp tập huấn phần mềm quản lý hành chính, Cổng dịch vụ công (kết quả đạt) từ năm 2025; hệ thống chưa đánh giá mức thành thạo.',
        proxy: true,
        judged: true,
        comparison: AT_LEAST,
        level: 100,
        numerator: (c) => c.software,
        denominator: (c) => c.n,
      },
    ],
  },
  {
    code: TargetCode.SATISFACTION,
    number: 7,
    title: 'Lấy ý kiến Nhân dân về mức độ hài lòng',
    text: 'Hằng năm, trên 90% Nhân dân thực hiện các thủ tục hành chính được lấy ý kiến đánh giá mức độ hài lòng; coi sự hài lòng của Nhân dân là thước đo quan trọng trong đánh giá và xếp loại cán bộ, công chức.',
    comparison: TargetComparison.ABOVE,
    level: 90,
    parts: [
      {
        key: 'SURVEYED',
        label: 'Nhân dân thực hiện thủ tục hành chính được lấy ý kiến đánh giá mức độ hài lòng',
        measure: 'Hồ sơ thủ tục hành chính đã giải quyết trong năm có phiếu đánh giá của người dân (mỗi hồ sơ tính một người).',
        proxy: true,
        judged: true,
        comparison: TargetComparison.ABOVE,
        level: 90,
        numerator: (c) => c.surveyed,
        denominator: (c) => c.procedures,
      },
      {
        key: 'SATISFIED',
        label: 'Người dân hài lòng (mức 4 - 5 trên thang 5)',
        measure:
          'Để tham khảo, không xét đạt hay chưa đạt: Nghị quyết không đặt mức, mà coi sự hài lòng là thước đo trong đánh giá, xếp loại cán bộ.',
        proxy: false,
        judged: false,
        comparison: AT_LEAST,
        level: null,
        numerator: (c) => c.satisfied,
        denominator: (c) => c.answers,
      },
    ],
  },
];

/** Counters of one group (a year, and optionally a body or unit); all targets are ratios of them. */
interface Counters {
  n: number;
  std: number;
  rated: number;
  wellPlus: number;
  excellent: number;
  mgr: number;
  mgrYoung: number;
  mgrFemale: number;
  mgrPostgrad: number;
  integ: number;
  mgrGov: number;
  reception: number;
  training: number;
  software: number;
  noDiscipline: number;
  notStagnant: number;
  attitudeRated: number;
  notDistant: number;
  attitudeGood: number;
  workPlan: number;
  procedures: number;
  surveyed: number;
  answers: number;
  scoreSum: number;
  satisfied: number;
}
/**
 * Fresh counters, all zero: an object literal, so every group has the same shape (a province's
 * targets fill about 10,000 of them per request; `Object.fromEntries` built each one as a
 * dictionary, a sixth of the request's CPU with the additions into it).
 */
const zero = (): Counters => ({
  n: 0,
  std: 0,
  rated: 0,
  wellPlus: 0,
  excellent: 0,
  mgr: 0,
  mgrYoung: 0,
  mgrFemale: 0,
  mgrPostgrad: 0,
  integ: 0,
  mgrGov: 0,
  reception: 0,
  training: 0,
  software: 0,
  noDiscipline: 0,
  notStagnant: 0,
  attitudeRated: 0,
  notDistant: 0,
  attitudeGood: 0,
  workPlan: 0,
  procedures: 0,
  surveyed: 0,
  answers: 0,
  scoreSum: 0,
  satisfied: 0,
});
const COUNTER_KEYS = Object.keys(zero()) as ReadonlyArray<keyof Counters>;
const add = (into: Counters, from: Partial<Counters>) => {
  for (const k of COUNTER_KEYS) into[k] += Number(from[k] ?? 0);
};

export interface TargetPartView {
  key: string;
  label: string;
  measure: string;
  proxy: boolean;
  judged: boolean;
  comparison: TargetComparison;
  value: number | null;
  numerator: number;
  denominator: number;
  target: number | null;
  targetNote: string | null;
  met: boolean | null;
  baselineYear: number;
  baselineValue: number | null;
  baselineNumerator: number;
  baselineDenominator: number;
}
export interface TargetFigure {
  value: number | null;
  numerator: number;
  denominator: number;
}
export interface TrendPoint extends TargetFigure {
  year: number;
  met: boolean | null;
  verdict: TargetVerdict | null;
}
export interface BreakdownRow extends TargetFigure {
  key: string;
  label: string;
  body: Body | null;
  target: number | null;
  met: boolean | null;
  verdict: TargetVerdict | null;
}
/** What the resolution states of the ward's cadres in 2025, beside what the register counts. */
export interface StatedCountView {
  year: number;
  statedCadres: number;
  statedManagers: number;
  partsSum: number;
  countedCadres: number;
  countedManagers: number;
  note: string;
}
export interface TargetView extends TargetFigure {
  code: TargetCode;
  number: number;
  title: string;
  text: string;
  year: number;
  comparison: TargetComparison;
  target: number | null;
  baselineYear: number;
  met: boolean | null;
  verdict: TargetVerdict | null;
  parts: TargetPartView[];
  trend: TrendPoint[];
  byBody: BreakdownRow[];
  byUnit: BreakdownRow[];
  unitCount: number;
  resolutionStates: StatedCountView | null;
}

const BODY_VI: Record<string, string> = {
  PARTY_OFFICE: 'Cơ quan Đảng ủy',
  FATHERLAND_FRONT: 'Cơ quan Mặt trận Tổ quốc',
  GOVERNMENT: 'Cơ quan chính quyền',
  NONE: 'Đảng ủy phường',
};

// One collator for every comparison: localeCompare with a locale builds one per call, which was
// most of a province-wide request (about 5,000 units sorted for each of the seven targets).
const VI = new Intl.Collator('vi');
const VI_NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const formatVi = (v: number) => VI_NUMBER.format(v);

const pct = (num: number, den: number) => (den ? round2((100 * num) / den) : null);

/** The headline figure of a target (what its trend and breakdown bars show). */
function figure(code: TargetCode, c: Counters): TargetFigure {
  switch (code) {
    case TargetCode.STANDARDS:
      return { value: pct(c.std, c.n), numerator: c.std, denominator: c.n };
    case TargetCode.RATING:
      return { value: pct(c.wellPlus, c.rated), numerator: c.wellPlus, denominator: c.rated };
    case TargetCode.SUCCESSION:
      // The mean of the three shares (same denominator), for the trend only: the verdict is by each share.
      return {
        value: pct(c.mgrYoung + c.mgrFemale + c.mgrPostgrad, 3 * c.mgr),
        numerator: c.mgrYoung + c.mgrFemale + c.mgrPostgrad,
        denominator: 3 * c.mgr,
      };
    case TargetCode.INTEGRITY:
      return { value: pct(c.integ, c.n), numerator: c.integ, denominator: c.n };
    case TargetCode.TRAINING:
      return { value: pct(c.training, c.n), numerator: c.training, denominator: c.n };
    case TargetCode.SOFTWARE:
      return { value: pct(c.software, c.n), numerator: c.software, denominator: c.n };
    case TargetCode.SATISFACTION:
      return { value: pct(c.surveyed, c.procedures), numerator: c.surveyed, denominator: c.procedures };
  }
}

function compare(comparison: TargetComparison, value: number | null, target: number | null): boolean | null {
  if (value === null || target === null) return null;
  return comparison === TargetComparison.ABOVE ? value > target : value >= target;
}

/** Each part of a target for a group's counters, judged against its level or the group's own 2025 value. */
function partsOf(spec: TargetSpec, c: Counters, base: Counters | undefined, quota: QuotaRule): TargetPartView[] {
  return spec.parts.map((p) => {
    const numerator = p.numerator(c);
    const denominator = p.denominator(c);
    const value = pct(numerator, denominator);
    const bNum = base ? p.numerator(base) : 0;
    const bDen = base ? p.denominator(base) : 0;
    const baselineValue = pct(bNum, bDen);
    const target = p.levelOf ? p.levelOf(c, quota) : (p.level ?? baselineValue);
    return {
      key: p.key,
      label: p.label,
      measure: p.measure,
      proxy: p.proxy,
      judged: p.judged,
      comparison: p.comparison,
      value,
      numerator,
      denominator,
      target: p.judged ? target : null,
      targetNote: p.levelNote ? p.levelNote(c, quota) : null,
      met: p.judged ? compare(p.comparison, value, target) : null,
      baselineYear: BASELINE_YEAR,
      baselineValue,
      baselineNumerator: bNum,
      baselineDenominator: bDen,
    };
  });
}

/**
 * A target is met when every part it is judged on is met (MET), partly when some are
 * (PARTLY_MET), not at all when none is (NOT_MET); null when no part has anything to count. A part
 * with nothing to count is not met.
 */
export function verdictOf(parts: ReadonlyArray<Pick<TargetPartView, 'judged' | 'met'>>): TargetVerdict | null {
  const judged = parts.filter((p) => p.judged);
  const met = judged.filter((p) => p.met === true).length;
  if (judged.every((p) => p.met === null)) return null;
  if (met === judged.length) return TargetVerdict.MET;
  return met > 0 ? TargetVerdict.PARTLY_MET : TargetVerdict.NOT_MET;
}

const metOfVerdict = (v: TargetVerdict | null): boolean | null => (v === null ? null : v === TargetVerdict.MET);

/**
 * The arguments of the SQL functions `cadre_facts`, `cadre_fact_rules_key` and
 * `cadre_fact_tally_refresh` (migration CadreFactTally) after the years and the scope: the
 * "young" age limit, then the default standards of leaders and staff. Casts for positional
 * parameters starting at `at`.
 */
const RULE_ARGS = (at: number) =>
  `$${at}::int, $${at + 1}::qualification, $${at + 2}::political_theory, $${at + 3}::text[]::training_category[], ` +
  `$${at + 4}::qualification, $${at + 5}::political_theory, $${at + 6}::text[]::training_category[]`;

/**
 * Per cadre and year, the facts every cadre-based target counts: $1 first year, $2 last year,
 * $3 scope path (null: all), then the rule arguments. The same function fills
 * `cadre_fact_tally`, so a figure and the records listed for it cannot disagree.
 */
const CADRE_FACTS = `cadre_facts($1::int, $2::int, $3::text, NULL::uuid[], ${RULE_ARGS(4)})`;

/**
 * The read of `targets`, one statement: the trigger-kept cadre counters of the units in scope
 * with cadres, by year, beside the satisfaction tally; `covered`, whether the rule set is counted
 * for these years at all (not yet: a new year or rule set), and `stale`, the units in scope whose
 * counters a write has marked. Parameters: $1 first year, $2 last year, $3 scope path (null: all),
 * then the rule arguments.
 */
export const TARGETS_READ_SQL = `
  WITH k AS (SELECT cadre_fact_rules_key(${RULE_ARGS(4)}) AS key),
  s AS (SELECT id, name, body FROM unit WHERE $3::text IS NULL OR path LIKE $3::text || '%'),
  st AS (SELECT EXISTS (SELECT 1 FROM cadre_fact_coverage c WHERE c.rules_key = (SELECT key FROM k) AND c.from_year <= $1 AND c.through_year >= $2) AS covered,
                ARRAY(SELECT DISTINCT d.unit_id FROM cadre_fact_dirty d JOIN s ON s.id = d.unit_id
                      WHERE d.rules_key IS NULL OR d.rules_key = (SELECT key FROM k)) AS stale)
  SELECT st.covered, st.stale, r.* FROM st LEFT JOIN LATERAL (
    SELECT coalesce(t.year, q.year) AS y, s.id AS unit_id, s.name AS unit_name, s.body, t.n, t.std, t.rated, t.well_plus AS "wellPlus", t.excellent, t.mgr,
           t.mgr_young AS "mgrYoung", t.mgr_female AS "mgrFemale", t.mgr_postgrad AS "mgrPostgrad", t.integ, t.mgr_gov AS "mgrGov",
           t.reception, t.training, t.software, t.no_discipline AS "noDiscipline", t.not_stagnant AS "notStagnant",
           t.attitude_rated AS "attitudeRated", t.not_distant AS "notDistant", t.attitude_good AS "attitudeGood", t.work_plan AS "workPlan", q.procedures::float AS procedures, q.surveyed::float AS surveyed,
           q.answers::float AS answers, q.score_sum::float AS "scoreSum", q.satisfied::float AS satisfied
    FROM (SELECT * FROM cadre_fact_tally WHERE rules_key = (SELECT key FROM k) AND year BETWEEN $1 AND $2 AND unit_id IN (SELECT id FROM s)) t
    FULL JOIN (SELECT * FROM satisfaction_tally WHERE year BETWEEN $1 AND $2 AND unit_id IN (SELECT id FROM s)) q ON q.unit_id = t.unit_id AND q.year = t.year
    JOIN s ON s.id = coalesce(t.unit_id, q.unit_id)) r ON true`;

/** Recounts the marked counters of the given units, or everything when the years are not covered yet ($1 unit ids, $2 first year, $3 last year, then the rule arguments). */
export const TARGETS_REFRESH_SQL = `SELECT cadre_fact_tally_refresh($1::uuid[], $2::int, $3::int, ${RULE_ARGS(4)}) AS recounted`;

/** A row of TARGETS_READ_SQL: coverage, the stale units, and the counters of one year and unit (null when the scope has none). */
export type TargetReadRow = Partial<TargetSourceRow> & { covered: boolean; stale: string[] };

/** The rows of TARGETS_READ_SQL that carry counters. */
export const sourceRowsOf = (rows: readonly TargetReadRow[]): TargetSourceRow[] =>
  rows.filter((r): r is TargetReadRow & TargetSourceRow => r.y != null);

/** Which facts rows form a cadre-based figure's denominator, which count, and the flags a record shows. */
interface RecordRule {
  denominator: string;
  counted: string;
  flags: string;
}
const NO_FLAGS = `ARRAY[]::text[]`;

/** For each cadre-based target: its headline figure's records. */
const RECORD_RULES: Record<Exclude<TargetCode, TargetCode.SATISFACTION>, RecordRule> = {
  STANDARDS: { denominator: 'true', counted: 'meets_standard', flags: NO_FLAGS },
  RATING: { denominator: 'rating IS NOT NULL', counted: `rating IN ('EXCELLENT', 'WELL')`, flags: `ARRAY[rating::text]` },
  SUCCESSION: {
    denominator: 'mgr',
    counted: 'young OR female OR postgrad',
    flags: `array_remove(ARRAY[CASE WHEN young THEN 'YOUNG' END, CASE WHEN female THEN 'FEMALE' END, CASE WHEN postgrad THEN 'POSTGRADUATE' END], NULL)`,
  },
  INTEGRITY: { denominator: 'true', counted: 'integrity', flags: NO_FLAGS },
  TRAINING: {
    denominator: 'true',
    counted: 'reception_ok AND (NOT mgr OR governance_ok)',
    flags: `array_remove(ARRAY[CASE WHEN reception_ok THEN 'CITIZEN_RECEPTION' END, CASE WHEN mgr AND governance_ok THEN 'GOVERNANCE_AND_DIGITAL' END, CASE WHEN mgr THEN 'MANAGER' END], NULL)`,
  },
  SOFTWARE: { denominator: 'true', counted: 'software_ok', flags: NO_FLAGS },
};

/** Each cadre-based part's records (TargetPart.key); the parts of target 7 read procedures and answers. */
const PART_RECORD_RULES: Record<string, RecordRule> = {
  STANDARD: RECORD_RULES.STANDARDS,
  WELL_OR_BETTER: RECORD_RULES.RATING,
  EXCELLENT: { denominator: 'rating IS NOT NULL', counted: `rating = 'EXCELLENT'`, flags: `ARRAY[rating::text]` },
  YOUNG: { denominator: 'mgr', counted: 'young', flags: NO_FLAGS },
  FEMALE: { denominator: 'mgr', counted: 'female', flags: NO_FLAGS },
  POSTGRADUATE: { denominator: 'mgr', counted: 'postgrad', flags: NO_FLAGS },
  NO_CORRUPTION: { denominator: 'true', counted: 'no_discipline', flags: NO_FLAGS },
  NOT_DISTANT: { denominator: 'attitude_rated', counted: 'not_distant', flags: NO_FLAGS },
  NOT_STAGNANT: { denominator: 'rating IS NOT NULL', counted: `rating <> 'NOT_COMPLETED'`, flags: `ARRAY[rating::text]` },
  RESPONSIBLE: { denominator: 'true', counted: 'work_plan', flags: NO_FLAGS },
  CAPABLE: { denominator: 'true', counted: 'meets_standard', flags: NO_FLAGS },
  PRESTIGE: { denominator: 'attitude_rated', counted: 'attitude_good', flags: NO_FLAGS },
  GOVERNANCE_AND_DIGITAL: { denominator: 'mgr', counted: 'governance_ok', flags: NO_FLAGS },
  CITIZEN_RECEPTION: { denominator: 'true', counted: 'reception_ok', flags: NO_FLAGS },
  SOFTWARE: RECORD_RULES.SOFTWARE,
};

/** The part keys of each target, in order (TargetPart.key). */
export const PART_KEYS: Readonly<Record<TargetCode, readonly string[]>> = Object.fromEntries(
  TARGETS.map((t) => [t.code, t.parts.map((p) => p.key)]),
) as unknown as Record<TargetCode, readonly string[]>;

export interface TargetRecordView {
  kind: TargetRecordKind;
  id: string;
  label: string;
  unitId: string;
  counted: boolean;
  flags: string[];
}

/** A row of either statement of `targets`: counters of one year and unit. */
export type TargetSourceRow = Partial<Counters> & { y: number; unit_id: string; unit_name: string; body: Body | null };

/**
 * The seven entries from the per-year, per-unit counters of the two statements (pure: the
 * benchmark's baseline calls it on the rows it reads itself). Each target, and each row of its
 * trend and breakdowns, is judged on each of its parts against the part's level or the same
 * group's own 2025 value.
 */
export function buildTargetViews(
  year: number,
  cadreRows: readonly TargetSourceRow[],
  tallyRows: readonly TargetSourceRow[],
  unitsFirst: number,
  quota: QuotaRule = { percent: 20, of: 'WELL' },
): TargetView[] {
  const byYear = new Map<number, Counters>();
  const byBodyYear = new Map<string, { label: string; body: Body | null; c: Map<number, Counters> }>();
  const byUnitYear = new Map<string, { label: string; body: Body | null; c: Map<number, Counters> }>();
  const bucket = (map: Map<number, Counters>, y: number) => {
    let c = map.get(y);
    if (!c) map.set(y, (c = zero()));
    return c;
  };
  for (const row of [...cadreRows, ...tallyRows]) {
    add(bucket(byYear, row.y), row);
    const bodyKey = row.body ?? 'NONE';
    let b = byBodyYear.get(bodyKey);
    if (!b) byBodyYear.set(bodyKey, (b = { label: BODY_VI[bodyKey] ?? bodyKey, body: row.body, c: new Map() }));
    add(bucket(b.c, row.y), row);
    let u = byUnitYear.get(row.unit_id);
    if (!u) byUnitYear.set(row.unit_id, (u = { label: row.unit_name, body: row.body, c: new Map() }));
    add(bucket(u.c, row.y), row);
  }
  const years = Array.from({ length: year - BASELINE_YEAR + 1 }, (_, i) => BASELINE_YEAR + i);
  // The units in Vietnamese name order, once: collation is the costly part of ordering a
  // province's units, and each target's ordering only breaks ties of value with it.
  const labelRank = new Map(
    [...byUnitYear.entries()]
      .sort(([ak, a], [bk, b]) => VI.compare(a.label, b.label) || ak.localeCompare(bk))
      .map(([key], i) => [key, i]),
  );
  return TARGETS.map((spec): TargetView => {
    const targetFor = (series: Map<number, Counters>) =>
      spec.level ?? (series.get(BASELINE_YEAR) ? figure(spec.code, series.get(BASELINE_YEAR)!).value : null);
    const judge = (series: Map<number, Counters>, y: number) =>
      partsOf(spec, series.get(y) ?? zero(), series.get(BASELINE_YEAR), quota);
    const current = figure(spec.code, byYear.get(year) ?? zero());
    const parts = judge(byYear, year);
    const verdict = verdictOf(parts);
    const target = targetFor(byYear);
    const breakdown = (key: string, label: string, body: Body | null, series: Map<number, Counters>): BreakdownRow => {
      const f = figure(spec.code, series.get(year) ?? zero());
      const v = verdictOf(judge(series, year));
      return {
        key,
        label,
        body,
        value: f.value,
        numerator: f.numerator,
        denominator: f.denominator,
        target: targetFor(series),
        met: metOfVerdict(v),
        verdict: v,
      };
    };
    const units = [...byUnitYear.entries()]
      .map(([id, u]) => breakdown(id, u.label, u.body, u.c))
      .filter((r) => r.denominator > 0)
      .sort((a, b) => (a.value ?? -1) - (b.value ?? -1) || labelRank.get(a.key)! - labelRank.get(b.key)!);
    return {
      code: spec.code,
      number: spec.number,
      title: spec.title,
      text: spec.text,
      year,
      comparison: spec.comparison,
      target,
      baselineYear: BASELINE_YEAR,
      value: current.value,
      numerator: current.numerator,
      denominator: current.denominator,
      met: metOfVerdict(verdict),
      verdict,
      parts,
      trend: years.map((y) => {
        const f = figure(spec.code, byYear.get(y) ?? zero());
        const v = verdictOf(judge(byYear, y));
        return { year: y, value: f.value, numerator: f.numerator, denominator: f.denominator, met: metOfVerdict(v), verdict: v };
      }),
      byBody: [...byBodyYear.entries()]
        .map(([k, b]) => breakdown(k, b.label, b.body, b.c))
        .filter((r) => r.denominator > 0)
        .sort((a, b) => a.key.localeCompare(b.key)),
      byUnit: units.slice(0, unitsFirst),
      unitCount: units.length,
      resolutionStates: null,
    };
  });
}

/** The seven indicators of the resolution and the records behind each figure. */
export class TargetsService {
  constructor(private readonly rules: readonly QualityRuleSet[]) {}

  /** The rule arguments of the SQL functions for a request about `year` (the rule set in force on its 31 December). */
  private ruleArgs(year: number): unknown[] {
    const r = qualityRulesOn(this.rules, `${year}-12-31`);
    const { management: m, staff: s } = r.defaultStandards;
    return [
      r.youngUnderAge.years,
      m.minQualification,
      m.minPoliticalTheory,
      m.requiredTraining,
      s.minQualification,
      s.minPoliticalTheory,
      s.requiredTraining,
    ];
  }

  private checkYear(year: number): void {
    const thisYear = Number(todayInVietnam().slice(0, 4));
    if (year < BASELINE_YEAR || year > thisYear)
      throw badInput(
        `Các chỉ tiêu được đo cho các năm từ ${BASELINE_YEAR} đến ${thisYear}`,
        [{ path: 'year', message: `phải từ ${BASELINE_YEAR} đến ${thisYear}`, code: 'OUT_OF_RANGE' }],
        'YEAR_OUT_OF_RANGE',
      );
  }

  /**
   * One entry per target for `year`, within the scope (a unit's subtree; a UNIT_HEAD's own by
   * default): value, target, met, parts, trend since 2025, by body and by unit (worst first, at most
   * `unitsFirst`). One SQL statement whatever the scope, reading the trigger-kept counters
   * (`cadre_fact_tally`, `satisfaction_tally`); two more once after a write to the cadre records
   * (the recount of the units it touched, and the read again). `DELETE FROM cadre_fact_coverage`
   * forces a full recount on the next request.
   */
  async targets(ctx: RequestContext, year: number, unitId: string | null, unitsFirst: number): Promise<TargetView[]> {
    this.checkYear(year);
    const scope = await scopeUnit(ctx, unitId);
    const path = scope?.path ?? null;
    const rules = this.ruleArgs(year);
    const read = () => ctx.manager.query(TARGETS_READ_SQL, [BASELINE_YEAR, year, path, ...rules]) as Promise<TargetReadRow[]>;
    let rows = await read();
    const stale = rows[0]?.stale ?? [];
    if (!rows[0]?.covered || stale.length) {
      // Recount what the triggers marked (or everything, for a year or rule set never counted),
      // then read again. A write committed after the recount may leave a mark behind: the next
      // request recounts it.
      await ctx.manager.query(TARGETS_REFRESH_SQL, [stale, BASELINE_YEAR, year, ...rules]);
      rows = await read();
    }
    const views = buildTargetViews(
      year,
      sourceRowsOf(rows),
      [],
      unitsFirst,
      qualityRulesOn(this.rules, `${year}-12-31`).excellentQuota,
    );
    const stated = await this.statedCounts(ctx, path, views);
    return stated ? views.map((v) => (CADRE_COUNT_TARGETS.has(v.code) ? { ...v, resolutionStates: stated } : v)) : views;
  }

  /**
   * What the resolution states of the ward's cadres in 2025 (131, of whom 30 managers; its parts
   * add up to 130) beside what the register counts for 2025, when the scope is the whole ward the
   * resolution is about: a register whose one root unit is that ward's Party committee, read
   * whole. Null for any other scope or register (a generated province, a unit's subtree).
   */
  private async statedCounts(
    ctx: RequestContext,
    path: string | null,
    views: readonly TargetView[],
  ): Promise<StatedCountView | null> {
    const roots = (await ctx.manager.query(`SELECT name, path FROM unit WHERE parent_id IS NULL LIMIT 2`)) as Array<{
      name: string;
      path: string;
    }>;
    if (roots.length !== 1 || !roots[0]!.name.endsWith(RESOLUTION_STATES.ward)) return null;
    if (path !== null && path !== roots[0]!.path) return null;
    const std = views.find((v) => v.code === TargetCode.STANDARDS)!.trend[0];
    const mgr = views.find((v) => v.code === TargetCode.SUCCESSION)!.trend[0];
    return {
      year: BASELINE_YEAR,
      statedCadres: RESOLUTION_STATES.cadres,
      statedManagers: RESOLUTION_STATES.managers,
      partsSum: RESOLUTION_STATES.partsSum,
      countedCadres: std?.denominator ?? 0,
      countedManagers: (mgr?.denominator ?? 0) / 3,
      note: RESOLUTION_STATES.note,
    };
  }

  /**
   * The records one figure counts: the denominator of `target` in `year` within the scope
   * (`counted` true: the numerator only; false: the rest), by id, paged.
   */
  async records(
    ctx: RequestContext,
    target: TargetCode,
    year: number,
    unitId: string | null,
    counted: boolean | null,
    first: number,
    after: string | null,
    part: string | null = null,
    row: string | null = null,
  ): Promise<{ nodes: TargetRecordView[]; totalCount: number; hasNextPage: boolean; endCursor: string | null }> {
    this.checkYear(year);
    if (part !== null && !PART_KEYS[target].includes(part))
      throw badInput(
        `Chỉ tiêu ${TARGETS.find((t) => t.code === target)!.number} không có phần “${part}”`,
        [{ path: 'part', message: `phải là một trong các giá trị: ${PART_KEYS[target].join(', ')}`, code: 'NOT_IN_LIST' }],
        'TARGET_PART_UNKNOWN',
      );
    const scope = await scopeUnit(ctx, unitId);
    const path = scope?.path ?? null;
    let rows: Array<{ id: string; label: string; unit_id: string; counted: boolean; flags: string[]; total: number }>;
    let kind = target === TargetCode.SATISFACTION ? TargetRecordKind.PROCEDURE : TargetRecordKind.CADRE;
    if (part === 'SATISFIED') {
      kind = TargetRecordKind.SURVEY_ANSWER;
      rows = (await ctx.manager.query(
        `WITH d AS (
           SELECT sr.id, sr.procedure_name || ' — ' || to_char(sr.surveyed_on, 'DD/MM/YYYY') || ' — mức ' || sr.score AS label, sr.unit_id,
                  sr.score >= $6 AS counted, ARRAY[sr.score::text] AS flags
           FROM satisfaction_result sr JOIN unit u ON u.id = sr.unit_id
           WHERE sr.year = $1 AND ($2::text IS NULL OR u.path LIKE $2 || '%') AND ${ROW_FILTER('$7', 'sr')})
         SELECT p.id, p.label, p.unit_id, p.counted, p.flags, t.total
         FROM (SELECT count(*)::int AS total FROM d WHERE $3::boolean IS NULL OR counted = $3) t
         LEFT JOIN LATERAL (SELECT * FROM d WHERE ($3::boolean IS NULL OR counted = $3) AND ($4::uuid IS NULL OR id > $4) ORDER BY id LIMIT $5) p ON true`,
        [year, path, counted, after, first + 1, qualityRulesOn(this.rules, `${year}-12-31`).satisfaction.satisfiedFrom, row],
      )) as typeof rows;
    } else if (target === TargetCode.SATISFACTION) {
      rows = (await ctx.manager.query(
        `WITH d AS (
           SELECT pc.id, pc.receipt_number || ' — ' || pc.procedure_name AS label, pc.unit_id,
                  EXISTS (SELECT 1 FROM satisfaction_result r WHERE r.procedure_case_id = pc.id) AS counted
           FROM procedure_case pc JOIN unit u ON u.id = pc.unit_id
           WHERE pc.year = $1 AND ($2::text IS NULL OR u.path LIKE $2 || '%') AND ${ROW_FILTER('$6', 'pc')})
         SELECT p.id, p.label, p.unit_id, p.counted, ARRAY[]::text[] AS flags, t.total
         FROM (SELECT count(*)::int AS total FROM d WHERE $3::boolean IS NULL OR counted = $3) t
         LEFT JOIN LATERAL (SELECT * FROM d WHERE ($3::boolean IS NULL OR counted = $3) AND ($4::uuid IS NULL OR id > $4) ORDER BY id LIMIT $5) p ON true`,
        [year, path, counted, after, first + 1, row],
      )) as typeof rows;
    } else {
      const rule = part ? PART_RECORD_RULES[part]! : RECORD_RULES[target];
      const params = [year, year, path, ...this.ruleArgs(year)];
      rows = (await ctx.manager.query(
        `WITH f AS (SELECT * FROM ${CADRE_FACTS}), d AS (SELECT id, full_name AS label, unit_id, (${rule.counted}) AS counted, ${rule.flags} AS flags FROM f WHERE (${rule.denominator}) AND ${ROW_FILTER('$14', 'f')})
         SELECT p.id, p.label, p.unit_id, p.counted, p.flags, t.total
         FROM (SELECT count(*)::int AS total FROM d WHERE $11::boolean IS NULL OR counted = $11) t
         LEFT JOIN LATERAL (SELECT * FROM d WHERE ($11::boolean IS NULL OR counted = $11) AND ($12::uuid IS NULL OR id > $12) ORDER BY id LIMIT $13) p ON true`,
        [...params, counted, after, first + 1, row],
      )) as typeof rows;
    }
    const totalCount = rows[0]?.total ?? 0;
    rows = rows.filter((r) => r.id !== null);
    const page = rows.slice(0, first);
    return {
      nodes: page.map((r) => ({ kind, id: r.id, label: r.label, unitId: r.unit_id, counted: r.counted, flags: r.flags })),
      totalCount,
      hasNextPage: rows.length > first,
      endCursor: page.length ? page[page.length - 1]!.id : null,
    };
  }
}
