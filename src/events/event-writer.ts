import type { RequestContext } from '../graphql/context';
import type { BoardEventType } from './board-event.types';
import { OutboxEvent } from './outbox-event.entity';

/** Words that must never appear as payload keys: the payload is public to the board. */
const PROTECTED_KEYS = /name|phone|email|address|idNumber|identity|content/i;

/**
 * Writes a board event into the outbox through the caller's transaction: it commits with the
 * change or not at all. The doorbell rings after the commit: PostgreSQL's NOTIFY trigger, or
 * (Redis doorbell) `ctx.ringDoorbell`, added to the after-commit hooks once per transaction.
 */
export async function recordEvent(
  ctx: RequestContext,
  type: BoardEventType,
  payload: Record<string, string | number | boolean | null | string[]>,
  unitIds: string[] = [],
): Promise<void> {
  const bad = Object.keys(payload).filter((k) => PROTECTED_KEYS.test(k) && k !== 'unitName');
  if (bad.length) throw new Error(`event ${type} would carry protected fields: ${bad.join(', ')}`);
  await ctx.manager.insert(OutboxEvent, { type, payload: payload as OutboxEvent['payload'] as never, unitIds });
  ringAfterCommit(ctx);
}

/**
 * Rings the doorbell once after the caller's transaction commits, when the doorbell needs it
 * (Redis), for a transaction that wrote outbox rows some other way (a trigger).
 */
export function ringAfterCommit(ctx: RequestContext): void {
  const ring = ctx.ringDoorbell;
  if (ring && !ctx.afterCommit.includes(ring)) ctx.afterCommit.push(ring);
}
