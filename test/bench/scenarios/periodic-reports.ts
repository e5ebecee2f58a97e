import { defaultReportTemplates, templateOn } from '../../../src/modules/periodic-reports/report-templates';
import { reportTables, templateStatement } from '../../../src/modules/periodic-reports/periodic-reports.service';
import { type BaselineAuth, prepareBaselineAuth } from '../baseline-auth';
import type { BaselineDb } from '../baseline-server';
import type { BenchEnv, CapturedStatement } from '../environment';
import type { HttpRequestSpec } from '../protocol';
import { defineScenario } from '../scenario';

/**
 * Issue 27's periodic report scenario: the yearly citizen-reception and reports report
 * (`periodicReport(template: CITIZEN_RECEPTION_AND_REPORTS, period: YEAR)`) as the Standing
 * Committee, on the province data set with the generated reports and inspection work, for the
 * demo ward (its seeded reports), for a generated ward (its share of the generated reports, about
 * 4,700 over the two years) and for the whole province. The current year is asked for, with the app's day moved to
 * the next 5 January (a report refuses a period not yet ended). The baseline replays the
 * statements the app sent (the account, the scope unit, the one statement of the template) and
 * folds the row with the app's own pure `reportTables`.
 */

const EMAIL = 'thuongvu@anbien.test';
const TEMPLATE = 'CITIZEN_RECEPTION_AND_REPORTS';
const QUERY =
  'query Periodic($year: Int!, $unitId: ID) { periodicReport(template: "CITIZEN_RECEPTION_AND_REPORTS", period: { kind: YEAR, year: $year }, unitId: $unitId) ' +
  '{ tables { key title rows { label figure groupKey current previous change } } } }';

interface State {
  token: string;
  auth: BaselineAuth;
  year: number;
  unitId: string | null;
  unitLookup: CapturedStatement | null;
  read: CapturedStatement;
}

const post = (path: string, s: Pick<State, 'token' | 'year' | 'unitId'>): HttpRequestSpec => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
  body: JSON.stringify({ query: QUERY, operationName: 'Periodic', variables: { year: s.year, unitId: s.unitId } }),
});

function periodicScenario(name: string, scope: 'ward' | 'generated-ward' | 'province') {
  return defineScenario<State>({
    name,
    description: `\`periodicReport(template: ${TEMPLATE}, period: YEAR, unitId${scope === 'ward' ? ': <the demo ward>' : scope === 'generated-ward' ? ': <a generated ward>' : ': null'})\` as ${EMAIL}, on the province data set with the generated reports and inspection work, vs node:http + jose + pg replaying the same statements`,
    goalRatio: 0.5,
    p99GoalMs: 500,
    async setup(env: BenchEnv) {
      await env.ensureReports();
      await env.ensureInspectionWork();
      const token = await env.login(EMAIL);
      const year = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));
      env.app.services.periodicReports.today = () => `${year + 1}-01-05`;
      let unitId: string | null = null;
      if (scope !== 'province') {
        // The demo ward (its seeded reports), or the first generated ward (its share of the generated ones).
        const { rows } = await env.pool.query<{ id: string }>(
          `SELECT id FROM unit WHERE depth = 0 AND code ${scope === 'ward' ? 'NOT LIKE' : 'LIKE'} 'GEN%' ORDER BY code LIMIT 1`,
        );
        unitId = rows[0]!.id;
      }
      const run = async () => {
        const res = await env.gql<{ periodicReport: unknown }>(QUERY, { year, unitId }, token);
        if (res.status !== 200 || !res.body.data?.periodicReport) throw new Error(`${name}: failed: ${JSON.stringify(res.body)}`);
        return res;
      };
      const auth = await prepareBaselineAuth(env, token, run);
      const { statements } = await env.captureSql(run);
      const template = templateOn(defaultReportTemplates(), TEMPLATE, `${year}-12-31`);
      const sql = templateStatement(template).sql;
      const rest = statements.filter((s) => s.query !== auth.accountSql);
      const read = rest.filter((s) => s.query === sql);
      const unit = rest.filter((s) => /FROM "unit" (x|"Unit") /.test(s.query));
      // The capture window also sees the instance's background writers (the board counter folder):
      // the request's own statement count is checked by the e2e test's x-sql-statements.
      if (read.length !== 1 || unit.length !== (scope === 'province' ? 0 : 1))
        throw new Error(
          `${name}: expected the account, the scope unit and one statement, got ${JSON.stringify(statements, null, 2)}`,
        );
      return { token, auth, year, unitId, unitLookup: unit[0] ?? null, read: read[0]! };
    },
    graphqlRequest: (s) => post('/graphql', s),
    baselineRequest: (s) => post(`/${name}`, s),
    baselineHandler:
      ({ auth, year, unitLookup, read }) =>
      async (req, db: BaselineDb) => {
        const outcome = await auth.authenticate(req, db);
        if ('refused' in outcome) return outcome.refused;
        if (unitLookup) await db.query(unitLookup.query, unitLookup.parameters);
        const rows = (await db.query(read.query, read.parameters)) as Array<Record<string, unknown>>;
        const template = templateOn(defaultReportTemplates(), TEMPLATE, `${year}-12-31`);
        const tables = reportTables(template, rows[0]).map((t) => ({
          key: t.key,
          title: t.title,
          rows: t.rows.map((r) => ({
            label: r.label,
            figure: r.figure,
            groupKey: r.groupKey,
            current: r.current,
            previous: r.previous,
            change: r.change,
          })),
        }));
        return { status: 200, body: { data: { periodicReport: { tables } } } };
      },
    details: ({ auth, unitLookup, read, unitId }) => ({
      query: QUERY,
      unitId,
      baselineSql: [
        { query: auth.accountSql, parameters: ['<account id from the token>'] },
        ...(unitLookup ? [unitLookup] : []),
        read,
      ],
    }),
    expect: {
      graphql: { status: 200, bodyIncludes: '"periodicReport":', bodyExcludes: '"errors"' },
      baseline: { status: 200, bodyIncludes: '"periodicReport":', bodyExcludes: '"errors"' },
    },
  });
}

export const periodicReportWardScenario = periodicScenario('periodic-report', 'ward');
export const periodicReportGeneratedWardScenario = periodicScenario('periodic-report-generated-ward', 'generated-ward');
export const periodicReportProvinceScenario = periodicScenario('periodic-report-province', 'province');
