import { isDeepStrictEqual } from 'node:util';
import type { PoolClient } from 'pg';
import { type BaselineAuth, prepareBaselineAuth } from '../baseline-auth';
import type { BaselineDb } from '../baseline-server';
import type { BenchEnv, CapturedStatement, GeneratedInspectionWork, GqlResult } from '../environment';
import type { HttpRequestSpec } from '../protocol';
import { type AnyScenario, defineScenario } from '../scenario';
import { ensurePolicyMember, MEMBER_EMAIL } from './committee-member';

/**
 * The issue's inspection scenarios, on the data set extended by `generateInspectionWork` (what
 * `npm run gen` adds: province 20,000 inspections, 60,000 findings, 5,000 discipline cases):
 * `cadre.supervisionRecord` of the cadre with the long record, and `inspections(first: 50)` with
 * nested findings and their concerned cadres, as the Inspection Committee. Each baseline replays
 * the statements TypeORM sent for the request (captured at setup), wave by wave as DataLoader
 * batches them (statements of one wave run concurrently), and builds the same JSON.
 */

const EMAIL = 'kiemtra@anbien.test';
const PAGE = 50;
const PAGE_SIZES = [10, 50, 100] as const;

// ---------------------------------------------------------------------------------------------
// Shared helpers

/** A row of the app's plain reads (`plainRows`: columns by their database names) with camelCase property names. */
export function camel(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())] = value;
  return out;
}

/** Distinct values in order of first appearance (DataLoader's key order). */
function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** Same values, whatever the order (an `IN (…)` list). */
function sameSet(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && isDeepStrictEqual([...a].map(String).sort(), [...b].map(String).sort());
}

const iso = (d: unknown): string => (d instanceof Date ? d.toISOString() : new Date(String(d)).toISOString());

interface Rule {
  name: string;
  test: (s: CapturedStatement) => boolean;
  /** Absent when the data give it nothing to load (e.g. no report names the cadre). */
  optional?: boolean;
}

/**
 * Sorts one request's statements (besides the account lookup) by the rules: each rule matches
 * one statement at most, a required one exactly one; any statement no rule matches is an error
 * (the baseline must do the same work, no less).
 */
function classify(
  scenario: string,
  statements: CapturedStatement[],
  accountSql: string,
  rules: Rule[],
): Record<string, CapturedStatement | null> {
  const rest = statements.filter((s) => s.query !== accountSql);
  const out: Record<string, CapturedStatement | null> = {};
  const used = new Set<CapturedStatement>();
  for (const rule of rules) {
    const found = rest.filter((s) => !used.has(s) && rule.test(s));
    if (found.length > 1 || (!found.length && !rule.optional))
      throw new Error(
        `${scenario}: expected ${rule.optional ? 'at most ' : ''}one ${rule.name} statement, found ${found.length} among: ${JSON.stringify(statements, null, 2)}`,
      );
    out[rule.name] = found[0] ?? null;
    if (found[0]) used.add(found[0]);
  }
  const unknown = rest.filter((s) => !used.has(s));
  if (unknown.length)
    throw new Error(`${scenario}: the request sent statements the baseline does not replay: ${JSON.stringify(unknown, null, 2)}`);
  return out;
}

const from = (table: string, alias: string) => new RegExp(`\\bFROM\\s+"${table}"\\s+"${alias}"`, 'i');

/** A DataLoader batch of the app's plain reads (`findByColumn`): `FROM "<table>" x WHERE x.<column> = ANY($1)`, the keys in one array parameter. */
const batchOf = (table: string, column: string) =>
  new RegExp(`\\bFROM\\s+"${table}"\\s+x\\s+WHERE\\s+x\\.${column}\\s+=\\s+ANY\\(`, 'i');

const post = (
  path: string,
  token: string,
  query: string,
  operationName: string,
  variables: Record<string, unknown>,
): HttpRequestSpec => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ query, operationName, variables }),
});

