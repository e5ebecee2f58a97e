import type { RequestContext } from '../../graphql/context';
import { forbidden } from '../../common/errors';
import { Role } from '../../common/role.enum';
import { visibleSubtree } from '../units/unit-scope';
import { involvedReportIds, notInvolved } from '../recusal/recusal.policy';
import { DisciplineStatus } from '../discipline/discipline.enums';
import { FindingArea, FindingSeverity, InspectionStatus } from '../inspections/inspection.enums';
import { OPEN_STATUSES } from '../reports/report-workflow';
import { ReportKind, ReportSource } from '../reports/report.enums';
import { vnDayNumber, vnDayStart, vnDayString, vnPeriods } from './board-calendar';
import { Board, type CountByKey, type DayCount } from './board.types';

const DAY_MS = 24 * 3600 * 1000;

/** Inspections between the start of the work and the conclusion. */
export const IN_PROGRESS_STAGES = [InspectionStatus.IN_PROGRESS, InspectionStatus.FINDINGS_REPORTED] as const;
/** Stages in which a UNIT_HEAD may read an inspection and its findings. */
const CONCLUDED_STAGES = [InspectionStatus.CONCLUDED, InspectionStatus.FOLLOW_UP, InspectionStatus.CLOSED] as const;

interface ReportFacts {
  status: string;
  kind: string;
  source: string;
  due_at: Date | null;
  day: number;
}

interface ReportFigures {
  byStatus: Map<string, number>;
  byKind: Map<string, number>;
  bySource: Map<string, number>;
  overdue: number;
  dueSoon: number;
}

const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
/** The Vietnam day number of received_at, in SQL (an integer: cheap to group by). */
const DAY_SQL = `floor((extract(epoch FROM r.received_at) + 25200) / 86400)::int`;

/** One row of the committee statement; the lists are JSON arrays of tuples. */
export interface CommitteeFigures {
  /** [dimension (`status`, `kind` or `source`), value, n]: open reports. */
  open: Array<[string, string, number]>;
  /** [day, n]: reports received per Vietnam day, from the window's first day. */
  received: Array<[number, number]>;
  /** Open reports due before today (the counters). */
  due_before_today: number;
  /** Open reports due from the start of today to the start of the last due-soon day (the counters). */
  due_today_to_last_day: number;
  /** Open reports due today before now (the due-date index). */
  overdue_today: number;
  /** Open reports due on the last due-soon day before the due-soon bound (the due-date index). */
  due_last_day: number;
  in_progress: number;
  /** Anonymous denunciations kept as information, not yet used or filed (the report_status_idx). */
  information: number;
  findings: Array<[string, string, number]>;
  discipline: Array<[string, number]>;
}

/**
 * The committee statement (BoardService.committeeFigures); parameters from {@link committeeParams}.
 * The counters (board_count plus the deltas not yet folded) are read once (`c`) and summed in
 * SQL, so the answer is a few dozen tuples whatever the number of counter rows. Due soon, from
 * now to now + the due-soon days, is whole days of counters (today to the last day) minus today
 * before now plus the last day before the bound: the two partial days, one day of due dates in
 * all, are the only part read from the due-date index.
 */
