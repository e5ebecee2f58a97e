import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../../common/logger';
import type { RequestContext } from '../../graphql/context';
import { type LoaderFactory, transactionContext } from '../../graphql/request-context';
import { BoardEventType } from './board-event.types';
import { recordEvent } from '../../events/event-writer';
import { OPEN_STATUSES } from '../reports/report-workflow';
import { DeadlineThreshold } from './deadline-alert.entity';
import { Ticker } from './ticker';

const DAY_MS = 24 * 3600 * 1000;
const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

export interface DeadlineWatcherOptions {
  /** BOARD_DUE_SOON_DAYS. */
  dueSoonDays: number;
  /** DEADLINE_WATCH_INTERVAL_MS; 0: `start()` does nothing. */
  intervalMs: number;
  /**
   * DEADLINE_WATCH_LOOKBACK_DAYS: reports overdue for longer than this when first seen get no
   * alert (default 7). It bounds every run's scan to the due dates of a few days, instead of
   * every open report ever overdue.
   */
  lookbackDays?: number;
  /** Alerts per transaction; a full batch is followed at once by another. */
  batchSize?: number;
  logger: Logger;
  makeLoaders: LoaderFactory;
  /** Rings the board's doorbell after a commit that wrote alerts (the Redis doorbell; undefined with PostgreSQL, whose trigger rings at commit). */
  ringDoorbell?: (() => void) | undefined;
}

export interface WatchRun {
  dueSoon: number;
  overdue: number;
}

/**
 * Writes REPORT_DUE_SOON and REPORT_OVERDUE board events, exactly once per report, due date and
 * threshold, with any number of instances running it. Every instance runs it on a timer; each
 * run INSERTs the crossings it sees into `deadline_alert` with ON CONFLICT DO NOTHING and writes
 * the events of exactly the rows its INSERT returned, in the same transaction. Two instances
 * racing on a crossing both try the same primary key: the second waits on the first's row lock
 * and, when the first commits, inserts nothing, so it writes no event; if the first rolls back,
 * the second's INSERT goes in and it writes the event. No leader, no advisory lock.
 *
 * A new stage or an extension gives a report a new due date, hence a new key and new alerts;
 * closed reports have no due date and are not open, so they get none. A report found already
 * overdue gets OVERDUE only (being "due soon" is no longer news), and none when it has been
 * overdue for longer than the lookback (every instance was down that long): the board's counts
 * and lists still show it, and each run scans the due dates of a few days only. The first run on
 * a database has no lookback: a fresh start alerts every open report already overdue or due soon,
 * so the feed says what the counts show (`npm run gen` records its reports' crossings as alerted
 * without events, so generated data floods nothing).
 */
export class DeadlineWatcher {
  private readonly ticker: Ticker;
  private readonly batchSize: number;
  /** Running totals of this instance, read by the metrics. */
  readonly stats = { runs: 0, failures: 0, alerts: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly opts: DeadlineWatcherOptions,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.batchSize = opts.batchSize ?? 500;
    this.ticker = new Ticker('deadline-watcher', Math.max(opts.intervalMs, 1), () => this.runOnce(), opts.logger);
  }

  /** Starts the timer (the first run right away), unless the interval is 0. */
  start(): void {
    if (this.opts.intervalMs > 0) this.ticker.start(0);
  }

  /** Cancels the next run and waits for the current one. */
  stop(): Promise<void> {
    return this.ticker.stop();
  }

  /** One pass: every crossing not yet alerted, batch after batch. */
  async runOnce(now: Date = this.clock()): Promise<WatchRun> {
    try {
      const total = await this.pass(now);
      this.stats.runs++;
      this.stats.alerts += total.dueSoon + total.overdue;
      return total;
    } catch (err) {
      this.stats.failures++;
      throw err;
    }
  }

