import { type Client, createClient } from 'graphql-ws';
import {
  BOARD_EVENTS,
  type BoardEvent,
  type GraphQLErrorShape,
  graphqlWsUrl,
  PRESENCE,
  type PresenceEntry,
  WORKING_ON,
} from './api';

/** What the indicator shows: Đang kết nối / Đã kết nối / Đang kết nối lại… / Mất kết nối. */
export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'lost';

export interface LiveHandlers {
  onEvent(event: BoardEvent): void;
  onPresence(entries: PresenceEntry[]): void;
  onState(state: LinkState, detail: { attempt: number; retryInMs?: number }): void;
  /** The token was refused (close 4403) or expired: sign in again. */
  onAuthLost(): void;
  /** The feed refused the cursor (for example after the database was reset): start again from the newest events. */
  onResync(errors: GraphQLErrorShape[]): void;
  /** A subscription other than the feed failed (it is simply left off). */
  onSideError?(what: 'presence' | 'workingOn', errors: unknown): void;
}

/** Close codes after which reconnecting with the same token is pointless. */
const AUTH_CLOSE_CODES = new Set([4401, 4403]);
/** After this many failed attempts in a row the indicator says "Mất kết nối" (it keeps trying). */
const LOST_AFTER_ATTEMPTS = 3;
const PING_EVERY_MS = 10_000;
const PONG_WITHIN_MS = 5_000;

function retryDelay(attempt: number): number {
  // 0.5 s, 1 s, 2 s, 4 s, then every 8 s, with a little jitter so screens do not reconnect in step.
  const base = Math.min(500 * 2 ** (attempt - 1), 8_000);
  return Math.round(base * (0.85 + Math.random() * 0.3));
}

function closeCode(reason: unknown): number | undefined {
  return typeof reason === 'object' &&
    reason !== null &&
    'code' in reason &&
    typeof (reason as { code: unknown }).code === 'number'
    ? (reason as { code: number }).code
    : undefined;
}

/**
 * The board's live link: one graphql-ws connection carrying the feed (`boardEvents(after:)`),
 * the presence list and, while a report is open, `workingOn`. It reconnects by itself and each
 * time subscribes again after the last cursor it saw, so nothing that happened while it was away
 * is lost and nothing is shown twice. Reconnection is done here rather than by graphql-ws's
 * retry, which would re-send the first subscription's variables (the first cursor).
 */
export class LiveLink {
  private client: Client | undefined;
  private generation = 0;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private cursor: string | null;
  private readonly seen = new Set<string>();
  private workingOn: { subjectType: string; subjectId: string; onList: (entries: PresenceEntry[]) => void } | undefined;
  private disposeWorkingOn: (() => void) | undefined;

  constructor(
    private readonly token: string,
    startCursor: string | null,
    private readonly handlers: LiveHandlers,
    /** Whether this account may follow presence (`presence`, `workingOn`): the committees only. */
    private readonly withPresence = true,
  ) {
    this.cursor = startCursor;
  }

  /** The position after the newest event shown. */
  get lastCursor(): string | null {
    return this.cursor;
  }

