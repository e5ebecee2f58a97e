import type { WebSocket } from 'ws';
import type { DataSource } from 'typeorm';
import type { Logger } from '../common/logger';

/** What a socket was authenticated as at `connection_init`. */
export interface SocketAccount {
  readonly id: string;
  readonly tokenVersion: number;
  readonly role: string;
  readonly unitId: string | null;
  readonly cadreId: string | null;
  readonly disabled: boolean;
  readonly expiresAt: Date;
}

interface Tracked {
  alive: boolean;
  account: SocketAccount | null;
}

interface AccountRow {
  id: string;
  disabled: boolean;
  token_version: number;
  role: string;
  unit_id: string | null;
  cadre_id: string | null;
}

export interface WsGuardSettings {
  /** 0: no pings. */
  pingIntervalMs: number;
  recheckMs: number;
  /** Close code for an expired token or a changed account (graphql-ws's Forbidden, 4403). */
  forbiddenCode: number;
}

/**
 * Watches every open WebSocket: a protocol-level ping at each interval (a socket that did not
 * answer the previous one is terminated: the peer is gone without closing), and, for sockets
 * opened with a token, the account behind it, re-read for all sockets in one statement at each
 * recheck: an expired token, or an account disabled, re-roled, moved to another unit or whose
 * tokens were revoked, closes the socket with 4403 (its subscriptions end).
 */
export class WsGuard {
  private readonly sockets = new Map<WebSocket, Tracked>();
  private pingTimer: NodeJS.Timeout | undefined;
  private recheckTimer: NodeJS.Timeout | undefined;
  private rechecking = false;
  readonly stats = { terminatedIdle: 0, closedForbidden: 0, rechecks: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: WsGuardSettings,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.settings.pingIntervalMs > 0) {
      this.pingTimer = setInterval(() => this.ping(), this.settings.pingIntervalMs);
      this.pingTimer.unref();
    }
    this.recheckTimer = setInterval(() => void this.recheck(), this.settings.recheckMs);
    this.recheckTimer.unref();
  }

  get size(): number {
    return this.sockets.size;
  }

  track(socket: WebSocket): void {
    const t: Tracked = { alive: true, account: null };
    this.sockets.set(socket, t);
    socket.on('pong', () => (t.alive = true));
    socket.once('close', () => this.sockets.delete(socket));
  }

  /** The account a socket signed in as (after its token was accepted). */
  signedIn(socket: WebSocket, account: SocketAccount): void {
    const t = this.sockets.get(socket);
    if (t) t.account = account;
  }

  private ping(): void {
    for (const [socket, t] of this.sockets) {
      if (!t.alive) {
        this.stats.terminatedIdle++;
        socket.terminate();
        continue;
      }
      t.alive = false;
      try {
        socket.ping();
      } catch {
        socket.terminate();
      }
    }
  }

  /** One statement for every signed-in socket. */
  async recheck(): Promise<void> {
    if (this.rechecking) return;
    this.rechecking = true;
    try {
      this.stats.rechecks++;
      const now = Date.now();
      const ids = new Set<string>();
      for (const [socket, t] of this.sockets) {
        if (!t.account) continue;
        if (t.account.expiresAt.getTime() <= now) this.forbid(socket, 'token expired');
        else ids.add(t.account.id);
      }
      if (!ids.size) return;
      const rows: AccountRow[] = await this.dataSource.query(
        'SELECT id, disabled, token_version, role, unit_id, cadre_id FROM account WHERE id = ANY ($1::uuid[])',
        [[...ids]],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const [socket, t] of this.sockets) {
        const a = t.account;
        if (!a) continue;
        const r = byId.get(a.id);
        if (!r) this.forbid(socket, 'account removed');
        else if (r.disabled) this.forbid(socket, 'account disabled');
        else if (r.token_version !== a.tokenVersion) this.forbid(socket, 'token revoked');
        else if (r.role !== a.role || r.unit_id !== a.unitId || r.cadre_id !== a.cadreId) this.forbid(socket, 'account changed');
      }
    } catch (err) {
      this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'rechecking WebSocket accounts failed');
    } finally {
      this.rechecking = false;
    }
  }

  private forbid(socket: WebSocket, reason: string): void {
    const t = this.sockets.get(socket);
    if (t) t.account = null;
    this.stats.closedForbidden++;
    this.logger.info({ reason }, 'closing a WebSocket whose account is no longer valid');
    socket.close(this.settings.forbiddenCode, `Forbidden: ${reason}`);
  }

  stop(): void {
    clearInterval(this.pingTimer);
    clearInterval(this.recheckTimer);
  }
}
