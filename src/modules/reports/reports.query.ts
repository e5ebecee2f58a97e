import { isUUID } from 'class-validator';
import { Brackets, type SelectQueryBuilder } from 'typeorm';
import { badInput } from '../../common/errors';
import { plainRows } from '../../db/plain-rows';
import type { CursorCodec } from '../../graphql/cursor';
import { lazyEdges, lazyPageInfo } from '../../graphql/page-info';
import type { RequestContext } from '../../graphql/context';
import { Role } from '../../common/role.enum';
import { markCleared, notInvolved } from '../recusal/recusal.policy';
import { OPEN_STATUSES } from './report-workflow';
import { Report } from './report.entity';
import type { ReportFilter, ReportsArgs } from './reports.inputs';
import { ReportConnection } from './reports.types';

/** The staff report list: filters, role scoping and keyset pagination (newest first). */
export class ReportsQueryService {
  constructor(private readonly cursors: CursorCodec) {}

  /**
   * One page of reports the caller may read; `totalCount` is counted only when asked for.
   * Newest first, except for deadline lists (`overdue: true` or `dueWithinDays`), which come
   * most urgent first: that order is what a committee works down, and it walks the partial
   * due-date index instead of skipping the recent open reports that are not yet due.
   */
  async list(ctx: RequestContext, args: ReportsArgs): Promise<ReportConnection> {
    const filter = args.filter ?? {};
    const base = this.scoped(ctx, filter);
    const byDeadline = filter.overdue === true || filter.dueWithinDays !== undefined;
    const [column, dir, op] = byDeadline ? (['r.due_at', 'ASC', '>'] as const) : (['r.received_at', 'DESC', '<'] as const);
    const order = byDeadline ? 'due' : 'received';
    // The key travels as PostgreSQL's own text of the timestamp: a JavaScript Date would drop
    // its microseconds, and the next page would start again at the same row.
    // The conditions come from the query builder; the row mapping is plainRows' (as on the cadre
    // list): TypeORM's hydration of a page of reports, 45 columns a row, cost more main-thread CPU
    // than the statement (the bench's reports-overdue).
    const reader = plainRows(ctx.manager, Report);
    const page = base
      .clone()
      .select(reader.columns('r', 'r_'))
      .addSelect(`CAST(${column} AS text)`, 'sort_key')
      .orderBy(column, dir)
      .addOrderBy('r.id', dir)
      .limit(args.first + 1);
    if (args.after) {
      const c = this.cursors.decode(args.after, 'after');
      const at = c['at'];
      const id = c['id'];
      if (c['o'] !== order || typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !isUUID(id)) {
        throw badInput(
          'after không phải con trỏ của danh sách này (thuộc bộ lọc khác hoặc đã bị sửa); hãy bắt đầu lại từ trang đầu',
          [{ path: 'after', message: 'invalid cursor' }],
          'INVALID_CURSOR',
        );
      }
      page.andWhere(`(${column}, r.id) ${op} (CAST(:at AS timestamptz), CAST(:id AS uuid))`, { at, id });
    }
    const raw = await page.getRawMany<Record<string, unknown> & { r_id: string; sort_key: string }>();
    const rows = reader.read(raw, 'r_');
    const keys = new Map(raw.map((k) => [k.r_id, k.sort_key]));
    const hasNextPage = rows.length > args.first;
    const nodes = rows.slice(0, args.first);
    for (const r of nodes) ctx.loaders.reportById.prime(r.id, r);
    markCleared(ctx, nodes);
    const edges = lazyEdges(nodes, (node) => this.cursors.encode({ o: order, at: keys.get(node.id), id: node.id }));
    return Object.assign(new ReportConnection(), {
      edges,
      pageInfo: lazyPageInfo(edges, hasNextPage, !!args.after),
      // count(*) rather than getCount()'s COUNT(DISTINCT id): the query has no joins, and the
      // plain count is an index-only scan on the partial due-date index (11 ms vs 317 ms at 1M).
      countTotal: async () => Number((await base.clone().select('count(*)', 'n').getRawOne<{ n: string }>())?.n ?? 0),
    });
  }

  /** Reports matching the filter among those the caller may read. */
  private scoped(ctx: RequestContext, f: ReportFilter): SelectQueryBuilder<Report> {
    const q = ctx.manager.createQueryBuilder(Report, 'r');
    const account = ctx.account!;
    // A cadre never sees a report naming them, of any kind, whatever the role (recusal).
    if (account.cadreId) q.andWhere(notInvolved.report('r', ':me'), { me: account.cadreId });
    if (account.role === Role.UNIT_HEAD) {
      q.andWhere(
        `EXISTS (SELECT 1 FROM report_subject s LEFT JOIN cadre c ON c.id = s.cadre_id
                   JOIN unit u ON u.id = coalesce(s.unit_id, c.unit_id)
                  WHERE s.report_id = r.id AND u.path LIKE (SELECT path FROM unit WHERE id = :scope) || '%')`,
        { scope: account.unitId },
      );
    }
    if (f.kinds?.length) q.andWhere('r.kind IN (:...kinds)', { kinds: f.kinds });
    if (f.sources?.length) q.andWhere('r.source IN (:...sources)', { sources: f.sources });
    if (f.statuses?.length) q.andWhere('r.status IN (:...statuses)', { statuses: f.statuses });
    if (f.fields?.length) q.andWhere('r.field IN (:...fields)', { fields: f.fields });
    if (f.handlerId) q.andWhere('r.handler_id = :handlerId', { handlerId: f.handlerId });
    if (f.cadreId)
      q.andWhere('EXISTS (SELECT 1 FROM report_subject s WHERE s.report_id = r.id AND s.cadre_id = :cadreId)', {
        cadreId: f.cadreId,
      });
    if (f.unitId) {
      q.andWhere(
        `EXISTS (SELECT 1 FROM report_subject s LEFT JOIN cadre c ON c.id = s.cadre_id
                   JOIN unit u ON u.id = coalesce(s.unit_id, c.unit_id)
                  WHERE s.report_id = r.id AND u.path LIKE (SELECT path FROM unit WHERE id = :unitId) || '%')`,
        { unitId: f.unitId },
      );
    }
    const open = [...OPEN_STATUSES];
    if (f.overdue === true) q.andWhere('r.status IN (:...open) AND r.due_at < now()', { open });
    if (f.overdue === false)
      q.andWhere(
        new Brackets((w) => w.where('r.status NOT IN (:...open)', { open }).orWhere('r.due_at IS NULL OR r.due_at >= now()')),
      );
    if (f.dueWithinDays !== undefined) {
      q.andWhere(`r.status IN (:...open) AND r.due_at >= now() AND r.due_at < now() + make_interval(days => :within)`, {
        open,
        within: f.dueWithinDays,
      });
    }
    if (f.receivedFrom) q.andWhere('r.received_at >= :from', { from: f.receivedFrom });
    if (f.receivedTo) q.andWhere('r.received_at < :to', { to: f.receivedTo });
    if (f.search) {
      // Every word must appear (accents and case ignored); the trigram index serves each LIKE.
      const words = f.search.split(/\s+/).filter(Boolean).slice(0, 10);
      words.forEach((word, i) => {
        q.andWhere(`search_text(r.title_redacted || ' ' || r.content_redacted) LIKE '%' || search_text(:w${i}) || '%'`, {
          [`w${i}`]: word.replace(/[%_\\]/g, (m) => `\\${m}`),
        });
      });
    }
    return q;
  }
}
