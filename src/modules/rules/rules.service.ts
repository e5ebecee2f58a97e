import { In } from 'typeorm';
import { AppError, badInput, notFound, withReason } from '../../common/errors';
import { RuleDataError } from '../../common/rule-data-error';
import { applyDatabaseContext } from '../../db/database-roles';
import { DATA_CHANGED } from '../../events/outbox-reader';
import { OutboxEvent } from '../board/outbox-event.entity';
import { ringAfterCommit } from '../../events/event-writer';
import type { RequestContext } from '../../graphql/context';
import { databaseActor } from '../../graphql/request-context';
import { ReportExtension } from '../reports/report-extension.entity';
import { CorrectedAttribute, ReportTimelineEntry, TimelineActor, TimelineEntryType } from '../reports/report-timeline.entity';
import { Report } from '../reports/report.entity';
import { ReportSource, ReportStatus } from '../reports/report.enums';
import { OPEN_STATUSES } from '../reports/report-workflow';
import { RuleBasedDeadlines } from '../reports/reports.policies';
import {
  endOfLocalDay,
  type HolidayCalendar,
  isIsoDate,
  localDateOf,
  startOfLocalDay,
  weekdayOf,
} from '../reports/legal-calendar';
import { RetentionBelowMinimumError } from '../reports/retention-rules';
import { parseRuleData, type RuleCatalog } from './rule-catalog';
import { RuleDataKind, RuleDataVersion } from './rule-data.entity';
import { type AddRuleSetInput, type ChangeHolidayCalendarInput, HolidayDayType } from './rules.inputs';

type Doc = Record<string, unknown>;

const KIND_WORDS: Record<RuleDataKind, string> = {
  [RuleDataKind.DEADLINE_RULES]: 'quy tắc thời hạn giải quyết đơn',
  [RuleDataKind.HOLIDAY_CALENDAR]: 'lịch nghỉ lễ, Tết',
  [RuleDataKind.DISCIPLINE_RULES]: 'quy tắc kỷ luật',
  [RuleDataKind.RETENTION_RULES]: 'thời hạn lưu trữ hồ sơ đơn',
};

const KIND_VI: Record<string, string> = {
  COMPLAINT: 'đơn khiếu nại',
  DENUNCIATION: 'đơn tố cáo',
  PETITION: 'đơn kiến nghị',
  FEEDBACK: 'đơn phản ánh',
};

const RESOLUTION_STATUSES: readonly ReportStatus[] = [
  ReportStatus.ACCEPTED,
  ReportStatus.UNDER_VERIFICATION,
  ReportStatus.CONCLUDED,
];

function requireReason(reason: string): string {
  const r = reason.trim();
  if (!r)
    throw badInput(
      'Thay đổi dữ liệu quy tắc phải có lý do: ghi rõ căn cứ (văn bản, thông báo) và vì sao thay đổi',
      [{ path: 'input.reason', message: 'bắt buộc, không để trống' }],
      'RULE_CHANGE_REASON_REQUIRED',
    );
  return r;
}

/** The parser's own words (a path and what is wrong), behind a Vietnamese sentence and a stable reason. */
function refusedData(kind: RuleDataKind, err: unknown, reason: string, path: string): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof RetentionBelowMinimumError)
    return badInput(
      `Thời hạn lưu trữ ${KIND_VI[err.kind] ?? err.kind} ${err.months} tháng ngắn hơn mức tối thiểu ${err.minimumMonths} tháng theo ${err.basis}; không lưu gì`,
      [{ path: `input.ruleSet.periods.${err.kind}.months`, message: `tối thiểu ${err.minimumMonths} tháng` }],
      'RETENTION_BELOW_LEGAL_MINIMUM',
    );
  if (err instanceof RuleDataError) {
    return badInput(
      `Dữ liệu ${KIND_WORDS[kind]} không hợp lệ, không lưu gì: ${err.path}: ${err.problem}`,
      [{ path, message: `${err.path}: ${err.problem}`, code: err.code }],
      reason,
    );
  }
  const detail = err instanceof Error ? err.message : String(err);
  return badInput(`Dữ liệu ${KIND_WORDS[kind]} không hợp lệ, không lưu gì: ${detail}`, [{ path, message: detail }], reason);
}

