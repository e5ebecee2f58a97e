import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromOrmRow } from './baseline-auth';
import { runLoad } from './load-worker';
import { parseOptions, UsageError } from './options';
import { type BenchResults, markdown, type TargetResult } from './report';

describe('bench harness', () => {
  let server: Server;
  let origin: string;
  let served = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        served++;
        const bad = served % 10 === 0;
        const body = bad ? '{"errors":[{"message":"no"}]}' : '{"data":{"ok":true}}';
        res.writeHead(bad ? 500 : 200, { 'content-type': 'application/json', 'x-sql-statements': '2' });
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('runs a closed loop, counts bad answers and averages the SQL header', async () => {
    let measuring = false;
    const result = await runLoad(
      {
        origin,
        request: { method: 'POST', path: '/x', headers: { 'content-type': 'application/json' }, body: '{}' },
        expect: { status: 200, bodyIncludes: '"ok"', bodyExcludes: '"errors"' },
        connections: 4,
        warmupMs: 100,
        durationMs: 400,
        sqlHeader: 'x-sql-statements',
      },
      () => (measuring = true),
    );
    expect(measuring).toBe(true);
    expect(result.requests).toBeGreaterThan(20);
    expect(result.errors).toBe(0);
    expect(result.unexpected).toBeGreaterThan(0);
    expect(result.unexpected).toBe(result.statuses['500']);
    expect(result.sampleUnexpected).toMatch(/^500 /);
    expect(result.sqlPerRequest).toBe(2);
    expect(result.completedIncludingWarmup).toBeGreaterThan(result.requests);
    expect(result.newConnections).toBeLessThanOrEqual(4);
    expect(result.rps).toBeGreaterThan(0);
    expect(result.latencyMs.p50).toBeGreaterThan(0);
    expect(result.latencyMs.p99).toBeGreaterThanOrEqual(result.latencyMs.p50);
  });

  it('counts a refused connection as an error without spinning', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await runLoad({
      origin: `http://127.0.0.1:${port}`,
      request: { method: 'GET', path: '/' },
      expect: { status: 200 },
      connections: 2,
      warmupMs: 0,
      durationMs: 200,
      sqlHeader: 'x-sql-statements',
    });
    expect(result.errors).toBe(result.requests);
    expect(result.requests).toBeLessThan(100);
    expect(result.sqlPerRequest).toBeNull();
  });

  it("turns TypeORM's column aliases back into property names", () => {
    expect(
      fromOrmRow({ Account_id: 'a', Account_display_name: 'N', Account_token_version: 0, Account_last_login_at: null }),
    ).toEqual({
      id: 'a',
      displayName: 'N',
      tokenVersion: 0,
      lastLoginAt: null,
    });
  });

  it('parses the command line and refuses a wrong one', () => {
    expect(parseOptions(['--duration', '5', '--only', 'me,other', '--only', 'third'])).toMatchObject({
      durationS: 5,
      connections: 32,
      warmupS: 5,
      rounds: 1,
      only: ['me', 'other', 'third'],
    });
    expect(() => parseOptions(['--connections', '1.5'])).toThrow(UsageError);
    expect(() => parseOptions(['--nope'])).toThrow(UsageError);
  });

  it('prints one Markdown row per scenario with both sides and the ratio', () => {
    const target = (rps: number): TargetResult => ({
      rps,
      p50Ms: 12.345,
      p90Ms: 20,
      p99Ms: 30,
      meanMs: 13,
      maxMs: 40,
      sqlPerRequest: 1,
      sqlPerRequestProcessWide: 1,
      requests: rps * 5,
      newConnections: 32,
      unexpected: 0,
      errors: 0,
      statuses: { 200: rps * 5 },
      elapsedMs: 5000,
      serverCpuPct: 100,
      serverCpuMsPerRequest: 1000 / rps,
      serverEventLoopUtilization: 1,
      loadGeneratorCpuPct: 30,
      postgresCpuPct: 20,
      machineCpuPct: 150,
      otherCpuPct: 0,
    });
    const results: BenchResults = {
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:20.000Z',
      settings: {
        durationS: 5,
        warmupS: 3,
        rounds: 1,
        connections: 32,
        node: 'v20',
        cpus: 2,
        cpuModel: 'cpu',
        postgres: '18',
        database: 'embedded',
        dbPoolSize: 10,
        logLevel: 'silent',
      },
      scenarios: [
        {
          name: 'me',
          description: 'me',
          goalRatio: 0.5,
          ratio: 0.6,
          cpuRatio: 0.6,
          goalMet: true,
          graphql: target(600),
          baseline: target(1000),
          rounds: [],
          details: {},
        },
      ],
    };
    const text = markdown(results);
    expect(text).toContain('| me | 600 | 12.3 | 30.0 | 1.00 | 1,000 | 12.3 | 30.0 | 1.00 | 0.60 | 0.60 | ≥ 0.50 met |');
    expect(text).toContain('| me | GraphQL | 3,000 | 0 | 1.667 | 100% | 100% | 20% | 30% | 0% | 150% |');
  });
});
