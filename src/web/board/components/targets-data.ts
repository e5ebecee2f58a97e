// The "Mục tiêu 2030" view's data: the `targets(year)` query (schema: TargetEntry) and its words.

export type TargetVerdict = 'MET' | 'PARTLY_MET' | 'NOT_MET';

export interface TargetTrendPoint {
  year: number;
  value: number | null;
  met: boolean | null;
  verdict: TargetVerdict | null;
  numerator: number;
  denominator: number;
}

export interface TargetPart {
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

/** What the resolution states of the ward's cadres in 2025, beside the register's count. */
export interface ResolutionStates {
  year: number;
  statedCadres: number;
  statedManagers: number;
  partsSum: number;
  countedCadres: number;
  countedManagers: number;
  note: string;
}

export interface TargetBreakdownRow {
  key: string;
  label: string;
  value: number | null;
  target: number | null;
  met: boolean | null;
  verdict: TargetVerdict | null;
  numerator: number;
  denominator: number;
}

export type TargetComparison = 'AT_LEAST' | 'ABOVE' | 'NOT_BELOW_BASELINE';

export interface TargetEntry {
  code: string;
  number: number;
  title: string;
  text: string;
  year: number;
  value: number | null;
  target: number | null;
  met: boolean | null;
  verdict: TargetVerdict | null;
  resolutionStates: ResolutionStates | null;
  comparison: TargetComparison;
  baselineYear: number;
  numerator: number;
  denominator: number;
  unitCount: number;
  parts: TargetPart[];
  trend: TargetTrendPoint[];
  byBody: TargetBreakdownRow[];
  byUnit: TargetBreakdownRow[];
}

/** Units listed per target (worst first); the schema allows up to 100. */
export const UNITS_FIRST = 20;

const ROW = 'key label value target met verdict numerator denominator';

export const TARGETS = /* GraphQL */ `
  query BoardTargets($year: Int!, $unitsFirst: Int!) {
    targets(year: $year, unitsFirst: $unitsFirst) {
      code number title text year value target met verdict comparison baselineYear numerator denominator unitCount
      parts {
        key label measure proxy judged comparison value numerator denominator target targetNote met
        baselineYear baselineValue baselineNumerator baselineDenominator
      }
      resolutionStates { year statedCadres statedManagers partsSum countedCadres countedManagers note }
      trend { year value met verdict numerator denominator }
      byBody { ${ROW} }
      byUnit { ${ROW} }
    }
  }
`;

/** The first year measured: the term began in 2025 (the baseline of targets 3 and 4). */
export const FIRST_YEAR = 2025;

const VN_YEAR = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' });

/** 2025 to this year in Vietnam, oldest first (the years `targets` measures). */
export function targetYears(now = new Date()): number[] {
  const current = Math.max(FIRST_YEAR, Number(VN_YEAR.format(now)));
  return Array.from({ length: current - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
}

const PERCENT = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const COUNT = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** 59,23% (vi-VN writes a decimal comma). */
export const formatPercent = (v: number) => `${PERCENT.format(v)}%`;
export const formatCount = (v: number) => COUNT.format(v);

/**
 * The level in the resolution's own way of writing it: "100%", "Từ 95% trở lên" (the resolution:
 * "có từ 95%"), "Trên 90%", or for a share that must rise "Không thấp hơn năm 2025 (22,22%)".
 */
export function goalText(e: Pick<TargetEntry, 'comparison' | 'target' | 'baselineYear'>): string {
  if (e.target === null)
    return e.comparison === 'NOT_BELOW_BASELINE' ? `Không thấp hơn năm ${e.baselineYear} (chưa có số liệu)` : '—';
  switch (e.comparison) {
    case 'ABOVE':
      return `Trên ${formatPercent(e.target)}`;
    case 'NOT_BELOW_BASELINE':
      return `Không thấp hơn năm ${e.baselineYear} (${formatPercent(e.target)})`;
    default:
      return e.target >= 100 ? formatPercent(e.target) : `Từ ${formatPercent(e.target)} trở lên`;
  }
}

/** What the value counts, in words. */
export function countText(e: TargetEntry): string {
  const n = formatCount(e.numerator);
  const d = formatCount(e.denominator);
  switch (e.code) {
    case 'SUCCESSION':
      return `Bình quân ba tỷ lệ (chỉ để theo dõi xu hướng), trên ${formatCount(e.denominator / 3)} cán bộ quản lý`;
    case 'INTEGRITY':
      return `${n}/${d} cán bộ đạt cả “3 không”`;
    case 'RATING':
      return `${n}/${d} cán bộ được xếp loại`;
    case 'SATISFACTION':
      return `${n}/${d} thủ tục đã giải quyết được khảo sát`;
    default:
      return `${n}/${d} cán bộ`;
  }
}

export const MET_TEXT = { true: 'Đạt', false: 'Chưa đạt', null: 'Chưa có số liệu' } as const;

/** A target's verdict, judged on each of its parts. */
export const VERDICT_TEXT = { MET: 'Đạt', PARTLY_MET: 'Đạt một phần', NOT_MET: 'Chưa đạt', null: 'Chưa có số liệu' } as const;

export type VerdictKey = keyof typeof VERDICT_TEXT;
export const verdictKey = (v: TargetVerdict | null): VerdictKey => v ?? 'null';

export function metKey(met: boolean | null): 'true' | 'false' | 'null' {
  return met === null ? 'null' : met ? 'true' : 'false';
}
