import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from '../../common/logger';
import type { PresenceSubjectType } from './presence.entity';
import { Ticker } from './ticker';

/** Someone working on something, as the board shows it. */
export interface PresenceItem {
  subjectType: PresenceSubjectType;
  subjectId: string;
  accountId: string;
  who: string;
  since: Date;
}

export interface PresenceHubOptions {
  /** PRESENCE_POLL_MS: how often the instance reads the table while it has subscribers. */
  pollMs: number;
  /** PRESENCE_TTL_MS: rows not renewed for this long are ignored, then deleted. */
  ttlMs: number;
  logger: Logger;
}

const hubs = new WeakMap<DataSource, PresenceHub>();

/**
 * Presence across instances through one table. Each open `workingOn` subscription is a row
 * (instance, account, subject, heartbeat) written when it starts and deleted when it ends; the
 * instance renews its rows' heartbeat every third of the TTL, so the rows of an instance that
 * died stop counting after the TTL. While the instance has any presence subscriber it reads the
 * whole live set once per poll (one statement per instance, whatever the number of subscribers)
 * and hands it to its subscribers only when it changed. A join or a leave on this instance reads
 * it at once, so local changes show without waiting for the poll.
 */
export class PresenceHub {
  /**
   * The hub of the app whose data source a request context uses: type-graphql calls a
   * subscription's `subscribe` function without the resolver instance, so it finds the hub from
   * the context (each app, and each test app in one process, has its own data source).
   */
  static of(dataSource: DataSource): PresenceHub {
    const hub = hubs.get(dataSource);
    if (!hub) throw new Error('No presence hub for this data source');
    return hub;
  }

  /** Open presence subscriptions on this instance. */
  get subscribers(): number {
    return this.listeners.size;
  }

