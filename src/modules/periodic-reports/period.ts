import { registerEnumType } from 'type-graphql';
import { badInput } from '../../common/errors';

/**
 * The reporting periods of Conclusion 215-KL/TW (DOMAIN.md, "Periodic reports"): a month, a
 * quarter, the first six and nine months of a year (cumulative from 1 January, as Vietnamese
 * periodic reports count them), and the year.
 */
export enum PeriodKind {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  SIX_MONTHS = 'SIX_MONTHS',
  NINE_MONTHS = 'NINE_MONTHS',
  YEAR = 'YEAR',
}

registerEnumType(PeriodKind, {
  name: 'PeriodKind',
  description: 'A reporting period (kỳ báo cáo) of Conclusion 215-KL/TW.',
  valuesConfig: {
    MONTH: { description: 'Tháng: one calendar month (number 1-12).' },
    QUARTER: { description: 'Quý: one quarter (number 1-4).' },
    SIX_MONTHS: { description: '6 tháng: 1 January to 30 June.' },
    NINE_MONTHS: { description: '9 tháng: 1 January to 30 September.' },
    YEAR: { description: 'Năm: the calendar year.' },
  },
});

/** One period: its kind, year and (month, quarter) number, and its days, `to` inclusive. */
export interface Period {
  kind: PeriodKind;
  year: number;
  /** Month 1-12 or quarter 1-4; 0 for the kinds without one. */
  number: number;
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, YYYY-MM-DD (inclusive). */
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The last day of month `m` (1-12) of `y`. */
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const span = (y: number, m1: number, m2: number) => ({
  from: `${y}-${pad(m1)}-01`,
  to: `${y}-${pad(m2)}-${pad(lastDay(y, m2))}`,
});

/** The first year a report can be asked for: the ward exists from 1 July 2025 (two-level local government). */
export const FIRST_REPORT_YEAR = 2025;

/**
 * The period of `kind` in `year` numbered `number` (months 1-12, quarters 1-4; ignored for the
 * other kinds). Refuses a number out of range (`PERIOD_NUMBER`) and a year before the ward
 * (`PERIOD_YEAR`), with Vietnamese messages.
 */
export function periodOf(kind: PeriodKind, year: number, number?: number | null): Period {
  if (!Number.isInteger(year) || year < FIRST_REPORT_YEAR || year > 9999)
    throw badInput(
      `Năm báo cáo phải từ ${FIRST_REPORT_YEAR} trở đi (phường An Biên được thành lập từ 01/07/2025).`,
      [{ path: 'period.year', message: `từ ${FIRST_REPORT_YEAR}` }],
      'PERIOD_YEAR',
    );
  const n = number ?? 0;
  const need = (max: number, what: string) => {
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw badInput(
        `Kỳ báo cáo ${what} cần số thứ tự từ 1 đến ${max} (period.number).`,
        [{ path: 'period.number', message: `1 đến ${max}` }],
        'PERIOD_NUMBER',
      );
  };
  switch (kind) {
    case PeriodKind.MONTH:
      need(12, 'tháng');
      return { kind, year, number: n, ...span(year, n, n) };
    case PeriodKind.QUARTER:
      need(4, 'quý');
      return { kind, year, number: n, ...span(year, 3 * n - 2, 3 * n) };
    case PeriodKind.SIX_MONTHS:
      return { kind, year, number: 0, ...span(year, 1, 6) };
    case PeriodKind.NINE_MONTHS:
      return { kind, year, number: 0, ...span(year, 1, 9) };
    case PeriodKind.YEAR:
      return { kind, year, number: 0, ...span(year, 1, 12) };
  }
}

/** The same period one year earlier (the comparison "cùng kỳ năm trước"); no year check. */
export function previousYearOf(p: Period): Period {
  const shift = (d: string) => {
    const y = Number(d.slice(0, 4)) - 1;
    const m = Number(d.slice(5, 7));
    const day = Math.min(Number(d.slice(8, 10)), lastDay(y, m));
    return `${y}-${pad(m)}-${pad(day)}`;
  };
  return { ...p, year: p.year - 1, from: shift(p.from), to: shift(p.to) };
}

/** The day after `date` (YYYY-MM-DD). */
export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Refuses a period that has not ended by `today` (its last day must be before today, Vietnamese
 * time): a report on a running period would change under the reader (`PERIOD_NOT_ENDED`).
 */
export function assertEnded(p: Period, today: string): void {
  if (p.to >= today)
    throw badInput(
      `Kỳ báo cáo ${periodLabel(p)} chưa kết thúc (đến hết ngày ${viDate(p.to)}): chỉ lập báo cáo cho kỳ đã kết thúc.`,
      [{ path: 'period', message: 'kỳ chưa kết thúc' }],
      'PERIOD_NOT_ENDED',
    );
}

/** dd/mm/yyyy. */
export const viDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The period in Vietnamese, as a report's title names it: "tháng 11 năm 2026", "quý III năm 2026", "6 tháng đầu năm 2026". */
export function periodLabel(p: Pick<Period, 'kind' | 'year' | 'number'>): string {
  switch (p.kind) {
    case PeriodKind.MONTH:
      return `tháng ${p.number} năm ${p.year}`;
    case PeriodKind.QUARTER:
      return `quý ${['I', 'II', 'III', 'IV'][p.number - 1] ?? p.number} năm ${p.year}`;
    case PeriodKind.SIX_MONTHS:
      return `6 tháng đầu năm ${p.year}`;
    case PeriodKind.NINE_MONTHS:
      return `9 tháng đầu năm ${p.year}`;
    case PeriodKind.YEAR:
      return `năm ${p.year}`;
  }
}

/**
 * The most recent period of `kind` that ended before `today` (the one whose draft is due the day
 * after it ends), or null before the first report year's first such period.
 */
export function lastEndedPeriod(kind: PeriodKind, today: string): Period | null {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const candidates: Array<[number, number]> = [];
  switch (kind) {
    case PeriodKind.MONTH:
      candidates.push(m === 1 ? [y - 1, 12] : [y, m - 1]);
      break;
    case PeriodKind.QUARTER: {
      const q = Math.ceil(m / 3) - 1;
      candidates.push(q === 0 ? [y - 1, 4] : [y, q]);
      break;
    }
    case PeriodKind.SIX_MONTHS:
      candidates.push(m > 6 ? [y, 0] : [y - 1, 0]);
      break;
    case PeriodKind.NINE_MONTHS:
      candidates.push(m > 9 ? [y, 0] : [y - 1, 0]);
      break;
    case PeriodKind.YEAR:
      candidates.push([y - 1, 0]);
      break;
  }
  const [year, n] = candidates[0]!;
  if (year < FIRST_REPORT_YEAR) return null;
  const p = periodOf(kind, year, n || null);
  return p.to < today ? p : null;
}
