import { type DocumentNode, type ExecutionResult, type FormattedExecutionResult, type GraphQLSchema, execute } from 'graphql';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Logger } from '../common/logger';
import type { AccountVersions, LiveSession } from './account-versions';
import { comparePositions, type FeedCursors, type FeedPosition } from './feed-position';
import { FeedNotices } from './feed-notices';
import {
  type AccountChange,
  type DataChange,
  type FeedEvent,
  type FeedItem,
  isAccountChange,
  isDataChange,
  type OutboxReader,
} from './outbox-reader';
import { latin1Bytes, latin1TextFrame, rawStreamOf } from './ws-frame';

/**
 * Who a subscriber is, as the fan-out needs it; the module that serves the subscription decides
 * (for the board: the stream's event types and what the account may see, modules/board).
 */
export interface Audience {
  /**
   * What the subscriber may see, as a key: subscribers with the same key, document and variables
   * are sent the same rendered bytes.
   */
  readonly permissionKey: string;
  /** Whether this event is for the subscriber; asked in the tick that writes its frame. */
  wants(event: FeedEvent): boolean;
}

/** An event as the subscription's documents read it (their root value), given its cursor. */
export type EventRoot = (event: FeedEvent, cursor: string) => unknown;

/** Close code for a client that fell more than WS_MAX_BUFFERED_BYTES behind (it may reconnect with its cursor). */
export const WS_SLOW_CONSUMER = 4413;

/**
 * What the WebSocket server tells the fan-out about a subscribe (set on the operation's context
 * in src/http/ws-server.ts): where to send, and the document to render events with.
 */
export interface LiveOperation {
  readonly socket: WebSocket;
  /** The graphql-ws operation id. */
  readonly id: string;
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  /** The document's source text: with the variables and the permission key, the memo key. */
  readonly query: string;
  readonly operationName: string | null | undefined;
  readonly variables: Record<string, unknown> | null | undefined;
  /** The server's error formatting (masking), for a render that failed. */
  readonly format: (result: ExecutionResult) => FormattedExecutionResult;
  /** What the operation was authorised as (null: anonymous), tested before every frame. */
  readonly session: LiveSession | null;
  /** Ends the socket of a session that may no longer receive (the server closes it with 4403). */
  readonly forbid: (reason: string) => void;
}

export interface FanOutSettings {
  maxBufferedBytes: number;
  readBatch: number;
  /** Subscribers handled between two turns of the event loop at most (default {@link FAN_OUT_SLICE}). */
  sliceSize?: number;
  /** Milliseconds a slice may hold the event loop at most (default {@link FAN_OUT_SLICE_MS}). */
  sliceMs?: number;
}

/**
 * How many subscribers one event is handed to before the fan-out lets the event loop turn
 * (`setImmediate`): requests, the sockets' I/O and the doorbell run between slices. Writing one
 * frame costs a few microseconds, so a slice holds the loop for about a millisecond, where one
 * event to 5,000 sockets in one go held it for tens of milliseconds and every request waited.
 */
export const FAN_OUT_SLICE = 256;

/**
 * The time a slice may hold the event loop. A slice ends at whichever comes first, this or
 * {@link FAN_OUT_SLICE} subscribers; the clock is read every {@link CLOCK_EVERY} subscribers.
 */
export const FAN_OUT_SLICE_MS = 10;
const CLOCK_EVERY = 32;

/** An event rendered for one (document, variables, permission): its JSON, and the JSON's UTF-8 bytes as a latin1 string. */
interface Rendered {
  readonly json: string;
  readonly bytes: string;
}

