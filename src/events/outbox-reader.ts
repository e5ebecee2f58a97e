import type { DataSource } from 'typeorm';
import { type FeedPosition, FEED_START } from './feed-position';

/**
 * An outbox row that is not an event for subscribers: an account's role, unit, cadre, disabled
 * flag or token version changed (written by the `account` table's trigger, migration
 * AccountChangeInOutbox), payload `{ accountId, version }`. Delivery reads it in feed order to
 * stop the account's sockets before any later event (src/events/account-versions.ts); it is never
 * sent to a client.
 */
export const ACCOUNT_CHANGED = 'ACCOUNT_CHANGED';

/**
 * An outbox row that is not an event for subscribers: shared data that every instance keeps in
 * memory changed (payload `{ kind, version }`, e.g. a new version of rule data). Delivery hands it
 * to the listeners of FeedNotices (feed-notices.ts) in feed order; it is never sent to a client.
 */
export const DATA_CHANGED = 'DATA_CHANGED';

/** An outbox row as delivery sees it: the event, its place in the feed, and what filtering needs. */
export interface FeedEvent {
  readonly position: FeedPosition;
  readonly id: string;
  /** The event's type, as the module that wrote it named it (`recordEvent`). */
  readonly type: string;
  readonly occurredAt: Date;
  readonly payload: Record<string, unknown>;
  readonly unitIds: readonly string[];
  /** Materialised paths of `unitIds`, so a UNIT_HEAD's subtree check needs no query per event. */
  readonly unitPaths: readonly string[];
  /**
   * The cadres involved in the item the event is about (a report's concerned cadres, an
   * inspection's subject, a finding's cadres, a case's cadre): never sent; an account linked to
   * one of them is never told of the event.
   */
  readonly concernedCadreIds: readonly string[];
}

/** An ACCOUNT_CHANGED row: in feed order among the events, never delivered to a client. */
export interface AccountChange {
  readonly kind: 'accountChange';
  readonly position: FeedPosition;
  readonly accountId: string;
  readonly version: number;
}

/** A DATA_CHANGED row: in feed order among the events, handed to the instance's listeners, never delivered to a client. */
export interface DataChange {
  readonly kind: 'dataChange';
  readonly position: FeedPosition;
  readonly payload: Record<string, unknown>;
}

/** What the feed reads: board events, and the account and data changes between them. */
export type FeedItem = FeedEvent | AccountChange | DataChange;

export const isAccountChange = (item: FeedItem): item is AccountChange => 'kind' in item && item.kind === 'accountChange';
export const isDataChange = (item: FeedItem): item is DataChange => 'kind' in item && item.kind === 'dataChange';

interface Row {
  id: string;
  tx_id: string;
  type: string;
  occurred_at: Date;
  payload: Record<string, unknown>;
  unit_ids: string[];
  unit_paths: string[] | null;
  cadre_ids: string[] | null;
}

// The horizon is taken once per statement (a CTE over a STABLE function, i.e. this statement's
// snapshot): every transaction below it has finished, and this snapshot sees all that committed.
// A row above it may still be joined by a row of a transaction that is still open, so it waits
// for a later read: nothing that commits late is ever passed over.
const columns = (involvedCadresSql: string) => `e.id, e.tx_id, e.type, e.occurred_at, e.payload, e.unit_ids::text[] AS unit_ids,
       (SELECT array_agg(u.path) FROM unit u WHERE u.id = ANY (e.unit_ids)) AS unit_paths,
       ${involvedCadresSql} AS cadre_ids`;

/** Reads the outbox in feed order, below the horizon of finished transactions. */
export class OutboxReader {
  private readonly COLUMNS: string;

  /**
   * @param involvedCadresSql a text[] expression over the outbox row `e`: the cadres involved in
   *   the event's item (the recusal policy's, handed down by the composition root); `NULL` for none.
   */
  constructor(
    private readonly dataSource: DataSource,
    involvedCadresSql = 'NULL::text[]',
  ) {
    this.COLUMNS = columns(involvedCadresSql);
  }

