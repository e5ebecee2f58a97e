import { Role } from '../../src/common/role.enum';
import { Subscriber } from '../support/board-subscriber';
import { OPS_HEADERS, startTestApp, type TestApp } from '../support/test-app';
import { wsClient, wsExecute } from '../support/ws-client';

/** One sample of a Prometheus text exposition: name, labels, value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) => {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (!found.length) throw new Error(`no sample ${name} ${JSON.stringify(labels)}`);
  return found.reduce((sum, s) => sum + s.value, 0);
};

describe('GET /metrics', () => {
  let t: TestApp;
  const scrape = async (headers: Record<string, string> = OPS_HEADERS) => {
    const res = await fetch(`${t.url}/metrics`, { headers });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true, seedReports: true, config: { metricsPort: undefined } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers 401 without the operators’ token, or with a wrong one, and shows nothing', async () => {
    const wrong: Array<Record<string, string>> = [{}, { authorization: 'Bearer not-the-ops-token-but-long-enough-0123456789' }];
    for (const headers of wrong) {
      const res = await scrape(headers);
      expect(res.status).toBe(401);
      expect(res.text).not.toContain('giamsat_');
    }
  });

  it('counts operations by name, type and transport, errors by code, sockets, subscriptions, the outbox, the pool and the deadline watcher', async () => {
    const admin = await t.tokenFor(Role.ADMIN);
    for (let i = 0; i < 3; i++) expect((await t.gql('query MetricsMe { me { id } }', {}, admin)).status).toBe(200);
    await t.gql('query MetricsMe { nope }', {}, admin); // fails validation: BAD_USER_INPUT
    const wrong = await t.gql('mutation MetricsLogin($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
      e: 'xem@anbien.test',
      p: 'not-the-password',
    });
    expect(wrong.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    // Over the WebSocket: a query, and a live subscription left open.
    const ws = wsClient(t.url, { token: admin }, { lazy: false });
    const sub = Subscriber.open(t.url, await t.tokenFor(Role.INSPECTION_COMMITTEE), 'boardEvents');
    try {
      expect((await wsExecute<{ me: { id: string } }>(ws, 'query MetricsWsMe { me { id } }')).data?.me.id).toBeTruthy();
      const deadline = Date.now() + 10000;
      while (t.app.services.delivery.fanOut.size < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      // Two committed events no read can reach yet (their transaction id is above the horizon),
      // one written an hour ago: the lag shows them and their age.
      await t.app.dataSource.query(
        `INSERT INTO outbox_event (type, payload, tx_id, occurred_at)
         VALUES ('REPORT_RECEIVED', '{}', 9000000000000000, now() - interval '1 hour'),
                ('REPORT_RECEIVED', '{}', 9000000000000000, now())`,
      );
      await t.app.services.board.watcher.runOnce();

      const res = await scrape();
      expect(res.status).toBe(200);
      expect(res.type).toContain('text/plain');
      const s = parse(res.text);
      const count = 'giamsat_graphql_operation_duration_seconds_count';
      expect(value(s, count, { operation: 'MetricsMe', type: 'query', transport: 'http' })).toBe(3);
      expect(value(s, count, { operation: 'MetricsWsMe', type: 'query', transport: 'ws' })).toBe(1);
      expect(value(s, count, { operation: 'MetricsLogin', type: 'mutation', transport: 'http' })).toBe(1);
      expect(value(s, count, { operation: '(invalid)', transport: 'http' })).toBe(1);
      expect(value(s, count, { type: 'subscription', transport: 'ws' })).toBeGreaterThanOrEqual(1);
      expect(value(s, 'giamsat_graphql_operation_duration_seconds_sum', { operation: 'MetricsMe' })).toBeGreaterThan(0);
      expect(value(s, 'giamsat_graphql_operation_duration_seconds_bucket', { operation: 'MetricsMe', le: '+Inf' })).toBe(3);
      expect(value(s, 'giamsat_graphql_errors_total', { code: 'BAD_USER_INPUT', transport: 'http' })).toBe(1);
      expect(value(s, 'giamsat_graphql_errors_total', { code: 'UNAUTHENTICATED', transport: 'http' })).toBe(1);
      expect(value(s, 'giamsat_ws_open_sockets')).toBe(2);
      expect(value(s, 'giamsat_ws_subscriptions', { stream: 'boardEvents' })).toBe(1);
      expect(value(s, 'giamsat_ws_subscriptions', { stream: 'presence' })).toBe(0);
      expect(value(s, 'giamsat_outbox_lag_events')).toBeGreaterThanOrEqual(2);
      expect(value(s, 'giamsat_outbox_lag_seconds')).toBeGreaterThanOrEqual(3599);
      expect(value(s, 'giamsat_outbox_reads_total')).toBeGreaterThanOrEqual(1);
      expect(value(s, 'giamsat_outbox_doorbell_rings_total')).toBeGreaterThanOrEqual(1); // one on connecting
      for (const name of [
        'giamsat_outbox_polls_total',
        'giamsat_outbox_poll_catch_ups_total',
        'giamsat_outbox_read_failures_total',
      ])
        expect(value(s, name)).toBeGreaterThanOrEqual(0);
      expect(value(s, 'giamsat_db_pool_max_connections', { pool: 'main' })).toBe(t.app.config.dbPoolSize);
      expect(value(s, 'giamsat_db_pool_connections', { pool: 'main' })).toBeGreaterThanOrEqual(1);
      expect(value(s, 'giamsat_db_pool_waiting_clients', { pool: 'main' })).toBe(0);
      expect(value(s, 'giamsat_deadline_watcher_runs_total')).toBeGreaterThanOrEqual(1);
      expect(value(s, 'giamsat_deadline_watcher_failures_total')).toBe(0);
      for (const name of ['runs', 'failures', 'digests', 'mails', 'mail_failures'])
        expect(value(s, `giamsat_reminder_${name}_total`)).toBeGreaterThanOrEqual(0);
      expect(value(s, 'giamsat_process_resident_memory_bytes')).toBeGreaterThan(0);
      // No personal data or variables in the labels: operation names only.
      expect(res.text).not.toMatch(/@anbien\.test|anbien-demo/);
    } finally {
      await sub.close();
      await ws.dispose();
    }
    // Both sockets closed: the gauges follow.
    const deadline = Date.now() + 5000;
    let open = -1;
    while (Date.now() < deadline) {
      open = value(parse((await scrape()).text), 'giamsat_ws_open_sockets');
      if (open === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(open).toBe(0);
  });
});

describe('GET /metrics without OPS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { opsToken: undefined, metricsPort: 0 } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('is not served on the main port, and is served without a token on METRICS_PORT (loopback)', async () => {
    const main = await fetch(`${t.url}/metrics`);
    expect(main.status).toBe(404);
    const port = t.app.server.metricsPort!;
    expect(port).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('giamsat_graphql_operation_duration_seconds');
    expect((await fetch(`http://127.0.0.1:${port}/graphql`)).status).toBe(404);
  });
});