export const COMMITTEE_SQL = `WITH c AS (
    SELECT facet, key, day, n FROM board_count
     WHERE facet = 'open' OR (facet = 'received' AND day >= $1) OR (facet = 'open_due' AND day < $3)
    UNION ALL
    SELECT facet, key, day, n FROM board_count_delta
     WHERE facet = 'open' OR (facet = 'received' AND day >= $1) OR (facet = 'open_due' AND day < $3))
SELECT
  (SELECT coalesce(json_agg(json_build_array(dim, value, n)), '[]') FROM (
     SELECT x.dim, x.value, sum(c.n)::int AS n FROM c
      CROSS JOIN LATERAL (VALUES ('status', split_part(c.key, '|', 1)), ('kind', split_part(c.key, '|', 2)), ('source', split_part(c.key, '|', 3))) x (dim, value)
      WHERE c.facet = 'open' GROUP BY 1, 2 HAVING sum(c.n) <> 0) o) AS open,
  (SELECT coalesce(json_agg(json_build_array(day, n)), '[]') FROM (
     SELECT day, sum(n)::int AS n FROM c WHERE facet = 'received' GROUP BY day HAVING sum(n) <> 0) d) AS received,
  (SELECT coalesce(sum(n), 0) FROM c WHERE facet = 'open_due' AND day < $2)::int AS due_before_today,
  (SELECT coalesce(sum(n), 0) FROM c WHERE facet = 'open_due' AND day >= $2)::int AS due_today_to_last_day,
  (SELECT count(*) FROM report r WHERE r.status IN (${OPEN_SQL}) AND r.due_at >= $4 AND r.due_at < $5)::int AS overdue_today,
  (SELECT count(*) FROM report r WHERE r.status IN (${OPEN_SQL}) AND r.due_at >= $6 AND r.due_at < $7)::int AS due_last_day,
  (SELECT count(*) FROM report WHERE status = 'INFORMATION')::int AS information,
  (SELECT count(*) FROM inspection WHERE status IN (${IN_PROGRESS_STAGES.map((st) => `'${st}'`).join(', ')}))::int AS in_progress,
  (SELECT coalesce(json_agg(json_build_array(severity, area, n)), '[]') FROM (
     SELECT f.severity, f.area, count(*)::int AS n FROM finding f WHERE f.recorded_at >= $8 AND f.status = 'RECORDED' GROUP BY 1, 2) y) AS findings,
  (SELECT coalesce(json_agg(json_build_array(status, n)), '[]') FROM (
     SELECT status, count(*)::int AS n FROM discipline_case GROUP BY status) z) AS discipline`;

/**
 * The first Vietnam day whose received counts a board needs at `now`: this week's Monday, the
 * first of the month, and the first of the last `days` days (0: no reportsPerDay).
 */
export function receivedWindowStart(now: Date, days: number): number {
  const p = vnPeriods(now);
  return Math.min(p.weekStart, p.monthStart, p.today - days + 1);
}

/**
 * The committee statement's parameters at `now`: the first received day to read
 * ({@link receivedWindowStart}), today, the last due-soon day (the day of now + the due-soon
 * days), the start of today, now, the start of the last due-soon day, now + the due-soon days,
 * the start of the month (Vietnam's calendar).
 */
export function committeeParams(now: Date, dueSoonDays: number, fromDay: number): unknown[] {
  const p = vnPeriods(now);
  const soon = new Date(now.getTime() + dueSoonDays * DAY_MS);
  const lastDay = vnDayNumber(soon);
  return [fromDay, p.today, lastDay, vnDayStart(p.today), now, vnDayStart(lastDay), soon, vnDayStart(p.monthStart)];
}

/** The committee figures as the board shows them (before the caller's own denunciations are taken out). */
export function committeeView(row: CommitteeFigures): {
  byStatus: Map<string, number>;
  byKind: Map<string, number>;
  bySource: Map<string, number>;
  perDay: Map<number, number>;
  overdue: number;
  dueSoon: number;
} {
  const dims: Record<string, Map<string, number>> = { status: new Map(), kind: new Map(), source: new Map() };
  for (const [dim, value, n] of row.open) dims[dim]!.set(value, n);
  return {
    byStatus: dims['status']!,
    byKind: dims['kind']!,
    bySource: dims['source']!,
    perDay: new Map(row.received),
    overdue: row.due_before_today + row.overdue_today,
    dueSoon: row.due_today_to_last_day - row.overdue_today + row.due_last_day,
  };
}

function counts(keys: readonly string[], m: Map<string, number>): CountByKey[] {
  return keys.map((key) => ({ key, count: m.get(key) ?? 0 }));
}

function add(m: Map<string, number>, key: string, n: number) {
  m.set(key, (m.get(key) ?? 0) + n);
}

/**
 * The board's figures. For the committees, every figure comes from one statement in which no
 * part reads more than a few thousand index entries (EXPLAIN in test/bench's `board` details):
 * open reports by status, kind and source, received reports per day and open reports per due day
 * come from counters that triggers keep in the same transaction as every change
 * (board-count.entity.ts), read for the days the request selects (reportsPerDay's window, this
 * week, this month); overdue and due soon come from the due-day counters and two partial days of
 * the due-date index (overdue-since-this-morning, the last due-soon day up to now + the due-soon
 * days); inspections in progress and discipline cases by status are index-only
 * counts; the month's findings a range of the recorded_at index. One statement rather than one
 * per figure: each statement costs the app more CPU (pool, driver, logging) than these parts
 * cost PostgreSQL. A caller linked to a cadre has the denunciations concerning that cadre taken
 * out (a handful of rows, read by the report_subject cadre index). A UNIT_HEAD's figures come
 * from the reports concerning its units, read through report_subject's unit and cadre indexes,
 * each figure when it is selected.
 */
