import { AppError, badInput, ErrorCode, forbidden } from '../../common/errors';
import { Role } from '../../common/role.enum';
import type { RequestContext } from '../../graphql/context';
import { notInvolved } from '../recusal/recusal.policy';
import { isChair } from './identity-custodian.service';
import { localDateOf } from './legal-calendar';
import { ReportKind, ReportStatus } from './report.enums';
import { type RetentionDestroyedReport, RetentionDestruction } from './retention-destruction.entity';
import { addMonths, type RetentionRuleSet, retentionSetOn } from './retention-rules';

/** The stages a report ends in; its retention period runs from the day it reached one. */
export const FINAL_STATUSES: readonly ReportStatus[] = [
  ReportStatus.CLOSED,
  ReportStatus.MERGED,
  ReportStatus.INFORMATION_USED,
  ReportStatus.INFORMATION_FILED,
];

/** A report with its retention reckoning (never identity). */
export interface RetentionReckoning extends RetentionDestroyedReport {
  status: ReportStatus;
  basis: string | null;
  configurable: boolean;
}

/**
 * Retention (thời hạn lưu trữ): which closed reports are past their period, and their destruction
 * on the confirmation of the chair of the Inspection Committee or an ADMIN. Every read and write
 * goes through the recusal rule: an account never lists or destroys a report it is involved in.
 */
export class RetentionService {
  constructor(private readonly rules: () => { version: number; sets: readonly RetentionRuleSet[] }) {}

  /** The chair of the Inspection Committee or an ADMIN; FORBIDDEN (RETENTION_NOT_CUSTODIAN) for anyone else. */
  private async assertMayReview(ctx: RequestContext): Promise<void> {
    if (ctx.account?.role === Role.ADMIN) return;
    if (ctx.account?.role === Role.INSPECTION_COMMITTEE && (await isChair(ctx))) return;
    throw forbidden(
      'Chỉ Chủ nhiệm Ủy ban Kiểm tra hoặc quản trị viên mới được xem và xác nhận tiêu hủy hồ sơ hết thời hạn lưu trữ.',
      'RETENTION_NOT_CUSTODIAN',
    );
  }

  /** Closed reports not yet destroyed, with the ids given (all when null), reckoned against the rules in force on their closing day. */
  private async reckon(ctx: RequestContext, ids: readonly string[] | null, lock: boolean): Promise<RetentionReckoning[]> {
    const params: unknown[] = [ctx.account?.cadreId ?? null, [...FINAL_STATUSES]];
    if (ids) params.push(ids);
    const rows = (await ctx.manager.query(
      `SELECT r.id, r.kind, r.status,
              (SELECT (max(t.at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text FROM report_timeline_entry t
                WHERE t.report_id = r.id AND t.type = 'TRANSITION' AND t.to_status::text = r.status::text) AS closed_on
         FROM report r
        WHERE r.status::text = ANY($2::text[]) AND r.identity_destroyed_at IS NULL AND ${notInvolved.report('r', '$1')}
          ${ids ? 'AND r.id = ANY($3::uuid[])' : ''}
        ORDER BY r.id ${lock ? 'FOR UPDATE OF r' : ''}`,
      params,
    )) as Array<{ id: string; kind: ReportKind; status: ReportStatus; closed_on: string | null }>;
    const { sets } = this.rules();
    return rows
      .filter((r) => r.closed_on)
      .map((r) => {
        const set = retentionSetOn(r.closed_on!, sets);
        const period = set.periods[r.kind];
        return {
          reportId: r.id,
          kind: r.kind,
          status: r.status,
          closedOn: r.closed_on!,
          retentionMonths: period.months,
          dueOn: addMonths(r.closed_on!, period.months),
          ruleSetId: set.id,
          basis: period.basis,
          configurable: period.configurable,
        };
      });
  }

