import type { DataSource } from 'typeorm';
import type { FeedPosition } from './feed-position';

/**
 * How far an instance's delivery is behind the outbox, in one statement: the newest committed
 * event id minus the id of the last event delivered (ids come from one sequence, so this counts
 * the events written since, give or take the order in which their transactions committed), and
 * the age of the oldest committed event after the delivered position (0 when there is none).
 */
export async function outboxLag(
  dataSource: DataSource,
  delivered: FeedPosition,
): Promise<{ events: number; ageSeconds: number }> {
  const rows: Array<{ newest: string | null; age: number | null }> = await dataSource.query(
    `SELECT (SELECT max(id) FROM outbox_event)::text AS newest,
            (SELECT extract(epoch FROM clock_timestamp() - min(occurred_at))::float8
               FROM outbox_event WHERE (tx_id, id) > ($1::bigint, $2::bigint)) AS age`,
    [delivered.tx.toString(), delivered.id.toString()],
  );
  const row = rows[0];
  const newest = row?.newest ? BigInt(row.newest) : 0n;
  const behind = newest > delivered.id ? Number(newest - delivered.id) : 0;
  return { events: behind, ageSeconds: Math.max(0, row?.age ?? 0) };
}
