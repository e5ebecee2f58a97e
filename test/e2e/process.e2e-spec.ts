import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/db/embedded-postgres';
import { nextMessage, rawSocket } from '../support/ws-client';

const MAIN = path.join(__dirname, '..', '..', 'dist', 'src', 'main.js');

interface Proc {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the built server as a real process on the embedded database in `dataDir`. */
async function startProcess(dataDir: string, env: Record<string, string> = {}): Promise<Proc> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env['PATH'] ?? '', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = Date.now();
  while (!out.includes('serving GraphQL')) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    if (Date.now() - started > 60000) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, url: `http://127.0.0.1:${port}`, output: () => out, exited };
}

async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, { token?: string }>; errors?: unknown[] } };
}

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';

describe('the server process', () => {
  let dataDir: string;
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error('dist/src/main.js is missing: npm test builds it first (npm run build)');
    dataDir = mkdtempSync(path.join(tmpdir(), 'giamsat-proc-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops a wrong configuration at start with a message naming the variable', async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env['PATH'] ?? '', PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(2);
    expect(err).toMatch(/PORT phải là số nguyên, đang là "eighty"/);
  });

  it('starts on the embedded database with demo data, drains on SIGTERM, and keeps every committed row', async () => {
    const first = await startProcess(dataDir);
    const admin = (await gql(first.url, LOGIN, { e: 'admin@anbien.test', p: 'anbien-demo-2025' })).body.data?.['login']
      ?.token as string;
    expect(admin).toBeTruthy();
    const created = await gql(
      first.url,
      'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
      { i: { email: 'luu@anbien.test', displayName: 'Lưu trữ', password: 'a-long-password-1', role: 'VIEWER' } },
      admin,
    );
    expect(created.body.errors).toBeUndefined();

    // A WebSocket that is connected when the signal comes is closed with 1001 (going away).
    const { ws, closed } = await rawSocket(first.url);
    const ack = nextMessage(ws);
    ws.send(JSON.stringify({ type: 'connection_init' }));
    expect((await ack).type).toBe('connection_ack');
    // A request in flight when the signal comes still gets its answer.
    const inFlight = gql(first.url, LOGIN, { e: 'xem@anbien.test', p: 'anbien-demo-2025' });
    await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGTERM');
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(answered.body.data?.['login']?.token).toBeTruthy();
    expect((await closed).code).toBe(1001);
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/stopped cleanly/);

    const second = await startProcess(dataDir);
    try {
      const token = (await gql(second.url, LOGIN, { e: 'luu@anbien.test', p: 'a-long-password-1' })).body.data?.['login']?.token;
      expect(token).toBeTruthy();
      expect(second.output()).not.toMatch(/demo data seeded/);
    } finally {
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
    }
  }, 120000);
});