  /** Reports past their retention period today, oldest due first, for the committee to confirm. */
  async pastRetention(ctx: RequestContext): Promise<RetentionReckoning[]> {
    await this.assertMayReview(ctx);
    const today = localDateOf(new Date());
    return (await this.reckon(ctx, null, false))
      .filter((r) => r.dueOn <= today)
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.reportId.localeCompare(b.reportId));
  }

  /**
   * Destroys the reporter's identity and the evidence of the reports given, all past retention,
   * in the caller's transaction, and writes one audit entry. Reports already destroyed are left
   * as they are (a second confirmation is a no-op: no audit entry when nothing was destroyed).
   * Refused, nothing written: NOT_FOUND for an id that is not a report the caller may see;
   * BAD_USER_INPUT RETENTION_NOT_DUE naming the reports not yet past retention (or not closed).
   */
  async destroy(
    ctx: RequestContext,
    reportIds: readonly string[],
  ): Promise<{ destruction: RetentionDestruction | null; alreadyDestroyed: string[] }> {
    await this.assertMayReview(ctx);
    const ids = [...new Set(reportIds)].sort();
    const visible = (await ctx.manager.query(
      `SELECT r.id, r.identity_destroyed_at IS NOT NULL AS destroyed FROM report r
        WHERE r.id = ANY($1::uuid[]) AND ${notInvolved.report('r', '$2')} FOR UPDATE OF r`,
      [ids, ctx.account?.cadreId ?? null],
    )) as Array<{ id: string; destroyed: boolean }>;
    const unknown = ids.filter((id) => !visible.some((v) => v.id === id));
    if (unknown.length)
      throw new AppError(ErrorCode.NOT_FOUND, `Không tìm thấy đơn ${unknown.join(', ')}; không tiêu hủy gì.`, {
        reason: 'REPORT_NOT_FOUND',
        reportIds: unknown,
      });
    const alreadyDestroyed = visible.filter((v) => v.destroyed).map((v) => v.id);
    const pending = ids.filter((id) => !alreadyDestroyed.includes(id));
    const today = localDateOf(new Date());
    const reckoned = pending.length ? await this.reckon(ctx, pending, true) : [];
    const notDue = pending.filter((id) => {
      const r = reckoned.find((x) => x.reportId === id);
      return !r || r.dueOn > today;
    });
    if (notDue.length) {
      const why = notDue.map((id) => {
        const r = reckoned.find((x) => x.reportId === id);
        return r ? `${id} (hết hạn lưu trữ ngày ${r.dueOn})` : `${id} (chưa kết thúc)`;
      });
      throw badInput(
        `Chưa hết thời hạn lưu trữ nên không được tiêu hủy: ${why.join('; ')}. Không tiêu hủy gì.`,
        [{ path: 'input.reportIds', message: `chưa hết thời hạn lưu trữ: ${notDue.join(', ')}` }],
        'RETENTION_NOT_DUE',
      );
    }
    if (!reckoned.length) return { destruction: null, alreadyDestroyed };
    for (const r of reckoned) await ctx.manager.query(`SELECT giamsat_destroy_report_identity($1)`, [r.reportId]);
    const [who] = (await ctx.manager.query(`SELECT email FROM account WHERE id = $1`, [ctx.account!.id])) as Array<{
      email: string;
    }>;
    const reports: RetentionDestroyedReport[] = reckoned.map((r) => ({
      reportId: r.reportId,
      kind: r.kind,
      closedOn: r.closedOn,
      retentionMonths: r.retentionMonths,
      dueOn: r.dueOn,
      ruleSetId: r.ruleSetId,
    }));
    const destruction = await ctx.manager.save(
      ctx.manager.create(RetentionDestruction, {
        confirmedById: ctx.account!.id,
        confirmedByEmail: who?.email ?? '',
        ruleDataVersion: this.rules().version,
        reports,
      }),
    );
    return { destruction, alreadyDestroyed };
  }

  /** The audit of retention runs, newest first. */
  async destructions(ctx: RequestContext, first: number): Promise<RetentionDestruction[]> {
    await this.assertMayReview(ctx);
    return ctx.manager.find(RetentionDestruction, { order: { confirmedAt: 'DESC' }, take: first });
  }
}
