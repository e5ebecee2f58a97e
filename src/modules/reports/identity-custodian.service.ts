import { AppError, badInput, conflict, ErrorCode, notFound } from '../../common/errors';
import { Role } from '../../common/role.enum';
import { withDatabaseContext } from '../../db/database-roles';
import type { CursorCodec } from '../../graphql/cursor';
import { databaseActor } from '../../graphql/request-context';
import type { RequestContext } from '../../graphql/context';
import { lazyEdges, lazyPageInfo } from '../../graphql/page-info';
import { isInspectionChair } from '../accounts/inspection-chair';
import { notInvolved } from '../recusal/recusal.policy';
import { IdentityAccess } from './identity-access.entity';
import { IdentityAccessRequest, IdentityAccessStatus } from './identity-access-request.entity';
import { dataKeyOf, type GroupMemberValues, openGroupMembers, openIdentity, type IdentityValues } from './identity-values';
import type { Report } from './report.entity';
import { ReporterIdentity } from './reporter-identity.entity';
import type { ReportSecrets } from './reports.ports';
import type { IdentityAccessLogEntry, IdentityAccessLogPage } from './identity-custodian.types';

/** The shortest reason a handler may give: a word or two is not a reason. */
export const MIN_ACCESS_REASON = 20;

const refused = (message: string, reason: string) => new AppError(ErrorCode.FORBIDDEN, message, { reason });

/** Whether the caller is the chair of the Inspection Committee (the identity custodian), read from its account row. */
export const isChair = isInspectionChair;

/** A report the caller may read, or NOT_FOUND (the reports service's rule, recusal included). */
export type ReadableReport = (ctx: RequestContext, id: string) => Promise<Report>;

/**
 * The identity custodian (GlobaLeaks' model): the handler of a report asks, with a reason, to
 * read the reporter's identity; the chair of the Inspection Committee grants or refuses; the
 * grant holds for that handler and that report until the report is reassigned; every read is
 * logged in the reading transaction; the log is read by the chair and the Standing Committee.
 * There is no other way to the identity, for any role.
 */
/** The identity as read: its values, or the state left after destruction on retention. */
export type ReadIdentity = IdentityValues & { groupMembers: GroupMemberValues[]; destroyedAt: Date | null };

const destroyedIdentity = (at: Date): ReadIdentity => ({
  fullName: null,
  idNumber: null,
  phone: null,
  email: null,
  address: null,
  groupMembers: [],
  destroyedAt: at,
});

export class IdentityCustodianService {
  constructor(
    private readonly readable: ReadableReport,
    private readonly secrets: ReportSecrets,
    private readonly cursors: CursorCodec,
  ) {}

  /** The handler's request; nothing is written when it is refused. */
  async request(ctx: RequestContext, reportId: string, reason: string): Promise<IdentityAccessRequest> {
    const report = await this.readable(ctx, reportId);
    if (!ctx.account || report.handlerId !== ctx.account.id) {
      throw refused(
        'Chỉ ủy viên Ủy ban Kiểm tra đang được giao xử lý đơn này mới được đề nghị xem danh tính người gửi đơn.',
        'NOT_HANDLER',
      );
    }
    const why = reason.trim();
    if (why.length < MIN_ACCESS_REASON) {
      throw badInput(
        `Cần nêu lý do cần biết danh tính người gửi đơn (ít nhất ${MIN_ACCESS_REASON} ký tự).`,
        [{ path: 'reason', message: `dài ít nhất ${MIN_ACCESS_REASON} ký tự`, code: 'TOO_SHORT' }],
        'REASON_REQUIRED',
      );
    }
    if (!(await ctx.manager.exists(ReporterIdentity, { where: { reportId } }))) {
      throw conflict('Đơn này không có thông tin danh tính người gửi để đề nghị xem.', { reason: 'NO_IDENTITY' });
    }
    const live = await ctx.manager.findOne(IdentityAccessRequest, {
      where: [
        { reportId, requestedById: ctx.account.id, status: IdentityAccessStatus.REQUESTED },
        { reportId, requestedById: ctx.account.id, status: IdentityAccessStatus.GRANTED },
      ],
    });
    if (live) {
      throw conflict(
        live.status === IdentityAccessStatus.GRANTED
          ? 'Đề nghị xem danh tính của đơn này đã được chấp thuận.'
          : 'Đã có đề nghị xem danh tính của đơn này đang chờ Chủ nhiệm Ủy ban Kiểm tra quyết định.',
        { reason: 'REQUEST_PENDING', requestId: live.id },
      );
    }
    return ctx.manager.save(
      ctx.manager.create(IdentityAccessRequest, {
        reportId,
        requestedById: ctx.account.id,
        reason: why,
        status: IdentityAccessStatus.REQUESTED,
      }),
    );
  }

