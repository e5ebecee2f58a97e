import 'reflect-metadata';
import { Agent, createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, parse } from 'graphql';
import type { WebSocket } from 'ws';
import type { Logger } from '../common/logger';
import { CursorCodec } from '../graphql/cursor';
import { AccountVersions, type LiveSession } from './account-versions';
import { FanOut } from './fan-out';
import { FeedCursors } from './feed-position';
import type { AccountChange, FeedEvent, FeedItem, OutboxReader } from './outbox-reader';

// Rendered against the event's view as root value: `id` is the event's id.
const schema = buildSchema('type Query { ok: Boolean } type Subscription { id: ID }');
const document = parse('subscription { id }');

/** A socket that records what it is sent (no raw stream: frames go through `send`). */
class FakeSocket {
  readonly OPEN = 1;
  readyState = 1;
  readonly extensions = 'fake';
  bufferedAmount = 0;
  readonly sent: string[] = [];
  send(text: string): void {
    this.sent.push(text);
  }
  close(): void {
    this.readyState = 3;
  }
}

let id = 0;
const event = (): FeedEvent => {
  id++;
  return {
    position: { tx: BigInt(id), id: BigInt(id) },
    id: String(id),
    type: 'REPORT_RECEIVED',
    occurredAt: new Date(),
    payload: {},
    unitIds: [],
    unitPaths: [],
    concernedCadreIds: [],
  };
};
const change = (accountId: string, version: number): AccountChange => {
  id++;
  return { kind: 'accountChange', position: { tx: BigInt(id), id: BigInt(id) }, accountId, version };
};

describe('FanOut: the frame check', () => {
  const accounts = new AccountVersions();
  const fanOut = new FanOut(
    {} as OutboxReader,
    accounts,
    new FeedCursors(new CursorCodec('a-secret-that-is-long-enough-for-tests-0123456789')),
    { maxBufferedBytes: 1 << 20, readBatch: 100 },
    { info: () => undefined, warn: () => undefined } as unknown as Logger,
    () => ({ tx: 0n, id: 0n }),
    (e, cursor) => ({ id: e.id, cursor }),
  );

  /** A subscriber that nothing else closes: only the check before each frame can stop it. */
  const subscriber = (session: LiveSession | null) => {
    const socket = new FakeSocket();
    const forbidden: string[] = [];
    fanOut.open(
      { permissionKey: 'committee', wants: () => true },
      {
        socket: socket as unknown as WebSocket,
        id: '1',
        schema,
        document,
        query: 'subscription { id }',
        operationName: undefined,
        variables: undefined,
        format: (r) => r as never,
        session,
        forbid: (reason) => forbidden.push(reason),
      },
      {},
      null,
    );
    return {
      ids: () => socket.sent.map((m) => (JSON.parse(m) as { payload: { data: { id: string } } }).payload.data.id),
      forbidden,
    };
  };

  it('sends nothing that comes after a change of the account in the same batch, and keeps sending to others', async () => {
    const hour = Date.now() + 3600_000;
    const doomed = subscriber({ accountId: 'a', version: 3, expiresAt: hour });
    const other = subscriber({ accountId: 'b', version: 1, expiresAt: hour });
    const newer = subscriber({ accountId: 'a', version: 4, expiresAt: hour });
    const batch: FeedItem[] = [event(), event(), change('a', 4), event(), event()];
    await fanOut.deliver(batch);
    const ids = batch.flatMap((i) => ('kind' in i ? [] : [i.id]));
    expect(doomed.ids()).toEqual(ids.slice(0, 2));
    expect(doomed.forbidden).toEqual(['account changed']);
    expect(other.ids()).toEqual(ids);
    // A session read after the change (its version is the change's) is not refused.
    expect(newer.ids()).toEqual(ids);
    expect(newer.forbidden).toEqual([]);
  });

  it('hands a data change to the instance’s listeners, in feed order, and never to a client', async () => {
    const told: unknown[] = [];
    const stop = fanOut.notices.onChange((payload) => {
      told.push(payload);
    });
    const watcher = subscriber({ accountId: 'e', version: 1, expiresAt: Date.now() + 3600_000 });
    id++;
    const data: FeedItem = {
      kind: 'dataChange',
      position: { tx: BigInt(id), id: BigInt(id) },
      payload: { kind: 'X', version: 2 },
    };
    const before = event();
    const after = event();
    await fanOut.deliver([before, data, after]);
    await new Promise((r) => setImmediate(r));
    stop();
    expect(told).toEqual([{ kind: 'X', version: 2 }]);
    expect(watcher.ids()).toEqual([before.id, after.id]);
  });

  it('ignores a change read again or out of order: the highest version wins', () => {
    accounts.note('c', 7);
    accounts.note('c', 5);
    expect(accounts.stale('c', 6)).toBe(true);
    expect(accounts.stale('c', 7)).toBe(false);
  });

  it('sends nothing once the session’s token has expired', async () => {
    const expiring = subscriber({ accountId: 'd', version: 1, expiresAt: Date.now() + 50 });
    const first = event();
    await fanOut.deliver([first]);
    await new Promise((r) => setTimeout(r, 60));
    await fanOut.deliver([event()]);
    expect(expiring.ids()).toEqual([first.id]);
    expect(expiring.forbidden).toEqual(['token expired']);
  });
});

