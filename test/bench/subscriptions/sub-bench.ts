/**
 * `npm run bench -- --only subscriptions`: live-board delivery measured against a plain `ws`
 * broadcast in the same run. See test/bench/README.md ("The subscription scenario").
 */
import 'reflect-metadata';
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pino from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { type App, startApp } from '../../../src/app';
import { loadConfig } from '../../../src/config/config';
import { startEmbeddedPostgres } from '../../../src/db/embedded-postgres';
import { rawStreamOf, textFrame } from '../../../src/events/ws-frame';
import { cpuMsOf } from '../proc-cpu';

interface Options {
  subscribers: number[];
  durationS: number;
  rate: number;
  burst: number;
  workers: number;
  hopSubscribers: number;
  /** `me` queries per second sent beside the events (0: none). */
  meRate: number;
  /** Measure the plain broadcast before the GraphQL side (default: after). */
  plainFirst: boolean;
}

function parse(argv: string[]): Options {
  const o: Options = {
    subscribers: [1000, 5000],
    durationS: 5,
    rate: 10,
    burst: 50,
    workers: 4,
    hopSubscribers: 200,
    meRate: 20,
    plainFirst: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    switch (argv[i]) {
      case '--subscribers':
        o.subscribers = v!.split(',').map(Number);
        i++;
        break;
      case '--duration':
        o.durationS = Number(v);
        i++;
        break;
      case '--rate':
        o.rate = Number(v);
        i++;
        break;
      case '--burst':
        o.burst = Number(v);
        i++;
        break;
      case '--workers':
        o.workers = Number(v);
        i++;
        break;
      case '--me-rate':
        o.meRate = Number(v);
        i++;
        break;
      case '--plain-first':
        o.plainFirst = true;
        break;
      case '--hop-subscribers':
        o.hopSubscribers = Number(v);
        i++;
        break;
      default:
        break;
    }
  }
  return o;
}

const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface WorkerReport {
  received: number;
  buckets: Array<[number, number]>;
  max: number;
  perEvent: Array<[number, number]>;
  open: number;
}

class Clients {
  private readonly workers: ChildProcess[] = [];
  constructor(private readonly total: number) {}

  async start(url: string, mode: 'graphql' | 'plain', token: string, workers: number): Promise<void> {
    const per = Math.ceil(this.total / workers);
    const file = path.join(__dirname, 'sub-worker.js');
    for (let i = 0; i < workers; i++) {
      const count = Math.min(per, this.total - i * per);
      if (count <= 0) break;
      const w = fork(file, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      this.workers.push(w);
      await this.ask(w, { cmd: 'start', url, mode, count, token }, 'ready');
    }
  }

  private ask<T>(w: ChildProcess, msg: object, reply: string): Promise<T> {
    return new Promise((resolve) => {
      const on = (m: { cmd: string }) => {
        if (m.cmd !== reply) return;
        w.off('message', on);
        resolve(m as T);
      };
      w.on('message', on);
      w.send(msg);
    });
  }

  async reset(): Promise<void> {
    await Promise.all(this.workers.map((w) => this.ask(w, { cmd: 'reset' }, 'reset')));
  }

  async report(): Promise<{
    received: number;
    p50: number;
    p99: number;
    max: number;
    perEvent: Map<number, number>;
    open: number;
  }> {
    const reports = await Promise.all(this.workers.map((w) => this.ask<WorkerReport>(w, { cmd: 'report' }, 'report')));
    const buckets = new Map<number, number>();
    const perEvent = new Map<number, number>();
    let received = 0;
    let max = 0;
    let open = 0;
    for (const r of reports) {
      received += r.received;
      max = Math.max(max, r.max);
      open += r.open;
      for (const [ms, n] of r.buckets) buckets.set(ms, (buckets.get(ms) ?? 0) + n);
      for (const [seq, n] of r.perEvent) perEvent.set(seq, (perEvent.get(seq) ?? 0) + n);
    }
    const sorted = [...buckets.entries()].sort((a, b) => a[0] - b[0]);
    const pct = (p: number) => {
      const target = Math.ceil((p / 100) * received);
      let seen = 0;
      for (const [ms, n] of sorted) {
        seen += n;
        if (seen >= target) return ms;
      }
      return 0;
    };
    return { received, p50: pct(50), p99: pct(99), max, perEvent, open };
  }

  /** CPU ms of every client process so far. */
  async cpuMs(): Promise<number> {
    let ms = 0;
    for (const w of this.workers) ms += (await cpuMsOf(w.pid!)) ?? 0;
    return ms;
  }

  stop(): void {
    for (const w of this.workers) w.send({ cmd: 'stop' });
  }
}

/**
 * A stream of `me` queries to the app at a fixed rate, from a forked process
 * (me-worker.ts), beside the events of both sides: the plain baseline runs in the same process
 * as the app, so its broadcast holds the app's requests up exactly as much as it holds the loop.
 */
class RequestStream {
  private worker: ChildProcess | undefined;

