/**
 * A forked request stream of the subscription bench: `me` queries over HTTP at a fixed rate while
 * the events of one side are written and fanned out (between `begin` and `end`), to see whether
 * a fan-out holds up the requests beside it. A request goes out every 1/rate s over a keep-alive
 * connection; at most MAX_OUTSTANDING are in flight (a request that comes due beyond that is
 * counted as skipped, not queued: a queue would grow without end on a saturated machine and
 * measure the queue). Latency runs from the send to the end of the answer.
 */
import { Agent, request } from 'node:http';

interface Start {
  url: string;
  token: string;
  rate: number;
}

const MAX_OUTSTANDING = 4;

let latencies: number[] = [];
let failed = 0;
let skipped = 0;
let outstanding = 0;
let timer: NodeJS.Timeout | undefined;
let settings: Start | undefined;
let agent: Agent | undefined;

function send(): void {
  const { url, token } = settings!;
  if (outstanding >= MAX_OUTSTANDING) {
    skipped++;
    return;
  }
  const body = JSON.stringify({ query: '{ me { id email role } }' });
  const target = new URL(`${url}/graphql`);
  const sentAt = performance.now();
  outstanding++;
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
        outstanding--;
        if (res.statusCode === 200) latencies.push(performance.now() - sentAt);
        else failed++;
      });
    },
  );
  req.on('error', () => {
    outstanding--;
    failed++;
  });
  req.end(body);
}

async function settled(): Promise<void> {
  const end = Date.now() + 10_000;
  while (outstanding > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
}

process.on('message', (m: { cmd: string } & Partial<Start>) => {
  if (m.cmd === 'start') {
    settings = m as Start;
    agent = new Agent({ keepAlive: true, maxSockets: MAX_OUTSTANDING });
    process.send!({ cmd: 'ready' });
  } else if (m.cmd === 'begin') {
    latencies = [];
    failed = 0;
    skipped = 0;
    timer = setInterval(send, 1000 / settings!.rate);
    process.send!({ cmd: 'begun' });
  } else if (m.cmd === 'end') {
    if (timer) clearInterval(timer);
    timer = undefined;
    void settled().then(() => process.send!({ cmd: 'report', latencies, failed, skipped }));
  } else if (m.cmd === 'stop') {
    if (timer) clearInterval(timer);
    agent?.destroy();
    process.exit(0);
  }
});
