/**
 * The load generator, run by the harness in a process of its own (`child_process.fork`) so that
 * it never shares an event loop with the server it measures. Closed loop: `connections`
 * keep-alive connections, each sending its next request as soon as the previous response has
 * been read in full. Open loop (`arrivalRate`): request i is due at start + i / rate, sent then
 * (a 1 ms timer sends whatever is due), and its latency counted from that due time, not from
 * when a connection was free: a server that stalls sees its queue in the figures instead of
 * slowing the sender down (no coordinated omission). Latency goes into an HDR histogram
 * (perf_hooks).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { createHistogram } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadJob, LoadResult, WorkerMessage } from './protocol';

type Phase = 'warmup' | 'measure' | 'stop';

function send(msg: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(msg, () => resolve());
  });
}

export async function runLoad(job: LoadJob, onMeasuring: () => void = () => undefined): Promise<LoadResult> {
  const origin = new URL(job.origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections, maxFreeSockets: job.connections });
  const body = job.request.body === undefined ? undefined : Buffer.from(job.request.body, 'utf8');
  const options: http.RequestOptions = {
    agent,
    hostname: origin.hostname,
    port: origin.port,
    method: job.request.method,
    path: job.request.path,
    headers: { ...job.request.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
  };
  // A body with a fresh value per request: split once, joined around `<prefix>-<counter>`.
  const marker = job.request.uniquePlaceholder;
  const parts = marker && job.request.body?.includes(marker) ? job.request.body.split(marker) : null;
  const prefix = randomBytes(6).toString('hex');
  let sent = 0;
  const nextRequest = (): { options: http.RequestOptions; body: Buffer | undefined } => {
    if (!parts) return { options, body };
    const unique = Buffer.from(parts.join(`${prefix}-${(sent++).toString(36)}`), 'utf8');
    return {
      options: { ...options, headers: { ...job.request.headers, 'content-length': String(unique.length) } },
      body: unique,
    };
  };
  const sqlHeader = job.sqlHeader.toLowerCase();
  const histogram = createHistogram();

  let phase: Phase = 'warmup';
  let requests = 0;
  let unexpected = 0;
  let errors = 0;
  let sqlSum = 0;
  let sqlSeen = 0;
  let completed = 0;
  let good = 0;
  let newConnections = 0;
  let sampleUnexpected: string | undefined;
  const statuses: Record<string, number> = {};

  let active = 0;
  let queuedAtSend = 0;
  let maxQueued = 0;

  /**
   * One request; resolves once its response has been read (never rejects). Latency runs from
   * `started`: now for the closed loop, the scheduled send time for the open loop.
   */
  const once = (measured: boolean, started: bigint = process.hrtime.bigint()): Promise<boolean> =>
    new Promise((resolve) => {
      active++;
      if (active > job.connections) {
        if (measured) queuedAtSend++;
        maxQueued = Math.max(maxQueued, active - job.connections);
      }
      const done = (ok: boolean) => {
        active--;
        resolve(ok);
      };
      const next = nextRequest();
      const req = http.request(next.options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', () => {
          if (measured) {
            requests++;
            errors++;
          }
          done(false);
        });
        res.on('end', () => {
          const elapsed = process.hrtime.bigint() - started;
          completed++;
          if (!req.reusedSocket) newConnections++;
          const status = res.statusCode ?? 0;
          const payload = Buffer.concat(chunks);
          const { bodyIncludes, bodyExcludes } = job.expect;
          const ok =
            status === job.expect.status &&
            (bodyIncludes === undefined || payload.includes(bodyIncludes)) &&
            (bodyExcludes === undefined || !payload.includes(bodyExcludes));
          if (ok) good++;
          if (measured) {
            requests++;
            histogram.record(elapsed > 0n ? elapsed : 1n);
            statuses[status] = (statuses[status] ?? 0) + 1;
            if (!ok) {
              unexpected++;
              sampleUnexpected ??= `${status} ${payload.toString('utf8', 0, Math.min(payload.length, 500))}`;
            }
            const sql = res.headers[sqlHeader];
            if (typeof sql === 'string' && sql !== '') {
              sqlSum += Number(sql);
              sqlSeen++;
            }
          }
          done(true);
        });
      });
      req.on('error', () => {
        if (measured) {
          requests++;
          errors++;
        }
        done(false);
      });
      req.end(next.body);
    });

  const connection = async () => {
    while (phase !== 'stop') {
      // A refused connection answers at once: back off so a dead server does not spin the loop.
      if (!(await once(phase === 'measure'))) await sleep(10);
    }
  };

  /** Sends on schedule until the end of the window, then waits for every answer. */
  const openLoop = async (rate: number) => {
    const t0 = process.hrtime.bigint();
    const intervalNs = 1e9 / rate;
    const measureFrom = t0 + BigInt(Math.round(job.warmupMs * 1e6));
    const end = measureFrom + BigInt(Math.round(job.durationMs * 1e6));
    const due = (i: number) => t0 + BigInt(Math.round(i * intervalNs));
    const inflight = new Set<Promise<boolean>>();
    let i = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = process.hrtime.bigint();
        for (let at = due(i); at <= now && at < end; at = due(++i)) {
          const p = once(at >= measureFrom, at);
          inflight.add(p);
          void p.then(() => inflight.delete(p));
        }
        if (due(i) >= end) resolve();
        else setTimeout(tick, 1);
      };
      tick();
    });
    phase = 'stop';
    while (inflight.size) await Promise.all([...inflight]);
  };

  let measureStart = 0n;
  let cpuAtStart = process.cpuUsage();
  const toMeasure = setTimeout(() => {
    phase = 'measure';
    measureStart = process.hrtime.bigint();
    cpuAtStart = process.cpuUsage();
    onMeasuring();
  }, job.warmupMs);
  const toStop = setTimeout(() => (phase = 'stop'), job.warmupMs + job.durationMs);
  try {
    if (job.arrivalRate !== undefined) await openLoop(job.arrivalRate);
    else await Promise.all(Array.from({ length: job.connections }, connection));
  } finally {
    clearTimeout(toMeasure);
    clearTimeout(toStop);
    agent.destroy();
  }
  const elapsedNs = Number(process.hrtime.bigint() - measureStart);
  const cpu = process.cpuUsage(cpuAtStart);
  const ms = (ns: number) => ns / 1e6;
  const any = histogram.count > 0;
  return {
    requests,
    unexpected,
    errors,
    statuses,
    sampleUnexpected,
    elapsedMs: ms(elapsedNs),
    rps: requests / (elapsedNs / 1e9),
    offeredRps: job.arrivalRate ?? null,
    queuedAtSend,
    maxQueued,
    latencyMs: {
      mean: any ? ms(histogram.mean) : 0,
      p50: any ? ms(histogram.percentile(50)) : 0,
      p90: any ? ms(histogram.percentile(90)) : 0,
      p99: any ? ms(histogram.percentile(99)) : 0,
      max: any ? ms(histogram.max) : 0,
    },
    sqlPerRequest: sqlSeen ? sqlSum / sqlSeen : null,
    sqlHeaderMissing: requests - errors - sqlSeen,
    completedIncludingWarmup: completed,
    goodIncludingWarmup: good,
    newConnections,
    cpuPct: ((cpu.user + cpu.system) / 1e3 / ms(elapsedNs)) * 100,
  };
}

// Entry point when forked by the harness: one job per process.
if (require.main === module && process.send) {
  // The harness went away (Ctrl-C, crash): stop loading its servers at once.
  process.once('disconnect', () => process.exit(0));
  process.once('message', (job: LoadJob) => {
    runLoad(job, () => void send({ type: 'measuring' }))
      .then((result) => send({ type: 'result', result }))
      .catch((err: unknown) => send({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }))
      .finally(() => process.disconnect());
  });
}
