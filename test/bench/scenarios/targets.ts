import {
  buildTargetViews,
  sourceRowsOf,
  TARGETS_READ_SQL,
  type TargetReadRow,
  type TargetView,
} from '../../../src/modules/quality/targets/targets.service';
import { type BaselineAuth, prepareBaselineAuth } from '../baseline-auth';
import type { BaselineDb } from '../baseline-server';
import type { BenchEnv, CapturedStatement, GeneratedQualityWork } from '../environment';
import type { HttpRequestSpec } from '../protocol';
import { defineScenario } from '../scenario';

/**
 * The indicator scenario: `targets(year)` with trends and breakdowns, as the Standing
 * Committee, on the province data set with the quality work of `npm run gen -- --quality`
 * (2,000,000 satisfaction answers by default). Two scenarios: the demo ward (the ward's own
 * committee; 130 of the 50,000 cadres) and the whole province (no scope: 100 wards). The baseline
 * replays the statements the app sent (the account, the scope unit, and the one read of the
 * trigger-kept counters, `TARGETS_READ_SQL`) and builds the answer with the app's own pure
 * `buildTargetViews`, so the comparison is of the stack, not of the arithmetic. Setup first makes
 * the counters current (the generator's writes marked every unit), as any request after a write
 * does once; the measured requests then find nothing stale, and setup checks that.
 */

const EMAIL = 'thuongvu@anbien.test';
const UNITS_FIRST = 10;
const QUERY =
  'query Targets($year: Int!, $unitId: ID, $unitsFirst: Int!) { targets(year: $year, unitId: $unitId, unitsFirst: $unitsFirst) ' +
  '{ code value target met numerator denominator trend { year value } byBody { key value } byUnit { key label value } } }';

interface State {
  token: string;
  auth: BaselineAuth;
  year: number;
  unitId: string | null;
  unitLookup: CapturedStatement | null;
  /** The register's root unit, read to tell whether the scope is the ward the resolution states its 2025 counts for. */
  rootLookup: CapturedStatement;
  read: CapturedStatement;
  generated: GeneratedQualityWork;
  plans: Record<string, string[]>;
}

const post = (path: string, s: Pick<State, 'token' | 'year' | 'unitId'>): HttpRequestSpec => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
  body: JSON.stringify({
    query: QUERY,
    operationName: 'Targets',
    variables: { year: s.year, unitId: s.unitId, unitsFirst: UNITS_FIRST },
  }),
});

/** The selection of QUERY, in its order. */
const project = (views: TargetView[]) =>
  views.map((v) => ({
    code: v.code,
    value: v.value,
    target: v.target,
    met: v.met,
    numerator: v.numerator,
    denominator: v.denominator,
    trend: v.trend.map((p) => ({ year: p.year, value: p.value })),
    byBody: v.byBody.map((b) => ({ key: b.key, value: b.value })),
    byUnit: v.byUnit.map((u) => ({ key: u.key, label: u.label, value: u.value })),
  }));

function planOf(statements: CapturedStatement[], accountSql: string, scoped: boolean) {
  const rest = statements.filter((s) => s.query !== accountSql);
  const read = rest.filter((s) => s.query === TARGETS_READ_SQL);
  const unit = rest.filter((s) => /FROM "unit" (x|"Unit") /.test(s.query));
  const root = rest.filter((s) => /FROM unit WHERE parent_id IS NULL/.test(s.query));
  const unknown = rest.filter((s) => !read.includes(s) && !unit.includes(s) && !root.includes(s));
  if (read.length !== 1 || unit.length !== (scoped ? 1 : 0) || root.length !== 1 || unknown.length)
    throw new Error(
      `targets: expected the account, ${scoped ? 'the scope unit, ' : ''}the one read of the counters and the root unit, got ${JSON.stringify(statements, null, 2)}`,
    );
  return { read: read[0]!, unitLookup: unit[0] ?? null, rootLookup: root[0]! };
}

function targetsScenario(name: string, scope: 'ward' | 'province') {
  return defineScenario<State>({
    name,
    description: `\`targets(year, unitId${scope === 'ward' ? ': <the demo ward>' : ': null'}, unitsFirst: ${UNITS_FIRST})\` with trend and breakdowns as ${EMAIL}, on the province data set with the generated quality work (--satisfaction answers) vs node:http + jose + pg replaying the same statements`,
    goalRatio: 0.5,
    p99GoalMs: 100,
    async setup(env: BenchEnv) {
      const generated = await env.ensureQualityWork();
      const token = await env.login(EMAIL);
      const year = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));
      let unitId: string | null = null;
      if (scope === 'ward') {
        const { rows } = await env.pool.query<{ id: string }>(
          `SELECT id FROM unit WHERE depth = 0 AND code NOT LIKE 'GEN%' ORDER BY code LIMIT 1`,
        );
        unitId = rows[0]!.id;
      }
      const run = async () => {
        const res = await env.gql<{ targets: unknown[] }>(QUERY, { year, unitId, unitsFirst: UNITS_FIRST }, token);
        if (res.status !== 200 || !res.body.data?.targets) throw new Error(`${name}: failed: ${JSON.stringify(res.body)}`);
        return res;
      };
      const auth = await prepareBaselineAuth(env, token, run);
      const { statements } = await env.captureSql(run);
      const plan = planOf(statements, auth.accountSql, scope === 'ward');
      const { rows: check } = await env.pool.query<TargetReadRow>(plan.read.query, plan.read.parameters);
      if (!check[0]?.covered || check[0].stale.length)
        throw new Error(
          `${name}: the counters are still stale after a request (covered: ${check[0]?.covered}, ${check[0]?.stale.length} units marked)`,
        );
      const { rows: explained } = await env.pool.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${plan.read.query}`,
        plan.read.parameters,
      );
      const plans = { read: explained.map((r) => r['QUERY PLAN']) };
      return { token, auth, year, unitId, ...plan, generated, plans };
    },
    graphqlRequest: (s) => post('/graphql', s),
    baselineRequest: (s) => post(`/${name}`, s),
    baselineHandler:
      ({ auth, year, unitLookup, rootLookup, read }) =>
      async (req, db: BaselineDb) => {
        const outcome = await auth.authenticate(req, db);
        if ('refused' in outcome) return outcome.refused;
        if (unitLookup) await db.query(unitLookup.query, unitLookup.parameters);
        const rows = (await db.query(read.query, read.parameters)) as TargetReadRow[];
        await db.query(rootLookup.query, rootLookup.parameters);
        return { status: 200, body: { data: { targets: project(buildTargetViews(year, sourceRowsOf(rows), [], UNITS_FIRST)) } } };
      },
    details: ({ auth, unitLookup, rootLookup, read, generated, plans, unitId }) => ({
      query: QUERY,
      unitId,
      generated: { ...generated.summary, ms: Math.round(generated.ms) },
      baselineSql: [
        { query: auth.accountSql, parameters: ['<account id from the token>'] },
        ...(unitLookup ? [unitLookup] : []),
        read,
        rootLookup,
      ],
      explainAnalyze: plans,
    }),
    expect: {
      graphql: { status: 200, bodyIncludes: '"targets":', bodyExcludes: '"errors"' },
      baseline: { status: 200, bodyIncludes: '"targets":', bodyExcludes: '"errors"' },
    },
  });
}

export const targetsWardScenario = targetsScenario('targets', 'ward');
export const targetsProvinceScenario = targetsScenario('targets-province', 'province');