/** The day the stage that is running now started (it is not counted). */
function stageStartOf(report: Report): Date {
  if (report.source !== ReportSource.PRESS && RESOLUTION_STATUSES.includes(report.status) && report.acceptedAt)
    return report.acceptedAt;
  return report.stageStartedAt < report.receivedAt ? report.stageStartedAt : report.receivedAt;
}

/**
 * ADMIN changes to rule data (deadline rule sets, the holiday calendar, discipline rule sets):
 * each change writes a new version of the whole document with its audit (who, when, why, old and
 * new), in one transaction with its consequences (recomputed due dates) and a DATA_CHANGED
 * outbox row that tells every instance to refresh its catalog.
 */
export class RulesService {
  /**
   * @param refresh reads new versions into the catalog outside any transaction (after a commit).
   */
  constructor(
    private readonly catalog: RuleCatalog,
    private readonly refresh: () => Promise<void>,
  ) {}

  /** The current version of a kind, or the given one (NOT_FOUND when there is none). */
  async version(ctx: RequestContext, kind: RuleDataKind, version?: number | null): Promise<RuleDataVersion> {
    const row = await ctx.manager.findOne(RuleDataVersion, {
      where: { kind, ...(version ? { version } : {}) },
      order: { version: 'DESC' },
    });
    if (!row)
      throw withReason(notFound(`Phiên bản ${KIND_WORDS[kind]}`, String(version ?? 'hiện hành')), 'RULE_DATA_VERSION_NOT_FOUND');
    return row;
  }

  /** Every version of a kind, newest first: the audit of its changes. */
  history(ctx: RequestContext, kind: RuleDataKind): Promise<RuleDataVersion[]> {
    return ctx.manager.find(RuleDataVersion, { where: { kind }, order: { version: 'DESC' } });
  }

  /**
   * Adds a deadline rule set taking effect on its `effectiveFrom`. Refused when a report was
   * already received on or after that day (RULE_SET_EFFECTIVE_FOR_RECEIVED): those reports keep
   * the set they recorded, so a set that would have applied to them must start later.
   */
  async addDeadlineRuleSet(ctx: RequestContext, input: AddRuleSetInput): Promise<RuleDataVersion> {
    return this.addRuleSet(ctx, RuleDataKind.DEADLINE_RULES, input, async (effectiveFrom) => {
      // Reports received meanwhile wait for this transaction: none slips in before the check.
      await ctx.manager.query(`LOCK TABLE report IN SHARE MODE`);
      const [row] = (await this.asSystem(ctx, () =>
        ctx.manager.query(`SELECT max(received_at) AS latest FROM report`),
      )) as Array<{ latest: Date | null }>;
      const latest = row?.latest ? localDateOf(new Date(row.latest)) : null;
      if (latest && latest >= effectiveFrom)
        return `đã có đơn tiếp nhận ngày ${latest}, cùng ngày hoặc sau ngày hiệu lực ${effectiveFrom}: các đơn đã nhận giữ bộ quy tắc đã ghi nhận khi tiếp nhận, nên bộ quy tắc mới chỉ được có hiệu lực từ ngày sau ${latest}`;
      return null;
    });
  }

  /**
   * Adds a discipline rule set taking effect on its `effectiveFrom`. Refused when a case was
   * already decided on or after that day (RULE_SET_EFFECTIVE_FOR_RECEIVED): it keeps the set it
   * was decided under.
   */
  async addDisciplineRuleSet(ctx: RequestContext, input: AddRuleSetInput): Promise<RuleDataVersion> {
    return this.addRuleSet(ctx, RuleDataKind.DISCIPLINE_RULES, input, async (effectiveFrom) => {
      await ctx.manager.query(`LOCK TABLE discipline_case IN SHARE MODE`);
      const [row] = (await ctx.manager.query(`SELECT max(decision_date)::text AS latest FROM discipline_case`)) as Array<{
        latest: string | null;
      }>;
      const latest = row?.latest ?? null;
      if (latest && latest >= effectiveFrom)
        return `đã có quyết định kỷ luật ngày ${latest}, cùng ngày hoặc sau ngày hiệu lực ${effectiveFrom}: các vụ việc đã quyết định giữ bộ quy tắc đã áp dụng, nên bộ quy tắc mới chỉ được có hiệu lực từ ngày sau ${latest}`;
      return null;
    });
  }