  /** Up to `limit` events and account changes after `after`, oldest first: one statement. */
  async after(after: FeedPosition, limit: number): Promise<FeedItem[]> {
    const rows: Row[] = await this.dataSource.query(
      `WITH h AS MATERIALIZED (SELECT outbox_horizon() AS xmin)
       SELECT ${this.COLUMNS}
         FROM outbox_event e, h
        WHERE (e.tx_id, e.id) > ($1::bigint, $2::bigint) AND e.tx_id < h.xmin
        ORDER BY e.tx_id, e.id
        LIMIT $3`,
      [after.tx.toString(), after.id.toString(), limit],
    );
    return rows.map(toItem);
  }

  /**
   * Whether events after `after` have committed but lie at or above the horizon: a transaction
   * begun before them (anywhere on the server) is still open, so they wait. Their ring has come
   * and gone; the feed looks again shortly instead of waiting for the next poll.
   */
  async heldBack(after: FeedPosition): Promise<boolean> {
    const rows: Array<{ held: boolean }> = await this.dataSource.query(
      `WITH h AS MATERIALIZED (SELECT outbox_horizon() AS xmin)
       SELECT EXISTS (SELECT 1 FROM outbox_event e, h WHERE (e.tx_id, e.id) > ($1::bigint, $2::bigint) AND e.tx_id >= h.xmin) AS held`,
      [after.tx.toString(), after.id.toString()],
    );
    return rows[0]?.held === true;
  }

  /**
   * Up to `limit` events (account changes left out) before `before` (null: from the newest below the horizon), newest
   * first, with the horizon's newest position (the feed's end when `before` is null).
   */
  async before(before: FeedPosition | null, limit: number): Promise<FeedEvent[]> {
    const rows: Row[] = await this.dataSource.query(
      `WITH h AS MATERIALIZED (SELECT outbox_horizon() AS xmin)
       SELECT ${this.COLUMNS}
         FROM outbox_event e, h
        WHERE e.tx_id < h.xmin AND ($1::bigint IS NULL OR (e.tx_id, e.id) < ($1::bigint, $2::bigint))
          AND e.type NOT IN ('${ACCOUNT_CHANGED}', '${DATA_CHANGED}')
        ORDER BY e.tx_id DESC, e.id DESC
        LIMIT $3`,
      [before?.tx.toString() ?? null, before?.id.toString() ?? null, limit],
    );
    return rows.map(toItem).filter((item): item is FeedEvent => !('kind' in item));
  }

  /** The position of the newest event below the horizon (where live delivery starts). */
  async end(): Promise<FeedPosition> {
    const rows: Array<{ tx_id: string; id: string }> = await this.dataSource.query(
      `WITH h AS MATERIALIZED (SELECT outbox_horizon() AS xmin)
       SELECT e.tx_id, e.id FROM outbox_event e, h WHERE e.tx_id < h.xmin ORDER BY e.tx_id DESC, e.id DESC LIMIT 1`,
    );
    const r = rows[0];
    return r ? { tx: BigInt(r.tx_id), id: BigInt(r.id) } : FEED_START;
  }
}

function toItem(r: Row): FeedItem {
  const position = { tx: BigInt(r.tx_id), id: BigInt(r.id) };
  if (r.type === ACCOUNT_CHANGED) {
    return { kind: 'accountChange', position, accountId: String(r.payload['accountId']), version: Number(r.payload['version']) };
  }
  if (r.type === DATA_CHANGED) return { kind: 'dataChange', position, payload: r.payload };
  return {
    position,
    id: r.id,
    type: r.type,
    occurredAt: r.occurred_at,
    payload: r.payload,
    unitIds: r.unit_ids,
    unitPaths: r.unit_paths ?? [],
    concernedCadreIds: r.cadre_ids ?? [],
  };
}