export class BoardService {
  constructor(private readonly opts: { dueSoonDays: number }) {}

  /** The configured due-soon threshold, in days (BOARD_DUE_SOON_DAYS, also the deadline watcher's). */
  get dueSoonDays(): number {
    return this.opts.dueSoonDays;
  }

  /**
   * The board for the caller (the committees, or a UNIT_HEAD for its units); others FORBIDDEN.
   * `perDayDays`: the longest reportsPerDay window the request selects (0 when none), so the
   * received counts are read for those days only.
   */
  async board(ctx: RequestContext, perDayDays: number, now = new Date()): Promise<Board> {
    const account = ctx.account;
    if (!account) throw forbidden('Hãy đăng nhập để xem bảng giám sát', 'NOT_SIGNED_IN');
    let unitPath: string | null = null;
    if (account.role === Role.UNIT_HEAD) unitPath = (await visibleSubtree(ctx))!.path;
    else if (account.role !== Role.INSPECTION_COMMITTEE && account.role !== Role.STANDING_COMMITTEE) {
      throw forbidden('Bảng giám sát dành cho Ủy ban Kiểm tra, Ban Thường vụ và thủ trưởng đơn vị', 'ROLE_NOT_ALLOWED');
    }
    return Object.assign(new Board(), {
      generatedAt: now,
      dueSoonDays: this.opts.dueSoonDays,
      scope: { unitPath, hiddenCadreId: account.cadreId ?? null },
      receivedFrom: receivedWindowStart(now, perDayDays),
      memo: new Map(),
    });
  }