  /**
   * Adds a retention rule set taking effect on its `effectiveFrom`, which must be after today:
   * reports already closed keep the period in force on their closing day. A period under a
   * legal minimum (stated in the set or an earlier one) is RETENTION_BELOW_LEGAL_MINIMUM.
   */
  async addRetentionRuleSet(ctx: RequestContext, input: AddRuleSetInput): Promise<RuleDataVersion> {
    return this.addRuleSet(ctx, RuleDataKind.RETENTION_RULES, input, (effectiveFrom) => {
      const today = localDateOf(new Date());
      return Promise.resolve(
        effectiveFrom <= today
          ? `hôm nay là ${today}: các đơn đã kết thúc giữ thời hạn lưu trữ có hiệu lực vào ngày kết thúc, nên bộ quy tắc mới chỉ được có hiệu lực từ ngày mai trở đi`
          : null,
      );
    });
  }

  private async addRuleSet(
    ctx: RequestContext,
    kind: RuleDataKind.DEADLINE_RULES | RuleDataKind.DISCIPLINE_RULES | RuleDataKind.RETENTION_RULES,
    input: AddRuleSetInput,
    tooLate: (effectiveFrom: string) => Promise<string | null>,
  ): Promise<RuleDataVersion> {
    const reason = requireReason(input.reason);
    let set: Doc;
    try {
      set = JSON.parse(input.ruleSet) as Doc;
    } catch {
      throw badInput(
        'Bộ quy tắc phải là một đối tượng JSON, có dạng như một phần tử của "ruleSets" trong tệp dữ liệu gốc',
        [{ path: 'input.ruleSet', message: 'không phải JSON hợp lệ' }],
        'RULE_DATA_MALFORMED',
      );
    }
    if (typeof set !== 'object' || set === null || Array.isArray(set))
      throw badInput(
        'Bộ quy tắc phải là một đối tượng JSON { id, effectiveFrom, … }',
        [{ path: 'input.ruleSet', message: 'không phải đối tượng' }],
        'RULE_DATA_MALFORMED',
      );
    const effectiveFrom = set['effectiveFrom'];
    if (!isIsoDate(effectiveFrom))
      throw badInput(
        `Ngày hiệu lực ${JSON.stringify(effectiveFrom ?? null)} không phải một ngày có thật viết theo dạng YYYY-MM-DD`,
        [{ path: 'input.ruleSet.effectiveFrom', message: 'phải là ngày YYYY-MM-DD có thật' }],
        'RULE_DATE_MALFORMED',
      );
    await this.lockKind(ctx, kind);
    const current = await this.version(ctx, kind);
    const oldSets = (current.data['ruleSets'] as Doc[] | undefined) ?? [];
    if (oldSets.some((s) => s['id'] === set['id']))
      throw badInput(
        `Mã bộ quy tắc "${String(set['id'])}" đã có: một bộ quy tắc đã ghi không được sửa (các vụ việc đã áp dụng nó giữ nguyên), hãy thêm bộ mới với mã khác`,
        [{ path: 'input.ruleSet.id', message: 'đã được dùng' }],
        'RULE_SET_ID_TAKEN',
      );
    const data: Doc = { ...current.data, ruleSets: [...oldSets, set] };
    try {
      parseRuleData(kind, data, 'ruleSets');
    } catch (err) {
      throw refusedData(kind, err, 'RULE_SET_INVALID', 'input.ruleSet');
    }
    const late = await tooLate(effectiveFrom);
    if (late)
      throw badInput(
        `Bộ quy tắc "${String(set['id'])}" không được có hiệu lực từ ${effectiveFrom}: ${late}`,
        [{ path: 'input.ruleSet.effectiveFrom', message: late }],
        'RULE_SET_EFFECTIVE_FOR_RECEIVED',
      );
    return this.save(ctx, {
      kind,
      version: current.version + 1,
      data,
      effectiveFrom,
      reason,
      summary: `thêm bộ quy tắc ${String(set['id'])}, hiệu lực từ ${effectiveFrom}`,
      change: { old: null, new: set },
      recomputed: [],
    });
  }

