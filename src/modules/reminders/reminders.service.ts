import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../graphql/context';
import { badInput } from '../../common/errors';
import { Role } from '../../common/role.enum';
import { todayInVietnam } from '../../common/validation';
import { recordEvent } from '../../events/event-writer';
import { BoardEventType } from '../board/board-event.types';
import { notInvolved } from '../recusal/recusal.policy';
import { addWorkingDays, endOfLocalDay, type HolidayCalendar, localDateOf } from '../reports/legal-calendar';
import type { ReportKind, ReportStatus } from '../reports/report.enums';
import { OPEN_STATUSES } from '../reports/report-workflow';
import { ReminderDigest, type ReminderItem, ReminderItemType, type StoredReminderItem } from './reminder-digest.entity';

const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
/** Lines kept in one digest, most urgent first; the counts cover the rest. */
export const REMINDER_MAX_ITEMS = 200;

export interface RemindersOptions {
  /** REMINDER_DAYS_AHEAD. */
  daysAhead: number;
  /** The legal calendar in force (the rule catalog's). */
  calendar: () => HolidayCalendar;
}

/** A staff account that gets a digest: a handler of open reports, or the committee chair. */
export interface ReminderRecipient {
  id: string;
  cadreId: string | null;
  isChair: boolean;
}

const NOTIFY_SIDE: Record<string, string> = {
  PARTY: 'Thông báo quyết định kỷ luật cho tổ chức đảng',
  STATE: 'Thông báo quyết định kỷ luật cho cơ quan nhà nước',
};

/**
 * The daily reminder digests (bản nhắc việc hằng ngày). What a digest lists is read with the
 * same rules the board's deadline alerts use (an open report's `due_at`, which already carries
 * the 30-day press reply duty of the press reports merged into it) and the recusal policy's SQL:
 * a digest never lists an item its recipient's cadre is a subject of.
 */
export class RemindersService {
  /** The app's clock (tests move it). */
  now: () => Date = () => new Date();

  constructor(private readonly opts: RemindersOptions) {}

  /** Today in Vietnam by the app's clock. */
  today(): string {
    return todayInVietnam(this.now());
  }

  /** The accounts that get a digest today: active committee members handling an open report with a due date, and the chair. */
  async recipients(manager: EntityManager): Promise<ReminderRecipient[]> {
    const rows = (await manager.query(
      `SELECT a.id, a.cadre_id, a.is_inspection_chair FROM account a
        WHERE NOT a.disabled AND a.role = $1
          AND (a.is_inspection_chair OR EXISTS (SELECT 1 FROM report r WHERE r.handler_id = a.id AND r.status IN (${OPEN_SQL}) AND r.due_at IS NOT NULL))
        ORDER BY a.id`,
      [Role.INSPECTION_COMMITTEE],
    )) as Array<{ id: string; cadre_id: string | null; is_inspection_chair: boolean }>;
    return rows.map((r) => ({ id: r.id, cadreId: r.cadre_id, isChair: r.is_inspection_chair }));
  }

  /**
   * Prepares the digest of `recipient` for `day` unless it exists: one transaction, the row
   * INSERTed with ON CONFLICT DO NOTHING, and (when it went in and lists anything) the board item
   * for the recipient alone. Returns the new digest, or null when it already existed.
   */
  async prepare(ctx: RequestContext, recipient: ReminderRecipient, day: string, now: Date): Promise<ReminderDigest | null> {
    const dueBy = addWorkingDays(day, this.opts.daysAhead, this.opts.calendar());
    const { items, overdue, dueSoon } = await this.read(ctx.manager, recipient, dueBy, now);
    const inserted = (await ctx.manager.query(
      `INSERT INTO reminder_digest (account_id, day, as_chair, days_ahead, due_by, overdue_count, due_soon_count, items, prepared_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9) ON CONFLICT (account_id, day) DO NOTHING RETURNING id`,
      [recipient.id, day, recipient.isChair, this.opts.daysAhead, dueBy, overdue, dueSoon, JSON.stringify(items), now],
    )) as Array<{ id: string }>;
    const id = inserted[0]?.id;
    if (!id) return null;
    if (overdue + dueSoon > 0) {
      await recordEvent(ctx, BoardEventType.REMINDER_DIGEST_READY, {
        recipientAccountId: recipient.id,
        digestId: id,
        day,
        overdue,
        dueSoon,
      });
    }
    return ctx.manager.findOneByOrFail(ReminderDigest, { id });
  }

  /** The caller's digest of `day` (today by default), or null; lines it is now recused from are left out. */
  async mine(ctx: RequestContext, day: string | undefined): Promise<ReminderDigest | null> {
    const today = this.today();
    const wanted = day ?? today;
    if (wanted > today) {
      throw badInput(
        `Ngày ${wanted} chưa tới: bản nhắc việc chỉ có cho hôm nay (${today}) và các ngày trước.`,
        [{ path: 'day', message: `must be ${today} or earlier` }],
        'DAY_IN_FUTURE',
      );
    }
    const digest = await ctx.manager.findOneBy(ReminderDigest, { accountId: ctx.account!.id, day: wanted });
    if (!digest) return null;
    digest.items = await this.current(ctx.manager, digest.items, ctx.account!.cadreId);
    return digest;
  }

