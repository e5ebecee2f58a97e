/**
 * A forked request stream of the subscription bench: `me` queries over HTTP at a fixed rate
 * (open loop) while the events are written and fanned out, to see whether a fan-out holds up the
 * requests beside it. Each latency runs from the moment the request was due, not from when it
 * was sent, so a stalled server is not hidden by requests that were sent late (no coordinated
 * omission). A keep-alive agent with a few connections, as a client's pool would be.
 */
import { Agent, request } from 'node:http';

interface Start {
  url: string;
  token: string;
  rate: number;
}

let latencies: number[] = [];
let failed = 0;
let timer: NodeJS.Timeout | undefined;

function start({ url, token, rate }: Start): void {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const body = JSON.stringify({ query: '{ me { id email role } }' });
  const target = new URL(`${url}/graphql`);
  const interval = 1000 / rate;
  const t0 = performance.now();
  let sent = 0;
  const send = (due: number) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) latencies.push(performance.now() - due);
          else failed++;
        });
      },
    );
    req.on('error', () => failed++);
    req.end(body);
  };
  // Every request that has come due since the last tick goes out now, dated by when it was due.
  const tick = () => {
    const now = performance.now();
    while (t0 + sent * interval <= now) send(t0 + sent++ * interval);
  };
  timer = setInterval(tick, Math.max(1, Math.floor(interval / 2)));
}

process.on('message', (m: { cmd: string } & Partial<Start>) => {
  if (m.cmd === 'start') {
    start(m as Start);
    process.send!({ cmd: 'ready' });
  } else if (m.cmd === 'reset') {
    latencies = [];
    failed = 0;
    process.send!({ cmd: 'reset' });
  } else if (m.cmd === 'report') {
    process.send!({ cmd: 'report', latencies, failed });
  } else if (m.cmd === 'stop') {
    if (timer) clearInterval(timer);
    process.exit(0);
  }
});
