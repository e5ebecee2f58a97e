import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromOrmRow } from './baseline-auth';
import { runLoad } from './load-worker';
import { parseOptions, UsageError } from './options';
import {
  type BenchResults,
  markdown,
  medianOpenLoop,
  type OpenLoopResult,
  type ScenarioResult,
  type TargetResult,
} from './report';
import { camel } from './scenarios/inspections';

/** The run's settings as the report tables print them, on the given data sets. */
const settings = (scales: string[]): BenchResults['settings'] => ({
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
  scales,
  openLoopShare: 0.5,
});

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
        // Long enough for a few dozen requests on a loaded machine: every tenth answer is bad.
        durationMs: 1500,
        sqlHeader: 'x-sql-statements',
      },
      () => (measuring = true),
    );
    expect(measuring).toBe(true);
    expect(result.requests).toBeGreaterThanOrEqual(10);
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
    expect(result.offeredRps).toBeNull();
  });

  it('sends a fresh value in place of the unique marker in every request, and counts good answers with the warm-up', async () => {
    const bodies: string[] = [];
    const echo = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        bodies.push(text);
        res.writeHead(JSON.parse(text).k.length > 0 ? 200 : 500, { 'content-type': 'application/json' });
        res.end('{"data":{"ok":true}}');
      });
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    try {
      const result = await runLoad({
        origin: `http://127.0.0.1:${(echo.address() as AddressInfo).port}`,
        request: { method: 'POST', path: '/x', body: '{"k":"key-@@U@@","again":"@@U@@"}', uniquePlaceholder: '@@U@@' },
        expect: { status: 200, bodyIncludes: '"ok"' },
        connections: 3,
        warmupMs: 50,
        durationMs: 200,
        sqlHeader: 'x-sql-statements',
      });
      const parsed = bodies.map((b) => JSON.parse(b) as { k: string; again: string });
      expect(parsed.length).toBeGreaterThan(10);
      expect(parsed.every((p) => p.k === `key-${p.again}` && !p.k.includes('@@U@@'))).toBe(true);
      expect(new Set(parsed.map((p) => p.k)).size).toBe(parsed.length);
      expect(result.goodIncludingWarmup).toBe(bodies.length);
      expect(result.completedIncludingWarmup).toBe(bodies.length);
    } finally {
      await new Promise<void>((resolve) => echo.close(() => resolve()));
    }
  });

  it('sends on schedule in the open loop and counts latency from the scheduled time', async () => {
    // A server that answers after 30 ms, with one connection: at 100 req/s requests must wait
    // for the connection, and that wait belongs in their latency (no coordinated omission).
    const slow = createServer((req, res) => {
      req.resume();
      req.on('end', () => setTimeout(() => res.end('{"data":{"ok":true}}'), 30));
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const result = await runLoad({
        origin: `http://127.0.0.1:${(slow.address() as AddressInfo).port}`,
        request: { method: 'GET', path: '/' },
        expect: { status: 200 },
        connections: 1,
        warmupMs: 0,
        durationMs: 500,
        sqlHeader: 'x-sql-statements',
        arrivalRate: 100,
      });
      expect(result.offeredRps).toBe(100);
      // Every request due in the window is sent and answered, however slow the server.
      expect(result.requests).toBeGreaterThanOrEqual(49);
      expect(result.requests).toBeLessThanOrEqual(51);
      expect(result.errors).toBe(0);
      expect(result.queuedAtSend).toBeGreaterThan(10);
      // 50 requests × 30 ms on one connection: the last waits about 1 s past its due time.
      expect(result.latencyMs.max).toBeGreaterThan(500);
      expect(result.latencyMs.p50).toBeGreaterThan(100);
    } finally {
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });

  it('paces the open loop at the asked rate when the server keeps up', async () => {
    const result = await runLoad({
      origin,
      request: { method: 'GET', path: '/' },
      expect: { status: 200 },
      connections: 4,
      warmupMs: 100,
      durationMs: 500,
      sqlHeader: 'x-sql-statements',
      arrivalRate: 200,
    });
    expect(result.requests).toBeGreaterThanOrEqual(95);
    expect(result.requests).toBeLessThanOrEqual(105);
    expect(result.latencyMs.p50).toBeLessThan(20);
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
    expect(parseOptions([])).toMatchObject({ scales: ['province'], openLoopShare: 0.5, openLoopRounds: 3, reports: 1_000_000 });
    expect(parseOptions(['--open-loop-rounds', '5'])).toMatchObject({ openLoopRounds: 5 });
    expect(() => parseOptions(['--open-loop-rounds', '0'])).toThrow(UsageError);
    expect(parseOptions(['--reports', '20000'])).toMatchObject({ reports: 20_000 });
    expect(() => parseOptions(['--reports', '0'])).toThrow(UsageError);
    expect(parseOptions(['--scales', 'ward,province', '--scales', 'nation', '--open-loop', '0'])).toMatchObject({
      scales: ['ward', 'province', 'nation'],
      openLoopShare: 0,
    });
    expect(() => parseOptions(['--scales', 'planet'])).toThrow(UsageError);
    expect(() => parseOptions(['--open-loop', '2'])).toThrow(UsageError);
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
      settings: settings(['province']),
      datasets: [{ scale: 'province', cadres: 50_145, units: 1_200, generateMs: 7000 }],
      scenarios: [
        {
          name: 'me',
          description: 'me',
          scale: 'province',
          cadres: 50_145,
          goalRatio: 0.5,
          ratio: 0.6,
          cpuRatio: 0.6,
          goalMet: true,
          p99GoalMs: null,
          p99GoalMet: null,
          openLoop: null,
          // Measured both ways, like the supervision record: by page size (with the other
          // scenario's sizes, in numeric order) and on inputs of different sizes (a table of its own).
          sqlByPageSize: {
            'first: 25': 8,
            'rows at first: 25': 25,
            'short record': 8,
            'rows at short record': 3,
            'long record': 8,
            'rows at long record': 420,
          },
          graphql: target(600),
          baseline: target(1000),
          rounds: [],
          details: {},
        },
        {
          name: 'cadres-list',
          description: 'list',
          scale: 'province',
          cadres: 50_145,
          goalRatio: 0.5,
          ratio: 0.4,
          cpuRatio: 0.4,
          goalMet: false,
          p99GoalMs: 50,
          p99GoalMet: true,
          openLoop: {
            share: 0.5,
            maxRps: 400,
            offeredRps: 200,
            achievedRps: 199,
            p50Ms: 3,
            p90Ms: 5,
            p99Ms: 12.5,
            maxMs: 20,
            requests: 995,
            bad: 0,
            queuedAtSend: 0,
            maxQueued: 0,
            sqlPerRequest: 4,
            serverCpuPct: 50,
            serverEventLoopUtilization: 0.5,
            postgresCpuPct: 20,
            otherCpuPct: 0,
          },
          sqlByPageSize: { 'first: 10': 4, 'rows at first: 10': 10, 'first: 100': 4, 'rows at first: 100': 100 },
          graphql: target(400),
          baseline: target(1000),
          rounds: [],
          details: {},
        },
      ],
    };
    const text = markdown(results);
    expect(text).toContain('province (50,145 cadres in 1,200 units');
    expect(text).toContain(
      '| cadres-list | 400 | 200 | 199 | 3.00 | 5.00 | 12.5 | 20.0 | 0 | 50% | 50% | 20% | 0% | < 50 ms met |',
    );
    expect(text).toContain('| cadres-list | 4 (10) | n/a (?) | 4 (100) | yes |');
    expect(text).toContain('| me | n/a (?) | 8 (25) | n/a (?) | yes |');
    expect(text).toContain('| Scenario | first: 10 | first: 25 | first: 100 | Independent of page size |');
    expect(text).toContain('| Scenario | short record | long record | Independent of size |');
    expect(text).toContain('| me | 8 (3) | 8 (420) | yes |');
    expect(text).not.toContain('The flat curve');
    expect(text).toContain('| me | 600 | 12.3 | 30.0 | 1.00 | 1,000 | 12.3 | 30.0 | 1.00 | 0.60 | 0.60 | ≥ 0.50 met |');
    expect(text).toContain('| me | GraphQL | 3,000 | 0 | 1.667 | 100% | 100% | 20% | 30% | 0% | 150% |');
  });

  it('shows the flat curve: per scale the median p50 and p99 of the open-loop runs, against the goals of issue 26', () => {
    const run = (p50Ms: number, p99Ms: number, sqlPerRequest = 4): OpenLoopResult => ({
      share: 0.5,
      maxRps: 400,
      offeredRps: 200,
      achievedRps: 199,
      p50Ms,
      p90Ms: p99Ms / 2,
      p99Ms,
      maxMs: p99Ms * 2,
      requests: 995,
      bad: 0,
      queuedAtSend: 0,
      maxQueued: 0,
      sqlPerRequest,
      serverCpuPct: 50,
      serverEventLoopUtilization: 0.5,
      postgresCpuPct: 20,
      otherCpuPct: 0,
    });
    const ward = [run(3, 40), run(5, 12), run(4, 20)];
    expect(medianOpenLoop(ward)).toMatchObject({ p50Ms: 4, p99Ms: 20, maxMs: 40, rounds: 3 });
    expect(medianOpenLoop([])).toBeNull();
    const side: TargetResult = {
      rps: 400,
      p50Ms: 5,
      p90Ms: 8,
      p99Ms: 12,
      meanMs: 5,
      maxMs: 20,
      sqlPerRequest: 4,
      sqlPerRequestProcessWide: 4,
      requests: 2000,
      newConnections: 32,
      unexpected: 0,
      errors: 0,
      statuses: { 200: 2000 },
      elapsedMs: 5000,
      serverCpuPct: 100,
      serverCpuMsPerRequest: 2.5,
      serverEventLoopUtilization: 1,
      loadGeneratorCpuPct: 30,
      postgresCpuPct: 20,
      machineCpuPct: 150,
      otherCpuPct: 0,
    };
    const scenario = (name: string, scale: string, runs: OpenLoopResult[]): ScenarioResult => {
      const openLoop = medianOpenLoop(runs)!;
      return {
        name,
        description: name,
        scale,
        cadres: 0,
        goalRatio: null,
        ratio: 0.5,
        cpuRatio: 0.5,
        goalMet: null,
        p99GoalMs: 50,
        p99GoalMet: openLoop.p99Ms < 50,
        openLoop,
        openLoopRounds: runs,
        sqlByPageSize: null,
        graphql: side,
        baseline: side,
        rounds: [],
        details: {},
      };
    };
    const text = markdown({
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:20.000Z',
      settings: settings(['ward', 'province']),
      datasets: [
        { scale: 'ward', cadres: 250, units: 60, generateMs: 10 },
        { scale: 'province', cadres: 50_145, units: 1_200, generateMs: 7000 },
      ],
      scenarios: [
        scenario('cadres-list', 'ward', ward),
        scenario('cadres-list', 'province', [run(5, 35), run(6, 30), run(5, 60)]),
        scenario('cadres-search-name', 'ward', [run(2, 10, 4)]),
        scenario('cadres-search-name', 'province', [run(2, 60, 5)]),
      ],
    });
    expect(text).toContain('p50 / p99 in ms as the median of 3 open-loop runs');
    expect(text).toContain(
      '| Scenario | ward (250 cadres) | province (50,145 cadres) | p99 goal at each scale | province ÷ ward p50 (≤ 1.5) | province ÷ ward p99 (≤ 1.5) | SQL/req fixed |',
    );
    expect(text).toContain(
      '| cadres-list | 4.00 / 20.0 (400) | 5.00 / 35.0 (400) | < 50 ms met | 1.25 met | 1.75 missed | yes (4) |',
    );
    expect(text).toContain(
      '| cadres-search-name | 2.00 / 10.0 (400) | 2.00 / 60.0 (400) | < 50 ms missed (province) | 1.00 met | 6.00 missed | no (4, 5) |',
    );
  });

  it('lists the scenarios that failed, escaping the table cell, and prints no empty request tables', () => {
    const text = markdown({
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:20.000Z',
      settings: settings(['ward']),
      datasets: [{ scale: 'ward', cadres: 130, units: 60, generateMs: 10 }],
      scenarios: [],
      failures: [{ name: 'board', scale: 'ward', error: 'GraphQL answered 400 {"a|b"}\n  at x' }],
    });
    expect(text).toContain('**One scenario failed** and is missing from the tables (the run exits 1):');
    expect(text).toContain('| board | ward | GraphQL answered 400 {"a\\|b"} at x |');
    expect(text).not.toContain('| Scenario | GraphQL req/s');
  });

  it('turns the columns of plain reads into property names for the inspection baselines', () => {
    expect(camel({ created_at: 1, subject_cadre_id: 2, concerned_cadre_ids: [3], id: 4 })).toEqual({
      createdAt: 1,
      subjectCadreId: 2,
      concernedCadreIds: [3],
      id: 4,
    });
  });
});