  /** This process's id in the table. */
  readonly instanceId = randomUUID();
  private entries: PresenceItem[] = [];
  private key = '';
  private readonly listeners = new Set<(entries: readonly PresenceItem[]) => void>();
  private readonly own = new Set<string>();
  private readonly poll: Ticker;
  private readonly heartbeat: Ticker;
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly opts: PresenceHubOptions,
  ) {
    hubs.set(dataSource, this);
    this.poll = new Ticker(
      'presence-poll',
      opts.pollMs,
      () => (this.listeners.size ? this.refresh() : Promise.resolve()),
      opts.logger,
    );
    this.heartbeat = new Ticker('presence-heartbeat', Math.max(250, Math.floor(opts.ttlMs / 3)), () => this.beat(), opts.logger);
  }

  start(): void {
    this.poll.start();
    this.heartbeat.start();
  }

  /** Stops the timers and removes this instance's rows (its subscriptions end with the server). */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([this.poll.stop(), this.heartbeat.stop()]);
    await this.refreshing;
    if (this.own.size && this.dataSource.isInitialized) {
      await this.dataSource.query(`DELETE FROM board_presence WHERE instance_id = $1`, [this.instanceId]).catch(() => undefined);
    }
    this.own.clear();
  }

  /** The last set read. */
  current(): readonly PresenceItem[] {
    return this.entries;
  }

  /** Shows the account as working on the subject until the returned function is called. */
  async join(accountId: string, subjectType: PresenceSubjectType, subjectId: string): Promise<() => Promise<void>> {
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO board_presence (id, instance_id, account_id, subject_type, subject_id) VALUES ($1, $2, $3, $4, $5)`,
      [id, this.instanceId, accountId, subjectType, subjectId],
    );
    this.own.add(id);
    await this.refresh();
    let left = false;
    return async () => {
      if (left) return;
      left = true;
      this.own.delete(id);
      if (!this.dataSource.isInitialized) return;
      try {
        await this.dataSource.query(`DELETE FROM board_presence WHERE id = $1`, [id]);
        if (!this.stopped) await this.refresh();
      } catch (err) {
        // Shutting down (the pool closed under it) or the database away: the row expires with the TTL.
        this.opts.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'presence: could not remove an entry');
      }
    };
  }

  /** Calls `listener` with every new set until the returned function is called. */
  listen(listener: (entries: readonly PresenceItem[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the live set now and tells the listeners when it changed. Concurrent calls share one read and one follow-up. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.refreshAgain = false;
          await this.read();
        } while (this.refreshAgain && !this.stopped);
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  private async read(): Promise<void> {
    if (!this.dataSource.isInitialized) return;
    const rows = (await this.dataSource.query(
      `SELECT p.subject_type, p.subject_id, p.account_id, a.display_name, min(p.since) AS since
         FROM board_presence p JOIN account a ON a.id = p.account_id
        WHERE p.heartbeat_at > now() - make_interval(secs => $1)
        GROUP BY p.subject_type, p.subject_id, p.account_id, a.display_name
        ORDER BY p.subject_type, p.subject_id, since, p.account_id`,
      [this.opts.ttlMs / 1000],
    )) as Array<{ subject_type: PresenceSubjectType; subject_id: string; account_id: string; display_name: string; since: Date }>;
    const entries = rows.map((r) => ({
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      accountId: r.account_id,
      who: r.display_name,
      since: r.since,
    }));
    const key = presenceKey(entries);
    if (key === this.key) return;
    this.entries = entries;
    this.key = key;
    for (const listener of this.listeners) listener(entries);
  }

  /** Renews this instance's rows and deletes rows nobody renewed (dead instances). */
  private async beat(): Promise<void> {
    if (this.own.size)
      await this.dataSource.query(`UPDATE board_presence SET heartbeat_at = now() WHERE instance_id = $1`, [this.instanceId]);
    if (this.own.size || this.listeners.size) {
      await this.dataSource.query(`DELETE FROM board_presence WHERE heartbeat_at < now() - make_interval(secs => $1)`, [
        (this.opts.ttlMs * 2) / 1000,
      ]);
    }
  }
}

/** Identity of a set, to tell whether it changed. */
export function presenceKey(entries: readonly PresenceItem[]): string {
  return entries.map((e) => `${e.subjectType}:${e.subjectId}:${e.accountId}:${e.since.getTime()}:${e.who}`).join('|');
}

/**
 * An async iterator of presence sets for one subscription: the first value at once, then each
 * change that passes `select` (compared with the last one sent). It keeps only the latest unsent
 * set, so a slow reader gets the current state, never a growing queue. `return()` (the client
 * completed, or the socket closed) unhooks it and runs `onClose`.
 */
export class PresenceStream implements AsyncIterableIterator<PresenceItem[]> {
  private pending: PresenceItem[] | undefined;
  private waiting: ((r: IteratorResult<PresenceItem[]>) => void) | undefined;
  private lastKey: string | undefined;
  private done = false;
  private readonly unlisten: () => void;

  constructor(
    hub: PresenceHub,
    private readonly select: (entries: readonly PresenceItem[]) => PresenceItem[],
    private readonly onClose: () => Promise<void> = async () => undefined,
  ) {
    this.unlisten = hub.listen((entries) => this.offer(entries));
    this.offer(hub.current());
  }

  private offer(entries: readonly PresenceItem[]) {
    if (this.done) return;
    const selected = this.select(entries);
    const key = presenceKey(selected);
    if (key === this.lastKey) return;
    this.lastKey = key;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: selected, done: false });
    } else {
      this.pending = selected;
    }
  }

  next(): Promise<IteratorResult<PresenceItem[]>> {
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    if (this.pending) {
      const value = this.pending;
      this.pending = undefined;
      return Promise.resolve({ value, done: false });
    }
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async return(): Promise<IteratorResult<PresenceItem[]>> {
    if (!this.done) {
      this.done = true;
      this.unlisten();
      this.pending = undefined;
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
      await this.onClose();
    }
    return { value: undefined, done: true };
  }

  async throw(err?: unknown): Promise<IteratorResult<PresenceItem[]>> {
    await this.return();
    throw err;
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}
