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
import { parseRuleData, type RuleCatalog } from './rule-catalog';
import { RuleDataKind, RuleDataVersion } from './rule-data.entity';
import { type AddRuleSetInput, type ChangeHolidayCalendarInput, HolidayDayType } from './rules.inputs';

type Doc = Record<string, unknown>;

const KIND_WORDS: Record<RuleDataKind, string> = {
  [RuleDataKind.DEADLINE_RULES]: 'quy tắc thời hạn giải quyết đơn',
  [RuleDataKind.HOLIDAY_CALENDAR]: 'lịch nghỉ lễ, Tết',
  [RuleDataKind.DISCIPLINE_RULES]: 'quy tắc kỷ luật',
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

  private async addRuleSet(
    ctx: RequestContext,
    kind: RuleDataKind.DEADLINE_RULES | RuleDataKind.DISCIPLINE_RULES,
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
   * are recomputed in the same transaction (and only theirs), and listed in the version's audit.
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
    const recomputed = await this.recomputeSpanning(ctx, touched, calendar);
    const parts = [
      ...(addYears.length ? [`thêm năm ${addYears.join(', ')}`] : []),
      ...(set.length ? [`đặt ngày ${set.map((d) => d.date).join(', ')}`] : []),
      ...(remove.length ? [`bỏ ngày ${remove.join(', ')}`] : []),
    ];
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
   * get their due date recomputed with `calendar`; the others keep theirs. Runs without the
   * caller's cadre in the row-level security context: the recomputation is the system's, and an
   * ADMIN who is the subject of a report must not leave it with a wrong deadline.
   */
  private async recomputeSpanning(
    ctx: RequestContext,
    days: readonly string[],
    calendar: HolidayCalendar,
  ): Promise<Array<{ reportId: string; from: string | null; to: string | null }>> {
    if (!days.length) return [];
    const sorted = [...days].sort();
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    return this.asSystem(ctx, async () => {
      const candidates = await ctx.manager
        .createQueryBuilder(Report, 'r')
        .where('r.status IN (:...open)', { open: [...OPEN_STATUSES] })
        .andWhere('r.due_at IS NOT NULL AND r.due_at >= :from AND r.received_at <= :to', {
          from: startOfLocalDay(first),
          to: endOfLocalDay(last),
        })
        .setLock('pessimistic_write')
        .getMany();
      const spanning = candidates.filter((r) => {
        const start = localDateOf(stageStartOf(r));
        const due = localDateOf(r.dueAt!);
        return days.some((d) => start < d && d <= due);
      });
      if (!spanning.length) return [];
      const extensions = await ctx.manager.find(ReportExtension, {
        where: { reportId: In(spanning.map((r) => r.id)) },
        order: { id: 'ASC' },
      });
      const deadlines = new RuleBasedDeadlines(() => this.catalog.deadlineRuleSets(), calendar);
      const out: Array<{ reportId: string; from: string | null; to: string | null }> = [];
      for (const r of spanning) {
        const dueAt = deadlines.dueAt(
          r,
          extensions.filter((e) => e.reportId === r.id),
        );
        if ((dueAt?.getTime() ?? null) === r.dueAt!.getTime()) continue;
        await ctx.manager.update(Report, { id: r.id }, { dueAt });
        out.push({ reportId: r.id, from: r.dueAt!.toISOString(), to: dueAt ? dueAt.toISOString() : null });
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