  /** The chair's decision: only the chair, never on their own request, never on a report they are involved in. */
  async decide(ctx: RequestContext, requestId: string, grant: boolean, note: string | null): Promise<IdentityAccessRequest> {
    if (!(await isChair(ctx))) {
      throw refused(
        'Chỉ Chủ nhiệm Ủy ban Kiểm tra mới được chấp thuận hoặc từ chối đề nghị xem danh tính người gửi đơn.',
        'NOT_CHAIR',
      );
    }
    const request = await ctx.manager.findOne(IdentityAccessRequest, {
      where: { id: requestId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!request) throw notFound('Identity access request', requestId);
    // An involved chair may not know the report exists: the same NOT_FOUND as an unknown request.
    const report = await this.readable(ctx, request.reportId).catch(() => {
      throw notFound('Identity access request', requestId);
    });
    if (request.requestedById === ctx.account!.id) {
      throw refused('Chủ nhiệm Ủy ban Kiểm tra không được tự quyết định đề nghị của chính mình.', 'OWN_REQUEST');
    }
    if (request.status !== IdentityAccessStatus.REQUESTED) {
      throw conflict(`Đề nghị này đã ở trạng thái ${request.status}, không thể quyết định lại.`, {
        reason: 'ALREADY_DECIDED',
        status: request.status,
      });
    }
    if (report.handlerId !== request.requestedById) {
      throw conflict('Người đề nghị không còn được giao xử lý đơn này.', { reason: 'NOT_HANDLER_ANY_MORE' });
    }
    request.status = grant ? IdentityAccessStatus.GRANTED : IdentityAccessStatus.REFUSED;
    request.decidedById = ctx.account!.id;
    request.decidedAt = new Date();
    request.decisionNote = note?.trim() || null;
    return ctx.manager.save(request);
  }

  /**
   * The reporter's identity, for the handler holding a live grant only. The grant is re-read
   * and locked in the reading transaction with the report's handler, the read is logged in it,
   * and nothing is returned if the log cannot be written. Null for a report without an identity.
   */
  async readIdentity(ctx: RequestContext, report: Report): Promise<ReadIdentity | null> {
    const me = ctx.account;
    const denied = () =>
      refused(
        'Chỉ người đang xử lý đơn, khi đề nghị xem danh tính đã được Chủ nhiệm Ủy ban Kiểm tra chấp thuận, mới xem được danh tính người gửi đơn.',
        'IDENTITY_GRANT_REQUIRED',
      );
    if (!me || me.role !== Role.INSPECTION_COMMITTEE || report.handlerId !== me.id) throw denied();
    // Queries run outside a transaction: open one (carrying the reader to the row-level security
    // policies) so the grant check, the read and the log entry stand together.
    return withDatabaseContext(ctx.manager, databaseActor(me), async (manager) => {
      const rows: Array<{ id: string }> = await manager.query(
        `SELECT g.id FROM identity_access_request g JOIN report r ON r.id = g.report_id
          WHERE g.report_id = $1 AND g.requested_by_id = $2 AND g.status = 'GRANTED' AND r.handler_id = $2
          FOR SHARE OF g, r`,
        [report.id, me.id],
      );
      const grant = rows[0];
      if (!grant) throw denied();
      const [state] = (await manager.query(`SELECT identity_destroyed_at FROM report WHERE id = $1`, [report.id])) as Array<{
        identity_destroyed_at: Date | null;
      }>;
      // Destroyed on retention (crypto-shredded): a state to show, not an error; nothing was read, nothing is logged.
      if (state?.identity_destroyed_at) return destroyedIdentity(state.identity_destroyed_at);
      const row = await manager.findOne(ReporterIdentity, { where: { reportId: report.id } });
      if (!row) return null;
      const key = await dataKeyOf(manager, this.secrets, report.id);
      await manager.insert(IdentityAccess, {
        reportId: report.id,
        accountId: me.id,
        requestId: ctx.requestId,
        grantId: grant.id,
      });
      return {
        ...openIdentity(this.secrets, report.id, row, key),
        groupMembers: openGroupMembers(this.secrets, report.id, row, key),
        destroyedAt: null,
      };
    });
  }

  /**
   * Requests the caller may see, newest first: the chair sees every request (but those about
   * reports it is involved in), everyone else its own.
   */
  async requests(
    ctx: RequestContext,
    filter: { reportId?: string | null; status?: IdentityAccessStatus | null; first: number },
  ): Promise<IdentityAccessRequest[]> {
    const q = ctx.manager
      .createQueryBuilder(IdentityAccessRequest, 'g')
      .innerJoin('report', 'r', 'r.id = g.report_id')
      .where(notInvolved.report('r', ':me'), { me: ctx.account?.cadreId ?? null })
      .orderBy('g.created_at', 'DESC')
      .addOrderBy('g.id', 'DESC')
      .limit(filter.first);
    if (!(await isChair(ctx))) q.andWhere('g.requested_by_id = :self', { self: ctx.account!.id });
    if (filter.reportId) q.andWhere('g.report_id = :reportId', { reportId: filter.reportId });
    if (filter.status) q.andWhere('g.status = :status', { status: filter.status });
    return q.getMany();
  }

  /**
   * Who read which reporter's identity, when, why and under whose grant, newest first: for the
   * chair and the Standing Committee. Never the identity itself.
   */
  async accessLog(
    ctx: RequestContext,
    args: { reportId?: string | null; first: number; after?: string | null },
  ): Promise<IdentityAccessLogPage> {
    if (!(await isChair(ctx)) && ctx.account?.role !== Role.STANDING_COMMITTEE) {
      throw refused(
        'Chỉ Chủ nhiệm Ủy ban Kiểm tra và Ban Thường vụ mới được xem nhật ký truy cập danh tính người gửi đơn.',
        'NOT_CUSTODIAN',
      );
    }
    const params: unknown[] = [ctx.account?.cadreId ?? null, args.first + 1];
    const where = [notInvolved.report('r', '$1')];
    if (args.reportId) {
      params.push(args.reportId);
      where.push(`a.report_id = $${params.length}`);
    }
    if (args.after) {
      const c = this.cursors.decode(args.after, 'after');
      if (c['k'] !== 'identity-access' || typeof c['id'] !== 'string' || !/^\d{1,19}$/.test(c['id']))
        this.cursors.decode('', 'after');
      params.push(c['id']);
      where.push(`a.id < $${params.length}::bigint`);
    }
    const rows: Array<{
      id: string;
      accessed_at: Date;
      report_id: string;
      account_id: string;
      reason: string | null;
      granted_by_id: string | null;
      granted_at: Date | null;
    }> = await withDatabaseContext(ctx.manager, databaseActor(ctx.account), (m) =>
      m.query(
        `SELECT a.id, a.accessed_at, a.report_id, a.account_id, g.reason, g.decided_by_id AS granted_by_id, g.decided_at AS granted_at
         FROM identity_access a JOIN report r ON r.id = a.report_id
         LEFT JOIN identity_access_request g ON g.id = a.grant_id
        WHERE ${where.join(' AND ')}
        ORDER BY a.id DESC LIMIT $2`,
        params,
      ),
    );
    const nodes: IdentityAccessLogEntry[] = rows.slice(0, args.first).map((r) => ({
      id: r.id,
      accessedAt: r.accessed_at,
      reportId: r.report_id,
      accountId: r.account_id,
      reason: r.reason,
      grantedById: r.granted_by_id,
      grantedAt: r.granted_at,
    }));
    const edges = lazyEdges(nodes, (n) => this.cursors.encode({ k: 'identity-access', id: n.id }));
    return { edges, pageInfo: lazyPageInfo(edges, rows.length > args.first, !!args.after) };
  }
}