/** Resolves after the event loop's next turn (its timers, I/O and requests). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Subscriber {
  readonly live: LiveOperation;
  readonly audience: Audience;
  readonly contextValue: unknown;
  /** `{"id":…,"type":"next","payload":` — the message around a rendered payload. */
  readonly prefix: string;
  /** The prefix's UTF-8 bytes, as a latin1 string. */
  readonly prefixBytes: string;
  /** The socket's TCP stream, to write whole frames to (null: send through `ws`). */
  readonly tcp: Duplex | null;
  readonly memoKey: string;
  /** Last position sent (or passed over); anything at or before it is not sent again. */
  last: FeedPosition;
  /** While replaying from the table, live events wait here. */
  queue: FeedItem[] | null;
  closed: boolean;
  end: () => void;
}

/**
 * Delivers events to this instance's subscribers. For each event, the GraphQL execution result
 * is rendered once per distinct (document, variables, permission) and its bytes reused for
 * every subscriber that shares them; each send is one frame (the subscriber's message prefix,
 * those bytes, `}`) built as a latin1 string and written to the socket's TCP stream in one write
 * (src/events/ws-frame.ts: no Buffer, so no external memory, per socket). A socket whose unsent
 * bytes pass the limit is closed ({@link WS_SLOW_CONSUMER}) instead of being waited for.
 *
 * Account changes come through the same feed, in order: each is noted in {@link AccountVersions}
 * before any later item is handled, and every frame is written only after its session passed
 * {@link AccountVersions.refusal} (token not expired, account not changed since it was read), in
 * the same tick as the write. So nothing committed after a role change, a disable or a token
 * revocation, and nothing at all after the token's `exp`, reaches the account's sockets.
 */
export class FanOut {
  private readonly subscribers = new Set<Subscriber>();
  /** Listeners of DATA_CHANGED rows (caches of shared data), told in feed order. */
  readonly notices = new FeedNotices();
  readonly stats = { delivered: 0, renders: 0, slowConsumersClosed: 0, refused: 0 };

  constructor(
    private readonly reader: OutboxReader,
    private readonly accounts: AccountVersions,
    private readonly cursors: FeedCursors,
    private readonly settings: FanOutSettings,
    private readonly logger: Logger,
    /** The feed's current position: a replay reaches at least it before going live. */
    private readonly feedPosition: () => FeedPosition,
    /** The root value events are rendered with. */
    private readonly rootOf: EventRoot,
  ) {}

  get size(): number {
    return this.subscribers.size;
  }

  /**
   * Registers a subscriber and returns the event stream graphql-js expects. The stream never
   * yields: events are sent straight to the socket, already serialised. `after` replays from
   * the table first (feed order), then continues live; positions at or before the last one sent
   * are skipped, so the seam has neither gap nor duplicate.
   */
  open(audience: Audience, live: LiveOperation, contextValue: unknown, after: FeedPosition | null): AsyncIterableIterator<never> {
    let resolveEnd: (() => void) | undefined;
    const ended = new Promise<void>((r) => (resolveEnd = r));
    const prefix = `{"id":${JSON.stringify(live.id)},"type":"next","payload":`;
    const sub: Subscriber = {
      live,
      audience,
      contextValue,
      prefix,
      prefixBytes: latin1Bytes(prefix),
      tcp: rawStreamOf(live.socket),
      memoKey: `${audience.permissionKey}\u0000${live.operationName ?? ''}\u0000${JSON.stringify(live.variables ?? {})}\u0000${live.query}`,
      last: after ?? this.feedPosition(),
      queue: after ? [] : null,
      closed: false,
      end: () => resolveEnd?.(),
    };
    this.subscribers.add(sub);
    if (after) void this.replay(sub, this.feedPosition());
    const done = { done: true, value: undefined } as IteratorReturnResult<undefined>;
    const close = () => {
      sub.closed = true;
      this.subscribers.delete(sub);
      sub.end();
    };
    const iterator: AsyncIterableIterator<never> = {
      [Symbol.asyncIterator]() {
        return iterator;
      },
      next: () => ended.then(() => done) as Promise<IteratorResult<never>>,
      return: () => {
        close();
        return Promise.resolve(done) as Promise<IteratorResult<never>>;
      },
      throw: (err: unknown) => {
        close();
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      },
    };
    return iterator;
  }

