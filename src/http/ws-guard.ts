import type { WebSocket } from 'ws';
import type { DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import { inBackground } from '../common/request-scope';
import type { AccountVersions } from '../events/account-versions';

/** What a socket was authenticated as at `connection_init`. */
export interface SocketAccount {
  readonly id: string;
  /** The account's state version when it was read (see AccountVersions). */
  readonly version: number;
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
  /** Closes the socket when its token expires. */
  expiry: NodeJS.Timeout | undefined;
  /** Closed with the forbidden code already (counted and logged once). */
  forbidden: boolean;
}

/** setTimeout's longest delay; a token that lives longer is left to the recheck. */
const MAX_TIMER_MS = 2 ** 31 - 1;

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
  /** The backstop: how often every signed-in socket's account is re-read from the database. */
  recheckMs: number;
  /** Close code for an expired token or a changed account (graphql-ws's Forbidden, 4403). */
  forbiddenCode: number;
}

/**
 * Watches every open WebSocket: a protocol-level ping at each interval (a socket that did not
 * answer the previous one is terminated: the peer is gone without closing; the sockets are
 * pinged a group at a time, spread over the interval), and, for sockets opened with a token,
 * the account behind it. A socket is closed with 4403 (its subscriptions end):
 * - when its token expires (a timer at `exp`);
 * - when the event feed reads a change of its account (disabled, re-roled, moved, another
 *   cadre, tokens revoked) newer than the version the socket signed in with ({@link AccountVersions},
 *   rung by the same doorbell as the events; delivery itself refuses every frame to such a
 *   socket, so this only ends sockets that are not being sent anything);
 * - as a backstop, at each recheck (all accounts re-read in one statement), should a change
 *   ever reach the table without its outbox row.
 */
export class WsGuard {
  private readonly sockets = new Map<WebSocket, Tracked>();
  private readonly byAccount = new Map<string, Set<WebSocket>>();
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
    private readonly accounts?: AccountVersions,
  ) {
    accounts?.onChange((accountId, version) => this.accountChanged(accountId, version));
  }

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
    const t: Tracked = { alive: true, account: null, slot: this.nextSlot++ % PING_SLOTS, expiry: undefined, forbidden: false };
    this.sockets.set(socket, t);
    this.slots[t.slot]!.add(socket);
    socket.on('pong', () => (t.alive = true));
    socket.once('close', () => {
      this.signedOut(socket, t);
      this.sockets.delete(socket);
      this.slots[t.slot]!.delete(socket);
    });
  }

  /** The account a socket signed in as (after its token was accepted). */
  signedIn(socket: WebSocket, account: SocketAccount): void {
    const t = this.sockets.get(socket);
    if (!t) return;
    this.signedOut(socket, t);
    t.account = account;
    let sockets = this.byAccount.get(account.id);
    if (!sockets) this.byAccount.set(account.id, (sockets = new Set()));
    sockets.add(socket);
    const left = account.expiresAt.getTime() - Date.now();
    if (left <= MAX_TIMER_MS) {
      t.expiry = setTimeout(() => this.forbid(socket, 'token expired'), Math.max(0, left));
      t.expiry.unref();
    }
    // Read before a change the feed has already noted: it is stale from the start.
    if (this.accounts?.stale(account.id, account.version)) this.forbid(socket, 'account changed');
  }

  private signedOut(socket: WebSocket, t: Tracked): void {
    clearTimeout(t.expiry);
    t.expiry = undefined;
    if (!t.account) return;
    const sockets = this.byAccount.get(t.account.id);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.byAccount.delete(t.account.id);
    t.account = null;
  }

  /** Closes the sockets that signed in as `accountId` before it moved to `version`. */
  private accountChanged(accountId: string, version: number): void {
    const sockets = this.byAccount.get(accountId);
    if (!sockets) return;
    for (const socket of [...sockets]) {
      const account = this.sockets.get(socket)?.account;
      if (account && account.version < version) this.forbid(socket, 'account changed');
    }
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

  /** Closes a socket whose token or account is no longer good (once; later calls do nothing). */
  forbid(socket: WebSocket, reason: string): void {
    const t = this.sockets.get(socket);
    if (t) {
      if (t.forbidden) return;
      t.forbidden = true;
      this.signedOut(socket, t);
    }
    this.stats.closedForbidden++;
    this.logger.info({ reason }, 'closing a WebSocket whose account is no longer valid');
    socket.close(this.settings.forbiddenCode, `Forbidden: ${reason}`);
  }

  stop(): void {
    clearInterval(this.pingTimer);
    clearInterval(this.recheckTimer);
  }
}