  private async pass(now: Date): Promise<WatchRun> {
    const total: WatchRun = { dueSoon: 0, overdue: 0 };
    // The first run on a database looks back without limit, in every batch of its pass.
    let firstRun = false;
    for (let i = 0; i < 1000; i++) {
      const run = await this.dataSource.transaction((manager) => this.batch(manager, now, firstRun));
      firstRun ||= run.firstRun;
      if (run.dueSoon + run.overdue > 0) this.opts.ringDoorbell?.();
      total.dueSoon += run.dueSoon;
      total.overdue += run.overdue;
      if (run.dueSoon + run.overdue < this.batchSize) break;
    }
    if (total.dueSoon || total.overdue) this.opts.logger.info({ ...total }, 'deadline alerts');
    return total;
  }

  private async batch(manager: EntityManager, now: Date, firstRun: boolean): Promise<WatchRun & { firstRun: boolean }> {
    const first = (await manager.query(
      `INSERT INTO deadline_watch_state (id) VALUES (1) ON CONFLICT DO NOTHING RETURNING id`,
    )) as unknown[];
    const unbounded = firstRun || first.length > 0;
    const soon = new Date(now.getTime() + this.opts.dueSoonDays * DAY_MS);
    const oldest = unbounded ? new Date(0) : new Date(now.getTime() - (this.opts.lookbackDays ?? 7) * DAY_MS);
    // Open reports due before `soon` (the partial due-date index), without an alert for their
    // current due date and threshold; the oldest due first.
    const rows = (await manager.query(
      `WITH crossing AS (
         SELECT r.id, r.due_at, (CASE WHEN r.due_at < $1 THEN 'OVERDUE' ELSE 'DUE_SOON' END)::deadline_threshold AS threshold
           FROM report r WHERE r.status IN (${OPEN_SQL}) AND r.due_at >= $4 AND r.due_at < $2),
       inserted AS (
         INSERT INTO deadline_alert (report_id, due_at, threshold, emitted)
         SELECT c.id, c.due_at, c.threshold, $3 FROM crossing c
          WHERE NOT EXISTS (SELECT 1 FROM deadline_alert a WHERE a.report_id = c.id AND a.due_at = c.due_at AND a.threshold = c.threshold)
          ORDER BY c.due_at, c.id LIMIT ${this.batchSize}
         ON CONFLICT DO NOTHING
         RETURNING report_id, due_at, threshold)
       SELECT i.report_id, i.due_at, i.threshold, r.kind, r.source, r.field, r.status,
              coalesce((SELECT array_agg(DISTINCT coalesce(s.unit_id, c.unit_id)) FROM report_subject s LEFT JOIN cadre c ON c.id = s.cadre_id
                         WHERE s.report_id = r.id AND coalesce(s.unit_id, c.unit_id) IS NOT NULL), '{}') AS unit_ids
         FROM inserted i JOIN report r ON r.id = i.report_id ORDER BY i.due_at, i.report_id`,
      [now, soon, true, oldest],
    )) as Array<{
      report_id: string;
      due_at: Date;
      threshold: DeadlineThreshold;
      kind: string;
      source: string;
      field: string;
      status: string;
      unit_ids: string[];
    }>;
    const ctx = this.context(manager);
    const run = { dueSoon: 0, overdue: 0, firstRun: first.length > 0 };
    for (const r of rows) {
      const overdue = r.threshold === DeadlineThreshold.OVERDUE;
      await recordEvent(
        ctx,
        overdue ? BoardEventType.REPORT_OVERDUE : BoardEventType.REPORT_DUE_SOON,
        {
          reportId: r.report_id,
          kind: r.kind,
          source: r.source,
          field: r.field,
          status: r.status,
          dueAt: r.due_at.toISOString(),
          ...(overdue ? {} : { dueSoonDays: this.opts.dueSoonDays }),
        },
        r.unit_ids,
      );
      if (overdue) run.overdue++;
      else run.dueSoon++;
    }
    return run;
  }

  /** The context services and `recordEvent` expect, bound to the watcher's transaction (no account). */
  private context(manager: EntityManager): RequestContext {
    return transactionContext(manager, this.opts.makeLoaders, {
      requestId: 'deadline-watcher',
      account: null,
      logger: this.opts.logger,
      clientAddress: 'internal',
    });
  }
}
