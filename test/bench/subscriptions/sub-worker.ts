/**
 * A forked WebSocket client process of the subscription bench: opens `count` sockets to the app
 * (graphql-ws, `boardEvents`) or to the plain baseline, and records, for every message, the
 * latency from the commit (the `sentAt` the writer put in the payload just before COMMIT) and
 * which event it was, so the parent can count what was lost.
 */
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

function open(s: Start): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(s.url, s.mode === 'graphql' ? 'graphql-transport-ws' : undefined);
    sockets.push(ws);
    ws.once('error', reject);
    ws.on('open', () => {
      if (s.mode === 'plain') return resolve();
      ws.send(JSON.stringify({ type: 'connection_init', payload: { token: s.token } }));
    });
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString()) as { type: string; payload?: { data?: { boardEvents?: { payload: { seq: number; sentAt: number } } } } };
      if (msg.type === 'connection_ack') {
        ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { boardEvents { cursor id type occurredAt payload } }' } }));
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