  /**
   * Adds, corrects or removes days of the holiday calendar, or adds a year. The change applies
   * as soon as it commits; the due dates of open reports whose current stage spans a changed day
   * are recomputed in the same transaction (and only theirs), listed in the version's audit, and
   * each gets a timeline entry saying its old and new due date and why (CORRECTED, DUE_AT, SYSTEM).
   */
  async changeHolidayCalendar(ctx: RequestContext, input: ChangeHolidayCalendarInput): Promise<RuleDataVersion> {
    const kind = RuleDataKind.HOLIDAY_CALENDAR;
    const reason = requireReason(input.reason);
    const set = input.set ?? [];
    const remove = input.remove ?? [];
    const addYears = input.addYears ?? [];
    if (!set.length && !remove.length && !addYears.length)
      throw badInput(
        'Không có gì để thay đổi: nêu ngày cần thêm hoặc sửa (set), ngày cần bỏ (remove) hoặc năm cần thêm (addYears)',
        [],
        'RULE_CHANGE_EMPTY',
      );
    const malformed = (date: string, path: string) =>
      badInput(
        `Ngày ${JSON.stringify(date)} không phải một ngày có thật viết theo dạng YYYY-MM-DD; lịch không thay đổi`,
        [{ path, message: 'phải là ngày YYYY-MM-DD có thật' }],
        'HOLIDAY_DATE_MALFORMED',
      );
    set.forEach((d, i) => {
      if (!isIsoDate(d.date)) throw malformed(d.date, `input.set.${i}.date`);
    });
    remove.forEach((d, i) => {
      if (!isIsoDate(d)) throw malformed(d, `input.remove.${i}`);
    });
    set.forEach((d, i) => {
      if (!d.name.trim())
        throw badInput(
          `Ngày ${d.date} phải có tên (ví dụ "Quốc khánh")`,
          [{ path: `input.set.${i}.name`, message: 'bắt buộc, không để trống' }],
          'HOLIDAY_NAME_REQUIRED',
        );
      const weekday = weekdayOf(d.date);
      if (d.type === HolidayDayType.WORKING_DAY && weekday !== 0 && weekday !== 6)
        throw badInput(
          `Ngày làm bù ${d.date} phải là thứ Bảy hoặc Chủ nhật: ngày thường trong tuần vốn đã là ngày làm việc`,
          [{ path: `input.set.${i}.type`, message: 'ngày làm bù phải là thứ Bảy hoặc Chủ nhật' }],
          'HOLIDAY_WORKING_DAY_ON_WEEKDAY',
        );
    });
    const touched = [...set.map((d) => d.date), ...remove];
    const twice = touched.find((d, i) => touched.indexOf(d) !== i);
    if (twice)
      throw badInput(
        `Ngày ${twice} được nêu hai lần trong cùng một thay đổi`,
        [{ path: 'input', message: twice }],
        'HOLIDAY_DATE_TWICE',
      );

    await this.lockKind(ctx, kind);
    const current = await this.version(ctx, kind);
    const oldDays = (current.data['days'] as Doc[] | undefined) ?? [];
    const byDate = new Map(oldDays.map((d) => [String(d['date']), d]));
    remove.forEach((date, i) => {
      if (!byDate.has(date))
        throw badInput(
          `Ngày ${date} không có trong lịch nghỉ lễ, Tết nên không bỏ được`,
          [{ path: `input.remove.${i}`, message: 'không có trong lịch' }],
          'HOLIDAY_NOT_LISTED',
        );
    });
    const oldYears = (current.data['years'] as number[] | undefined) ?? [];
    const years = [...new Set([...oldYears, ...addYears])].sort((a, b) => a - b);
    set.forEach((d, i) => {
      if (!years.includes(Number(d.date.slice(0, 4))))
        throw badInput(
          `Năm ${d.date.slice(0, 4)} chưa có trong lịch (lịch có: ${years.join(', ')}): thêm năm đó (addYears) cùng với các ngày nghỉ của nó`,
          [{ path: `input.set.${i}.date`, message: 'năm chưa có trong lịch' }],
          'HOLIDAY_YEAR_NOT_COVERED',
        );
    });
    const old: Doc[] = [];
    const added: Doc[] = [];
    for (const date of remove) {
      old.push(byDate.get(date)!);
      byDate.delete(date);
    }
    for (const d of set) {
      const row: Doc = { date: d.date, name: d.name, type: d.type };
      if (d.unsure) row['unsure'] = true;
      if (d.note) row['note'] = d.note;
      const before = byDate.get(d.date);
      if (before) old.push(before);
      byDate.set(d.date, row);
      added.push(row);
    }
    const data: Doc = {
      ...current.data,
      years,
      days: [...byDate.values()].sort((a, b) => String(a['date']).localeCompare(String(b['date']))),
    };
    let calendar: HolidayCalendar;
    try {
      calendar = parseRuleData(kind, data, 'lịch');
    } catch (err) {
      throw refusedData(kind, err, 'HOLIDAY_CALENDAR_INVALID', 'input.set');
    }
    const parts = [
      ...(addYears.length ? [`thêm năm ${addYears.join(', ')}`] : []),
      ...(set.length ? [`đặt ngày ${set.map((d) => d.date).join(', ')}`] : []),
      ...(remove.length ? [`bỏ ngày ${remove.join(', ')}`] : []),
    ];
    const recomputed = await this.recomputeSpanning(ctx, touched, calendar, `${parts.join('; ')}: ${reason}`);
    return this.save(ctx, {
      kind,
      version: current.version + 1,
      data,
      effectiveFrom: null,
      reason,
      summary: `${parts.join('; ')}; tính lại hạn của ${recomputed.length} đơn`,
      change: { old, new: added, addYears },
      recomputed,
    });
  }

