import { createClient } from 'redis';
import type { Logger } from '../common/logger';
import { backoffMs, type Doorbell } from './doorbell';

type RedisClient = ReturnType<typeof createClient>;

/**
 * Redis pub/sub: for deployments where NOTIFY's cluster-wide commit lock (it serialises every
 * notifying commit) becomes the bottleneck. The app publishes after each commit that wrote
 * events (an after-commit hook, see recordEvent) and PostgreSQL's trigger is turned off for its
 * sessions. A publish lost in a crash between commit and publish is caught by the poll.
 */
export class RedisDoorbell implements Doorbell {
  private readonly pub: RedisClient;
  private readonly sub: RedisClient;
  private onRing: () => void = () => undefined;
  private since = Date.now();
  private lastError = 'connecting';
  private wasReady = false;
  private up = false;

  constructor(
    url: string,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {
    const options = { url, socket: { reconnectStrategy: (retries: number) => backoffMs(retries), connectTimeout: 2000 } };
    this.pub = createClient(options);
    this.sub = createClient(options);
    for (const [name, client] of [
      ['publisher', this.pub],
      ['subscriber', this.sub],
    ] as const) {
      client.on('error', (err: Error) => {
        this.lastError = `${name}: ${err.message}`;
      });
    }
    this.sub.on('ready', () => {
      if (this.wasReady) this.logger.info('Redis doorbell reconnected');
      this.wasReady = true;
      this.up = true;
      // node-redis subscribes again by itself; read what committed while it was away.
      this.onRing();
    });
    this.sub.on('reconnecting', () => {
      if (!this.up) return;
      this.up = false;
      this.since = Date.now();
      this.logger.warn({ reason: this.lastError }, 'Redis doorbell lost its connection; reconnecting');
    });
  }

  readonly ringAfterCommit = (): void => {
    if (!this.pub.isReady) return; // the poll catches it
    this.pub.publish(this.channel, '').catch((err: unknown) => {
      this.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'Redis doorbell: publish failed (the poll will catch up)',
      );
    });
  };

  async start(onRing: () => void): Promise<void> {
    this.onRing = onRing;
    await Promise.all([this.pub.connect(), this.sub.connect()]);
    await this.sub.subscribe(this.channel, () => this.onRing());
  }

  state(): true | string {
    if (this.sub.isReady && this.pub.isReady) return true;
    return `Redis reconnecting since ${new Date(this.since).toISOString()} (${this.lastError})`;
  }

  async stop(): Promise<void> {
    for (const c of [this.sub, this.pub]) {
      if (c.isOpen) c.destroy();
    }
  }
}
