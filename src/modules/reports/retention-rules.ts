import { RuleDataError } from '../../common/rule-data-error';
import { ReportKind } from './report.enums';

/** The retention period of one report kind (its evidence follows it). */
export interface RetentionPeriod {
  months: number;
  /** A floor stated by a legal text (`basis`); null when none is known. */
  legalMinimumMonths: number | null;
  /** The text the period or its minimum comes from; null when none could be tied to it. */
  basis: string | null;
  /** True when the period is the ward's own setting, not read from a text. */
  configurable: boolean;
}

/** A dated set of retention periods, one per report kind. */
export interface RetentionRuleSet {
  id: string;
  effectiveFrom: string;
  source: string;
  periods: Record<ReportKind, RetentionPeriod>;
}

const KINDS = Object.values(ReportKind);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A hundred years: longer is a typing error, not a retention period. */
const MAX_MONTHS = 1200;

/** A period under its stated legal minimum, found while parsing (the service turns it into BAD_USER_INPUT). */
export class RetentionBelowMinimumError extends Error {
  constructor(
    readonly path: string,
    readonly kind: ReportKind,
    readonly months: number,
    readonly minimumMonths: number,
    readonly basis: string,
  ) {
    super(`${path}: ${months} tháng ngắn hơn mức tối thiểu ${minimumMonths} tháng theo ${basis}`);
  }
}

/** Refuses the document: a Vietnamese problem for the staff who edit it, a stable code for scripts. */
function fail(label: string, path: string, code: string, what: string): never {
  throw new RuleDataError(label, path.startsWith(`${label}.`) ? path.slice(label.length + 1) : path, code, what);
}

function months(v: unknown, label: string, path: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_MONTHS)
    fail(label, path, 'MONTHS_OUT_OF_RANGE', `phải là số tháng nguyên từ 1 đến ${MAX_MONTHS}`);
  return v;
}

/**
 * Checks a retention rules document (`{ ruleSets: [...] }`) and returns its sets, oldest first.
 * Each set covers every report kind; a period below its own stated legal minimum, or below the
 * minimum an earlier set stated for the kind, is a {@link RetentionBelowMinimumError}.
 * @throws RuleDataError naming the path of the problem, in Vietnamese, with a stable code.
 */
export function parseRetentionRuleSets(data: unknown, label: string): RetentionRuleSet[] {
  const sets = (data as { ruleSets?: unknown } | null)?.ruleSets;
  if (!Array.isArray(sets) || !sets.length) fail(label, label, 'RULE_SETS_MISSING', 'cần danh sách "ruleSets" không rỗng');
  const out: RetentionRuleSet[] = [];
  const ids = new Set<string>();
  sets.forEach((raw, i) => {
    const at = `${label}.ruleSets[${i}]`;
    const s = raw as Record<string, unknown>;
    if (typeof s !== 'object' || s === null) fail(label, at, 'NOT_AN_OBJECT', 'phải là một đối tượng');
    if (typeof s['id'] !== 'string' || !s['id'].trim()) fail(label, `${at}.id`, 'ID_MISSING', 'phải là chuỗi không rỗng');
    if (ids.has(s['id'])) fail(label, `${at}.id`, 'DUPLICATE_ID', `"${s['id']}" xuất hiện hai lần`);
    ids.add(s['id']);
    const effectiveFrom = s['effectiveFrom'];
    if (typeof effectiveFrom !== 'string' || !ISO_DATE.test(effectiveFrom))
      fail(label, `${at}.effectiveFrom`, 'INVALID_DATE', 'phải có dạng YYYY-MM-DD');
    const previous = out[out.length - 1];
    if (previous && previous.effectiveFrom >= effectiveFrom)
      fail(label, `${at}.effectiveFrom`, 'NOT_AFTER_PREVIOUS', `phải sau ngày ${previous.effectiveFrom} của bộ trước`);
    const source = typeof s['source'] === 'string' ? s['source'] : '';
    const periodsRaw = s['periods'] as Record<string, unknown> | undefined;
    if (typeof periodsRaw !== 'object' || periodsRaw === null)
      fail(label, `${at}.periods`, 'PERIODS_MISSING', 'phải là đối tượng có một thời hạn cho mỗi loại đơn');
    for (const k of Object.keys(periodsRaw))
      if (!KINDS.includes(k as ReportKind))
        fail(label, `${at}.periods.${k}`, 'UNKNOWN_REPORT_KIND', `không phải loại đơn (${KINDS.join(', ')})`);
    const periods = {} as Record<ReportKind, RetentionPeriod>;
    for (const kind of KINDS) {
      const p = periodsRaw[kind] as Record<string, unknown> | undefined;
      const path = `${at}.periods.${kind}`;
      if (typeof p !== 'object' || p === null) fail(label, path, 'PERIOD_MISSING', 'thiếu thời hạn cho loại đơn này');
      const m = months(p['months'], label, `${path}.months`);
      const min = p['legalMinimumMonths'] == null ? null : months(p['legalMinimumMonths'], label, `${path}.legalMinimumMonths`);
      const basis = typeof p['basis'] === 'string' && p['basis'].trim() ? p['basis'].trim() : null;
      if (p['basis'] != null && typeof p['basis'] !== 'string')
        fail(label, `${path}.basis`, 'INVALID_BASIS', 'phải là chuỗi hoặc null');
      if (min !== null && !basis)
        fail(label, `${path}.basis`, 'BASIS_REQUIRED', 'mức tối thiểu theo luật phải ghi văn bản quy định nó (basis)');
      const configurable = p['configurable'] === true;
      if (p['configurable'] != null && typeof p['configurable'] !== 'boolean')
        fail(label, `${path}.configurable`, 'INVALID_CONFIGURABLE', 'phải là true hoặc false');
      if (!basis && !configurable)
        fail(
          label,
          `${path}.configurable`,
          'CONFIGURABLE_REQUIRED',
          'thời hạn không có căn cứ pháp lý phải ghi configurable: true',
        );
      // The floor a law states stays: a later set keeps the highest minimum stated so far.
      const earlier = out.map((o) => o.periods[kind]).filter((q) => q.legalMinimumMonths !== null);
      const floor = [...earlier, ...(min !== null ? [{ legalMinimumMonths: min, basis }] : [])].reduce<{
        legalMinimumMonths: number;
        basis: string;
      } | null>(
        (best, q) =>
          best && best.legalMinimumMonths >= q.legalMinimumMonths!
            ? best
            : { legalMinimumMonths: q.legalMinimumMonths!, basis: q.basis! },
        null,
      );
      if (floor && m < floor.legalMinimumMonths)
        throw new RetentionBelowMinimumError(`${path}.months`, kind, m, floor.legalMinimumMonths, floor.basis);
      periods[kind] = {
        months: m,
        legalMinimumMonths: min ?? floor?.legalMinimumMonths ?? null,
        basis: basis ?? floor?.basis ?? null,
        configurable,
      };
    }
    out.push({ id: s['id'], effectiveFrom, source, periods });
  });
  return out;
}

/** The set in force on `day` (YYYY-MM-DD): the latest whose effectiveFrom is not after it, else the first. */
export function retentionSetOn(day: string, sets: readonly RetentionRuleSet[]): RetentionRuleSet {
  let found = sets[0]!;
  for (const s of sets) if (s.effectiveFrom <= day) found = s;
  return found;
}

/** The day `months` after `day` (YYYY-MM-DD), clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
