import type { DataSource } from 'typeorm';
import type { FeedPosition } from './feed-position';

/** Counting stops here: past it the figure only says "very far behind". */
const MAX_COUNTED = 100_000;

/**
 * How far an instance's delivery is behind the outbox, in one statement: the committed events
 * after the delivered position in feed order (counted, up to {@link MAX_COUNTED}; a difference of
 * ids would miss events held back by an open transaction once a later one is delivered), and the
 * age of the oldest of them (0 when there is none).
 */
export async function outboxLag(
  dataSource: DataSource,
  delivered: FeedPosition,
): Promise<{ events: number; ageSeconds: number }> {
  const rows: Array<{ behind: number; age: number | null }> = await dataSource.query(
    `SELECT count(*)::int AS behind, extract(epoch FROM clock_timestamp() - min(occurred_at))::float8 AS age
       FROM (SELECT occurred_at FROM outbox_event WHERE (tx_id, id) > ($1::bigint, $2::bigint) LIMIT $3) after_delivered`,
    [delivered.tx.toString(), delivered.id.toString(), MAX_COUNTED],
  );
  const row = rows[0];
  return { events: row?.behind ?? 0, ageSeconds: Math.max(0, row?.age ?? 0) };
}
