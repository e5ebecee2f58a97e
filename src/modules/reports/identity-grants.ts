import { BoardEventType } from '../board/board-event.types';
import { recordEvent } from '../../events/event-writer';
import type { RequestContext } from '../../graphql/context';
import type { Report } from './report.entity';
import { ReportKind } from './report.enums';

/**
 * A report changed hands: every live identity request and grant on it ends (a grant is for one
 * handler and one report), and a denunciation's reassignment, or any that ended a grant, goes on
 * the board for the two committees, naming the chair and the previous handler it is meant for.
 * Runs in the assigning transaction.
 */
export async function endGrantsOnReassignment(
  ctx: RequestContext,
  report: Report,
  previousHandlerId: string | null,
): Promise<void> {
  if (!previousHandlerId || previousHandlerId === report.handlerId) return;
  const ended: unknown[] = await ctx.manager.query(
    `UPDATE identity_access_request SET status = 'ENDED', ended_at = now(), ended_reason = $2
      WHERE report_id = $1 AND status IN ('REQUESTED', 'GRANTED') RETURNING id`,
    [report.id, 'Đơn đã được giao cho người xử lý khác.'],
  );
  // node-postgres answers an UPDATE … RETURNING as [rows, count] through TypeORM.
  const grantsEnded = Array.isArray(ended[0]) ? (ended[0] as unknown[]).length : ended.length;
  if (report.kind !== ReportKind.DENUNCIATION && grantsEnded === 0) return;
  const chair = (await ctx.manager.query(`SELECT id FROM account WHERE is_inspection_chair LIMIT 1`)) as Array<{ id: string }>;
  await recordEvent(ctx, BoardEventType.REPORT_REASSIGNED, {
    reportId: report.id,
    kind: report.kind,
    status: report.status,
    previousHandlerAccountId: previousHandlerId,
    handlerAccountId: report.handlerId,
    chairAccountId: chair[0]?.id ?? null,
    grantsEnded,
  });
}