  /**
   * Hands a batch (feed order) to every live subscriber. Never throws.
   *
   * The work is cut in slices of {@link FanOutSettings.sliceSize} subscribers or
   * {@link FanOutSettings.sliceMs} milliseconds, whichever ends first (an event counts as one
   * more subscriber, and a slice ends after 50 events at the latest), with a turn of the event loop
   * between slices, so a burst to thousands of sockets
   * never holds a request, and the sockets' buffers drain as they fill instead of all at once.
   * The feed awaits each batch before reading the next and each event is handed to every
   * subscriber before the next one is, so every subscriber still receives events in feed order;
   * a subscriber that leaves during a pause is skipped, one that arrives is handled as it would
   * be between two batches (its `last` position, or its replay queue, decides), and every frame
   * is still checked (session, visibility) in the tick that writes it.
   */
  async deliver(batch: FeedItem[]): Promise<void> {
    const slice = this.settings.sliceSize ?? FAN_OUT_SLICE;
    const sliceMs = this.settings.sliceMs ?? FAN_OUT_SLICE_MS;
    // Counted inline, not through an async helper: an await per subscriber would cost a
    // microtask each for the 255 of 256 that do not pause.
    let handled = 0;
    let events = 0;
    let sliceStart = performance.now();
    /** Whether the slice is over: its count reached, or (read every CLOCK_EVERY) its time. */
    const full = () => ++handled >= slice || (handled % CLOCK_EVERY === 0 && performance.now() - sliceStart >= sliceMs);
    const pause = async () => {
      handled = 0;
      await nextTurn();
      sliceStart = performance.now();
    };
    for (const event of batch) {
      // Also every 50 events of a large batch, whatever the number of subscribers: a burst of the
      // table must not pile up in every socket's buffer at once (and cut off clients that do read).
      const fiftieth = ++events % 50 === 0;
      if (full() || fiftieth) await pause();
      if (isDataChange(event)) {
        this.notices.tell(event.payload, this.logger);
        continue;
      }
      if (isAccountChange(event)) {
        // Before anything later in the feed: from here on the account's old sessions are refused.
        this.accounts.note(event.accountId, event.version);
        for (const sub of this.subscribers) sub.queue?.push(event);
        continue;
      }
      const memo = new Map<string, Rendered>();
      let view: unknown;
      for (const sub of this.subscribers) {
        if (full()) await pause();
        if (sub.queue) {
          sub.queue.push(event);
          continue;
        }
        if (sub.closed || comparePositions(event.position, sub.last) <= 0) continue;
        if (!sub.audience.wants(event)) {
          sub.last = event.position;
          continue;
        }
        let rendered = memo.get(sub.memoKey);
        if (rendered === undefined) {
          view ??= this.view(event);
          rendered = await this.render(sub, view);
          memo.set(sub.memoKey, rendered);
        }
        this.send(sub, rendered, event.position);
      }
    }
  }

  /**
   * For a replaying subscriber: notes an account change (the replay may be ahead of the feed;
   * noting again is harmless) and passes it; false for an event to consider.
   */
  private passed(sub: Subscriber, item: FeedItem): item is AccountChange | DataChange {
    if (isDataChange(item)) {
      sub.last = item.position;
      return true;
    }
    if (!isAccountChange(item)) return false;
    this.accounts.note(item.accountId, item.version);
    sub.last = item.position;
    return true;
  }