  /**
   * The lines as they may be shown now to the account linked to cadre `me`: a subject added since
   * the digest was prepared takes its line out (recusal), and a report's title is its redacted
   * copy as it is now (a re-redaction since reaches the digest too). Asked as "which may it read"
   * rather than "which is it involved in": the report table's row-level security hides an
   * involved report from a signed-in caller altogether.
   */
  async current(manager: EntityManager, items: StoredReminderItem[], me: string | null): Promise<StoredReminderItem[]> {
    if (!items.length) return items;
    const ids = (type: ReminderItemType) => items.filter((i) => i.type === type).map((i) => i.id);
    const rows = (await manager.query(
      `SELECT r.id, r.title_redacted AS title FROM report r WHERE r.id = ANY($1::uuid[]) AND ${notInvolved.report('r', '$4')}
       UNION ALL
       SELECT f.id, NULL FROM follow_up_item f JOIN inspection i ON i.id = f.inspection_id
        WHERE f.id = ANY($2::uuid[]) AND ${notInvolved.inspection('i', '$4')}
       UNION ALL
       SELECT n.id, NULL FROM discipline_notification n JOIN discipline_case d ON d.id = n.case_id
        WHERE n.id = ANY($3::uuid[]) AND ${notInvolved.disciplineCase('d', '$4')}`,
      [ids(ReminderItemType.REPORT), ids(ReminderItemType.FOLLOW_UP), ids(ReminderItemType.DISCIPLINE_NOTIFICATION), me],
    )) as Array<{ id: string; title: string | null }>;
    const readable = new Map(rows.map((r) => [r.id, r.title]));
    return items.filter((i) => readable.has(i.id)).map((i) => ({ ...i, title: readable.get(i.id) ?? i.title }));
  }

  /**
   * What `recipient` must act on by the end of `dueBy`: the open reports it handles (the chair:
   * every open report, and the committee's unfulfilled recommendations and unsent discipline
   * notifications), most urgent first, without any item its cadre is a subject of.
   */
  private async read(
    manager: EntityManager,
    recipient: ReminderRecipient,
    dueBy: string,
    now: Date,
  ): Promise<{ items: StoredReminderItem[]; overdue: number; dueSoon: number }> {
    const windowEnd = endOfLocalDay(dueBy);
    const today = localDateOf(now);
    const reports = (await manager.query(
      `SELECT r.id, r.kind, r.status, r.source, r.title_redacted, r.due_at, r.merged_press_due_at
         FROM report r
        WHERE r.status IN (${OPEN_SQL}) AND r.due_at IS NOT NULL AND r.due_at <= $1
          AND ($2 OR r.handler_id = $3) AND ${notInvolved.report('r', '$4')}
        ORDER BY r.due_at, r.id`,
      [windowEnd, recipient.isChair, recipient.id, recipient.cadreId],
    )) as Array<{
      id: string;
      kind: ReportKind;
      status: ReportStatus;
      source: string;
      title_redacted: string;
      due_at: Date;
      merged_press_due_at: Date | null;
    }>;
    const lines: ReminderItem[] = reports.map((r) => ({
      type: ReminderItemType.REPORT,
      id: r.id,
      reportKind: r.kind,
      stage: r.status,
      title: r.title_redacted,
      dueAt: r.due_at,
      dueOn: localDateOf(r.due_at),
      overdue: r.due_at.getTime() < now.getTime(),
      pressReply: r.source === 'PRESS' || (!!r.merged_press_due_at && r.merged_press_due_at.getTime() === r.due_at.getTime()),
    }));
    if (recipient.isChair) {
      const dated = (await manager.query(
        `SELECT 'FOLLOW_UP' AS type, f.id, to_char(f.due_on, 'YYYY-MM-DD') AS due_on, i.title AS title
           FROM follow_up_item f JOIN inspection i ON i.id = f.inspection_id
          WHERE f.fulfilled_on IS NULL AND f.due_on <= $1 AND ${notInvolved.inspection('i', '$2')}
         UNION ALL
         SELECT 'DISCIPLINE_NOTIFICATION', n.id, to_char(n.due_on, 'YYYY-MM-DD'), n.notify::text
           FROM discipline_notification n JOIN discipline_case d ON d.id = n.case_id
          WHERE n.sent_on IS NULL AND n.due_on <= $1 AND ${notInvolved.disciplineCase('d', '$2')}`,
        [dueBy, recipient.cadreId],
      )) as Array<{ type: ReminderItemType; id: string; due_on: string; title: string }>;
      for (const d of dated) {
        const followUp = d.type === ReminderItemType.FOLLOW_UP;
        lines.push({
          type: d.type,
          id: d.id,
          reportKind: null,
          stage: null,
          title: followUp ? `Kiến nghị sau kiểm tra “${d.title}”` : (NOTIFY_SIDE[d.title] ?? 'Thông báo quyết định kỷ luật'),
          dueAt: endOfLocalDay(d.due_on),
          dueOn: d.due_on,
          overdue: d.due_on < today,
          pressReply: false,
        });
      }
      lines.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id));
    }
    const overdue = lines.filter((l) => l.overdue).length;
    return {
      items: lines.slice(0, REMINDER_MAX_ITEMS).map((l) => ({ ...l, dueAt: l.dueAt.toISOString() })),
      overdue,
      dueSoon: lines.length - overdue,
    };
  }
}
