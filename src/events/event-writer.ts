import type { RequestContext } from '../graphql/context';

/** Words that must never appear as payload keys: the payload is public to the board. */
const PROTECTED_KEYS = /name|phone|email|address|idNumber|identity|content/i;

/**
 * Writes a board event into the outbox through the caller's transaction: it commits with the
 * change or not at all. The doorbell rings after the commit: PostgreSQL's NOTIFY trigger, or
 * (Redis doorbell) `ctx.ringDoorbell`, added to the after-commit hooks once per transaction.
 */
export async function recordEvent(
  ctx: RequestContext,
  type: string,
  payload: Record<string, string | number | boolean | null | string[]>,
  unitIds: string[] = [],
): Promise<void> {
  const bad = Object.keys(payload).filter((k) => PROTECTED_KEYS.test(k) && k !== 'unitName');
  if (bad.length) throw new Error(`event ${type} would carry protected fields: ${bad.join(', ')}`);
  // The outbox table is the feed's own (src/events/outbox-reader.ts reads it the same way); its
  // entity, with the event types the modules write, is the board's (modules/board).
  await ctx.manager.query('INSERT INTO outbox_event (type, payload, unit_ids) VALUES ($1, $2::jsonb, $3::uuid[])', [
    type,
    JSON.stringify(payload),
    unitIds,
  ]);
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