  private async replay(sub: Subscriber, upto: FeedPosition): Promise<void> {
    try {
      for (;;) {
        const batch = await this.reader.after(sub.last, this.settings.readBatch);
        for (const event of batch) {
          if (sub.closed) return;
          if (this.passed(sub, event)) continue;
          if (!sub.audience.wants(event)) {
            sub.last = event.position;
            continue;
          }
          this.send(sub, await this.render(sub, this.view(event)), event.position);
        }
        if (sub.closed) return;
        if (batch.length < this.settings.readBatch || comparePositions(sub.last, upto) >= 0) break;
        await this.drained(sub);
      }
      // Live events that came meanwhile, in order; the switch to live happens in the tick that
      // finds the queue empty, so no event can slip between the queue and live delivery.
      const queue = sub.queue!;
      for (let event = queue.shift(); event; event = queue.shift()) {
        if (sub.closed) return;
        if (comparePositions(event.position, sub.last) <= 0 || this.passed(sub, event)) continue;
        if (!sub.audience.wants(event)) {
          sub.last = event.position;
          continue;
        }
        this.send(sub, await this.render(sub, this.view(event)), event.position);
      }
      sub.queue = null;
    } catch (err) {
      this.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'replaying board events failed; closing the socket so the client resumes',
      );
      sub.live.socket.close(1011, 'Replay failed; reconnect with your last cursor');
    }
  }

  /** Waits (up to 10 s) until a replaying socket has sent most of what is queued. */
  private async drained(sub: Subscriber): Promise<void> {
    const started = Date.now();
    while (!sub.closed && sub.live.socket.bufferedAmount > this.settings.maxBufferedBytes / 4) {
      if (Date.now() - started > 10_000) return this.cutOff(sub.live.socket);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The root value of an event, with its cursor. */
  view(event: FeedEvent): unknown {
    return this.rootOf(event, this.cursors.encode(event.position));
  }

  private async render(sub: Subscriber, view: unknown): Promise<Rendered> {
    this.stats.renders++;
    const { live } = sub;
    let result: ExecutionResult;
    try {
      result = await execute({
        schema: live.schema,
        document: live.document,
        operationName: live.operationName,
        variableValues: live.variables,
        rootValue: view,
        contextValue: sub.contextValue,
      });
    } catch (err) {
      result = { errors: [err as never] };
    }
    const json = JSON.stringify(result.errors?.length ? live.format(result) : result);
    return { json, bytes: latin1Bytes(json) };
  }

  /**
   * One write of one whole frame (the subscriber's prefix, the shared bytes, the end) per socket:
   * with thousands of sockets the per-socket cost is the event's delivery time, and `ws.send` of
   * a string would measure, encode and frame the same text again for each. The frame is a
   * latin1 string, not a Buffer: Node writes it from a stack buffer when the socket takes it at
   * once, and a Buffer per socket was megabytes of external memory per event, which only full
   * collections give back (2026-12-06, three runs each: 8 % less server CPU per delivery).
   */
  private send(sub: Subscriber, rendered: Rendered, position: FeedPosition): void {
    sub.last = position;
    const socket = sub.live.socket;
    if (socket.readyState !== socket.OPEN) return;
    const session = sub.live.session;
    const refusal = session && this.accounts.refusal(session, Date.now());
    if (refusal) {
      // Nothing more for this subscriber; it leaves the set when its socket's close ends the operation.
      sub.closed = true;
      this.stats.refused++;
      sub.live.forbid(refusal);
      return;
    }
    if (socket.bufferedAmount > this.settings.maxBufferedBytes) return this.cutOff(socket);
    if (sub.tcp) sub.tcp.write(latin1TextFrame(sub.prefixBytes, rendered.bytes, '}'), 'latin1');
    else socket.send(sub.prefix + rendered.json + '}');
    this.stats.delivered++;
  }

  private cutOff(socket: WebSocket): void {
    if (socket.readyState !== socket.OPEN) return;
    this.stats.slowConsumersClosed++;
    this.logger.info({ bufferedBytes: socket.bufferedAmount }, 'closing a WebSocket that fell too far behind');
    socket.close(WS_SLOW_CONSUMER, 'Too far behind: reconnect with your last cursor');
    // A client that does not read never answers the close frame either.
    setTimeout(() => socket.terminate(), 1000).unref();
  }
}