  private memo<T>(board: Board, key: string, run: () => Promise<T>): Promise<T> {
    let p = board.memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = run();
      board.memo.set(key, p);
    }
    return p;
  }

  openByStatus = async (ctx: RequestContext, b: Board) => counts(OPEN_STATUSES, (await this.reportFigures(ctx, b)).byStatus);
  openByKind = async (ctx: RequestContext, b: Board) =>
    counts(Object.values(ReportKind), (await this.reportFigures(ctx, b)).byKind);
  openBySource = async (ctx: RequestContext, b: Board) =>
    counts(Object.values(ReportSource), (await this.reportFigures(ctx, b)).bySource);
  overdue = async (ctx: RequestContext, b: Board) => (await this.reportFigures(ctx, b)).overdue;
  dueSoon = async (ctx: RequestContext, b: Board) => (await this.reportFigures(ctx, b)).dueSoon;

  /** Reports received from the start of `from` (a Vietnam day) to now. */
  async receivedSince(ctx: RequestContext, b: Board, period: 'today' | 'week' | 'month'): Promise<number> {
    const p = vnPeriods(b.generatedAt);
    const from = period === 'today' ? p.today : period === 'week' ? p.weekStart : p.monthStart;
    const perDay = await this.perDay(ctx, b, b.receivedFrom);
    let n = 0;
    for (const [day, count] of perDay) if (day >= from) n += count;
    return n;
  }

  /** Every day of the last `days` days (today included), zeros too, oldest first. */
  async reportsPerDay(ctx: RequestContext, b: Board, days: number): Promise<DayCount[]> {
    const { today } = vnPeriods(b.generatedAt);
    const first = today - days + 1;
    // The window was planned from the selection (board()); a wider one is read on its own.
    const perDay = await this.perDay(ctx, b, Math.min(first, b.receivedFrom));
    const out: DayCount[] = [];
    for (let d = first; d <= today; d++) out.push({ day: vnDayString(d), count: perDay.get(d) ?? 0 });
    return out;
  }

  /**
   * Anonymous denunciations kept as information (Luật Tố cáo Art. 25) awaiting use: for the
   * committees from the committee statement, minus those naming the caller's cadre; for a
   * UNIT_HEAD those concerning its units.
   */
  async informationCount(ctx: RequestContext, b: Board): Promise<number> {
    if (b.scope.unitPath === null) {
      const hidden = (await this.hiddenReports(ctx, b)).filter((r) => r.status === 'INFORMATION').length;
      return (await this.committeeFigures(ctx, b, b.receivedFrom)).information - hidden;
    }
    return this.memo(b, 'information', async () => (await this.scopedReports(ctx, b, `r.status = 'INFORMATION'`, [])).length);
  }

  async inspectionsInProgress(ctx: RequestContext, b: Board): Promise<number> {
    // A UNIT_HEAD reads concluded inspections only (inspections module): none is in progress for it.
    if (b.scope.unitPath !== null) return 0;
    return (await this.committeeFigures(ctx, b, b.receivedFrom)).in_progress;
  }

  findingsBySeverity = async (ctx: RequestContext, b: Board) =>
    counts(Object.values(FindingSeverity), (await this.findings(ctx, b)).bySeverity);
  findingsByArea = async (ctx: RequestContext, b: Board) =>
    counts(Object.values(FindingArea), (await this.findings(ctx, b)).byArea);

  async disciplineByStatus(ctx: RequestContext, b: Board): Promise<CountByKey[]> {
    // A UNIT_HEAD reads no discipline case (discipline module).
    if (b.scope.unitPath !== null) return [];
    const rows = (await this.committeeFigures(ctx, b, b.receivedFrom)).discipline;
    return counts(Object.values(DisciplineStatus), new Map(rows.map(([status, n]) => [status, n])));
  }

  private reportFigures(ctx: RequestContext, b: Board): Promise<ReportFigures> {
    return this.memo(b, 'reports', async () => {
      const now = b.generatedAt;
      const soon = new Date(now.getTime() + this.opts.dueSoonDays * DAY_MS);
      const f: ReportFigures = { byStatus: new Map(), byKind: new Map(), bySource: new Map(), overdue: 0, dueSoon: 0 };
      const tally = (r: Pick<ReportFacts, 'status' | 'kind' | 'source'>, n: number, overdue: number, dueSoon: number) => {
        add(f.byStatus, r.status, n);
        add(f.byKind, r.kind, n);
        add(f.bySource, r.source, n);
        f.overdue += overdue;
        f.dueSoon += dueSoon;
      };
      const isOverdue = (r: ReportFacts) => !!r.due_at && r.due_at < now;
      const isDueSoon = (r: ReportFacts) => !!r.due_at && r.due_at >= now && r.due_at < soon;
      if (b.scope.unitPath === null) {
        const all = committeeView(await this.committeeFigures(ctx, b, b.receivedFrom));
        Object.assign(f, {
          byStatus: all.byStatus,
          byKind: all.byKind,
          bySource: all.bySource,
          overdue: all.overdue,
          dueSoon: all.dueSoon,
        });
        for (const r of await this.hiddenReports(ctx, b)) {
          if (OPEN_STATUSES.includes(r.status as never)) tally(r, -1, isOverdue(r) ? -1 : 0, isDueSoon(r) ? -1 : 0);
        }
      } else {
        for (const r of await this.scopedReports(ctx, b, `r.status IN (${OPEN_SQL})`, [])) {
          tally(r, 1, isOverdue(r) ? 1 : 0, isDueSoon(r) ? 1 : 0);
        }
      }
      return f;
    });
  }

  /** Reports received per Vietnam day from `fromDay` to now. */
  private perDay(ctx: RequestContext, b: Board, fromDay: number): Promise<Map<number, number>> {
    return this.memo(b, `perDay:${fromDay}`, async () => {
      const from = vnDayStart(fromDay);
      const out = new Map<number, number>();
      if (b.scope.unitPath === null) {
        for (const [day, n] of (await this.committeeFigures(ctx, b, fromDay)).received) if (day >= fromDay) out.set(day, n);
        const today = vnDayNumber(b.generatedAt);
        for (const r of await this.hiddenReports(ctx, b))
          if (r.day >= fromDay && r.day <= today) out.set(r.day, (out.get(r.day) ?? 0) - 1);
      } else {
        for (const r of await this.scopedReports(ctx, b, 'r.received_at >= $2 AND r.received_at <= $3', [from, b.generatedAt])) {
          out.set(r.day, (out.get(r.day) ?? 0) + 1);
        }
      }
      return out;
    });
  }

  /**
   * Every committee figure in one statement (one round trip, one connection), received counts
   * from `fromDay`: the trigger-kept counters (board_count plus the deltas not yet folded, summed
   * at the statement's snapshot: open reports by status, kind and source; received reports per
   * day; open reports due before today and from today to the last due-soon day), the two partial
   * days of the due-date index, inspections in progress, the month's findings, discipline cases
   * by status. Each part reads at most a few thousand index entries, whatever the size of the tables.
   */
  private committeeFigures(ctx: RequestContext, b: Board, fromDay: number): Promise<CommitteeFigures> {
    // Every figure but the received counts is the same in any window: the planned one serves them.
    return this.memo(b, `committee:${fromDay}`, async () => {
      const [row] = (await ctx.manager.query(
        COMMITTEE_SQL,
        committeeParams(b.generatedAt, this.opts.dueSoonDays, fromDay),
      )) as CommitteeFigures[];
      return row!;
    });
  }

  /** Reports naming the caller's own cadre (recusal): never counted for it. */
  private hiddenReports(ctx: RequestContext, b: Board): Promise<ReportFacts[]> {
    const cadreId = b.scope.hiddenCadreId;
    if (!cadreId) return Promise.resolve([]);
    return this.memo(
      b,
      'hidden',
      async () =>
        (await ctx.manager.query(
          `SELECT r.status, r.kind, r.source, r.due_at, ${DAY_SQL} AS day FROM report r
          WHERE r.id IN (${involvedReportIds('$1')})`,
          [cadreId],
        )) as ReportFacts[],
    );
  }

  /**
   * The reports concerning the scope's units (a subject unit in the subtree, or a subject cadre
   * working in it), as the reports list scopes a UNIT_HEAD, minus the reports naming the caller's own cadre.
   */
  private async scopedReports(ctx: RequestContext, b: Board, where: string, params: unknown[]): Promise<ReportFacts[]> {
    return (await ctx.manager.query(
      `WITH scope AS (SELECT id FROM unit WHERE path LIKE $1 || '%'),
            concerned AS (
              SELECT s.report_id FROM report_subject s WHERE s.unit_id IN (SELECT id FROM scope)
              UNION
              SELECT s.report_id FROM report_subject s JOIN cadre c ON c.id = s.cadre_id WHERE c.unit_id IN (SELECT id FROM scope))
       SELECT r.status, r.kind, r.source, r.due_at, ${DAY_SQL} AS day FROM report r
        WHERE r.id IN (SELECT report_id FROM concerned) AND ${where}
          AND ${notInvolved.report('r', `$${params.length + 2}`)}`,
      [b.scope.unitPath, ...params, b.scope.hiddenCadreId],
    )) as ReportFacts[];
  }

  private findings(ctx: RequestContext, b: Board): Promise<{ bySeverity: Map<string, number>; byArea: Map<string, number> }> {
    return this.memo(b, 'findings', async () => {
      const from = vnDayStart(vnPeriods(b.generatedAt).monthStart);
      const rows = (
        b.scope.unitPath === null
          ? (await this.committeeFigures(ctx, b, b.receivedFrom)).findings.map(([severity, area, n]) => ({ severity, area, n }))
          : await ctx.manager.query(
              `WITH scope AS (SELECT id FROM unit WHERE path LIKE $2 || '%')
               SELECT f.severity, f.area, count(*)::int AS n FROM finding f JOIN inspection i ON i.id = f.inspection_id
                 LEFT JOIN cadre c ON c.id = i.subject_cadre_id
                WHERE f.recorded_at >= $1 AND f.status = 'RECORDED' AND i.status IN (${CONCLUDED_STAGES.map((s) => `'${s}'`).join(', ')})
                  AND coalesce(i.subject_unit_id, c.unit_id) IN (SELECT id FROM scope)
                GROUP BY 1, 2`,
              [from, b.scope.unitPath],
            )
      ) as Array<{ severity: string; area: string; n: number }>;
      const bySeverity = new Map<string, number>();
      const byArea = new Map<string, number>();
      for (const r of rows) {
        add(bySeverity, r.severity, r.n);
        add(byArea, r.area, r.n);
      }
      return { bySeverity, byArea };
    });
  }
}
