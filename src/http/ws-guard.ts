import type { WebSocket } from 'ws';
import type { DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import { inBackground } from '../common/request-scope';

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
  /** Which of the {@link PING_SLOTS} groups pings this socket. */
  slot: number;
}

/**
 * The sockets are pinged in this many groups, one group every interval ÷ PING_SLOTS, so each is
 * still pinged once per interval. Pinging thousands at once holds the event loop for as long as
 * delivering an event to all of them (one write per socket), and an event that commits then
 * waits behind it; a sixteenth of them at a time is a short pause.
 */
const PING_SLOTS = 16;

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
 * answer the previous one is terminated: the peer is gone without closing; the sockets are
 * pinged a group at a time, spread over the interval), and, for sockets
 * opened with a token, the account behind it, re-read for all sockets in one statement at each
 * recheck: an expired token, or an account disabled, re-roled, moved to another unit or whose
 * tokens were revoked, closes the socket with 4403 (its subscriptions end).
 */
export class WsGuard {
  private readonly sockets = new Map<WebSocket, Tracked>();
  private readonly slots: Array<Set<WebSocket>> = Array.from({ length: PING_SLOTS }, () => new Set());
  private nextSlot = 0;
  private pingTick = 0;
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
      this.pingTimer = setInterval(() => this.ping(), Math.max(1, this.settings.pingIntervalMs / PING_SLOTS));
      this.pingTimer.unref();
    }
    this.recheckTimer = setInterval(() => void inBackground('ws-recheck', () => this.recheck()), this.settings.recheckMs);
    this.recheckTimer.unref();
  }

  get size(): number {
    return this.sockets.size;
  }

  track(socket: WebSocket): void {
    const t: Tracked = { alive: true, account: null, slot: this.nextSlot++ % PING_SLOTS };
    this.sockets.set(socket, t);
    this.slots[t.slot]!.add(socket);
    socket.on('pong', () => (t.alive = true));
    socket.once('close', () => {
      this.sockets.delete(socket);
      this.slots[t.slot]!.delete(socket);
    });
  }

  /** The account a socket signed in as (after its token was accepted). */
  signedIn(socket: WebSocket, account: SocketAccount): void {
    const t = this.sockets.get(socket);
    if (t) t.account = account;
  }

  /** Pings the next group (each group comes round once per interval). */
  private ping(): void {
    const group = this.slots[this.pingTick++ % PING_SLOTS]!;
    for (const socket of group) {
      const t = this.sockets.get(socket);
      if (!t) continue;
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
      // The sockets judged are those signed in when the statement was sent: a socket that signs
      // in while it runs (its account may not be among the ids) waits for the next recheck,
      // instead of being closed as "account removed".
      const checked: Array<[WebSocket, SocketAccount]> = [];
      for (const [socket, t] of this.sockets) {
        if (!t.account) continue;
        if (t.account.expiresAt.getTime() <= now) this.forbid(socket, 'token expired');
        else checked.push([socket, t.account]);
      }
      if (!checked.length) return;
      const rows: AccountRow[] = await this.dataSource.query(
        'SELECT id, disabled, token_version, role, unit_id, cadre_id FROM account WHERE id = ANY ($1::uuid[])',
        [[...new Set(checked.map(([, a]) => a.id))]],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const [socket, a] of checked) {
        // Closed meanwhile, or signed in again since: not what was read.
        if (this.sockets.get(socket)?.account !== a) continue;
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