  /**
   * Open reports whose current stage spans one of `days` (started before it, due on or after it)
   * get their due date recomputed with `calendar`; the others keep theirs. Each report whose due
   * date moved gets a timeline entry with the old and new date and `why` (the calendar change and
   * its reason), so the handler sees why the deadline moved. Runs without the
   * caller's cadre in the row-level security context: the recomputation is the system's, and an
   * ADMIN who is the subject of a report must not leave it with a wrong deadline.
   */
  private async recomputeSpanning(
    ctx: RequestContext,
    days: readonly string[],
    calendar: HolidayCalendar,
    why: string,
  ): Promise<Array<{ reportId: string; from: string | null; to: string | null }>> {
    if (!days.length) return [];
    const sorted = [...days].sort();
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    return this.asSystem(ctx, async () => {
      // Open reports, and merged press reports whose own reply is still owed (Luật Báo chí Art. 39).
      const candidates = await ctx.manager
        .createQueryBuilder(Report, 'r')
        .where(`(r.status IN (:...open) OR (r.status = :merged AND r.source = :press AND r.public_reply IS NULL))`, {
          open: [...OPEN_STATUSES],
          merged: ReportStatus.MERGED,
          press: ReportSource.PRESS,
        })
        .andWhere('r.due_at IS NOT NULL AND r.due_at >= :from AND r.received_at <= :to', {
          from: startOfLocalDay(first),
          to: endOfLocalDay(last),
        })
        .orderBy('r.id')
        .setLock('pessimistic_write')
        .getMany();
      const spanning = candidates.filter((r) => {
        const start = localDateOf(stageStartOf(r));
        const due = localDateOf(r.dueAt!);
        return days.some((d) => start < d && d <= due);
      });
      if (!spanning.length) return [];
      const deadlines = new RuleBasedDeadlines(() => this.catalog.deadlineRuleSets(), calendar);
      const out: Array<{ reportId: string; from: string | null; to: string | null }> = [];
      const record = async (r: Report, dueAt: Date | null, set: Partial<Report> = {}) => {
        await ctx.manager.update(Report, { id: r.id }, { ...set, dueAt });
        if ((dueAt?.getTime() ?? null) === (r.dueAt?.getTime() ?? null)) return;
        const from = r.dueAt ? `ngày ${localDateOf(r.dueAt)}` : 'không có hạn';
        const note = `Hạn được tính lại từ ${from} thành ${dueAt ? `ngày ${localDateOf(dueAt)}` : 'không còn hạn'} vì lịch nghỉ lễ, Tết thay đổi (${why}).`;
        await ctx.manager.insert(ReportTimelineEntry, {
          reportId: r.id,
          type: TimelineEntryType.CORRECTED,
          actor: TimelineActor.SYSTEM,
          actorAccountId: null,
          note,
          // The system's words and the administrator's reason: nothing of the reporter to redact.
          noteRedacted: note,
          correction: {
            attribute: CorrectedAttribute.DUE_AT,
            from: r.dueAt ? [r.dueAt.toISOString()] : [],
            to: dueAt ? [dueAt.toISOString()] : [],
          },
          visibleToReporter: false,
        });
        out.push({ reportId: r.id, from: r.dueAt ? r.dueAt.toISOString() : null, to: dueAt ? dueAt.toISOString() : null });
      };

      // Merged press reports first: the open report each is merged into carries the earliest of
      // their reply deadlines (mergedPressDueAt), which moves with them.
      const targets = new Set<string>();
      for (const r of spanning.filter((x) => x.status === ReportStatus.MERGED)) {
        const dueAt = deadlines.dueAt(r, []);
        if ((dueAt?.getTime() ?? null) === r.dueAt!.getTime()) continue;
        await record(r, dueAt);
        if (r.mergedIntoId) targets.add(r.mergedIntoId);
      }
      const open = spanning.filter((x) => x.status !== ReportStatus.MERGED);
      const extra = [...targets].filter((id) => !open.some((r) => r.id === id));
      if (extra.length)
        open.push(
          ...(await ctx.manager.find(Report, {
            where: { id: In(extra), status: In([...OPEN_STATUSES]) },
            order: { id: 'ASC' },
            lock: { mode: 'pessimistic_write' },
          })),
        );
      if (!open.length) return out;
      const extensions = await ctx.manager.find(ReportExtension, {
        where: { reportId: In(open.map((r) => r.id)) },
        order: { id: 'ASC' },
      });
      for (const r of open) {
        const before = r.dueAt;
        const set: Partial<Report> = {};
        if (targets.has(r.id)) {
          const [row] = (await ctx.manager.query(
            `SELECT min(due_at) AS due FROM report
              WHERE merged_into_id = $1 AND status = 'MERGED' AND source = 'PRESS' AND public_reply IS NULL`,
            [r.id],
          )) as Array<{ due: Date | null }>;
          r.mergedPressDueAt = row?.due ?? null;
          set.mergedPressDueAt = r.mergedPressDueAt;
        }
        const dueAt = deadlines.dueAt(
          r,
          extensions.filter((e) => e.reportId === r.id),
        );
        if ((dueAt?.getTime() ?? null) === (before?.getTime() ?? null) && !targets.has(r.id)) continue;
        await record(r, dueAt, set);
      }
      return out;
    });
  }