  start(): void {
    window.addEventListener('online', this.reconnectNow);
    document.addEventListener('visibilitychange', this.onVisible);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.reconnectNow);
    document.removeEventListener('visibilitychange', this.onVisible);
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    void client?.dispose();
  }

  /** Announce that this screen works on a subject (Đang xử lý) until {@link leave}. */
  open(subjectType: string, subjectId: string, onList: (entries: PresenceEntry[]) => void): void {
    this.leave();
    this.workingOn = { subjectType, subjectId, onList };
    if (this.client) this.subscribeWorkingOn(this.client);
  }

  leave(): void {
    this.workingOn = undefined;
    this.disposeWorkingOn?.();
    this.disposeWorkingOn = undefined;
  }

  /** Records an event's id (the initial page) so a replay of it is not shown twice. */
  markSeen(id: string): void {
    this.remember(id);
  }

  private remember(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > 2000) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }

  private readonly reconnectNow = () => {
    if (this.stopped || this.client) return;
    clearTimeout(this.retryTimer);
    this.connect();
  };

  private readonly onVisible = () => {
    if (document.visibilityState === 'visible') this.reconnectNow();
  };

  private connect(): void {
    if (this.stopped) return;
    const generation = ++this.generation;
    this.handlers.onState(this.attempt === 0 ? 'connecting' : this.attempt >= LOST_AFTER_ATTEMPTS ? 'lost' : 'reconnecting', {
      attempt: this.attempt,
    });
    let socket: WebSocket | undefined;
    let pongTimer: ReturnType<typeof setTimeout> | undefined;
    const client = createClient({
      url: graphqlWsUrl(),
      connectionParams: { token: this.token },
      lazy: true,
      retryAttempts: 0,
      keepAlive: PING_EVERY_MS,
      on: {
        opened: (s) => {
          socket = s as WebSocket;
        },
        connected: () => {
          if (generation !== this.generation) return;
          this.attempt = 0;
          this.handlers.onState('connected', { attempt: 0 });
        },
        // A socket that stops answering (a laptop waking up, a dead NAT entry) is closed here,
        // which starts a reconnection, instead of waiting for TCP to notice.
        ping: (received) => {
          if (received) return;
          clearTimeout(pongTimer);
          pongTimer = setTimeout(() => socket?.close(4499, 'Terminated'), PONG_WITHIN_MS);
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
        closed: (event) => {
          clearTimeout(pongTimer);
          this.dropped(generation, event);
        },
      },
    });
    this.client = client;
    client.subscribe<{ boardEvents: BoardEvent }>(
      { query: BOARD_EVENTS, variables: { after: this.cursor } },
      {
        next: (result) => {
          if (generation !== this.generation) return;
          if (result.errors?.length) return this.resync(generation, result.errors as GraphQLErrorShape[]);
          const event = result.data?.boardEvents;
          if (!event) return;
          this.cursor = event.cursor;
          if (this.remember(event.id)) this.handlers.onEvent(event);
        },
        error: (err) => {
          if (Array.isArray(err)) this.resync(generation, err as GraphQLErrorShape[]);
          else this.dropped(generation, err);
        },
        // The feed never ends by itself: a completion means the server let go (shutting down).
        complete: () => this.dropped(generation, undefined),
      },
    );
    if (this.withPresence) this.subscribePresence(client, generation);
    if (this.workingOn) this.subscribeWorkingOn(client);
  }

  private subscribePresence(client: Client, generation: number): void {
    client.subscribe<{ presence: PresenceEntry[] }>(
      { query: PRESENCE },
      {
        next: (result) => {
          if (generation === this.generation && result.data?.presence) this.handlers.onPresence(result.data.presence);
        },
        error: (err) => {
          if (Array.isArray(err)) this.handlers.onSideError?.('presence', err);
        },
        complete: () => undefined,
      },
    );
  }

  private subscribeWorkingOn(client: Client): void {
    const target = this.workingOn;
    if (!target || !this.withPresence) return;
    this.disposeWorkingOn?.();
    this.disposeWorkingOn = client.subscribe<{ workingOn: PresenceEntry[] }>(
      { query: WORKING_ON, variables: { subjectType: target.subjectType, subjectId: target.subjectId } },
      {
        next: (result) => {
          if (this.workingOn === target && result.data?.workingOn) target.onList(result.data.workingOn);
        },
        error: (err) => {
          if (Array.isArray(err)) this.handlers.onSideError?.('workingOn', err);
        },
        complete: () => undefined,
      },
    );
  }

  private resync(generation: number, errors: GraphQLErrorShape[]): void {
    if (generation !== this.generation || this.stopped) return;
    const client = this.client;
    this.client = undefined;
    this.generation++;
    void client?.dispose();
    if (errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) return this.handlers.onAuthLost();
    this.handlers.onResync(errors);
  }

  private dropped(generation: number, reason: unknown): void {
    if (generation !== this.generation || this.stopped) return;
    const client = this.client;
    this.client = undefined;
    this.generation++;
    void client?.dispose();
    const code = closeCode(reason);
    if (code !== undefined && AUTH_CLOSE_CODES.has(code)) {
      this.handlers.onState('lost', { attempt: this.attempt });
      this.handlers.onAuthLost();
      return;
    }
    this.attempt++;
    const retryInMs = retryDelay(this.attempt);
    this.handlers.onState(this.attempt >= LOST_AFTER_ATTEMPTS ? 'lost' : 'reconnecting', { attempt: this.attempt, retryInMs });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), retryInMs);
  }
}
