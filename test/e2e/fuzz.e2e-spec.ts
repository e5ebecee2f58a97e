import { Writable } from 'node:stream';
import * as fc from 'fast-check';
import type { GraphQLField, GraphQLObjectType } from 'graphql';
import pino from 'pino';
import { ErrorCode } from '../../src/common/errors';
import type { Access } from '../../src/graphql/access';
import { schemaWithoutDatabase } from '../../src/cli/offline-schema';
import { Role } from '../../src/common/role.enum';
import { type GeneratedOperation, mutatedDocumentArb, operationArb } from '../support/graphql-arbitraries';
import { type MultipartCase, multipartCaseArb } from '../support/multipart-arbitraries';
import { chunk, type RawAnswer, rawRequest } from '../support/raw-http';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Bad input found by a machine: documents and variables generated from the schema for every
 * public root field and a sample of staff ones, mutated documents, random request bodies and
 * random multipart uploads. Every answer must carry a status below 500 and only the closed set
 * of error codes (never INTERNAL_SERVER_ERROR), nothing may be logged as an error, and the
 * server must stay ready after each batch.
 *
 * FUZZ_RUNS cases per field and per batch (small in CI; `npm run fuzz` runs many more),
 * FUZZ_STAFF_FIELDS staff fields sampled per run, FUZZ_SEED replays a run (printed on failure),
 * FUZZ_SHRINK=1 shrinks a failure to a smaller case.
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 8);
const STAFF_FIELDS = Number(process.env['FUZZ_STAFF_FIELDS'] ?? 6);
const SEED = process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : (Date.now() ^ (Math.random() * 2 ** 31)) | 0;
const SHRINK = process.env['FUZZ_SHRINK'] === '1';
const TIMEOUT = Math.max(60_000, RUNS * 10_000);

/** The codes a client may receive: the closed set, less the one that means a server fault. */
const KNOWN_CODES = new Set<string>(Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR));

type AnyField = GraphQLField<unknown, unknown>;

interface RootField {
  operation: 'query' | 'mutation';
  field: AnyField;
  access: Access;
}

/** Runs a property with the run's seed; a failure names the seed that replays it. */
async function check<T>(label: string, arb: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, runs = RUNS): Promise<void> {
  try {
    await fc.assert(
      fc.asyncProperty(arb, predicate),
      SHRINK ? { numRuns: runs, seed: SEED } : { numRuns: runs, seed: SEED, endOnFailure: true },
    );
  } catch (err) {
    const hint = `[${label}] replay with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} FUZZ_STAFF_FIELDS=${STAFF_FIELDS}`;
    if (err instanceof Error) err.message = `${hint}\n${err.message.slice(0, 20_000)}`;
    throw err;
  }
}

/** Decodes a raw `Transfer-Encoding: chunked` body. */
function dechunk(body: string): string {
  let out = '';
  let rest = body;
  for (;;) {
    const eol = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, eol), 16);
    if (!(size > 0)) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 4 + size);
  }
}

/** The error codes of a GraphQL-shaped JSON answer; throws when the body is not one. */
function codesOf(text: string): string[] {
  const body = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: unknown } }> } | unknown[];
  const answers = Array.isArray(body) ? body : [body];
  return answers.flatMap((a) =>
    ((a as { errors?: Array<{ extensions?: { code?: unknown } }> }).errors ?? []).map((e) => String(e.extensions?.code)),
  );
}

function expectKnownCodes(status: number, text: string, what: string) {
  if (status >= 500) throw new Error(`${what}: status ${status}: ${text.slice(0, 500)}`);
  const unknown = codesOf(text).filter((c) => !KNOWN_CODES.has(c));
  if (unknown.length) throw new Error(`${what}: codes ${unknown.join(', ')} outside the closed set: ${text.slice(0, 500)}`);
}

