// The "Mục tiêu 2030" view's data: the `targets(year)` query (schema: TargetEntry) and its words.

export interface TargetTrendPoint {
  year: number;
  value: number | null;
  met: boolean | null;
  numerator: number;
  denominator: number;
}

export interface TargetPart {
  label: string;
  value: number | null;
  numerator: number;
  denominator: number;
}

export interface TargetBreakdownRow {
  key: string;
  label: string;
  value: number | null;
  target: number | null;
  met: boolean | null;
  numerator: number;
  denominator: number;
}

export type TargetComparison = 'AT_LEAST' | 'ABOVE' | 'NOT_BELOW_BASELINE';

export interface TargetEntry {
  code: string;
  number: number;
  text: string;
  year: number;
  value: number | null;
  target: number | null;
  met: boolean | null;
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

const ROW = 'key label value target met numerator denominator';

export const TARGETS = /* GraphQL */ `
  query BoardTargets($year: Int!, $unitsFirst: Int!) {
    targets(year: $year, unitsFirst: $unitsFirst) {
      code number text year value target met comparison baselineYear numerator denominator unitCount
      parts { label value numerator denominator }
      trend { year value met numerator denominator }
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

/** A short name for each target, above the resolution's own words. */
export const TARGET_TITLE: Record<string, string> = {
  STANDARDS: 'Đạt chuẩn theo vị trí việc làm',
  RATING: 'Hoàn thành tốt nhiệm vụ trở lên',
  SUCCESSION: 'Cán bộ trẻ, nữ, sau đại học trong lãnh đạo, quản lý',
  INTEGRITY: 'Chuẩn “3 không”, “3 có”',
  TRAINING: 'Bồi dưỡng quản trị hiện đại, quản trị số và tiếp dân',
  SOFTWARE: 'Thành thạo phần mềm hành chính, Cổng dịch vụ công',
  SATISFACTION: 'Khảo sát sự hài lòng của người dân',
};

const PERCENT = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const COUNT = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** 59,23% (vi-VN writes a decimal comma). */
export const formatPercent = (v: number) => `${PERCENT.format(v)}%`;
export const formatCount = (v: number) => COUNT.format(v);

/** "≥ 100%", "> 90%", or for a target without a level in the resolution its baseline. */
export function goalText(e: Pick<TargetEntry, 'comparison' | 'target' | 'baselineYear'>): string {
  if (e.target === null)
    return e.comparison === 'NOT_BELOW_BASELINE' ? `Không thấp hơn năm ${e.baselineYear} (chưa có số liệu)` : '—';
  switch (e.comparison) {
    case 'ABOVE':
      return `Trên ${formatPercent(e.target)}`;
    case 'NOT_BELOW_BASELINE':
      return `Không thấp hơn năm ${e.baselineYear}: ${formatPercent(e.target)}`;
    default:
      return `Từ ${formatPercent(e.target)} trở lên`;
  }
}

/** What the value counts, in words. */
export function countText(e: TargetEntry): string {
  const n = formatCount(e.numerator);
  const d = formatCount(e.denominator);
  switch (e.code) {
    case 'SUCCESSION':
      return `Bình quân ba tỷ lệ, trên ${formatCount(e.denominator / 3)} cán bộ lãnh đạo, quản lý`;
    case 'RATING':
      return `${n}/${d} cán bộ được xếp loại`;
    case 'SATISFACTION':
      return `${n}/${d} thủ tục đã giải quyết được khảo sát`;
    default:
      return `${n}/${d} cán bộ`;
  }
}

export const MET_TEXT = { true: 'Đạt', false: 'Chưa đạt', null: 'Chưa có số liệu' } as const;

export function metKey(met: boolean | null): 'true' | 'false' | 'null' {
  return met === null ? 'null' : met ? 'true' : 'false';
}
