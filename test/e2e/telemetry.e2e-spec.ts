import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/db/embedded-postgres';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_JWT_SECRET } from '../support/test-app';

const DIST = path.join(__dirname, '..', '..', 'dist', 'src');
const MAIN = path.join(DIST, 'main.js');
const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';

interface Span {
  traceId: string;
  spanId: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: Record<string, unknown> }[];
}
interface Export {
  resourceSpans: {
    resource: { attributes: { key: string; value: Record<string, unknown> }[] };
    scopeSpans: { scope: { name: string }; spans: Span[] }[];
  }[];
}

/** A stand-in OTLP/HTTP collector: keeps every JSON body POSTed to /v1/traces. */
async function startCollector(): Promise<{ server: Server; url: string; bodies: Export[]; paths: string[] }> {
  const bodies: Export[] = [];
  const paths: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      paths.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
      if (req.method === 'POST' && req.url === '/v1/traces') bodies.push(JSON.parse(body) as Export);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, bodies, paths };
}

const spansOf = (bodies: Export[]) =>
  bodies.flatMap((b) =>
    b.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans.map((span) => ({ ...span, scope: s.scope.name })))),
  );

/** Counts the @opentelemetry modules a fresh Node process holds after loading the built telemetry module. */
function otelModulesLoaded(env: Record<string, string>): number {
  const script = `require(${JSON.stringify(path.join(DIST, 'telemetry.js'))});
    process.stdout.write(String(Object.keys(require.cache).filter((k) => k.includes('@opentelemetry')).length));`;
  const out = execFileSync(process.execPath, ['-e', script], {
    env: { PATH: process.env['PATH'] ?? '', JWT_SECRET: TEST_JWT_SECRET, ...env },
    encoding: 'utf8',
  });
  return Number(out);
}

describe('OpenTelemetry traces (OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  let db: TestDatabase;
  let dataDir: string;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let child: ChildProcess | undefined;
  let out = '';

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('dist/src/main.js is missing: npm test builds it first (npm run build)');
    db = await createTestDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), 'giamsat-otel-'));
    collector = await startCollector();
  }, 60000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await new Promise((resolve) => collector?.server.close(resolve));
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends spans of the HTTP request, its GraphQL operation and its PostgreSQL queries, under one trace', async () => {
    const port = await freePort();
    child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env['PATH'] ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATABASE_URL: db.url,
        MIGRATION_DATABASE_URL: db.ownerUrl,
        DATA_DIR: dataDir,
        JWT_SECRET: TEST_JWT_SECRET,
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_SERVICE_NAME: 'giamsat-test',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    const url = `http://127.0.0.1:${port}`;
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
      if (Date.now() - started > 60000) throw new Error(`server did not start:\n${out}`);
      try {
        if ((await fetch(`${url}/readyz`)).status === 200) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }

    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { e: 'khongco@anbien.test', p: 'sai-mat-khau-123' } }),
    });
    expect(res.status).toBe(200);

    let post: (Span & { scope: string }) | undefined;
    const until = Date.now() + 15000;
    while (!post && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      post = spansOf(collector.bodies).find((s) => s.name === 'POST' && s.kind === 2 /* SERVER */);
    }
    if (!post) throw new Error(`no server span for POST /graphql; collector saw ${JSON.stringify(collector.paths)}\n${out}`);
    // The exporter's own requests to the collector are not traced, and the readiness polls are left out.
    const spans = spansOf(collector.bodies);
    const inTrace = spans.filter((s) => s.traceId === post.traceId);
    const names = inTrace.map((s) => s.name);
    // The execute span is named after the operation (anonymous here: its type).
    expect(names).toEqual(expect.arrayContaining(['graphql.parse', 'graphql.validate', 'mutation']));
    expect(names.filter((n) => n.startsWith('pg.query:')).length).toBeGreaterThan(0);
    // Query text, never the parameters: the e-mail the client sent is nowhere in what was exported.
    expect(JSON.stringify(collector.bodies)).not.toContain('khongco@anbien.test');
    expect(JSON.stringify(collector.bodies)).not.toContain('sai-mat-khau-123');
    expect(spans.some((s) => s.name.includes('readyz'))).toBe(false);
    const service = collector.bodies[0]!.resourceSpans[0]!.resource.attributes.find((a) => a.key === 'service.name');
    expect(service?.value).toEqual({ stringValue: 'giamsat-test' });
  }, 90000);

  it('loads no tracing code when the endpoint is unset, and loads it when set', () => {
    expect(otelModulesLoaded({})).toBe(0);
    expect(otelModulesLoaded({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url })).toBeGreaterThan(0);
  });
});
