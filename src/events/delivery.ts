import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import type { Logger } from '../common/logger';
import type { CursorCodec } from '../graphql/cursor';
import type { ReadinessCheck } from '../common/readiness';
import { AccountVersions } from './account-versions';
import type { Doorbell } from './doorbell';
import { EventFeed } from './event-feed';
import { type EventRoot, FanOut } from './fan-out';
import { FeedCursors, type FeedPosition } from './feed-position';
import { OutboxReader } from './outbox-reader';
import { PgDoorbell } from './pg-doorbell';
import { RedisDoorbell } from './redis-doorbell';

/** Redis channel of the doorbell. */
export const REDIS_CHANNEL = 'giamsat:outbox';

/**
 * Delivery of board events on one instance: the doorbell, the feed that reads the outbox on
 * every ring, and the fan-out to this instance's subscribers. Built (not started) with the
 * services, so the schema can be built without a database; `start` connects.
 */
export interface BoardDelivery {
  readonly reader: OutboxReader;
  readonly cursors: FeedCursors;
  readonly feed: EventFeed;
  readonly fanOut: FanOut;
  /** Account changes read from the feed: the fan-out refuses frames to stale sessions, the WebSocket guard closes them. */
  readonly accounts: AccountVersions;
  readonly doorbell: Doorbell;
  /**
   * For request contexts (`newContext({ ringDoorbell })`): rings after a commit that wrote events
   * when the doorbell needs it (Redis); undefined with PostgreSQL (its trigger rings at commit).
   */
  readonly ringAfterCommit: (() => void) | undefined;
  /** /readyz: the listener (and the reads) are working. */
  readonly readiness: ReadinessCheck;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Settings for every session of the app's pools: with the Redis doorbell, the outbox trigger's
 * NOTIFY is turned off (it would take NOTIFY's commit lock, which Redis is there to avoid).
 */
export function outboxSessionSettings(config: Config): Record<string, string> {
  return config.events.doorbell === 'redis' ? { 'giamsat.outbox_notify': 'off' } : {};
}

export function buildDelivery(deps: {
  dataSource: DataSource;
  config: Config;
  logger: Logger;
  cursorCodec: CursorCodec;
  /** SQL of the cadres involved in an outbox row's item (see OutboxReader). */
  involvedCadresSql?: string;
  /** The root value subscriptions render an event with (the board's event type). */
  rootOf: EventRoot;
}): BoardDelivery {
  const { dataSource, config } = deps;
  const logger = deps.logger.child({ component: 'board-delivery' });
  const settings = config.events;
  const reader = new OutboxReader(dataSource, deps.involvedCadresSql);
  const cursors = new FeedCursors(deps.cursorCodec);
  const doorbell: Doorbell =
    settings.doorbell === 'redis'
      ? new RedisDoorbell(settings.redisUrl!, REDIS_CHANNEL, logger)
      : new PgDoorbell(String((dataSource.options as { url?: string }).url), logger, settings.pollIntervalMs);
  const feedPosition = (): FeedPosition => theFeed.current;
  const accounts = new AccountVersions();
  const fanOut: FanOut = new FanOut(
    reader,
    accounts,
    cursors,
    {
      maxBufferedBytes: config.wsMaxBufferedBytes,
      readBatch: settings.readBatch,
      sliceSize: config.wsFanOutSlice,
      sliceMs: config.wsFanOutSliceMs,
    },
    logger,
    feedPosition,
    deps.rootOf,
  );
  const theFeed: EventFeed = new EventFeed(reader, doorbell, settings, logger, (batch): Promise<void> => fanOut.deliver(batch));
  return {
    reader,
    cursors,
    feed: theFeed,
    fanOut,
    accounts,
    doorbell,
    ringAfterCommit: doorbell.ringAfterCommit,
    readiness: {
      name: 'eventListener',
      async check() {
        const listening = doorbell.state();
        if (listening !== true) return listening;
        return theFeed.state();
      },
    },
    start: () => theFeed.start(),
    stop: () => theFeed.stop(),
  };
}
