import { createHash, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { resolveSecrets } from '../../../src/app';
import { defaultRuleSets } from '../../../src/modules/reports/deadline-rules';
import { IdentityCipher, Keyring } from '../../../src/modules/reports/identity-cipher';
import { defaultHolidayCalendar } from '../../../src/modules/reports/legal-calendar';
import { generateReceiptCode, receiptLookupKey } from '../../../src/modules/reports/receipt-code';
import { redactedCopy } from '../../../src/modules/reports/redaction';
import type { Report } from '../../../src/modules/reports/report.entity';
import { RuleBasedDeadlines } from '../../../src/modules/reports/reports.policies';
import type { BaselineDb } from '../baseline-server';
import type { BenchEnv, CapturedStatement } from '../environment';
import type { HttpRequestSpec } from '../protocol';
import { defineScenario } from '../scenario';

/**
 * The issue's write scenario: a public `submitReport` (no account), each request a new
 * denunciation with its own idempotency key and a named reporter, so the whole intake runs: the
 * rate limiter on the pool, the idempotency look-up, the subject check, a receipt code and its
 * HMAC, the report INSERT (its id chosen before, the receipt sealed in it), the report's data key
 * (wrapped under the keyring), five identity values sealed with AES-256-GCM under it, the subject, the timeline entry and the outbox event, in the mutation's
 * transaction. The baseline replays the very statements TypeORM sent (captured at setup) in one
 * `pg` transaction, with this request's values computed by the app's own pure functions
 * (receipt-code.ts, identity-cipher.ts, the deadline rules, redaction.ts).
 */

/** Replaced by the load generator with a value of its own in every request. */
const UNIQUE = '@@UNIQUE@@';
const IDENTITY_COLUMNS = ['fullName', 'idNumber', 'phone', 'email', 'address'] as const;
/** Written by one submission (one subject: one cadre). */
const ROWS_PER_REQUEST = {
  report: 1,
  report_data_key: 1,
  reporter_identity: 1,
  report_subject: 1,
  report_timeline_entry: 1,
  outbox_event: 1,
};

const QUERY =
  'mutation Submit($input: SubmitReportInput!) { submitReport(input: $input) ' +
  '{ receiptCode status receivedAt dueAt treatedAsInformation } }';

/** The input, keys in the order of the input classes' fields (the app hashes the converted input). */
function inputOf(cadreId: string, unique: string) {
  return {
    kind: 'DENUNCIATION',
    field: 'LAND',
    title: `Tố cáo việc cấp giấy chứng nhận quyền sử dụng đất sai quy định ${unique}`,
    content:
      'Tôi tố cáo cán bộ địa chính phường đã nhận tiền để cấp giấy chứng nhận quyền sử dụng đất cho hộ ông T. ' +
      'trên phần đất đang tranh chấp, không niêm yết công khai và không lấy ý kiến khu phố theo quy định.',
    concerns: { cadreIds: [cadreId], unitIds: [] as string[] },
    reporter: {
      fullName: 'Trần Thị Bích Ngọc',
      idNumber: '091190012345',
      phone: '0912345678',
      email: 'bich.ngoc@example.vn',
      address: '12 Nguyễn Trung Trực, khu phố 3, phường An Biên',
      wantsNotifications: true,
    },
    idempotencyKey: `bench-${unique}`,
  };
}
type Input = ReturnType<typeof inputOf>;

const requestBody = (cadreId: string, unique: string) =>
  JSON.stringify({ query: QUERY, operationName: 'Submit', variables: { input: inputOf(cadreId, unique) } });

/** What the app does with one input: the per-request values the statements carry. */
interface Values {
  key: string;
  title: string;
  contentHash: string;
  contentRedacted: string;
  receivedAt: Date;
  dueAt: Date | null;
  receiptCode: string;
  receiptKey: string;
  /** Chosen before the INSERT (randomUUID, as the app does); the receipt and identity are sealed bound to it. */
  reportId?: string;
  receiptSealed?: string;
  /** The report's data key, wrapped under the keyring (report_data_key): the identity is sealed under it (v2). */
  wrappedKey?: string;
  identity?: Record<(typeof IDENTITY_COLUMNS)[number], string>;
}

interface Crypto {
  cipher: IdentityCipher;
  receiptSecret: Buffer;
  deadlines: RuleBasedDeadlines;
}

/** The app's content hash (ReportsService.intake): citizen source, web channel. */
function contentHashOf(input: Input): string {
  return createHash('sha256')
    .update(
      JSON.stringify([input.kind, input.field, input.title, input.content, input.concerns, input.reporter, 'CITIZEN', 'WEB']),
    )
    .digest('hex');
}

function valuesBeforeInsert(input: Input, c: Crypto): Values {
  const receivedAt = new Date();
  const receiptCode = generateReceiptCode();
  const draft = {
    kind: input.kind,
    source: 'CITIZEN',
    channel: 'WEB',
    status: 'RECEIVED',
    receivedAt,
    stageStartedAt: receivedAt,
  };
  const r = input.reporter;
  return {
    key: input.idempotencyKey,
    title: input.title.trim(),
    contentHash: contentHashOf(input),
    contentRedacted: redactedCopy(input.content, [], { ...r, email: r.email.toLowerCase() }),
    receivedAt,
    dueAt: c.deadlines.dueAt(draft as unknown as Report, []),
    receiptCode,
    receiptKey: receiptLookupKey(receiptCode, c.receiptSecret)!,
  };
}

function seal(v: Values, input: Input, reportId: string, c: Crypto): void {
  v.reportId = reportId;
  v.receiptSealed = c.cipher.encrypt(v.receiptCode, { table: 'report', column: 'receipt', rowId: reportId });
  // As the app does since issue 27.4: a fresh data key per report, the identity sealed under it.
  const { key, wrapped } = c.cipher.newDataKey(reportId);
  v.wrappedKey = wrapped;
  const r = input.reporter;
  const plain = { fullName: r.fullName, idNumber: r.idNumber, phone: r.phone, email: r.email.toLowerCase(), address: r.address };
  v.identity = Object.fromEntries(
    IDENTITY_COLUMNS.map((col) => [
      col,
      c.cipher.encrypt(plain[col], { table: 'reporter_identity', column: col, rowId: reportId }, key),
    ]),
  ) as Values['identity'];
}

/**
 * The statement parameters of one request made from a captured request's: every value that was
 * the captured request's own (its key, title, hash, times, receipt, id, sealed values) replaced
 * by this request's, whole or inside a string (the outbox payload's JSON); the rest kept.
 */
function substitute(param: unknown, from: Values, to: Values): unknown {
  if (param instanceof Date) {
    if (param.getTime() === from.receivedAt.getTime()) return to.receivedAt;
    if (from.dueAt && param.getTime() === from.dueAt.getTime()) return to.dueAt;
    return param;
  }
  if (typeof param === 'string') {
    const whole: Array<[string | undefined, string | undefined]> = [
      [from.key, to.key],
      [from.title, to.title],
      [from.contentHash, to.contentHash],
      [from.contentRedacted, to.contentRedacted],
      [from.receiptKey, to.receiptKey],
      [from.receiptSealed, to.receiptSealed],
      [from.wrappedKey, to.wrappedKey],
      ...IDENTITY_COLUMNS.map((c): [string | undefined, string | undefined] => [from.identity?.[c], to.identity?.[c]]),
    ];
    for (const [a, b] of whole) if (a !== undefined && param === a) return b;
    let out = param;
    for (const [a, b] of [
      [from.reportId, to.reportId],
      [from.receivedAt.toISOString(), to.receivedAt.toISOString()],
      [from.dueAt?.toISOString(), to.dueAt?.toISOString()],
    ] as const) {
      if (a && b && out.includes(a)) out = out.split(a).join(b);
    }
    return out;
  }
  if (param !== null && typeof param === 'object' && !Array.isArray(param)) {
    return JSON.parse(substitute(JSON.stringify(param), from, to) as string) as unknown;
  }
  return param;
}

/** A captured statement's parameters, comparable (dates as ISO strings). */
const comparable = (params: unknown[]) => JSON.parse(JSON.stringify(params)) as unknown;

const RATE_LIMIT = /\brate_limit_bucket\b/i;
const REPORT_INSERT = /^\s*INSERT INTO "report"\s*\(/i;

/** One request's replay, on the pool (the rate limiter) and on one connection (the transaction). */
async function replay(
  statements: CapturedStatement[],
  captured: Values,
  input: Input,
  c: Crypto,
  db: BaselineDb,
): Promise<Values> {
  const v = valuesBeforeInsert(input, c);
  // As the app does (ReportsService.intake): the id is chosen before the INSERT, so the receipt
  // and the identity are sealed, bound to it, before any statement.
  seal(v, input, randomUUID(), c);
  const params = (s: CapturedStatement) => s.parameters.map((p) => substitute(p, captured, v));
  const limiter = statements.find((s) => RATE_LIMIT.test(s.query))!;
  const inTransaction = statements.filter((s) => s !== limiter);
  // The rate limiter counts outside the transaction. The app sends it after its START
  // TRANSACTION, on a small pool of its own (so a transaction holding a connection never waits
  // for a second one from the same pool); the baseline sends it first, on its pool, holding no
  // connection.
  await db.query(limiter.query, params(limiter));
  await db.withClient(async (client) => {
    try {
      for (const s of inTransaction) {
        const rows = await client.query(s.query, params(s));
        if (REPORT_INSERT.test(s.query) && rows[0]?.['id'] !== v.reportId)
          throw new Error('the report INSERT returned no row (idempotency key taken?)');
      }
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
  return v;
}

interface Captured {
  statements: CapturedStatement[];
  values: Values;
  input: Input;
}

interface State {
  cadreId: string;
  crypto: Crypto;
  captured: Captured;
  /** Statement kinds in order, for the JSON results. */
  outline: string[];
}

/** One app submission with its statements and, read back from the database, the values it wrote. */
async function captureOne(env: BenchEnv, cadreId: string, unique: string, c: Crypto): Promise<Captured> {
  const input = inputOf(cadreId, unique);
  const { result, statements } = await env.captureSql(() =>
    env.gql<{ submitReport: { receiptCode: string; receivedAt: string; dueAt: string | null } }>(QUERY, { input }),
  );
  const receipt = result.body.data?.submitReport;
  if (result.status !== 200 || !receipt) throw new Error(`submit-report: submitReport failed: ${JSON.stringify(result.body)}`);
  const [report] = (
    await env.pool.query<{
      id: string;
      receipt_key: string;
      receipt_sealed: string;
      content_hash: string;
      content_redacted: string;
    }>('SELECT id, receipt_key, receipt_sealed, content_hash, content_redacted FROM report WHERE idempotency_key = $1', [
      input.idempotencyKey,
    ])
  ).rows;
  const [identity] = (
    await env.pool.query<Record<string, string>>(
      'SELECT full_name AS "fullName", id_number AS "idNumber", phone, email, address FROM reporter_identity WHERE report_id = $1',
      [report?.id],
    )
  ).rows;
  const [dataKey] = (
    await env.pool.query<{ wrapped: string }>('SELECT wrapped FROM report_data_key WHERE report_id = $1', [report?.id])
  ).rows;
  if (!report || !identity || !dataKey)
    throw new Error('submit-report: the submitted report, its identity row or its data key is missing');
  const values: Values = {
    key: input.idempotencyKey,
    title: input.title.trim(),
    contentHash: report.content_hash,
    contentRedacted: report.content_redacted,
    receivedAt: new Date(receipt.receivedAt),
    dueAt: receipt.dueAt ? new Date(receipt.dueAt) : null,
    receiptCode: receipt.receiptCode,
    receiptKey: report.receipt_key,
    reportId: report.id,
    receiptSealed: report.receipt_sealed,
    wrappedKey: dataKey.wrapped,
    identity: Object.fromEntries(IDENTITY_COLUMNS.map((col) => [col, identity[col]!])) as Values['identity'],
  };
  // The baseline computes what the app computed, the same way.
  const fail = (what: string) => new Error(`submit-report: the baseline would compute another ${what} than the app`);
  if (contentHashOf(input) !== values.contentHash) throw fail('content hash');
  if (receiptLookupKey(values.receiptCode, c.receiptSecret) !== values.receiptKey) throw fail('receipt key (HMAC)');
  if (c.cipher.decrypt(values.receiptSealed!, { table: 'report', column: 'receipt', rowId: report.id }) !== values.receiptCode)
    throw fail('sealed receipt');
  const key = c.cipher.unwrapDataKey(values.wrappedKey!, report.id);
  if (
    c.cipher.decrypt(values.identity!.fullName, { table: 'reporter_identity', column: 'fullName', rowId: report.id }, key) !==
    input.reporter.fullName
  )
    throw fail('identity sealed under the data key');
  const draft = {
    kind: input.kind,
    source: 'CITIZEN',
    status: 'RECEIVED',
    receivedAt: values.receivedAt,
    stageStartedAt: values.receivedAt,
  };
  if (c.deadlines.dueAt(draft as unknown as Report, [])?.getTime() !== values.dueAt?.getTime()) throw fail('due date');
  const r = input.reporter;
  if (redactedCopy(input.content, [], { ...r, email: r.email.toLowerCase() }) !== values.contentRedacted)
    throw fail('redacted copy');
  return { statements, values, input };
}

/** Kinds of statement a submission may send; anything else fails the setup (the baseline would miss it). */
function outlineOf(statements: CapturedStatement[]): string[] {
  return statements.map((s) => {
    const q = s.query.replace(/\s+/g, ' ').trim();
    const table = /^(?:INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?/i.exec(q)?.[1] ?? /\bFROM\s+"?(\w+)"?/i.exec(q)?.[1];
    const verb = q.split(' ')[0]!.toUpperCase();
    return table ? `${verb} ${table}` : q.slice(0, 40);
  });
}

const post = (path: string, cadreId: string): HttpRequestSpec => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json' },
  body: requestBody(cadreId, UNIQUE),
  uniquePlaceholder: UNIQUE,
});

const EXPECT = { status: 200, bodyIncludes: '"receiptCode":"', bodyExcludes: '"errors"' };

export const submitReportScenario = defineScenario<State>({
  name: 'submit-report',
  description:
    'public `submitReport` (a denunciation naming a cadre, a named reporter: 5 values sealed with AES-256-GCM, a unique ' +
    'idempotency key per request, outbox event) vs node:http + pg replaying the same statements in one transaction, ' +
    'with the receipt code, HMAC, sealing and due date computed by the app’s own functions',
  goalRatio: 0.5,
  async setup(env) {
    const secrets = await resolveSecrets(env.config);
    const crypto: Crypto = {
      cipher: new IdentityCipher(Keyring.fromConfig(secrets.identityKeys)),
      receiptSecret: Buffer.from(secrets.receiptSecret, 'utf8'),
      deadlines: new RuleBasedDeadlines(defaultRuleSets(), defaultHolidayCalendar()),
    };
    // A cadre who is not a Party member: never the subject of generated inspections, so the
    // thousands of denunciations written here do not land in the long record that
    // cadre-supervision-record reads (generateInspectionWork gives it to the first Party member by id).
    const [cadre] = (await env.pool.query<{ id: string }>('SELECT id FROM cadre WHERE NOT party_member ORDER BY id LIMIT 1'))
      .rows;
    if (!cadre) throw new Error('submit-report: no cadre to name in the denunciation');
    // Two submissions: the parameters of the second must be exactly those of the first with the
    // second's values substituted, so the replay leaves out no per-request value.
    const a = await captureOne(env, cadre.id, `setup-a-${process.pid}`, crypto);
    const b = await captureOne(env, cadre.id, `setup-b-${process.pid}`, crypto);
    if (
      !isDeepStrictEqual(
        a.statements.map((s) => s.query),
        b.statements.map((s) => s.query),
      )
    ) {
      throw new Error(
        `submit-report: two submissions sent different statements: ${JSON.stringify([a.statements, b.statements], null, 2)}`,
      );
    }
    a.statements.forEach((s, i) => {
      const made = comparable(s.parameters.map((p) => substitute(p, a.values, b.values)));
      const sent = comparable(b.statements[i]!.parameters);
      if (!isDeepStrictEqual(made, sent)) {
        throw new Error(
          `submit-report: statement ${i} carries a per-request value the replay does not make:\n${s.query}\n` +
            `  replay: ${JSON.stringify(made)}\n  app:    ${JSON.stringify(sent)}`,
        );
      }
    });
    const outline = outlineOf(a.statements);
    const limiters = a.statements.filter((s) => RATE_LIMIT.test(s.query)).length;
    const inserts = a.statements.filter((s) => REPORT_INSERT.test(s.query)).length;
    if (limiters !== 1 || inserts !== 1) {
      throw new Error(`submit-report: expected one rate-limit hit and one report INSERT, got: ${JSON.stringify(outline)}`);
    }
    return { cadreId: cadre.id, crypto, captured: a, outline };
  },
  graphqlRequest: ({ cadreId }) => post('/graphql', cadreId),
  baselineRequest: ({ cadreId }) => post('/submit-report', cadreId),
  baselineHandler:
    ({ captured, crypto }) =>
    async (req, db) => {
      const { variables } = JSON.parse(req.body) as { variables: { input: Input } };
      const v = await replay(captured.statements, captured.values, variables.input, crypto, db);
      return {
        status: 200,
        body: {
          data: {
            submitReport: {
              receiptCode: v.receiptCode,
              status: 'RECEIVED',
              receivedAt: v.receivedAt.toISOString(),
              dueAt: v.dueAt?.toISOString() ?? null,
              treatedAsInformation: false,
            },
          },
        },
      };
    },
  // A new receipt code and time in every answer.
  sameResponse: false,
  expect: { graphql: EXPECT, baseline: EXPECT },
  async beforeTarget(_state, env) {
    // One address sends everything: start each run with an empty window of the limiter.
    await env.pool.query(`DELETE FROM rate_limit_bucket WHERE key LIKE 'report submissions:%'`);
  },
  async countRows(_state, env) {
    const tables = Object.keys(ROWS_PER_REQUEST);
    const sql = `SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}`;
    return (await env.pool.query<Record<string, number>>(sql)).rows[0]!;
  },
  rowsPerRequest: ROWS_PER_REQUEST,
  details: ({ captured, outline }) => ({
    query: QUERY,
    variables: { input: inputOf('<cadre id>', '<unique per request>') },
    statements: outline,
    baselineSql: captured.statements.map((s) => ({ query: s.query, parameters: s.parameters.length })),
  }),
});