  async start(url: string, token: string, rate: number): Promise<void> {
    if (rate <= 0) return;
    this.worker = fork(path.join(__dirname, 'me-worker.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await this.ask({ cmd: 'start', url, token, rate }, 'ready');
  }

  private ask<T>(msg: object, reply: string): Promise<T> {
    const w = this.worker!;
    return new Promise((resolve) => {
      const on = (m: { cmd: string }) => {
        if (m.cmd !== reply) return;
        w.off('message', on);
        resolve(m as T);
      };
      w.on('message', on);
      w.send(msg);
    });
  }

  /** Starts sending (a measured window begins). */
  async begin(): Promise<void> {
    if (this.worker) await this.ask({ cmd: 'begin' }, 'begun');
  }

  /** Stops sending; p99 (ms) of the window's answers, how many failed or were skipped (too many in flight). */
  async end(): Promise<{ p99: number; count: number; failed: number; skipped: number }> {
    if (!this.worker) return { p99: 0, count: 0, failed: 0, skipped: 0 };
    const r = await this.ask<{ latencies: number[]; failed: number; skipped: number }>({ cmd: 'end' }, 'report');
    return {
      p99: Math.round(percentile(r.latencies, 99) * 10) / 10,
      count: r.latencies.length,
      failed: r.failed,
      skipped: r.skipped,
    };
  }

  stop(): void {
    this.worker?.send({ cmd: 'stop' });
  }
}

/** Nearest-rank percentile of a list of durations (ms), 0 when empty. */
function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Server time of each delivery: from the moment the server is told of the event to its last
 * socket write. For the app, from the doorbell's ring (the first not yet served) to the end of
 * the fan-out of the batch that read it (the outbox read included); for the plain baseline,
 * from the INSERT's answer to the end of its broadcast loop. It tells the server's share of the
 * latency from the client processes' share.
 */
class ServerTimes {
  samples: number[] = [];
  take(): number[] {
    const s = this.samples;
    this.samples = [];
    return s;
  }
}

function timeAppDelivery(app: App): ServerTimes {
  const times = new ServerTimes();
  const { feed, fanOut } = app.services.delivery;
  let toldAt: number | undefined;
  // The doorbell and EventFeed call these through the instances, so wrapping them times the
  // app's own path without changing it.
  const wake = feed.wake.bind(feed);
  feed.wake = () => {
    toldAt ??= performance.now();
    wake();
  };
  // A ring whose read found nothing (another event's ring, read already) is served: without this
  // it would date the next delivery from long before its event.
  const { reader } = app.services.delivery;
  const after = reader.after.bind(reader);
  reader.after = async (position, limit) => {
    const startedAt = performance.now();
    const rows = await after(position, limit);
    if (!rows.length && toldAt !== undefined && toldAt <= startedAt) toldAt = undefined;
    return rows;
  };
  const deliver = fanOut.deliver.bind(fanOut);
  fanOut.deliver = async (batch) => {
    const from = toldAt ?? performance.now();
    toldAt = undefined;
    await deliver(batch);
    times.samples.push(performance.now() - from);
  };
  return times;
}

/**
 * The baseline: a plain ws server that sends one pre-serialised message to every socket, framed
 * once and written as it is to each socket's TCP stream (the cheapest way `ws` allows, and the
 * way the app's fan-out writes its frames: src/events/ws-frame.ts).
 */
async function startPlain(): Promise<{
  url: string;
  sockets: () => Set<WebSocket>;
  broadcast(text: string): void;
  close(): Promise<void>;
}> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  const streams = new Map<WebSocket, Duplex | null>();
  wss.on('connection', (ws) => {
    streams.set(ws, rawStreamOf(ws));
    ws.once('close', () => streams.delete(ws));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return {
    url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`,
    sockets: () => wss.clients,
    broadcast(text) {
      const frame = textFrame(Buffer.from(text));
      for (const [ws, tcp] of streams) {
        if (ws.readyState !== ws.OPEN) continue;
        if (tcp) tcp.write(frame);
        else ws.send(text);
      }
    },
    close: () =>
      new Promise((r) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        http.close(() => r());
      }),
  };
}

interface Row {
  subscribers: number;
  side: string;
  events: number;
  p50: number;
  p99: number;
  max: number;
  lost: number;
  serverP50: number;
  serverP99: number;
  commitP99: number;
  burstCommitP99: number;
  meP99: number;
  burstMeP99: number;
  meCount: number;
  meFailed: number;
  meSkipped: number;
  cpuPct: number;
  clientCpuPct: number;
  cpuUsPerDelivery: number;
  burstDeliveriesPerS: number;
  cpuMsPer1000: number;
}

/** Round trips of the event INSERTs (autocommit: the commit included), ms. */
let commitTimes: number[] = [];

/**
 * One event, stamped with the time it was due (`dueAt`, epoch ms), not the time the INSERT could
 * be sent: a side whose broadcast holds the event loop also holds up its own event source (the
 * next INSERT waits for the loop), and stamping at the send would leave that wait out of its
 * latency (coordinated omission), while a fan-out that yields lets the next event in and counts
 * its wait. Both sides are stamped alike.
 */
async function writeEvent(app: App, seq: number, dueAt: number): Promise<void> {
  const t = performance.now();
  await app.dataSource.query(
    `INSERT INTO outbox_event (type, payload) VALUES ('REPORT_RECEIVED', jsonb_build_object('seq', $1::int, 'sentAt', $2::bigint))`,
    [seq, dueAt],
  );
  commitTimes.push(performance.now() - t);
}

function plainMessage(seq: number, dueAt: number): string {
  return JSON.stringify({
    id: '1',
    type: 'next',
    payload: {
      data: {
        boardEvents: {
          cursor: 'x'.repeat(80),
          id: String(seq),
          type: 'REPORT_RECEIVED',
          occurredAt: new Date().toISOString(),
          payload: { seq, sentAt: dueAt },
        },
      },
    },
  });
}

async function waitFor(pred: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) return false;
    await sleep(20);
  }
  return true;
}

/** The clients' report once they have `total` messages, polled every `pollMs`, or at `deadline` (epoch ms). */
async function untilReceived(clients: Clients, total: number, pollMs: number, deadline: number) {
  let report = await clients.report();
  while (report.received < total && Date.now() < deadline) {
    await sleep(pollMs);
    report = await clients.report();
  }
  return report;
}

/** Unmeasured events before a side's measured window (both sides alike). */
const WARM_UP_EVENTS = 10;

/**
 * Sends {@link WARM_UP_EVENTS} unmeasured events, a tenth of a second apart, waits until every
 * client has them (at most 30 s), then collects the heap. Both sides are then measured in the same
 * state: their per-socket paths compiled, and no garbage of what ran before them (the other
 * side's sockets, the subscribes) left to collect in their window. Without it the side measured
 * first paid for the process's warm-up and the side measured second for the other's garbage.
 */
async function warmUp(n: number, clients: Clients, send: (seq: number, dueAt: number) => Promise<void>, seqBase: number) {
  await clients.reset();
  for (let i = 0; i < WARM_UP_EVENTS; i++) {
    await send(seqBase + i, Date.now());
    await sleep(100);
  }
  await untilReceived(clients, WARM_UP_EVENTS * n, 100, Date.now() + 30000);
  gc();
  await sleep(200);
}

/** Steady rate for the duration, then a burst; returns the row. */
async function measureSide(
  side: 'GraphQL boardEvents' | 'plain ws broadcast',
  n: number,
  clients: Clients,
  send: (seq: number, dueAt: number) => Promise<void>,
  opts: Options,
  seqBase: number,
  serverTimes: ServerTimes,
  requests: RequestStream,
): Promise<Row> {
  await clients.reset();
  await requests.begin();
  const interval = 1000 / opts.rate;
  const count = Math.round(opts.durationS * opts.rate);
  const cpu0 = (await cpuMsOf(process.pid)) ?? 0;
  const clientCpu0 = await clients.cpuMs();
  serverTimes.take();
  commitTimes = [];
  const t0 = Date.now();
  for (let i = 0; i < count; i++) {
    const due = t0 + i * interval;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    await send(seqBase + i, due);
  }
  // A message still missing after 30 s is lost; a late one is not (its latency is in the tail). Under
  // CPU starvation the clients can trail the server by several seconds, which is lateness, not loss.
  const steady = await untilReceived(clients, count * n, 100, Date.now() + 30000);
  const cpu1 = (await cpuMsOf(process.pid)) ?? 0;
  const clientCpu1 = await clients.cpuMs();
  const elapsed = Date.now() - t0;
  const server = serverTimes.take();
  const commits = commitTimes;
  commitTimes = [];
  const me = await requests.end();
  let lost = 0;
  for (let i = 0; i < count; i++) lost += n - (steady.perEvent.get(seqBase + i) ?? 0);
  // Burst: `burst` events at once; deliveries per second until every client has every one.
  await clients.reset();
  await requests.begin();
  const b0 = Date.now();
  const c0 = (await cpuMsOf(process.pid)) ?? 0;
  for (let i = 0; i < opts.burst; i++) await send(seqBase + count + i, b0);
  const burst = await untilReceived(clients, opts.burst * n, 20, b0 + 30000);
  const burstMs = Date.now() - b0;
  const c1 = (await cpuMsOf(process.pid)) ?? 0;
  const burstMe = await requests.end();
  return {
    subscribers: n,
    side,
    events: count,
    p50: steady.p50,
    p99: steady.p99,
    max: steady.max,
    lost,
    serverP50: Math.round(percentile(server, 50) * 10) / 10,
    serverP99: Math.round(percentile(server, 99) * 10) / 10,
    commitP99: Math.round(percentile(commits, 99) * 10) / 10,
    burstCommitP99: Math.round(percentile(commitTimes, 99) * 10) / 10,
    meP99: me.p99,
    burstMeP99: burstMe.p99,
    meCount: me.count + burstMe.count,
    meFailed: me.failed + burstMe.failed,
    meSkipped: me.skipped + burstMe.skipped,
    cpuPct: Math.round(((cpu1 - cpu0) / elapsed) * 100),
    clientCpuPct: Math.round(((clientCpu1 - clientCpu0) / elapsed) * 100),
    cpuUsPerDelivery: Math.round(((cpu1 - cpu0) / Math.max(1, steady.received)) * 1000 * 10) / 10,
    burstDeliveriesPerS: Math.round((burst.received / burstMs) * 1000),
    cpuMsPer1000: Math.round(((c1 - c0) / Math.max(1, burst.received)) * 1000 * 100) / 100,
  };
}

export async function runSubscriptionBench(argv: string[]): Promise<number> {
  const opts = parse(argv);
  const dir = await mkdtemp(path.join(tmpdir(), 'giamsat-subbench-'));
  const logger = pino({ level: 'warn' });
  const pg = await startEmbeddedPostgres({ dir, port: 0, database: 'giamsat_subbench', logger, fast: true });
  const env = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789abcdef',
    DEMO_SEED: 'true',
    DATA_DIR: dir,
    EVENT_POLL_INTERVAL_MS: '60000',
    WS_MAX_BUFFERED_BYTES: String(64 * 1024 * 1024),
    // The fan-out's slice, as an operator would set it (an A/B of the slicing: WS_FANOUT_SLICE=100000
    // with WS_FANOUT_SLICE_MS=1000 is one slice).
    ...(process.env['WS_FANOUT_SLICE'] ? { WS_FANOUT_SLICE: process.env['WS_FANOUT_SLICE'] } : {}),
    ...(process.env['WS_FANOUT_SLICE_MS'] ? { WS_FANOUT_SLICE_MS: process.env['WS_FANOUT_SLICE_MS'] } : {}),
  };
  const rows: Row[] = [];
  const memory: Array<{ subscribers: number; heapKbPer: number; rssKbPer: number }> = [];
  let hop:
    { a: { p50: number; p99: number; max: number }; b: { p50: number; p99: number; max: number }; events: number } | undefined;
  const apps: App[] = [];
  try {
    const app = await startApp({ config: loadConfig(env), logger, databaseUrl: pg.url });
    apps.push(app);
    const login = await fetch(`${app.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(email: "kiemtra@anbien.test", password: "anbien-demo-2025") { token } }' }),
    });
    const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    const wsUrl = app.server.url.replace(/^http/, 'ws') + '/graphql';
    const plain = await startPlain();
    const appTimes = timeAppDelivery(app);
    const requests = new RequestStream();
    await requests.start(app.server.url, token, opts.meRate);
    const plainTimes = new ServerTimes();
    let seq = 0;
    for (const n of opts.subscribers) {
      const graphqlSide = async () => {
        log(`${n} subscribers: GraphQL`);
        gc();
        const before = process.memoryUsage();
        const gClients = new Clients(n);
        await gClients.start(wsUrl, 'graphql', token, opts.workers);
        await waitFor(() => app.services.delivery.fanOut.size >= n, 30000);
        await sleep(500);
        gc();
        const after = process.memoryUsage();
        memory.push({
          subscribers: n,
          heapKbPer: Math.round(((after.heapUsed + after.external - before.heapUsed - before.external) / n / 1024) * 10) / 10,
          rssKbPer: Math.round(((after.rss - before.rss) / n / 1024) * 10) / 10,
        });
        const send = (s: number, due: number) => writeEvent(app, s, due);
        await warmUp(n, gClients, send, seq + 90000);
        rows.push(await measureSide('GraphQL boardEvents', n, gClients, send, opts, seq, appTimes, requests));
        seq += 100000;
        gClients.stop();
        await waitFor(() => app.services.delivery.fanOut.size === 0, 10000);
      };
      const plainSide = async () => {
        log(`${n} subscribers: plain ws`);
        const pClients = new Clients(n);
        await pClients.start(plain.url, 'plain', token, opts.workers);
        await waitFor(() => plain.sockets().size >= n, 30000);
        // Same trigger as the app: the commit of the same INSERT, then the broadcast.
        const send = async (s: number, due: number) => {
          await writeEvent(app, s, due);
          const told = performance.now();
          plain.broadcast(plainMessage(s, due));
          plainTimes.samples.push(performance.now() - told);
        };
        await warmUp(n, pClients, send, seq + 90000);
        rows.push(await measureSide('plain ws broadcast', n, pClients, send, opts, seq, plainTimes, requests));
        seq += 100000;
        pClients.stop();
        await sleep(500);
      };
      // Each side is warmed up and starts on a collected heap (warmUp); --plain-first swaps the order, to see what share is left to it.
      for (const side of opts.plainFirst ? [plainSide, graphqlSide] : [graphqlSide, plainSide]) await side();
    }
    await plain.close();
    requests.stop();

    log(`two instances: ${opts.hopSubscribers} subscribers on each`);
    const second = await startApp({ config: loadConfig(env), logger, databaseUrl: pg.url });
    apps.push(second);
    const onA = new Clients(opts.hopSubscribers);
    const onB = new Clients(opts.hopSubscribers);
    await onA.start(wsUrl, 'graphql', token, 1);
    await onB.start(second.server.url.replace(/^http/, 'ws') + '/graphql', 'graphql', token, 1);
    await waitFor(
      () =>
        app.services.delivery.fanOut.size >= opts.hopSubscribers && second.services.delivery.fanOut.size >= opts.hopSubscribers,
      30000,
    );
    await Promise.all([onA.reset(), onB.reset()]);
    const count = Math.round(opts.durationS * opts.rate);
    for (let i = 0; i < count; i++) {
      await writeEvent(app, seq + i, Date.now());
      await sleep(1000 / opts.rate);
    }
    await sleep(500);
    const [ra, rb] = await Promise.all([onA.report(), onB.report()]);
    hop = { a: ra, b: rb, events: count };
    onA.stop();
    onB.stop();
  } finally {
    for (const a of apps.reverse()) await a.stop().catch((err: unknown) => log(`app stop failed: ${String(err)}`));
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }

  const out: string[] = [];
  out.push('## Subscriptions: `boardEvents` vs a plain `ws` broadcast\n');
  out.push(
    `Steady: ${opts.rate} events/s for ${opts.durationS} s; burst: ${opts.burst} events at once. Latency from the time each event was due (the steady schedule; the burst's start) to the client's message handler, on both sides: a side that holds up its own event source is charged for it (ms).\n`,
  );
  out.push(
    '| Subscribers | Side | Events | p50 ms | p99 ms | max ms | Lost | Server p50 / p99 ms (told → last write) | INSERT p99 ms (steady / burst) | `me` p99 ms (steady / burst) | Server CPU % (steady) | Server CPU µs / delivery (steady) | Client CPU % (steady) | Burst deliveries/s | Server CPU ms / 1,000 deliveries (burst) |',
  );
  out.push('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    out.push(
      `| ${r.subscribers} | ${r.side} | ${r.events} | ${r.p50} | ${r.p99} | ${r.max} | ${r.lost} | ${r.serverP50} / ${r.serverP99} | ${r.commitP99} / ${r.burstCommitP99} | ${r.meP99} / ${r.burstMeP99} | ${r.cpuPct} | ${r.cpuUsPerDelivery} | ${r.clientCpuPct} | ${r.burstDeliveriesPerS} | ${r.cpuMsPer1000} |`,
    );
  }
  out.push(
    `\n\`me\`: ${opts.meRate} queries/s from a forked process during each measured window (steady, then burst), at most 4 in flight, p99 from send to answer; ${rows.reduce((a, r) => a + r.meCount, 0)} answered, ${rows.reduce((a, r) => a + r.meFailed, 0)} failed, ${rows.reduce((a, r) => a + r.meSkipped, 0)} skipped (4 already in flight).`,
  );
  out.push(
    '\n| Subscribers | Delivery p99 ratio (GraphQL ÷ plain) | INSERT p99 ratio in the burst (GraphQL ÷ plain) | Throughput ratio (burst deliveries/s, GraphQL ÷ plain) | CPU ratio (plain ÷ GraphQL CPU per delivery) |',
  );
  out.push('| ---: | ---: | ---: | ---: | ---: |');
  for (const n of opts.subscribers) {
    const g = rows.find((r) => r.subscribers === n && r.side.startsWith('GraphQL'))!;
    const p = rows.find((r) => r.subscribers === n && r.side.startsWith('plain'))!;
    out.push(
      `| ${n} | ${(g.p99 / Math.max(1, p.p99)).toFixed(2)} | ${(g.burstCommitP99 / Math.max(0.1, p.burstCommitP99)).toFixed(2)} | ${(g.burstDeliveriesPerS / p.burstDeliveriesPerS).toFixed(2)} | ${(p.cpuMsPer1000 / g.cpuMsPer1000).toFixed(2)} |`,
    );
  }
  out.push('\n| Idle subscribers | Server heap + external per subscriber (KB) | Server RSS per subscriber (KB) |');
  out.push('| ---: | ---: | ---: |');
  for (const m of memory) out.push(`| ${m.subscribers} | ${m.heapKbPer} | ${m.rssKbPer} |`);
  if (hop) {
    out.push(
      `\nTwo instances on one database, events written through A, ${opts.hopSubscribers} subscribers on each, ${hop.events} events:\n`,
    );
    out.push('| Instance | p50 ms | p99 ms | max ms |');
    out.push('| --- | ---: | ---: | ---: |');
    out.push(`| A (the writer's) | ${hop.a.p50} | ${hop.a.p99} | ${hop.a.max} |`);
    out.push(`| B (the other) | ${hop.b.p50} | ${hop.b.p99} | ${hop.b.max} |`);
    out.push(`\nHop (B p99 − A p99): ${hop.b.p99 - hop.a.p99} ms.`);
  }
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}
