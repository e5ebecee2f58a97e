/**
 * A forked WebSocket client process of the subscription bench: opens `count` sockets to the app
 * (graphql-ws, `boardEvents`) or to the plain baseline, and records, for every message, the
 * latency from the time the event was due (the `sentAt` the writer put in the payload) and
 * which event it was, so the parent can count what was lost.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

interface Start {
  url: string;
  mode: 'graphql' | 'plain';
  count: number;
  token: string;
}

/** Latency counts by whole millisecond. */
const buckets = new Map<number, number>();
const perEvent = new Map<number, number>();
let received = 0;
let maxMs = 0;
const sockets: WebSocket[] = [];

function record(seq: number, sentAt: number): void {
  const ms = Math.max(1, Date.now() - sentAt);
  buckets.set(ms, (buckets.get(ms) ?? 0) + 1);
  if (ms > maxMs) maxMs = ms;
  perEvent.set(seq, (perEvent.get(seq) ?? 0) + 1);
  received++;
}

type Message = { type: string; payload?: { data?: { boardEvents?: { payload: { seq: number; sentAt: number } } } } };

/**
 * The payload of the last `next` message parsed, by its bytes. One process here stands for a
 * thousand subscribers that would each be alone on their own machine, and an event reaches all
 * of them with the same payload (on both sides): parsing each copy again would charge the
 * server's two cores a thousand parses of one text. So a message that starts with the socket's
 * own `{"id":"<its id>","type":"next","payload":` and whose rest is byte for byte the rest of
 * the message parsed last is that message for this socket; any other is parsed in full (and its
 * id checked). Every message is checked; what is saved is parsing the same bytes again.
 */
let lastRest: Buffer | undefined;
let lastNext: Message | undefined;

function parseMessage(data: Buffer, prefix: Buffer, id: string): Message {
  const ours = data.length > prefix.length && data.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
  if (
    ours &&
    lastRest &&
    lastNext &&
    data.length - prefix.length === lastRest.length &&
    data.compare(lastRest, 0, lastRest.length, prefix.length) === 0
  ) {
    return lastNext;
  }
  const msg = JSON.parse(data.toString()) as Message & { id?: string };
  if (msg.type === 'next') {
    // Another operation's event on this socket is not this subscriber's: it counts as lost.
    if (msg.id !== id) return { type: 'next for another operation' };
    if (ours) {
      lastRest = Buffer.from(data.subarray(prefix.length));
      lastNext = msg;
    }
  }
  return msg;
}

function open(s: Start): Promise<void> {
  // Like graphql-ws's client, each operation has an id of its own (a UUID), so every socket's
  // messages differ from the others' in their first bytes; the plain baseline sends one message
  // to all, with the id "1".
  const id = s.mode === 'graphql' ? randomUUID() : '1';
  const prefix = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(s.url, s.mode === 'graphql' ? 'graphql-transport-ws' : undefined);
    sockets.push(ws);
    ws.once('error', reject);
    ws.on('open', () => {
      if (s.mode === 'plain') return resolve();
      ws.send(JSON.stringify({ type: 'connection_init', payload: { token: s.token } }));
    });
    ws.on('message', (data: Buffer) => {
      const msg = parseMessage(data, prefix, id);
      if (msg.type === 'connection_ack') {
        ws.send(
          JSON.stringify({
            id,
            type: 'subscribe',
            payload: { query: 'subscription { boardEvents { cursor id type occurredAt payload } }' },
          }),
        );
        return resolve();
      }
      if (msg.type === 'ping') return ws.send('{"type":"pong"}');
      const p = msg.payload?.data?.boardEvents?.payload;
      if (msg.type === 'next' && p) record(p.seq, p.sentAt);
    });
  });
}

process.on('message', (m: { cmd: string } & Partial<Start>) => {
  void (async () => {
    if (m.cmd === 'start') {
      const s = m as Start;
      for (let i = 0; i < s.count; i += 50) {
        await Promise.all(Array.from({ length: Math.min(50, s.count - i) }, () => open(s)));
      }
      process.send!({ cmd: 'ready' });
    } else if (m.cmd === 'reset') {
      buckets.clear();
      perEvent.clear();
      received = 0;
      maxMs = 0;
      process.send!({ cmd: 'reset' });
    } else if (m.cmd === 'report') {
      process.send!({
        cmd: 'report',
        received,
        buckets: [...buckets.entries()],
        max: maxMs,
        perEvent: [...perEvent.entries()],
        open: sockets.filter((w) => w.readyState === WebSocket.OPEN).length,
      });
    } else if (m.cmd === 'stop') {
      sockets.forEach((w) => w.terminate());
      process.exit(0);
    }
  })();
});