describe('FanOut: slices', () => {
  const SLICE = 16;
  const fanOutWith = (sliceSize: number, sliceMs = 60_000) =>
    new FanOut(
      {} as OutboxReader,
      new AccountVersions(),
      new FeedCursors(new CursorCodec('a-secret-that-is-long-enough-for-tests-0123456789')),
      { maxBufferedBytes: 1 << 20, readBatch: 100, sliceSize, sliceMs },
      { info: () => undefined, warn: () => undefined } as unknown as Logger,
      () => ({ tx: 0n, id: 0n }),
      (e, cursor) => ({ id: e.id, cursor }),
    );

  /** `count` anonymous committee subscribers (no session: nothing refuses their frames). */
  const subscribers = (fanOut: FanOut, count: number, wants: () => boolean = () => true) =>
    Array.from({ length: count }, (_, i) => {
      const socket = new FakeSocket();
      fanOut.open(
        { permissionKey: 'committee', wants },
        {
          socket: socket as unknown as WebSocket,
          id: String(i),
          schema,
          document,
          query: 'subscription { id }',
          operationName: undefined,
          variables: undefined,
          format: (r) => r as never,
          session: null,
          forbid: () => undefined,
        },
        {},
        null,
      );
      return () => socket.sent.map((m) => (JSON.parse(m) as { payload: { data: { id: string } } }).payload.data.id);
    });

  it('delivers every event, in feed order, to more subscribers than a slice holds', async () => {
    const fanOut = fanOutWith(SLICE);
    const received = subscribers(fanOut, SLICE * 5 + 3);
    const batch = [event(), event(), event(), event()];
    await fanOut.deliver(batch);
    await fanOut.deliver([event()]);
    const ids = batch.map((e) => e.id);
    ids.push(String(id));
    for (const got of received) expect(got()).toEqual(ids);
    expect(fanOut.stats.delivered).toBe(received.length * ids.length);
  });

  it('skips a subscriber that leaves between slices and keeps the others whole', async () => {
    const fanOut = fanOutWith(SLICE);
    const received = subscribers(fanOut, SLICE * 3);
    const batch = [event(), event()];
    const delivering = fanOut.deliver(batch);
    // After the first slice, the last subscriber's socket closes before its turn.
    await new Promise((resolve) => setImmediate(resolve));
    expect(fanOut.stats.delivered).toBeGreaterThan(0);
    expect(fanOut.stats.delivered).toBeLessThan(received.length);
    const last = [...(fanOut as unknown as { subscribers: Set<{ closed: boolean }> }).subscribers].at(-1)!;
    last.closed = true;
    await delivering;
    const ids = batch.map((e) => e.id);
    for (const got of received.slice(0, -1)) expect(got()).toEqual(ids);
    expect(received.at(-1)!()).toEqual([]);
  });

  /**
   * A request from a client on the same machine, sent as the fan-out starts: the point in the
   * fan-out (frames written so far) at which the server answered it.
   */
  async function answeredDuring(sliceSize: number, subscriberCount: number, sliceMs?: number, wants?: () => boolean) {
    const fanOut = fanOutWith(sliceSize, sliceMs);
    subscribers(fanOut, subscriberCount, wants);
    let framesWhenServed = -1;
    const server = createServer((_req, res) => {
      framesWhenServed = fanOut.stats.delivered;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const port = (server.address() as AddressInfo).port;
    const ask = () =>
      new Promise<void>((resolve, reject) => {
        get({ host: '127.0.0.1', port, agent }, (res) => res.resume().on('end', resolve)).on('error', reject);
      });
    try {
      // A warm connection, as a client's keep-alive socket is.
      await ask();
      const answered = ask();
      await fanOut.deliver([event(), event()]);
      const total = fanOut.stats.delivered;
      await answered;
      return { framesWhenServed, total };
    } finally {
      agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it('serves a request that arrives during a fan-out between two slices, not after the fan-out', async () => {
    const { framesWhenServed, total } = await answeredDuring(SLICE, 400);
    expect(total).toBe(800);
    expect(framesWhenServed).toBeGreaterThan(0);
    expect(framesWhenServed).toBeLessThan(total);
  });

  it('ends a slice when it has held the event loop for its time, however few subscribers it has handled', async () => {
    // Each subscriber costs 0.2 ms here (a slow audience check): 800 frames hold the loop for
    // 160 ms in all, and a slice of 5 ms ends long before its count of a million subscribers.
    const slow = () => {
      const until = performance.now() + 0.2;
      while (performance.now() < until);
      return true;
    };
    const { framesWhenServed, total } = await answeredDuring(1_000_000, 400, 5, slow);
    expect(total).toBe(800);
    expect(framesWhenServed).toBeGreaterThan(0);
    expect(framesWhenServed).toBeLessThan(total / 2);
  });

  it('(the checks above can fail) without slices the same request waits for the whole fan-out', async () => {
    const { framesWhenServed, total } = await answeredDuring(Number.MAX_SAFE_INTEGER, 400);
    expect(framesWhenServed).toBe(total);
  });
});
