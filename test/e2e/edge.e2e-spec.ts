import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { Role } from '../../src/common/role.enum';
import { inBackground } from '../../src/common/request-scope';
import { QueryLogger } from '../../src/db/query-logger';
import { formatError } from '../../src/graphql/format-error';
import { startTestApp, type TestApp, OPS_HEADERS } from '../support/test-app';
import { nextMessage, rawSocket, wsClient, wsExecute } from '../support/ws-client';

/** Raw POST /graphql with any body and content type. */
async function post(t: TestApp, body: string, contentType = 'application/json', headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: (() => {
      try {
        return JSON.parse(text) as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
      } catch {
        return undefined;
      }
    })(),
  };
}

type WireError = { message: string; extensions?: Record<string, unknown> };

/** The errors one operation gets over a fresh anonymous socket (an error message, or a result's errors). */
async function wsErrors(url: string, query: string): Promise<WireError[]> {
  const client = wsClient(url);
  try {
    return await new Promise<WireError[]>((resolve, reject) => {
      client.subscribe(
        { query },
        {
          next: (v) => resolve((v.errors ?? []) as WireError[]),
          error: (err) => (Array.isArray(err) ? resolve(err as WireError[]) : reject(new Error(JSON.stringify(err)))),
          complete: () => resolve([]),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

/** A selection 20 levels deep; the fields need not exist, the depth rule rejects it either way. */
function nested(depth: number): string {
  let sel = 'email';
  for (let i = 0; i < depth; i++) sel = `f${i} { ${sel} }`;
  return `{ me { ${sel} } }`;
}

describe('the hardened edge', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.stop());

  const healthy = async () => {
    const res = await fetch(`${t.url}/readyz`);
    expect(res.status).toBe(200);
  };

  it('answers malformed JSON with 400 and a message, and stays healthy', async () => {
    const res = await post(t, '{"query": "{ me { email } }"');
    expect(res.status).toBe(400);
    expect(res.json?.errors?.[0]?.message).toMatch(/không phải JSON hợp lệ/);
    expect(res.text).not.toMatch(/at .*\.js/);
    await healthy();
  });

  it('reads JSON bodies by the same rules on the short path and through body-parser', async () => {
    const send = (body: string | Buffer, headers: Record<string, string> = {}) =>
      fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const query = JSON.stringify({ query: '{ __typename }' });
    // Short path: plain UTF-8 with a length. A leading BOM is dropped, a bare JSON string is not a body.
    const plain = await send(query);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('x-sql-statements')).toBe('0');
    expect(plain.headers.get('etag')).toBeNull();
    expect(await plain.json()).toEqual({ data: { __typename: 'Query' } });
    expect((await send(`\uFEFF${query}`)).status).toBe(200);
    const bare = await send('"{ __typename }"');
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as { errors: Array<{ message: string }> }).errors[0]?.message).toMatch(/không phải JSON hợp lệ/);
    // body-parser: a compressed body and another charset spelling.
    const gzipped = await send(gzipSync(query), { 'content-encoding': 'gzip' });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers.get('x-sql-statements')).toBe('0');
    expect((await send(query, { 'content-type': 'application/json; charset="UTF-8"' })).status).toBe(200);
    expect((await send(query, { 'content-type': 'application/json; charset=latin1' })).status).toBe(415);
    await healthy();
  });

  it('refuses a body over 1 MB with 413', async () => {
    const res = await post(t, JSON.stringify({ query: `{ me { email } } #${'x'.repeat(2 * 1024 * 1024)}` }));
    expect(res.status).toBe(413);
    expect(res.json?.errors?.[0]?.message).toMatch(/lớn hơn giới hạn 1048576 byte/);
    await healthy();
  });

  it('refuses a wrong content type without a stack trace (CSRF prevention included)', async () => {
    const res = await post(t, 'query={ me { email } }', 'text/plain');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toMatch(/at .*\.js/);
    await healthy();
  });

  it('answers an unknown operation name with BAD_USER_INPUT', async () => {
    const res = await post(t, JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }));
    expect(res.status).toBe(400);
    expect(res.json?.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(res.json?.errors?.[0]?.message).toBe('Tài liệu không có thao tác tên "B"');
    expect(res.json?.errors?.[0]?.extensions?.['problem']).toBe('UNKNOWN_OPERATION');
  });

  it("answers graphql-js's and Apollo's request errors in Vietnamese, with the kind of problem, over HTTP and WebSocket alike", async () => {
    const cases = [
      ['{ me { email }', 'GRAPHQL_PARSE_FAILED', 'SYNTAX_ERROR', 'Lỗi cú pháp: chỗ này cần một tên nhưng gặp cuối tài liệu'],
      [
        '{ cadre { id } }',
        'GRAPHQL_VALIDATION_FAILED',
        'MISSING_ARGUMENT',
        'Trường "cadre" thiếu đối số bắt buộc "id" (kiểu "ID!")',
      ],
      [
        '{ me { email { x } } }',
        'GRAPHQL_VALIDATION_FAILED',
        'SELECTION_NOT_ALLOWED',
        /^Trường "email" có kiểu "String!", không có trường con/,
      ],
    ] as const;
    for (const [query, reason, problem, message] of cases) {
      const http = await t.gql(query);
      expect(http.status).toBe(400);
      const overWs = await wsErrors(t.url, query);
      for (const errors of [http.body.errors ?? [], overWs]) {
        expect(errors).toHaveLength(1);
        expect(errors[0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', reason, problem });
        expect(errors[0]!.message).toMatch(message);
      }
    }
    // Variables coerced by Apollo, and an argument refused while executing (a variable with a
    // default, sent as an explicit null, in a non-null position): the client's mistake, in
    // Vietnamese, not a logged internal error.
    const token = await t.tokenFor(Role.VIEWER);
    const badVariable = await t.gql('query ($n: Int!) { cadres(first: $n) { totalCount } }', { n: 'hai mươi' }, token);
    expect(badVariable.status).toBe(400);
    expect(badVariable.body.errors?.[0]).toMatchObject({
      message: 'Biến "$n" có giá trị không hợp lệ "hai mươi": kiểu Int chỉ nhận số nguyên, không nhận "hai mươi"',
      extensions: { code: 'BAD_USER_INPUT', problem: 'INVALID_VARIABLE' },
    });
    const nullArgument = await t.gql('query ($n: Int = 5) { cadres(first: $n) { totalCount } }', { n: null }, token);
    expect(nullArgument.body.errors?.[0]).toMatchObject({
      message: 'Đối số "first" có kiểu "Int!", không được là null',
      extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_ARGUMENT', problem: 'NULL_NOT_ALLOWED' },
    });
    const twoOperations = await post(t, JSON.stringify({ query: 'query A { __typename } query B { __typename }' }));
    expect(twoOperations.json?.errors?.[0]).toMatchObject({
      message: 'Tài liệu có nhiều thao tác: hãy nêu tên thao tác cần chạy (operationName)',
      extensions: { code: 'BAD_USER_INPUT', reason: 'OPERATION_RESOLUTION_FAILURE', problem: 'OPERATION_NAME_REQUIRED' },
    });
    await healthy();
  });

  it('refuses text that is not well-formed Unicode (a lone surrogate) with BAD_USER_INPUT, over HTTP and WebSocket, and stays healthy', async () => {
    // Found by the fuzz test: "\ud800" as an e-mail reached the e-mail validator's encodeURI, which threw.
    const login = 'mutation L($e: String!) { login(email: $e, password: "x") { token } }';
    const res = await post(t, JSON.stringify({ query: login, variables: { e: 'a\ud800@anbien.test' } }));
    expect(res.status).toBe(400);
    expect(res.json?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MALFORMED_TEXT' });
    expect(res.json?.errors?.[0]?.extensions).not.toHaveProperty('http');
    expect(res.json?.errors?.[0]?.message).toMatch(/^Giá trị variables\.e chứa ký tự không hợp lệ/);
    // A well-formed pair (an emoji) is text like any other: refused for what it is, not for its encoding.
    const emoji = await post(t, JSON.stringify({ query: login, variables: { e: '😀@anbien.test' } }));
    expect(emoji.json?.errors?.[0]?.extensions?.['reason']).not.toBe('MALFORMED_TEXT');
    const client = wsClient(t.url);
    try {
      const errors = await new Promise<WireError[]>((resolve, reject) => {
        client.subscribe(
          { query: login, variables: { e: '\udc00' } },
          {
            next: (v) => resolve((v.errors ?? []) as WireError[]),
            error: (err) => (Array.isArray(err) ? resolve(err as WireError[]) : reject(new Error(JSON.stringify(err)))),
            complete: () => resolve([]),
          },
        );
      });
      expect(errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MALFORMED_TEXT' });
    } finally {
      await client.dispose();
    }
    await healthy();
  });

  it('refuses NUL in text (PostgreSQL cannot store it), written in the document or sent as a variable, and stays healthy', async () => {
    // Found by the fuzz test (seed 1169627821): publicDirectory(search: "a\u0000b") reached the
    // directory statement, which failed with "invalid byte sequence for encoding UTF8: 0x00".
    const inline = await post(t, JSON.stringify({ query: '{ publicDirectory(search: "a\\u0000b", first: 1) { __typename } }' }));
    expect(inline.status).toBe(400);
    expect(inline.json?.errors?.[0]?.extensions?.['reason']).toBe('MALFORMED_TEXT');
    expect(inline.json?.errors?.[0]?.message).toMatch(/^Một chuỗi trong tài liệu truy vấn chứa ký tự không hợp lệ/);
    // As a variable, the field's own validator refuses it, naming the argument.
    const query = 'query D($s: String!) { publicDirectory(search: $s, first: 1) { __typename } }';
    const variable = await post(t, JSON.stringify({ query, variables: { s: 'a\u0000b' } }));
    expect(variable.json?.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(variable.json?.errors?.[0]?.extensions?.['fields'])).toContain('"search"');
    await healthy();
  });

  it('answers text PostgreSQL cannot store (NUL) as the client’s mistake wherever a validator missed it, not as an internal error', async () => {
    // The net behind the field validators: the errors PostgreSQL really gives for NUL in text
    // (22021) and for \u0000 in jsonb (22P05), through the formatter every transport uses.
    const logged: unknown[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(line) });
    for (const [sql, value] of [
      ['SELECT $1::text AS v', 'a\u0000b'],
      ['SELECT $1::jsonb AS v', '{"ghi_chu": "a\\u0000b"}'],
    ] as const) {
      const error = await t.app.dataSource.query(sql, [value]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      const formatted = formatError(error, { logger, requestId: 'r1', hideSuggestions: true });
      expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'MALFORMED_TEXT' });
      expect(formatted.message).toMatch(/^Dữ liệu gửi lên chứa ký tự NUL/);
    }
    expect(logged).toEqual([]);
    // Any other database error stays internal, logged.
    const other = await t.app.dataSource.query('SELECT 1/0').then(
      () => null,
      (e: unknown) => e,
    );
    expect(formatError(other, { logger, requestId: 'r2', hideSuggestions: true }).extensions?.['code']).toBe(
      'INTERNAL_SERVER_ERROR',
    );
    expect(logged).toHaveLength(1);
  });

  it("counts the process's background work apart, so the statements counted for callers are theirs", async () => {
    // The board's fold, the event feed's poll and the socket recheck run on timers; the checks
    // below that a rejected document ran no SQL would otherwise fail whenever one fired meanwhile.
    const before = { callers: QueryLogger.total, background: QueryLogger.background };
    const rows: unknown[] = await inBackground('test', () => t.app.dataSource.query('SELECT 1 AS one'));
    expect(rows).toEqual([{ one: 1 }]);
    expect(QueryLogger.total - before.callers).toBe(0);
    expect(QueryLogger.background - before.background).toBeGreaterThanOrEqual(1);
  });

  it('rejects a depth-20 query, 50 aliases and 1,000+ tokens before running any SQL', async () => {
    const token = await t.tokenFor(Role.VIEWER);
    const aliases = `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: me { email }`).join(' ')} }`;
    const tokens = `{ ${Array.from({ length: 1100 }, () => '__typename').join(' ')} }`;
    for (const [query, expected] of [
      [nested(20), /^Truy vấn lồng quá sâu: độ sâu 22 vượt giới hạn/],
      [aliases, /^Truy vấn dùng quá nhiều bí danh \(alias\): 50, vượt giới hạn/],
      [tokens, /^Tài liệu truy vấn dài hơn giới hạn \d+ token/],
    ] as const) {
      const before = QueryLogger.total;
      const res = await t.gql(query, {}, token);
      expect(res.status).toBe(400);
      const errors = res.body.errors ?? [];
      expect(errors.every((e) => e.extensions?.['code'] === 'BAD_USER_INPUT')).toBe(true);
      expect(errors.map((e) => e.message).join('\n')).toMatch(expected);
      expect(QueryLogger.total - before).toBe(0);
      expect(res.sql).toBe(0);
    }
    await healthy();
  });

  it('serves queries over GET but not mutations', async () => {
    const q = encodeURIComponent('{ __typename }');
    const ok = await fetch(`${t.url}/graphql?query=${q}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(ok.status).toBe(200);
    const m = encodeURIComponent('mutation { login(email: "a@b.c", password: "x") { token } }');
    const res = await fetch(`${t.url}/graphql?query=${m}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(405);
  });

  it('masks unexpected errors and gives the request id', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'test-req-42' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.headers.get('x-request-id')).toBe('test-req-42');
  });

  it('takes the client address from X-Forwarded-For only behind a trusted proxy, on both body paths', async () => {
    const TRACK = 'query($c: String!) { trackReport(receiptCode: $c) { status } }';
    const track = (app: TestApp, forwardedFor: string, gzip = false) => {
      const body = JSON.stringify({ query: TRACK, variables: { c: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-Z' } });
      return fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': forwardedFor,
          ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        },
        body: gzip ? gzipSync(body) : body,
      }).then(
        async (res) => ((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code,
      );
    };
    // One tracking request per address and hour.
    const proxied = await startTestApp({ config: { reportTracksPerHour: 1, trustProxy: 1 } });
    const direct = await startTestApp({ config: { reportTracksPerHour: 1 } });
    try {
      // Short path (a plain body with a length), then body-parser (gzip): the same address either way.
      expect(await track(proxied, '203.0.113.1')).toBe('NOT_FOUND');
      expect(await track(proxied, '203.0.113.1', true)).toBe('RATE_LIMITED');
      expect(await track(proxied, '203.0.113.2', true)).toBe('NOT_FOUND');
      expect(await track(proxied, '203.0.113.2')).toBe('RATE_LIMITED');
      // Without a trusted proxy the header is the client's word: every request is the socket's address.
      expect(await track(direct, '203.0.113.1')).toBe('NOT_FOUND');
      expect(await track(direct, '203.0.113.2')).toBe('RATE_LIMITED');
    } finally {
      await Promise.all([proxied.stop(), direct.stop()]);
    }
  });

  it('logs one access line per request, with its id, path, status and SQL count, on both body paths', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    );
    const logged = await startTestApp({ logger });
    try {
      const query = JSON.stringify({ query: '{ __typename }' });
      const send = (id: string, headers: Record<string, string>, body: string | Buffer) =>
        fetch(`${logged.url}/graphql?x=1`, { method: 'POST', headers: { 'x-request-id': id, ...headers }, body });
      expect((await send('plain-1', { 'content-type': 'application/json' }, query)).status).toBe(200);
      expect(
        (await send('gzip-1', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipSync(query))).status,
      ).toBe(200);
      expect((await send('bad-1', { 'content-type': 'application/json' }, '{')).status).toBe(400);
      const requests = lines.filter((l) => l['msg'] === 'request');
      expect(requests.map(({ requestId, method, path, status, sql }) => ({ requestId, method, path, status, sql }))).toEqual([
        { requestId: 'plain-1', method: 'POST', path: '/graphql', status: 200, sql: 0 },
        { requestId: 'gzip-1', method: 'POST', path: '/graphql', status: 200, sql: 0 },
        { requestId: 'bad-1', method: 'POST', path: '/graphql', status: 400, sql: 0 },
      ]);
    } finally {
      await logged.stop();
    }
  });

  it('answers health and readiness', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const ready = (await (await fetch(`${t.url}/readyz`, { headers: OPS_HEADERS })).json()) as { checks: Record<string, string> };
    expect(ready.checks['database']).toBe('ok');
    // The public gets the status only: nothing of hosts, ports or errors.
    expect(await (await fetch(`${t.url}/readyz`)).json()).toEqual({ status: 'ready' });
    expect(await (await fetch(`${t.url}/readyz`, { headers: { authorization: 'Bearer not-the-ops-token' } })).json()).toEqual({
      status: 'ready',
    });
  });

  it('offers no introspection and no field suggestions in production, over HTTP and WebSocket alike', async () => {
    const prod = await startTestApp({ config: { nodeEnv: 'production', isProduction: true } });
    try {
      for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Account") { fields { name } } }']) {
        const http = await prod.gql(query);
        expect(http.status).toBe(400);
        const overWs = await wsErrors(prod.url, query);
        for (const errors of [http.body.errors ?? [], overWs]) {
          expect(errors.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', reason: 'INTROSPECTION_DISABLED' }]);
        }
        expect(overWs.map((e) => e.message)).toEqual(http.body.errors!.map((e) => e.message));
      }
      // __typename is not introspection.
      expect((await prod.gql('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
      const anonymous = wsClient(prod.url);
      expect(await wsExecute(anonymous, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
      await anonymous.dispose();

      const typo = 'mutation { logn(email: "a@b.c", password: "x") { token } }';
      const httpTypo = await prod.gql(typo);
      expect(httpTypo.status).toBe(400);
      const wsTypo = await wsErrors(prod.url, typo);
      for (const errors of [httpTypo.body.errors ?? [], wsTypo]) {
        expect(errors.length).toBeGreaterThan(0);
        expect(errors.every((e) => e.extensions?.['code'] === 'BAD_USER_INPUT')).toBe(true);
        expect(JSON.stringify(errors)).toMatch(/logn/);
        expect(JSON.stringify(errors)).not.toMatch(/Did you mean|Có phải ý bạn là/);
      }
      // Outside production both transports suggest, and answer introspection.
      expect(JSON.stringify((await t.gql(typo)).body.errors)).toMatch(/Có phải ý bạn là .*login/);
      expect(JSON.stringify(await wsErrors(t.url, typo))).toMatch(/Có phải ý bạn là .*login/);
      const dev = wsClient(t.url);
      expect(await wsExecute(dev, '{ __schema { queryType { name } } }')).toEqual({
        data: { __schema: { queryType: { name: 'Query' } } },
      });
      await dev.dispose();
    } finally {
      await prod.stop();
    }
  });

  describe('over WebSocket', () => {
    it('runs an operation with a valid token in the connection parameters', async () => {
      const token = await t.tokenFor(Role.VIEWER);
      const client = wsClient(t.url, { token });
      const res = await wsExecute<{ me: { email: string } }>(client, '{ me { email } }');
      expect(res.data?.me.email).toBe('xem@anbien.test');
      await client.dispose();
    });

    it('closes the socket with 4403 for a bad token', async () => {
      const { ws, closed } = await rawSocket(t.url);
      ws.send(JSON.stringify({ type: 'connection_init', payload: { token: 'not-a-jwt' } }));
      expect(await closed).toMatchObject({ code: 4403, reason: 'Không được phép: mã đăng nhập bị từ chối' });
    });

    it('closes a socket that never sends connection_init with 4408', async () => {
      const short = await startTestApp({ config: { wsConnectionInitTimeoutMs: 300 } });
      try {
        const { closed } = await rawSocket(short.url);
        const { code, reason } = await closed;
        expect(code).toBe(4408);
        expect(reason).toBe('Quá thời gian chờ connection_init');
      } finally {
        await short.stop();
      }
    });

    it('closes with 1009 a message over 64 KiB', async () => {
      const { ws, closed } = await rawSocket(t.url);
      ws.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(70 * 1024) } }));
      expect((await closed).code).toBe(1009);
    });

    it('applies the same limits to subscribe messages, running no SQL', async () => {
      const client = wsClient(t.url);
      const before = QueryLogger.total;
      await expect(wsExecute(client, nested(20))).rejects.toThrow(/Truy vấn lồng quá sâu/);
      expect(QueryLogger.total - before).toBe(0);
      await client.dispose();
    });

    it('re-checks the token on every subscribe: a disabled account is cut off with 4403', async () => {
      const admin = await t.tokenFor(Role.ADMIN);
      const staff = await t.login('tiepnhan@anbien.test');
      const { ws, closed } = await rawSocket(t.url);
      const ack = nextMessage(ws);
      ws.send(JSON.stringify({ type: 'connection_init', payload: { token: staff } }));
      expect((await ack).type).toBe('connection_ack');
      const acc = await t.gql<{ accounts: Array<{ id: string; email: string; version: number }> }>(
        '{ accounts { id email version } }',
        {},
        admin,
      );
      const target = acc.body.data!.accounts.find((a) => a.email === 'tiepnhan@anbien.test')!;
      await t.gql(
        'mutation($i: UpdateAccountInput!) { updateAccount(input: $i) { id } }',
        { i: { id: target.id, version: target.version, disabled: true } },
        admin,
      );
      ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ me { email } }' } }));
      expect((await closed).code).toBe(4403);
    });
  });
});
