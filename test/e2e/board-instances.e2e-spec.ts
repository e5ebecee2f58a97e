import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { freePort } from '../../src/db/embedded-postgres';
import { sleep, Subscriber } from '../support/board-subscriber';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_JWT_SECRET } from '../support/test-app';

const MAIN = path.join(__dirname, '..', '..', 'dist', 'src', 'main.js');
const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
const SUBMIT = `mutation($i: SubmitReportInput!) { submitReport(input: $i) { receiptCode } }`;

interface Instance {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** The built server as a process of its own, on the shared database. */
async function startInstance(env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env['PATH'] ?? '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance exited early:\n${out}`);
    if (Date.now() - started > 60000) throw new Error(`instance did not start:\n${out}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return { child, url, output: () => out, exited };
}

async function gql<T>(url: string, query: string, variables: Record<string, unknown>, token?: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T; errors?: unknown[] };
}

const report = (n: number) => ({
  kind: 'FEEDBACK',
  field: 'OTHER',
  title: `Phản ánh số ${n}`,
  content: `Nội dung phản ánh số ${n} về vệ sinh môi trường.`,
});

describe('several instances on one database', () => {
  let db: TestDatabase;
  let dataDir: string;
  let a: Instance;
  let b: Instance;
  let token: string;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('dist/src/main.js is missing: npm test builds it first (npm run build)');
    db = await createTestDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), 'giamsat-instances-'));
    const env = {
      DATABASE_URL: db.url,
      MIGRATION_DATABASE_URL: db.ownerUrl,
      DATA_DIR: dataDir,
      DEMO_SEED: 'true',
      JWT_SECRET: TEST_JWT_SECRET,
      REPORT_SUBMITS_PER_HOUR: '100000',
      // Far longer than the test: only the doorbell carries events between instances in time.
      EVENT_POLL_INTERVAL_MS: '60000',
    };
    // One after the other: the first seeds the ward and writes the demo keys both then share.
    a = await startInstance(env);
    b = await startInstance(env);
    const login = await gql<{ login: { token: string } }>(a.url, LOGIN, { e: 'kiemtra@anbien.test', p: 'anbien-demo-2025' });
    token = login.data!.login.token;
  }, 120000);

  afterAll(async () => {
    for (const i of [a, b]) {
      if (i && i.child.exitCode === null && i.child.signalCode === null) {
        i.child.kill('SIGTERM');
        await i.exited;
      }
    }
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers a report submitted through instance A to a subscriber on instance B', async () => {
    const s = Subscriber.open(b.url, token, 'reportReceived');
    try {
      await sleep(500);
      const res = await gql(a.url, SUBMIT, { i: report(0) });
      expect(res.errors).toBeUndefined();
      await s.until((x) => x.events.length >= 1, 5000, 'the report on instance B');
      expect(s.events[0]!.type).toBe('REPORT_RECEIVED');
    } finally {
      await s.close();
    }
  });

  it('loses nothing when the instance a subscriber is on is SIGKILLed while events are written: it resumes on the other with its cursor', async () => {
    const latest = await gql<{ latestBoardEvents: { cursor: string } }>(
      b.url,
      '{ latestBoardEvents(count: 1) { cursor } }',
      {},
      token,
    );
    const start = latest.data!.latestBoardEvents.cursor;
    const onA = Subscriber.open(a.url, token, 'boardEvents', `(after: ${JSON.stringify(start)})`);
    let writing = true;
    let written = 0;
    const writer = (async () => {
      for (let n = 1; writing; n++) {
        const res = await gql(b.url, SUBMIT, { i: report(n) });
        if (!res.errors) written++;
        await sleep(15);
      }
    })();
    await onA.until((x) => x.events.length >= 10, 10000, 'ten events on A');
    a.child.kill('SIGKILL');
    await a.exited;
    await sleep(200);
    const seenOnA = [...onA.events];
    const last = seenOnA[seenOnA.length - 1]!.cursor;
    await onA.close().catch(() => undefined);
    const onB = Subscriber.open(b.url, token, 'boardEvents', `(after: ${JSON.stringify(last)})`);
    try {
      await sleep(700);
      writing = false;
      await writer;
      // Every event from the first one A delivered on, in feed order, from the table itself.
      const pg = new PgClient({ connectionString: db.url });
      await pg.connect();
      const rows = await pg
        .query<{ id: string }>(
          `SELECT id FROM outbox_event WHERE (tx_id, id) >= (SELECT tx_id, id FROM outbox_event WHERE id = $1) ORDER BY tx_id, id`,
          [seenOnA[0]!.id],
        )
        .finally(() => pg.end());
      const expected = rows.rows.map((r) => r.id);
      await onB.until((x) => seenOnA.length + x.events.length >= expected.length, 10000, 'every event, across the kill');
      await sleep(300);
      const got = [...seenOnA.map((e) => e.id), ...onB.ids()];
      expect(written).toBeGreaterThan(10);
      expect(got).toEqual(expected);
      expect(new Set(got).size).toBe(got.length);
    } finally {
      await onB.close();
    }
  }, 60000);
});
