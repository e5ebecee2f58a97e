import { isUUID } from 'class-validator';
import { Brackets, type SelectQueryBuilder } from 'typeorm';
import type { CursorCodec } from '../../graphql/cursor';
import type { RequestContext } from '../../graphql/context';
import { Role } from '../accounts/role.enum';
import { OPEN_STATUSES } from './report-workflow';
import { Report } from './report.entity';
import { ReportKind } from './report.enums';
import type { ReportFilter, ReportsArgs } from './reports.inputs';
import { ReportConnection } from './reports.types';

/** The staff report list: filters, role scoping and keyset pagination (newest first). */
export class ReportsQueryService {
  constructor(private readonly cursors: CursorCodec) {}

  /** One page of reports the caller may read; `totalCount` is counted only when asked for. */
  async list(ctx: RequestContext, args: ReportsArgs): Promise<ReportConnection> {
    const base = this.scoped(ctx, args.filter ?? {});
    const page = base.clone().orderBy('r.received_at', 'DESC').addOrderBy('r.id', 'DESC').take(args.first + 1);
    if (args.after) {
      const c = this.cursors.decode(args.after, 'after');
      const at = typeof c['at'] === 'string' ? new Date(c['at']) : null;
      const id = c['id'];
      if (!at || Number.isNaN(at.getTime()) || typeof id !== 'string' || !isUUID(id)) {
        this.cursors.decode('', 'after');
      }
      page.andWhere('(r.received_at, r.id) < (:at, :id)', { at, id });
    }
    const rows = await page.getMany();
    const hasNextPage = rows.length > args.first;
    const nodes = rows.slice(0, args.first);
    for (const r of nodes) ctx.loaders.reportById.prime(r.id, r);
    const cursors = this.cursors;
    const edges = nodes.map((node) => ({
      node,
      get cursor(): string {
        return cursors.encode({ at: node.receivedAt.toISOString(), id: node.id });
      },
    }));
    return Object.assign(new ReportConnection(), {
      edges,
      pageInfo: {
        hasNextPage,
        hasPreviousPage: !!args.after,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      // count(*) rather than getCount()'s COUNT(DISTINCT id): the query has no joins, and the
      // plain count is an index-only scan on the partial due-date index (11 ms vs 317 ms at 1M).
      countTotal: async () => Number((await base.clone().select('count(*)', 'n').getRawOne<{ n: string }>())?.n ?? 0),
    });
  }

  /** Reports matching the filter among those the caller may read. */
  private scoped(ctx: RequestContext, f: ReportFilter): SelectQueryBuilder<Report> {
    const q = ctx.manager.createQueryBuilder(Report, 'r');
    const account = ctx.account!;
    if (account.cadreId) {
      // A cadre never sees a denunciation of themself, whatever the role.
      q.andWhere(
        `NOT (r.kind = :denunciation AND EXISTS (SELECT 1 FROM report_subject s WHERE s.report_id = r.id AND s.cadre_id = :me))`,
        { denunciation: ReportKind.DENUNCIATION, me: account.cadreId },
      );
    }
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
    if (f.cadreId) q.andWhere('EXISTS (SELECT 1 FROM report_subject s WHERE s.report_id = r.id AND s.cadre_id = :cadreId)', { cadreId: f.cadreId });
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
    if (f.overdue === false) q.andWhere(new Brackets((w) => w.where('r.status NOT IN (:...open)', { open }).orWhere('r.due_at IS NULL OR r.due_at >= now()')));
    if (f.dueWithinDays !== undefined) {
      q.andWhere(`r.status IN (:...open) AND r.due_at >= now() AND r.due_at < now() + make_interval(days => :within)`, { open, within: f.dueWithinDays });
    }
    if (f.receivedFrom) q.andWhere('r.received_at >= :from', { from: f.receivedFrom });
    if (f.receivedTo) q.andWhere('r.received_at < :to', { to: f.receivedTo });
    if (f.search) {
      // Every word must appear (accents and case ignored); the trigram index serves each LIKE.
      const words = f.search.split(/\s+/).filter(Boolean).slice(0, 10);
      words.forEach((word, i) => {
        q.andWhere(`search_text(r.title || ' ' || r.content_redacted) LIKE '%' || search_text(:w${i}) || '%'`, {
          [`w${i}`]: word.replace(/[%_\\]/g, (m) => `\\${m}`),
        });
      });
    }
    return q;
  }
}
