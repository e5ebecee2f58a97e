import { isDeepStrictEqual } from 'node:util';
import { type BaselineAuth, prepareBaselineAuth } from '../baseline-auth';
import type { BaselineDb } from '../baseline-server';
import type { BenchEnv, CapturedStatement, GeneratedInspectionWork, GqlResult } from '../environment';
import type { HttpRequestSpec } from '../protocol';
import { defineScenario } from '../scenario';

/**
 * The inspection scenarios, on the data set extended by `generateInspectionWork` (what
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

/** A row of `find`/`createQueryBuilder` (`Alias_column_name`) with plain camelCase property names. */
export function props(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const column = key.includes('_') ? key.slice(key.indexOf('_') + 1) : key;
    out[column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())] = value;
  }
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

/** A `date` column: pg gives a local-midnight Date, TypeORM the `YYYY-MM-DD` string. */
function dateString(d: unknown): string {
  if (!(d instanceof Date)) return String(d);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

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

const RECORD_QUERY =
  'query Record($id: ID!) { cadre(id: $id) { id fullName supervisionRecord { type id at status ' +
  'report { id status } inspection { id title kind status } finding { id severity area inspection { id title } } ' +
  'disciplineCase { id status violationSummary } commendation { id form } } } }';

interface RecordEntry {
  type: string;
  id: string;
  at: string;
  status: string;
  report: { id: string; status: string } | null;
  inspection: { id: string; title: string; kind: string; status: string } | null;
  finding: { id: string; severity: string; area: string; inspection: { id: string; title: string } } | null;
  disciplineCase: { id: string; status: string; violationSummary: string } | null;
  commendation: { id: string; form: string } | null;
}
type RecordAnswer = { cadre: { id: string; fullName: string; supervisionRecord: RecordEntry[] } };

const RECORD_RULES: Rule[] = [
  { name: 'cadre', test: (s) => from('cadre', 'Cadre').test(s.query) },
  { name: 'reportSubjects', test: (s) => from('report_subject', 'ReportSubject').test(s.query) },
  { name: 'reports', test: (s) => from('report', 'Report').test(s.query), optional: true },
  {
    name: 'inspectionsOfCadre',
    test: (s) => from('inspection', 'Inspection').test(s.query) && /"subject_cadre_id"\s+IN/i.test(s.query),
  },
  { name: 'findingsOfCadre', test: (s) => from('finding', 'f').test(s.query) },
  { name: 'cases', test: (s) => from('discipline_case', 'DisciplineCase').test(s.query) },
  { name: 'commendations', test: (s) => from('commendation', 'Commendation').test(s.query) },
  {
    name: 'findingInspections',
    test: (s) => from('inspection', 'Inspection').test(s.query) && /"id"\s+IN/i.test(s.query),
    optional: true,
  },
];

type RecordPlan = Record<string, CapturedStatement | null>;

/** The baseline's work after the token check: the captured statements in the app's waves, and the JSON. */
async function recordAnswer(plan: RecordPlan, db: BaselineDb): Promise<RecordAnswer | null> {
  const q = (s: CapturedStatement | null, params?: unknown[]) =>
    s ? db.query(s.query, params ?? s.parameters).then((rows) => rows.map(props)) : Promise.resolve([]);
  // The cadre, then the five record loaders the app batches in one tick, then the links.
  const [cadre] = await q(plan['cadre']!);
  if (!cadre) return null;
  const [subjects, inspections, findings, cases, commendations] = await Promise.all([
    q(plan['reportSubjects']!),
    q(plan['inspectionsOfCadre']!),
    q(plan['findingsOfCadre']!),
    q(plan['cases']!),
    q(plan['commendations']!),
  ]);
  const reportIds = distinct(subjects.map((s) => s['reportId']));
  const inspectionIds = distinct(findings.map((f) => f['inspectionId']));
  const needed = (what: string, ids: unknown[]) => {
    if (ids.length && !plan[what]) throw new Error(`the app sent no ${what} statement at setup, the baseline needs one`);
  };
  needed('reports', reportIds);
  needed('findingInspections', inspectionIds);
  const [reports, linked] = await Promise.all([
    reportIds.length ? q(plan['reports']!, reportIds) : Promise.resolve([]),
    inspectionIds.length ? q(plan['findingInspections']!, inspectionIds) : Promise.resolve([]),
  ]);
  const reportById = new Map(reports.map((r) => [r['id'], r]));
  const inspectionById = new Map(linked.map((i) => [i['id'], i]));
  const none = { report: null, inspection: null, finding: null, disciplineCase: null, commendation: null };
  const entries: Array<Omit<RecordEntry, 'at'> & { at: Date }> = [
    ...subjects
      .filter((s) => reportById.has(s['reportId']))
      .map((s) => {
        const r = reportById.get(s['reportId'])!;
        return {
          ...none,
          at: r['receivedAt'] as Date,
          type: 'REPORT',
          id: r['id'] as string,
          status: r['status'] as string,
          report: { id: r['id'] as string, status: r['status'] as string },
        };
      }),
    ...inspections.map((i) => ({
      ...none,
      at: i['createdAt'] as Date,
      type: 'INSPECTION',
      id: i['id'] as string,
      status: i['status'] as string,
      inspection: {
        id: i['id'] as string,
        title: i['title'] as string,
        kind: i['kind'] as string,
        status: i['status'] as string,
      },
    })),
    ...findings.map((f) => {
      const i = inspectionById.get(f['inspectionId'])!;
      return {
        ...none,
        at: f['recordedAt'] as Date,
        type: 'FINDING',
        id: f['id'] as string,
        status: f['severity'] as string,
        finding: {
          id: f['id'] as string,
          severity: f['severity'] as string,
          area: f['area'] as string,
          inspection: { id: i['id'] as string, title: i['title'] as string },
        },
      };
    }),
    ...cases.map((c) => ({
      ...none,
      at: c['createdAt'] as Date,
      type: 'DISCIPLINE_CASE',
      id: c['id'] as string,
      status: c['status'] as string,
      disciplineCase: { id: c['id'] as string, status: c['status'] as string, violationSummary: c['violationSummary'] as string },
    })),
    ...commendations.map((c) => ({
      ...none,
      at: new Date(`${dateString(c['decisionDate'])}T00:00:00+07:00`),
      type: 'COMMENDATION',
      id: c['id'] as string,
      status: c['form'] as string,
      commendation: { id: c['id'] as string, form: c['form'] as string },
    })),
  ];
  // The app's order: oldest first, then by id.
  entries.sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
  return {
    cadre: {
      id: cadre['id'] as string,
      fullName: cadre['fullName'] as string,
      supervisionRecord: entries.map((e) => ({ ...e, at: e.at.toISOString() })),
    },
  };
}

interface RecordState {
  token: string;
  auth: BaselineAuth;
  plan: RecordPlan;
  work: GeneratedInspectionWork;
  cadreId: string;
  shortCadreId: string;
  entries: Record<string, number>;
  plans: Record<string, string[]>;
}

/** A cadre with a short record (the fewest findings, at least one), other than the long one and the caller's own. */
async function shortRecordCadre(env: BenchEnv, longId: string): Promise<string> {
  const { rows } = await env.pool.query<{ id: string }>(
    `SELECT f.concerned_cadre_ids[1] AS id FROM finding f
      WHERE f.concerned_cadre_ids[1] <> $1
        AND f.concerned_cadre_ids[1] IS DISTINCT FROM (SELECT cadre_id FROM account WHERE email = $2)
      GROUP BY 1 ORDER BY count(*), 1 LIMIT 1`,
    [longId, EMAIL],
  );
  if (!rows[0]) throw new Error('cadre-supervision-record: no cadre with a short record');
  return rows[0].id;
}

export const cadreSupervisionRecordScenario = defineScenario<RecordState>({
  name: 'cadre-supervision-record',
  description: `\`cadre(id) { supervisionRecord { type id at status report inspection finding { inspection } disciplineCase commendation } }\` of the cadre with the long record (generateInspectionWork) as ${EMAIL} vs node:http + jose + pg replaying the same statements`,
  p99GoalMs: 50,
  async setup(env) {
    const work = await env.ensureInspectionWork();
    const cadreId = work.summary.longRecordCadreId;
    const token = await env.login(EMAIL);
    const run = async (id: string) => {
      const res = await env.gql<RecordAnswer>(RECORD_QUERY, { id }, token);
      if (res.status !== 200 || res.body.errors || !res.body.data?.cadre)
        throw new Error(`cadre-supervision-record: failed: ${JSON.stringify(res.body).slice(0, 500)}`);
      return res;
    };
    const auth = await prepareBaselineAuth(env, token, () => run(cadreId));
    const { result, statements } = await env.captureSql(() => run(cadreId));
    const plan = classify('cadre-supervision-record', statements, auth.accountSql, RECORD_RULES);
    // The replay sends the cadre's id where the app did: check the captured parameters are that.
    for (const what of ['cadre', 'reportSubjects', 'inspectionsOfCadre', 'cases', 'commendations']) {
      if (!isDeepStrictEqual(plan[what]!.parameters, [cadreId]))
        throw new Error(
          `cadre-supervision-record: the ${what} statement has other parameters than [cadre id]: ${JSON.stringify(plan[what])}`,
        );
    }
    const record = result.body.data!.cadre.supervisionRecord;
    // Links: the baseline asks for the inspections of the cadre's findings; check they are the app's.
    const linked = distinct(record.flatMap((e) => (e.finding ? [e.finding.inspection.id] : [])));
    if (plan['findingInspections'] ? !sameSet(plan['findingInspections'].parameters, linked) : linked.length > 0)
      throw new Error('cadre-supervision-record: the baseline would look up other inspections than the app');
    const count = (type: string) => record.filter((e) => e.type === type).length;
    const entries = {
      total: record.length,
      REPORT: count('REPORT'),
      INSPECTION: count('INSPECTION'),
      FINDING: count('FINDING'),
      DISCIPLINE_CASE: count('DISCIPLINE_CASE'),
      COMMENDATION: count('COMMENDATION'),
    };
    const plans = await explain(env, plan);
    return { token, auth, plan, work, cadreId, shortCadreId: await shortRecordCadre(env, cadreId), entries, plans };
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
    for (const [label, id] of [
      ['short record', shortCadreId],
      ['long record', cadreId],
    ] as const) {
      const res = await env.gql<RecordAnswer>(RECORD_QUERY, { id }, token);
      if (res.status !== 200 || res.body.errors || !res.body.data?.cadre)
        throw new Error(`cadre-supervision-record: ${label} failed: ${JSON.stringify(res.body).slice(0, 300)}`);
      out[label] = res.sql;
      out[`rows at ${label}`] = res.body.data.cadre.supervisionRecord.length;
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
    graphql: { status: 200, bodyIncludes: '"supervisionRecord":[', bodyExcludes: '"errors"' },
    baseline: { status: 200, bodyIncludes: '"supervisionRecord":[', bodyExcludes: '"errors"' },
  },
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
  { name: 'findings', test: (s) => from('finding', 'Finding').test(s.query), optional: true },
  { name: 'cadres', test: (s) => from('cadre', 'Cadre').test(s.query), optional: true },
];

type ListPlan = Record<string, CapturedStatement | null>;

async function listAnswer(plan: ListPlan, db: BaselineDb): Promise<ListAnswer> {
  const page = (await db.query(plan['page']!.query, plan['page']!.parameters)).slice(0, PAGE).map(props);
  if (!page.length) return { inspections: { edges: [] } };
  if (!plan['findings']) throw new Error('the page has rows but the app loaded no findings at setup');
  const findings = (
    await db.query(
      plan['findings'].query,
      page.map((i) => i['id']),
    )
  ).map(props);
  const cadreIds = distinct(findings.flatMap((f) => f['concernedCadreIds'] as string[]));
  if (cadreIds.length && !plan['cadres']) throw new Error('there are concerned cadres but the app loaded none at setup');
  const cadres = cadreIds.length ? (await db.query(plan['cadres']!.query, cadreIds)).map(props) : [];
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
    if (
      plan['findings'] &&
      !isDeepStrictEqual(
        plan['findings'].parameters,
        nodes.map((n) => n.id),
      )
    )
      throw new Error('inspections-list: the baseline would ask for the findings of other inspections than the app');
    const concerned = distinct(nodes.flatMap((n) => n.findings.flatMap((f) => f.concernedCadres.map((c) => c.id))));
    if (plan['cadres'] ? !sameSet(plan['cadres'].parameters, concerned) : concerned.length > 0)
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
