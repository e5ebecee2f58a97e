import 'reflect-metadata';
import { buildSchema, parse } from 'graphql';
import type { WebSocket } from 'ws';
import type { Logger } from '../common/logger';
import { CursorCodec } from '../graphql/cursor';
import { Role } from '../common/role.enum';
import { AccountVersions, type LiveSession } from './account-versions';
import { BoardEventType } from './board-event.types';
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
    type: BoardEventType.REPORT_RECEIVED,
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
  );

  /** A subscriber that nothing else closes: only the check before each frame can stop it. */
  const subscriber = (session: LiveSession | null) => {
    const socket = new FakeSocket();
    const forbidden: string[] = [];
    fanOut.open(
      'boardEvents',
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
      { accountId: session?.accountId ?? 'anonymous', role: Role.INSPECTION_COMMITTEE, scopePath: null, cadreId: null },
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
