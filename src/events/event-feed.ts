import type { Logger } from '../common/logger';
import { inBackground } from '../common/request-scope';
import type { Doorbell } from './doorbell';
import { type FeedPosition, FEED_START } from './feed-position';
import type { FeedItem, OutboxReader } from './outbox-reader';

export interface FeedSettings {
  /** Safety-net poll: a ring may be lost. */
  pollIntervalMs: number;
  /** Rows per read; a full batch is followed by another read at once. */
  readBatch: number;
}

/** The first wait before looking again at held-back events; it doubles up to the poll interval. */
const FIRST_RETRY_MS = 25;

/**
 * One per instance: on every ring (and every poll) it reads what is new in the outbox, once,
 * whatever the number of subscribers, and hands the batch to the fan-out. Rings that come while
 * a read runs are folded into one more read.
 */
export class EventFeed {
  private position: FeedPosition = FEED_START;
  private reading: Promise<void> | undefined;
  private again = false;
  private pollTimer: NodeJS.Timeout | undefined;
  /** A look again soon at events an open transaction held back past their ring. */
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelayMs = FIRST_RETRY_MS;
  private running = false;
  private failing: string | undefined;
  /**
   * Running totals, read by the metrics. `pollCatchUps`: polls whose read found events that no
   * ring's read had found (a lost ring, or events a long transaction held back past their ring).
   */
  readonly stats = { reads: 0, events: 0, rings: 0, failedReads: 0, polls: 0, pollCatchUps: 0, heldBack: 0 };
  private polled = false;

  constructor(
    private readonly reader: OutboxReader,
    private readonly doorbell: Doorbell,
    private readonly settings: FeedSettings,
    private readonly logger: Logger,
    private readonly deliver: (items: FeedItem[]) => Promise<void>,
  ) {}

  /** Every event up to here has been read (and handed to the fan-out, or is being). */
  get current(): FeedPosition {
    return this.position;
  }

  /** Starts at the end of the feed (live subscribers get what commits from now on). */
  async start(): Promise<void> {
    this.position = await this.reader.end();
    this.running = true;
    await this.doorbell.start(() => {
      this.stats.rings++;
      this.wake();
    });
    this.pollTimer = setInterval(() => {
      this.stats.polls++;
      if (!this.reading) this.polled = true;
      this.wake();
    }, this.settings.pollIntervalMs);
    this.pollTimer.unref();
  }

  /** Reads now, or once more right after the read under way. */
  wake(): void {
    if (!this.running) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = inBackground('event-feed', () => this.readAll()).finally(() => {
      this.reading = undefined;
      if (this.again && this.running) this.wake();
    });
  }

  /** Resolves once the read under way (if any) and its fan-out are done. */
  async idle(): Promise<void> {
    while (this.reading) await this.reading;
  }

  /** `true` when reads succeed, otherwise the last error (for /readyz). */
  state(): true | string {
    return this.failing === undefined ? true : `reading the outbox failed: ${this.failing}`;
  }

  private async readAll(): Promise<void> {
    this.again = false;
    const polled = this.polled;
    this.polled = false;
    const start = this.position;
    try {
      for (;;) {
        const batch = await this.reader.after(this.position, this.settings.readBatch);
        this.stats.reads++;
        this.failing = undefined;
        if (batch.length) {
          if (polled && this.position === start) this.stats.pollCatchUps++;
          this.position = batch[batch.length - 1]!.position;
          this.stats.events += batch.length;
          await this.deliver(batch);
        }
        if (batch.length < this.settings.readBatch) break;
      }
      await this.retryIfHeldBack();
    } catch (err) {
      this.stats.failedReads++;
      this.failing = err instanceof Error ? err.message : String(err);
      this.logger.warn({ err: this.failing }, 'reading the outbox failed; retrying at the next ring or poll');
    }
  }

  /**
   * Events committed after a transaction that is still open wait below the horizon; their ring
   * has been spent, so without this they would wait for the next poll (seconds, or a minute in
   * tests). Looks again after a short wait, doubling while they stay held, never past the poll.
   */
  private async retryIfHeldBack(): Promise<void> {
    if (!this.running || this.retryTimer) return;
    if (!(await this.reader.heldBack(this.position))) {
      this.retryDelayMs = FIRST_RETRY_MS;
      return;
    }
    this.stats.heldBack++;
    const delay = this.retryDelayMs;
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, this.settings.pollIntervalMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.wake();
    }, delay);
    this.retryTimer.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.pollTimer);
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.doorbell.stop();
    await this.idle();
  }
}