describe('fuzz: machine-made bad input gets a known error code, never a server fault', () => {
  let t: TestApp;
  let roots: RootField[];
  let ids: string[];
  let receipt: string;
  let reportId: string;
  const tokens = new Map<Role, string>();
  /** Lines the app logged at error level: each one is a fault the answer may have masked. */
  const errorLogs: string[] = [];

  const post = async (body: string, headers: Record<string, string>) => {
    const res = await fetch(`${t.url}/graphql`, { method: 'POST', body, headers });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };

  const expectNoErrorLogs = (what: string) => {
    if (errorLogs.length)
      throw new Error(`${what}: the server logged an error: ${errorLogs.splice(0).join('\n').slice(0, 2000)}`);
  };

  const sendGraphql = async (op: GeneratedOperation, token: string | undefined, what: string) => {
    const answer = await post(JSON.stringify(op), {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    });
    expectNoErrorLogs(what);
    if (!answer.type.includes('json'))
      throw new Error(`${what}: ${answer.status} answered ${answer.type}: ${answer.text.slice(0, 300)}`);
    expectKnownCodes(answer.status, answer.text, what);
  };

  /** After each batch: the process serves, its readiness holds, nothing was logged as an error. */
  const expectStillReady = async (what: string) => {
    expect(t.app.server.httpServer.listening).toBe(true);
    const ready = await fetch(`${t.url}/readyz`);
    if (ready.status !== 200) throw new Error(`${what}: /readyz answered ${ready.status}: ${await ready.text()}`);
    const res = await t.gql<{ __typename: string }>('{ __typename }');
    expect(res.body.data?.__typename).toBe('Query');
    expectNoErrorLogs(what);
  };

  beforeAll(async () => {
    const logSink = new Writable({
      write(line: Buffer, _enc, done) {
        errorLogs.push(line.toString('utf8'));
        done();
      },
    });
    t = await startTestApp({
      seed: true,
      seedReports: true,
      logger: pino({ level: 'error' }, logSink),
      config: {
        reportSubmitsPerHour: 100_000,
        reportTracksPerHour: 100_000,
        evidenceUploadsPerHour: 100_000,
        satisfactionSubmitsPerHour: 100_000,
        loginMaxFailures: 100_000,
        loginMaxFailuresPerAddress: 100_000,
        loginAccountSlowdownAfter: 100_000,
        uploadIdleTimeoutMs: 500,
        httpHeadersTimeoutMs: 2000,
        httpRequestTimeoutMs: 4000,
      },
    });
    const schema = await schemaWithoutDatabase();
    roots = (
      [
        ['query', schema.getQueryType()],
        ['mutation', schema.getMutationType()],
      ] as Array<['query' | 'mutation', GraphQLObjectType]>
    ).flatMap(([operation, type]) =>
      Object.values(type.getFields()).map((field) => ({ operation, field, access: field.extensions['access'] as Access })),
    );
    for (const role of Object.values(Role)) tokens.set(role, await t.tokenFor(role));
    // Ids that exist, so that some generated calls get past "not found"; no account's, so that
    // the fuzz never disables or re-roles the accounts whose tokens it uses.
    const tables = (await t.app.dataSource.query(
      `SELECT c.table_name AS name FROM information_schema.columns c
         JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND c.column_name = 'id' AND c.data_type = 'uuid'
          AND t.table_type = 'BASE TABLE' AND c.table_name NOT LIKE 'account%'`,
    )) as Array<{ name: string }>;
    ids = [];
    for (const { name } of tables) {
      const rows = (await t.app.dataSource.query(`SELECT id::text AS id FROM "${name}" ORDER BY id LIMIT 2`)) as Array<{
        id: string;
      }>;
      ids.push(...rows.map((r) => r.id));
    }
    const submitted = await t.gql<{ submitReport: { receiptCode: string; report: { id: string } } }>(
      `mutation($i: SubmitReportInput!) { submitReport(input: $i) { receiptCode } }`,
      {
        i: {
          kind: 'FEEDBACK',
          field: 'OTHER',
          title: 'Đèn đường hỏng ở tổ 3',
          content: 'Đèn đường trước nhà văn hóa tổ 3 hỏng đã hai tuần.',
        },
      },
    );
    receipt = submitted.body.data!.submitReport.receiptCode;
    reportId = (
      (await t.app.dataSource.query(`SELECT id FROM report ORDER BY received_at DESC LIMIT 1`)) as Array<{ id: string }>
    )[0]!.id;
  }, 120_000);
  afterAll(() => t?.stop());

  const publicFields = () => roots.filter((r) => r.access === 'public');

  it('finds the public root fields from their declared access, and they include the known ones', () => {
    expect(roots.every((r) => r.access !== undefined)).toBe(true);
    const names = publicFields().map((r) => r.field.name);
    expect(names).toEqual(expect.arrayContaining(['submitReport', 'trackReport', 'login', 'receptionSchedule']));
    expect(roots.length - names.length).toBeGreaterThan(20);
  });

  it(
    'answers generated calls of every public root field, anonymously, with known codes only',
    async () => {
      for (const { operation, field } of publicFields()) {
        const what = `${operation} ${field.name} (anonymous)`;
        await check(what, operationArb(operation, field, { ids }), (op) =>
          sendGraphql(op, undefined, `${what}: ${op.query.slice(0, 300)}`),
        );
        await expectStillReady(what);
      }
    },
    TIMEOUT * 4,
  );

  it(
    `answers generated calls of ${STAFF_FIELDS} staff root fields sampled by the seed, under any role, with known codes only`,
    async () => {
      const staff = roots.filter((r) => r.access !== 'public');
      const [sample] = fc.sample(
        fc.shuffledSubarray(staff, {
          minLength: Math.min(STAFF_FIELDS, staff.length),
          maxLength: Math.min(STAFF_FIELDS, staff.length),
        }),
        {
          seed: SEED,
          numRuns: 1,
        },
      );
      for (const { operation, field, access } of sample!) {
        const allowed = Array.isArray(access) ? access : Object.values(Role);
        // Mostly a role the field allows (to get past the gate), sometimes any role.
        const roleArb = fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...allowed) },
          { weight: 1, arbitrary: fc.constantFrom(...Object.values(Role)) },
        );
        const what = `${operation} ${field.name}`;
        await check(what, fc.tuple(operationArb(operation, field, { ids }), roleArb), ([op, role]) =>
          sendGraphql(op, tokens.get(role), `${what} as ${role}: ${op.query.slice(0, 300)}`),
        );
        await expectStillReady(what);
      }
    },
    TIMEOUT * 3,
  );

  it(
    'answers mutated documents (spliced tokens, deep nesting, many aliases, operations or directives, fragment cycles) with known codes only',
    async () => {
      const base = fc.constantFrom(...roots).chain((r) => operationArb(r.operation, r.field, { ids }));
      const tokenArb = fc.option(fc.constantFrom(...tokens.values()), { freq: 2 });
      await check(
        'mutated documents',
        fc.tuple(mutatedDocumentArb(base), tokenArb),
        ([op, token]) => sendGraphql(op, token ?? undefined, `mutated document: ${op.query.slice(0, 300)}`),
        RUNS * 5,
      );
      await expectStillReady('mutated documents');
    },
    TIMEOUT,
  );

  it(
    'answers random request bodies and content types on /graphql without a server fault',
    async () => {
      const bodyArb = fc.oneof(
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc
          .record(
            {
              query: fc.oneof(fc.string(), fc.constant('{ __typename }'), fc.jsonValue()),
              variables: fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue())),
              operationName: fc.oneof(fc.string(), fc.jsonValue()),
              extensions: fc.oneof(
                fc.jsonValue(),
                fc.record({
                  persistedQuery: fc.record({
                    version: fc.oneof(fc.constant(1), fc.jsonValue()),
                    sha256Hash: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), fc.jsonValue()),
                  }),
                }),
              ),
            },
            { requiredKeys: [] },
          )
          .map((v) => JSON.stringify(v)),
        fc.array(fc.record({ query: fc.constant('{ __typename }') }), { maxLength: 3 }).map((v) => JSON.stringify(v)),
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.constantFrom('', '{', '{"query": "{ __typename }"', '\uFEFF{"query":"{ __typename }"}', 'null', '"x"', '1e999'),
      );
      const typeArb = fc.constantFrom(
        'application/json',
        'application/json',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'application/graphql-response+json',
        'text/plain',
        'application/graphql',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        '',
      );
      await check(
        'request bodies',
        fc.tuple(bodyArb, typeArb, fc.constantFrom('POST', 'GET'), fc.string({ maxLength: 60 })),
        async ([body, type, method, search]) => {
          const what = `${method} /graphql as ${type}: ${body.slice(0, 200)}`;
          const res =
            method === 'POST'
              ? await fetch(`${t.url}/graphql`, { method, body, headers: type ? { 'content-type': type } : {} })
              : await fetch(`${t.url}/graphql?query=${encodeURIComponent(body)}&${encodeURIComponent(search)}`, {
                  headers: { 'apollo-require-preflight': 'true', accept: 'application/json' },
                });
          const text = await res.text();
          expectNoErrorLogs(what);
          if (res.status >= 500) throw new Error(`${what}: status ${res.status}: ${text.slice(0, 300)}`);
          if ((res.headers.get('content-type') ?? '').includes('json')) expectKnownCodes(res.status, text, what);
          expectNoErrorLogs(what);
        },
        RUNS * 5,
      );
      await expectStillReady('request bodies');
    },
    TIMEOUT,
  );

  it(
    'answers random multipart uploads on the evidence and import routes without a server fault',
    async () => {
      const routes: Array<{ path: string; auth: Record<string, string> }> = [
        { path: '/track/files', auth: { 'X-Receipt-Code': receipt } },
        { path: `/reports/${reportId}/files`, auth: { Authorization: `Bearer ${tokens.get(Role.INTAKE_STAFF)}` } },
        { path: '/imports/cadres', auth: { Authorization: `Bearer ${tokens.get(Role.PARTY_BUILDING)}` } },
      ];
      const routeArb = fc.record({
        route: fc.constantFrom(...routes),
        // Now and then a wrong credential: the gate must answer before the body is read.
        auth: fc.option(
          fc.constantFrom<Record<string, string>>({ 'X-Receipt-Code': 'KHONG-CO' }, { Authorization: 'Bearer x.y.z' }, {}),
          { freq: 6 },
        ),
      });
      await check(
        'multipart uploads',
        fc.tuple(routeArb, multipartCaseArb),
        async ([{ route, auth }, c]) => {
          const what = `POST ${route.path}${c.query} (${c.delivery}, ${c.body.length} bytes, ${c.contentType?.slice(0, 80)})`;
          const answer = await sendMultipart(route.path + c.query, { ...(auth ?? route.auth), ...c.extraHeaders }, c);
          if (answer) {
            if (answer.status >= 500) throw new Error(`${what}: status ${answer.status}: ${answer.body.slice(0, 300)}`);
            const body = /transfer-encoding: chunked/i.test(answer.headers) ? dechunk(answer.body) : answer.body;
            expectNoErrorLogs(what);
            if (/content-type: application\/json/i.test(answer.headers)) expectKnownCodes(answer.status, body, what);
          }
          expectNoErrorLogs(what);
        },
        RUNS * 3,
      );
      await expectStillReady('multipart uploads');
    },
    TIMEOUT,
  );

  /** Sends one generated upload the way its case says: whole, chunked, cut, dropped or with a lying length. */
  function sendMultipart(path: string, headers: Record<string, string>, c: MultipartCase): Promise<RawAnswer | null> {
    const all: Record<string, string> = { ...headers, ...(c.contentType !== undefined ? { 'Content-Type': c.contentType } : {}) };
    const cut = c.body.subarray(0, Math.floor(c.body.length * c.cutAt));
    const chunked = c.delivery === 'chunked' || c.delivery === 'cut-chunked';
    if (chunked) all['Transfer-Encoding'] = 'chunked';
    else all['Content-Length'] = String(c.delivery === 'short-length' ? cut.length : c.body.length);
    return rawRequest(t.url, path, all, async (s) => {
      switch (c.delivery) {
        case 'length':
        case 'short-length':
          s.write(c.body);
          return;
        case 'chunked':
        case 'cut-chunked': {
          const bytes = c.delivery === 'chunked' ? c.body : cut;
          for (let i = 0; i < bytes.length; i += c.chunkSize) s.write(chunk(bytes.subarray(i, i + c.chunkSize)));
          s.write('0\r\n\r\n');
          return;
        }
        case 'cut-end':
          s.end(cut);
          return;
        case 'destroy':
          await new Promise<void>((r) => s.write(cut, () => r()));
          s.destroy();
          return;
      }
    });
  }
});