async function explain(env: BenchEnv, statements: Record<string, CapturedStatement | null>): Promise<Record<string, string[]>> {
  const plans: Record<string, string[]> = {};
  for (const [what, s] of Object.entries(statements)) {
    if (!s) continue;
    const { rows } = await env.pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.query}`, s.parameters);
    plans[what] = rows.map((r) => r['QUERY PLAN']);
  }
  return plans;
}

// ---------------------------------------------------------------------------------------------
// cadre.supervisionRecord

// Within the default cost limit (src/graphql/cost-limit.ts: 12,000; 702 at first: 100): the
// link of every type, and each finding's inspection.
const recordQuery = (first: number) =>
  `query Record($id: ID!) { cadre(id: $id) { supervisionRecord(first: ${first}) { nodes { type id at ` +
  'report { status } inspection { title } finding { severity inspection { title } } disciplineCase { status } commendation { form } } } } }';
const RECORD_QUERY = recordQuery(PAGE);

interface RecordEntry {
  type: string;
  id: string;
  at: string;
  report: { status: string } | null;
  inspection: { title: string } | null;
  finding: { severity: string; inspection: { title: string } } | null;
  disciplineCase: { status: string } | null;
  commendation: { form: string } | null;
}
type RecordAnswer = { cadre: { supervisionRecord: { nodes: RecordEntry[] } } };

/**
 * Rules for one captured request: the cadre, then the page statement, which joins the linked
 * items (columns `<alias>.<column>`: lr report, li inspection, also a finding's, lf finding,
 * ld discipline case, lm commendation), so the links need no statement of their own.
 */
function recordRules(): Rule[] {
  return [
    { name: 'cadre', test: (s) => batchOf('cadre', 'id').test(s.query) },
    { name: 'page', test: (s) => /CROSS JOIN LATERAL/.test(s.query) && /UNION ALL/.test(s.query) },
  ];
}

/** The columns of one joined item of a page row (`<alias>.<column>`), camelCased; null when the row has none. */
function joined(row: Record<string, unknown>, alias: string): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  const prefix = `${alias}.`;
  for (const [key, value] of Object.entries(row))
    if (key.startsWith(prefix)) out[key.slice(prefix.length).replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())] = value;
  return out['id'] == null ? null : out;
}

type RecordPlan = Record<string, CapturedStatement | null>;

/** The baseline's work after the token check: the two captured statements one after the other, and the JSON. */
async function recordAnswer(plan: RecordPlan, db: BaselineDb): Promise<RecordAnswer | null> {
  const [cadre] = await db.query(plan['cadre']!.query, plan['cadre']!.parameters);
  if (!cadre) return null;
  const rows = (await db.query(plan['page']!.query, plan['page']!.parameters)) as Array<Record<string, unknown>>;
  const none = { report: null, inspection: null, finding: null, disciplineCase: null, commendation: null };
  const nodes: RecordEntry[] = rows.slice(0, PAGE).map((r) => {
    const type = r['type'] as string;
    const base = { ...none, type, id: r['id'] as string, at: (r['at'] as Date).toISOString() };
    switch (type) {
      case 'REPORT':
        return { ...base, report: { status: joined(r, 'lr')!['status'] as string } };
      case 'INSPECTION':
        return { ...base, inspection: { title: joined(r, 'li')!['title'] as string } };
      case 'FINDING':
        return {
          ...base,
          finding: {
            severity: joined(r, 'lf')!['severity'] as string,
            inspection: { title: joined(r, 'li')!['title'] as string },
          },
        };
      case 'DISCIPLINE_CASE':
        return { ...base, disciplineCase: { status: joined(r, 'ld')!['status'] as string } };
      default:
        return { ...base, commendation: { form: joined(r, 'lm')!['form'] as string } };
    }
  });
  return { cadre: { supervisionRecord: { nodes } } };
}

/** The types of record entry. */
const ENTRY_TYPES = ['REPORT', 'INSPECTION', 'FINDING', 'DISCIPLINE_CASE', 'COMMENDATION'] as const;

/** SQL: whether the cadre (an SQL expression) has record entries of a type, on any page, as counted in {@link WHOLE_RECORD_SIZE}. */
const HAS_ENTRIES: Record<(typeof ENTRY_TYPES)[number], (cadre: string) => string> = {
  REPORT: (c) => `EXISTS (SELECT 1 FROM report_subject WHERE cadre_id = ${c})`,
  INSPECTION: (c) => `EXISTS (SELECT 1 FROM inspection WHERE subject_cadre_id = ${c})`,
  FINDING: (c) => `EXISTS (SELECT 1 FROM finding WHERE concerned_cadre_ids && ARRAY[${c}::uuid])`,
  DISCIPLINE_CASE: (c) => `EXISTS (SELECT 1 FROM discipline_case WHERE cadre_id = ${c})`,
  COMMENDATION: (c) => `EXISTS (SELECT 1 FROM commendation WHERE cadre_id = ${c})`,
};

/** How many entries a cadre's whole record has (all pages). */
const WHOLE_RECORD_SIZE = `SELECT (SELECT count(*) FROM report_subject WHERE cadre_id = $1)
  + (SELECT count(*) FROM inspection WHERE subject_cadre_id = $1)
  + (SELECT count(*) FROM finding WHERE concerned_cadre_ids && ARRAY[$1::uuid])
  + (SELECT count(*) FROM discipline_case WHERE cadre_id = $1)
  + (SELECT count(*) FROM commendation WHERE cadre_id = $1) AS n`;

interface RecordState {
  token: string;
  auth: BaselineAuth;
  plan: RecordPlan;
  work: GeneratedInspectionWork;
  cadreId: string;
  shortCadreId: string;
  entries: Record<string, number | string>;
  plans: Record<string, string[]>;
}

const typesOf = (res: GqlResult<RecordAnswer>) =>
  [...new Set(res.body.data!.cadre.supervisionRecord.nodes.map((e) => e.type))].sort().join(',');

/**
 * SQL that gives the cadre $1 one entry of a type, copied from the entries of cadre $2 (the long
 * record): a copy keeps the status, dates and links of an entry the caller sees on the long page.
 */
const copyRow = (table: string, column: string, value: string, where: string) =>
  `INSERT INTO ${table}
   SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(x) || jsonb_build_object('id', gen_random_uuid(), '${column}', ${value}))).*
     FROM ${table} x WHERE ${where} ORDER BY x.id LIMIT 1`;
const GIVE_ONE_ENTRY: Record<(typeof ENTRY_TYPES)[number], string> = {
  REPORT: `INSERT INTO report_subject (report_id, cadre_id) SELECT report_id, $1 FROM report_subject WHERE cadre_id = $2 ORDER BY id LIMIT 1`,
  INSPECTION: copyRow('inspection', 'subject_cadre_id', '$1::uuid', 'x.subject_cadre_id = $2'),
  FINDING: copyRow('finding', 'concerned_cadre_ids', 'ARRAY[$1::uuid]', 'x.concerned_cadre_ids && ARRAY[$2::uuid]'),
  DISCIPLINE_CASE: copyRow('discipline_case', 'cadre_id', '$1::uuid', 'x.cadre_id = $2'),
  COMMENDATION: copyRow('commendation', 'cadre_id', '$1::uuid', 'x.cadre_id = $2'),
};

/**
 * A cadre with a short record whose page has the same types of entry as the long record's, so
 * both pages join the same linked items and the statement counts compare like with like: a
 * cadre with no record at all (not the long one, not the caller's own) is given one entry of
 * each type on the long page. Made rather than searched for: which cadres have which entries
 * depends on the scenarios run before (the report scenarios name cadres with findings too).
 */
async function shortRecordCadre(
  env: BenchEnv,
  longId: string,
  token: string,
  email: string,
): Promise<{ id: string; types: string }> {
  const types = typesOf(await env.gql<RecordAnswer>(RECORD_QUERY, { id: longId }, token));
  const id = await withTransaction(env, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `SELECT c.id FROM cadre c
        WHERE c.id <> $1 AND c.id IS DISTINCT FROM (SELECT cadre_id FROM account WHERE email = $2)
          ${ENTRY_TYPES.map((t) => `AND NOT ${HAS_ENTRIES[t]('c.id')}`).join('\n          ')}
        ORDER BY c.id LIMIT 1`,
      [longId, email],
    );
    if (!rows[0]) throw new Error('cadre-supervision-record: no cadre without a record to give a short one');
    for (const type of types.split(',') as Array<(typeof ENTRY_TYPES)[number]>) {
      const { rowCount } = await client.query(GIVE_ONE_ENTRY[type], [rows[0].id, longId]);
      if (rowCount !== 1) throw new Error(`cadre-supervision-record: could not copy a ${type} entry of the long record`);
    }
    return rows[0].id;
  });
  const res = await env.gql<RecordAnswer>(RECORD_QUERY, { id }, token);
  if (res.status !== 200 || res.body.errors || !res.body.data?.cadre || typesOf(res) !== types)
    throw new Error(
      `cadre-supervision-record: the short record made for ${id} shows ${res.body.errors?.[0]?.message ?? typesOf(res)}, not ${types}`,
    );
  return { id, types };
}

/** Runs `fn` in one transaction on a client of the baselines' pool. */
async function withTransaction<T>(env: BenchEnv, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await env.pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

function supervisionRecordScenario(opts: { name: string; description: string; member: boolean }): AnyScenario {
  return defineScenario<RecordState>({
    name: opts.name,
    description: opts.description,
    p99GoalMs: 50,
    async setup(env) {
      const work = await env.ensureInspectionWork();
      const cadreId = work.summary.longRecordCadreId;
      const email = opts.member ? MEMBER_EMAIL : EMAIL;
      const memberCadre = opts.member ? await ensurePolicyMember(env, cadreId) : null;
      const token = await env.login(email);
      const run = async (id: string) => {
        const res = await env.gql<RecordAnswer>(RECORD_QUERY, { id }, token);
        if (res.status !== 200 || res.body.errors || !res.body.data?.cadre)
          throw new Error(`cadre-supervision-record: failed: ${JSON.stringify(res.body).slice(0, 500)}`);
        return res;
      };
      const auth = await prepareBaselineAuth(env, token, () => run(cadreId));
      const { result, statements } = await env.captureSql(() => run(cadreId));
      const record = result.body.data!.cadre.supervisionRecord.nodes;
      const plan = classify('cadre-supervision-record', statements, auth.accountSql, recordRules());
      // The replay sends the cadre's id where the app did: check the captured parameters are that.
      if (!isDeepStrictEqual(plan['cadre']!.parameters, [[cadreId]]))
        throw new Error(
          `cadre-supervision-record: the cadre statement has other parameters than [cadre id]: ${JSON.stringify(plan['cadre'])}`,
        );
      // The page statement takes the caller's cadre (the recusal policy; null for an account without one).
      const pageParameters = [[cadreId], memberCadre, PAGE + 1];
      if (!isDeepStrictEqual(plan['page']!.parameters, pageParameters))
        throw new Error(
          `cadre-supervision-record: the page statement has other parameters: ${JSON.stringify(plan['page']!.parameters)}`,
        );
      const count = (type: string) => record.filter((e) => e.type === type).length;
      const entries = {
        onPage: record.length,
        REPORT: count('REPORT'),
        INSPECTION: count('INSPECTION'),
        FINDING: count('FINDING'),
        DISCIPLINE_CASE: count('DISCIPLINE_CASE'),
        COMMENDATION: count('COMMENDATION'),
      };
      const { rows: totals } = await env.pool.query<{ n: string }>(WHOLE_RECORD_SIZE, [cadreId]);
      const plans = await explain(env, plan);
      const short = await shortRecordCadre(env, cadreId, token, email);
      return {
        token,
        auth,
        plan,
        work,
        cadreId,
        shortCadreId: short.id,
        entries: { ...entries, inWholeRecord: Number(totals[0]!.n), typesOnPage: short.types },
        plans,
      };
    },
    graphqlRequest: ({ token, cadreId }) => post('/graphql', token, RECORD_QUERY, 'Record', { id: cadreId }),
    baselineRequest: ({ token, cadreId }) => post('/supervision-record', token, RECORD_QUERY, 'Record', { id: cadreId }),
    baselineHandler:
      ({ auth, plan }) =>
      async (req, db) => {
        const outcome = await auth.authenticate(req, db);
        if ('refused' in outcome) return outcome.refused;
        const data = await recordAnswer(plan, db);
        if (!data)
          return { status: 200, body: { errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }], data: null } };
        return { status: 200, body: { data } };
      },
    async sqlByPageSize({ token, cadreId, shortCadreId }, env) {
      const out: Record<string, number> = {};
      const one = async (label: string, id: string, first: number) => {
        const res = await env.gql<RecordAnswer>(recordQuery(first), { id }, token);
        if (res.status !== 200 || res.body.errors || !res.body.data?.cadre)
          throw new Error(`cadre-supervision-record: ${label} failed: ${JSON.stringify(res.body).slice(0, 300)}`);
        out[label] = res.sql;
        return res.body.data.cadre.supervisionRecord.nodes.length;
      };
      // first: 100 passes the cost limit too (the rule counts `first`, literal or variable).
      for (const first of [10, 25, 50]) out[`rows at first: ${first}`] = await one(`first: ${first}`, cadreId, first);
      for (const [label, id] of [
        ['short record', shortCadreId],
        ['long record', cadreId],
      ] as const) {
        await one(label, id, PAGE);
        const { rows } = await env.pool.query<{ n: string }>(WHOLE_RECORD_SIZE, [id]);
        out[`rows at ${label}`] = Number(rows[0]!.n);
      }
      return out;
    },
    details: ({ plan, auth, work, cadreId, shortCadreId, entries, plans }) => ({
      query: RECORD_QUERY,
      variables: { id: cadreId },
      shortRecordCadreId: shortCadreId,
      entries,
      generated: { ...work.summary, ms: Math.round(work.ms) },
      baselineSql: [
        { query: auth.accountSql, parameters: ['<account id from the token>'] },
        ...Object.values(plan).filter((s) => s),
      ],
      explainAnalyze: plans,
    }),
    expect: {
      graphql: { status: 200, bodyIncludes: '"supervisionRecord":{', bodyExcludes: '"errors"' },
      baseline: { status: 200, bodyIncludes: '"supervisionRecord":{', bodyExcludes: '"errors"' },
    },
  });
}

export const cadreSupervisionRecordScenario = supervisionRecordScenario({
  name: 'cadre-supervision-record',
  description: `\`cadre(id) { supervisionRecord(first: ${PAGE}) { nodes { type id at status report inspection finding { inspection } disciplineCase commendation } } }\` of the cadre with the long record (generateInspectionWork) as ${EMAIL} vs node:http + jose + pg replaying the same statements`,
  member: false,
});

/** Issue 21: the same record read by an ordinary committee member linked to another cadre, the recusal policy in force. */
export const cadreSupervisionRecordMemberScenario = supervisionRecordScenario({
  name: 'cadre-supervision-record-member',
  description: `the same record as ${MEMBER_EMAIL} (an Inspection Committee member who is a cadre the reports name: the recusal policy in force) vs the same replay`,
  member: true,
});

// ---------------------------------------------------------------------------------------------
// inspections(first: 50) with findings and concerned cadres

const LIST_QUERY =
  'query Inspections($first: Int!, $after: String) { inspections(first: $first, after: $after) { edges { node { id title kind status createdAt ' +
  'findings { id severity area recordedAt concernedCadres { id fullName } } } } } }';

interface ListFinding {
  id: string;
  severity: string;
  area: string;
  recordedAt: string;
  concernedCadres: Array<{ id: string; fullName: string }>;
}
interface ListNode {
  id: string;
  title: string;
  kind: string;
  status: string;
  createdAt: string;
  findings: ListFinding[];
}
type ListAnswer = { inspections: { edges: Array<{ node: ListNode }> } };

const LIST_RULES: Rule[] = [
  { name: 'page', test: (s) => from('inspection', 'i').test(s.query) },
  { name: 'findings', test: (s) => batchOf('finding', 'inspection_id').test(s.query), optional: true },
  { name: 'cadres', test: (s) => batchOf('cadre', 'id').test(s.query), optional: true },
];

type ListPlan = Record<string, CapturedStatement | null>;

async function listAnswer(plan: ListPlan, db: BaselineDb): Promise<ListAnswer> {
  const page = (await db.query(plan['page']!.query, plan['page']!.parameters)).slice(0, PAGE).map(camel);
  if (!page.length) return { inspections: { edges: [] } };
  if (!plan['findings']) throw new Error('the page has rows but the app loaded no findings at setup');
  const findings = (await db.query(plan['findings'].query, [page.map((i) => i['id'])])).map(camel);
  const cadreIds = distinct(findings.flatMap((f) => f['concernedCadreIds'] as string[]));
  if (cadreIds.length && !plan['cadres']) throw new Error('there are concerned cadres but the app loaded none at setup');
  const cadres = cadreIds.length ? (await db.query(plan['cadres']!.query, [cadreIds])).map(camel) : [];
  const cadreById = new Map(cadres.map((c) => [c['id'], c]));
  const byInspection = new Map<unknown, ListFinding[]>();
  for (const f of findings) {
    const list = byInspection.get(f['inspectionId']) ?? [];
    list.push({
      id: f['id'] as string,
      severity: f['severity'] as string,
      area: f['area'] as string,
      recordedAt: iso(f['recordedAt']),
      concernedCadres: (f['concernedCadreIds'] as string[])
        .map((id) => cadreById.get(id))
        .filter((c) => !!c)
        .map((c) => ({ id: c['id'] as string, fullName: c['fullName'] as string })),
    });
    byInspection.set(f['inspectionId'], list);
  }
  return {
    inspections: {
      edges: page.map((i) => ({
        node: {
          id: i['id'] as string,
          title: i['title'] as string,
          kind: i['kind'] as string,
          status: i['status'] as string,
          createdAt: iso(i['createdAt']),
          findings: byInspection.get(i['id']) ?? [],
        },
      })),
    },
  };
}

/**
 * The measured page: the newest 50 inspections when they have findings, else the first page of
 * 50 (moving the cursor 10 inspections at a time, newest first) with at least one finding per
 * inspection on average, and some among its first 10. On the generated data the newest inspections have none: the generator's findings
 * INSERT stops at its LIMIT before reaching the most recently created inspections, and a page
 * without findings would leave the nested part of the request unmeasured.
 */
async function pageWithFindings(env: BenchEnv, token: string): Promise<{ after: string | null; skipped: number }> {
  type Page = {
    inspections: { edges: Array<{ cursor: string; node: { findings: unknown[] } }>; pageInfo: { hasNextPage: boolean } };
  };
  const STEP = 10;
  let after: string | null = null;
  let skipped = 0;
  for (let i = 0; i < 2000; i++) {
    const res: GqlResult<Page> = await env.gql<Page>(
      'query P($first: Int!, $after: String) { inspections(first: $first, after: $after) { edges { cursor node { findings { id } } } pageInfo { hasNextPage } } }',
      { first: PAGE, after },
      token,
    );
    const page = res.body.data?.inspections;
    if (res.status !== 200 || !page)
      throw new Error(`inspections-list: paging failed: ${JSON.stringify(res.body).slice(0, 300)}`);
    const findings = (edges: Page['inspections']['edges']) => edges.reduce((n, e) => n + e.node.findings.length, 0);
    // Findings on the whole page (one per inspection on average) and among its first 10 too
    // (the `first: 10` figure of the page-size table starts at the same cursor).
    if (page.edges.length === PAGE && findings(page.edges) >= PAGE && findings(page.edges.slice(0, STEP)) > 0)
      return { after, skipped };
    if (!page.pageInfo.hasNextPage || page.edges.length < PAGE) break;
    after = page.edges[STEP - 1]!.cursor;
    skipped += STEP;
  }
  throw new Error('inspections-list: no page of 50 inspections with findings');
}

interface ListState {
  token: string;
  /** Cursor the measured page starts after (null: the newest inspections), and inspections skipped. */
  after: string | null;
  skipped: number;
  auth: BaselineAuth;
  plan: ListPlan;
  work: GeneratedInspectionWork;
  findings: number;
  plans: Record<string, string[]>;
}

export const inspectionsListScenario = defineScenario<ListState>({
  name: 'inspections-list',
  description: `\`inspections(first: ${PAGE}, after: <the first page with findings>) { edges { node { id title kind status createdAt findings { id severity area recordedAt concernedCadres { id fullName } } } } }\` as ${EMAIL} on the generated inspection work vs node:http + jose + pg replaying the same statements`,
  p99GoalMs: 50,
  async setup(env) {
    const work = await env.ensureInspectionWork();
    const token = await env.login(EMAIL);
    const { after, skipped } = await pageWithFindings(env, token);
    const run = async (first: number) => {
      const res = await env.gql<ListAnswer>(LIST_QUERY, { first, after }, token);
      if (res.status !== 200 || res.body.errors || !res.body.data?.inspections)
        throw new Error(`inspections-list: failed: ${JSON.stringify(res.body).slice(0, 500)}`);
      return res;
    };
    const auth = await prepareBaselineAuth(env, token, () => run(PAGE));
    const { result, statements } = await env.captureSql(() => run(PAGE));
    const plan = classify('inspections-list', statements, auth.accountSql, LIST_RULES);
    const nodes = result.body.data!.inspections.edges.map((e) => e.node);
    // The replay's batches take their ids from its own rows: check they are what the app asked for.
    if (plan['findings'] && !isDeepStrictEqual(plan['findings'].parameters, [nodes.map((n) => n.id)]))
      throw new Error('inspections-list: the baseline would ask for the findings of other inspections than the app');
    const concerned = distinct(nodes.flatMap((n) => n.findings.flatMap((f) => f.concernedCadres.map((c) => c.id))));
    if (plan['cadres'] ? !sameSet(plan['cadres'].parameters[0] as unknown[], concerned) : concerned.length > 0)
      throw new Error('inspections-list: the baseline would look up other cadres than the app');
    const plans = await explain(env, plan);
    return { token, auth, plan, work, after, skipped, findings: nodes.reduce((n, x) => n + x.findings.length, 0), plans };
  },
  graphqlRequest: ({ token, after }) => post('/graphql', token, LIST_QUERY, 'Inspections', { first: PAGE, after }),
  baselineRequest: ({ token, after }) => post('/inspections', token, LIST_QUERY, 'Inspections', { first: PAGE, after }),
  baselineHandler:
    ({ auth, plan }) =>
    async (req, db) => {
      const outcome = await auth.authenticate(req, db);
      if ('refused' in outcome) return outcome.refused;
      return { status: 200, body: { data: await listAnswer(plan, db) } };
    },
  async sqlByPageSize({ token, after }, env) {
    const out: Record<string, number> = {};
    for (const first of PAGE_SIZES) {
      const res = await env.gql<ListAnswer>(LIST_QUERY, { first, after }, token);
      if (res.status !== 200 || res.body.errors || !res.body.data?.inspections)
        throw new Error(`inspections-list: first: ${first} failed: ${JSON.stringify(res.body).slice(0, 300)}`);
      out[`first: ${first}`] = res.sql;
      out[`rows at first: ${first}`] = res.body.data.inspections.edges.length;
      out[`findings at first: ${first}`] = res.body.data.inspections.edges.reduce((n, e) => n + e.node.findings.length, 0);
    }
    return out;
  },
  details: ({ plan, auth, work, after, skipped, findings, plans }) => ({
    query: LIST_QUERY,
    variables: { first: PAGE, after },
    inspectionsSkipped: skipped,
    findingsOnPage: findings,
    generated: { ...work.summary, ms: Math.round(work.ms) },
    baselineSql: [
      { query: auth.accountSql, parameters: ['<account id from the token>'] },
      ...Object.values(plan).filter((s) => s),
    ],
    explainAnalyze: plans,
  }),
  expect: {
    graphql: { status: 200, bodyIncludes: '"edges":[', bodyExcludes: '"errors"' },
    baseline: { status: 200, bodyIncludes: '"edges":[', bodyExcludes: '"errors"' },
  },
});