  /** Runs `fn` with the acting account's cadre left out of the row-level security context, then puts it back. */
  private async asSystem<T>(ctx: RequestContext, fn: () => Promise<T>): Promise<T> {
    const actor = databaseActor(ctx.account);
    await applyDatabaseContext(ctx.manager, actor ? { ...actor, cadreId: null } : null);
    try {
      return await fn();
    } finally {
      await applyDatabaseContext(ctx.manager, actor);
    }
  }

  /** One change of a kind at a time: the next version number is read under this lock. */
  private async lockKind(ctx: RequestContext, kind: RuleDataKind): Promise<void> {
    await ctx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('rule-data:' || $1))`, [kind]);
  }

  private async save(
    ctx: RequestContext,
    row: Omit<RuleDataVersion, 'changedAt' | 'changedById' | 'changedByEmail' | 'recomputedReports' | 'document' | 'changeJson'>,
  ): Promise<RuleDataVersion> {
    const accountId = ctx.account?.id ?? null;
    const [who] = accountId
      ? ((await ctx.manager.query(`SELECT email FROM account WHERE id = $1`, [accountId])) as Array<{ email: string }>)
      : [];
    const saved = await ctx.manager.save(
      ctx.manager.create(RuleDataVersion, { ...row, changedById: accountId, changedByEmail: who?.email ?? null }),
    );
    await ctx.manager.insert(OutboxEvent, { type: DATA_CHANGED, payload: { kind: row.kind, version: row.version }, unitIds: [] });
    ringAfterCommit(ctx);
    ctx.afterCommit.push(() => this.refresh());
    return saved;
  }
}
