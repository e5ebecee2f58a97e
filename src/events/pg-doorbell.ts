import { Client } from 'pg';
import type { Logger } from '../common/logger';
import { backoffMs, type Doorbell } from './doorbell';

/** The channel the outbox trigger notifies (migration OutboxDeliveryFunctions). */
export const OUTBOX_CHANNEL = 'giamsat_outbox';

/**
 * PostgreSQL LISTEN on a dedicated connection (not from the pool: LISTEN belongs to a session).
 * The connection is probed at every `probeMs`; when it fails or the server ends it (restart,
 * pg_terminate_backend), it reconnects with backoff and rings once connected, so whatever was
 * written meanwhile is read.
 */
export class PgDoorbell implements Doorbell {
  readonly ringAfterCommit = undefined;
  private client: Client | undefined;
  private onRing: () => void = () => undefined;
  private stopped = false;
  private attempt = 0;
  private listening = false;
  private since = Date.now();
  private lastError = 'connecting';
  private retryTimer: NodeJS.Timeout | undefined;
  private probeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly logger: Logger,
    private readonly probeMs: number,
  ) {}

  async start(onRing: () => void): Promise<void> {
    this.onRing = onRing;
    await this.connect();
    this.probeTimer = setInterval(() => void this.probe(), this.probeMs);
    this.probeTimer.unref();
  }

  state(): true | string {
    if (this.listening) return true;
    return `reconnecting since ${new Date(this.since).toISOString()} (${this.lastError})`;
  }

  /** The backend pid of the listening connection (tests end it with pg_terminate_backend). */
  backendPid(): number | undefined {
    return (this.client as unknown as { processID?: number } | undefined)?.processID;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'giamsat-listener', keepAlive: true });
    client.on('notification', (msg) => {
      if (msg.channel === OUTBOX_CHANNEL) this.onRing();
    });
    client.on('error', (err) => this.lost(client, err.message));
    client.on('end', () => this.lost(client, 'connection ended'));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (err) {
      this.lost(client, err instanceof Error ? err.message : String(err));
      return;
    }
    if (this.client !== client) return;
    if (this.attempt > 0) this.logger.info({ attempts: this.attempt }, 'event listener reconnected');
    this.attempt = 0;
    this.listening = true;
    // Whatever committed while we were not listening is in the table: read it now.
    this.onRing();
  }

  private lost(client: Client, reason: string): void {
    if (this.client !== client || this.stopped) return;
    this.client = undefined;
    if (this.listening) {
      this.logger.warn({ reason }, 'event listener lost its connection; reconnecting');
      this.since = Date.now();
    }
    this.listening = false;
    this.lastError = reason;
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    const delay = backoffMs(this.attempt++);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }

  private async probe(): Promise<void> {
    const client = this.client;
    if (!client || !this.listening) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('probe timed out')), Math.max(1000, this.probeMs));
        }),
      ]);
    } catch (err) {
      this.lost(client, err instanceof Error ? err.message : String(err));
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.probeTimer);
    const client = this.client;
    this.client = undefined;
    this.listening = false;
    if (client) {
      client.removeAllListeners('end');
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    }
  }
}
