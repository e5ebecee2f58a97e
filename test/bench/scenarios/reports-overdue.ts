import { isOverdue } from '../../../src/modules/reports/reports.service';
import type { ReportStatus } from '../../../src/modules/reports/report.enums';
import { type BaselineAuth, prepareBaselineAuth } from '../baseline-auth';
import type { BaselineDb } from '../baseline-server';
import type { CapturedStatement, GeneratedReports } from '../environment';
import type { HttpRequestSpec } from '../protocol';
import { type AnyScenario, defineScenario } from '../scenario';
import { ensurePolicyMember, MEMBER_EMAIL } from './committee-member';

/**
 * The report-list scenario: the overdue reports, a page of 50 with the total, as the
 * Inspection Committee (reads the whole register) on `--reports` generated reports (1,000,000 by
 * default), against a `node:http` handler that replays the statements TypeORM sent for it
 * (captured at setup): the account lookup, the page and the count.
 */

const EMAIL = 'kiemtra@anbien.test';
const PAGE = 50;
const FIELDS = '{ totalCount edges { node { id title status dueAt overdue } } }';
const OVERDUE_QUERY = `query Overdue($first: Int!) { reports(filter: { overdue: true }, first: $first) ${FIELDS} }`;
const LIST_QUERY = `query Overdue($first: Int!) { reports(first: $first) ${FIELDS} }`;

interface Node {
  id: string;
  title: string;
  status: string;
  dueAt: string | null;
  overdue: boolean;
}
type Answer = { reports: { totalCount: number; edges: Array<{ node: Node }> } };

interface State {
  token: string;
  auth: BaselineAuth;
  page: CapturedStatement;
  count: CapturedStatement;
  generated: GeneratedReports;
  totalCount: number;
  plans: Record<string, string[]>;
}

const post = (path: string, token: string, query: string): HttpRequestSpec => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ query, operationName: 'Overdue', variables: { first: PAGE } }),
});

const REPORT_FROM = /\bFROM\s+"report"\s+"r"/i;
const COUNT = /\bCOUNT\s*\(/i;

/** The page and the count; the request may send nothing else besides the account lookup. */
function planOf(
  name: string,
  statements: CapturedStatement[],
  accountSql: string,
): { page: CapturedStatement; count: CapturedStatement } {
  const rest = statements.filter((s) => s.query !== accountSql);
  const pages = rest.filter((s) => REPORT_FROM.test(s.query) && !COUNT.test(s.query));
  const counts = rest.filter((s) => REPORT_FROM.test(s.query) && COUNT.test(s.query));
  const unknown = rest.filter((s) => !pages.includes(s) && !counts.includes(s));
  if (pages.length !== 1 || counts.length !== 1 || unknown.length) {
    throw new Error(
      `${name}: expected the account lookup, one page and one count statement, got: ${JSON.stringify(statements, null, 2)}`,
    );
  }
  return { page: pages[0]!, count: counts[0]! };
}

async function answer(page: CapturedStatement, count: CapturedStatement, db: BaselineDb): Promise<Answer> {
  const rows = (await db.query(page.query, page.parameters)).slice(0, PAGE);
  // The app resolves totalCount after the page (a lazy field), so the two run one after the other.
  const [counted] = await db.query(count.query, count.parameters);
  const total = Number(Object.values(counted ?? {})[0] ?? 0);
  return {
    reports: {
      totalCount: total,
      edges: rows.map((r) => {
        const dueAt = r['r_due_at'] as Date | null;
        const status = r['r_status'] as ReportStatus;
        return {
          node: {
            id: r['r_id'] as string,
            // Everyone but the handler reads the redacted copy (no generated report has one).
            title: r['r_title_redacted'] as string,
            status,
            dueAt: dueAt ? dueAt.toISOString() : null,
            overdue: isOverdue({ status, dueAt }),
          },
        };
      }),
    },
  };
}

function reportsScenario(opts: { name: string; description: string; query: string; member: boolean }): AnyScenario {
  const QUERY = opts.query;
  const name = opts.name;
  return defineScenario<State>({
    name,
    description: opts.description,
    goalRatio: 0.5,
    p99GoalMs: 50,
    async setup(env) {
      const generated = await env.ensureReports();
      if (opts.member) await ensurePolicyMember(env);
      const token = await env.login(opts.member ? MEMBER_EMAIL : EMAIL);
      const run = async () => {
        const res = await env.gql<Answer>(QUERY, { first: PAGE }, token);
        if (res.status !== 200 || !res.body.data?.reports) throw new Error(`${name}: failed: ${JSON.stringify(res.body)}`);
        return res;
      };
      const auth = await prepareBaselineAuth(env, token, run);
      const { result, statements } = await env.captureSql(run);
      const { page, count } = planOf(name, statements, auth.accountSql);
      const plans: Record<string, string[]> = {};
      for (const [what, s] of [
        ['page', page],
        ['count', count],
      ] as const) {
        const { rows } = await env.pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.query}`, s.parameters);
        plans[what] = rows.map((r) => r['QUERY PLAN']);
      }
      return { token, auth, page, count, generated, totalCount: result.body.data!.reports.totalCount, plans };
    },
    graphqlRequest: ({ token }) => post('/graphql', token, QUERY),
    baselineRequest: ({ token }) => post(`/${name}`, token, QUERY),
    baselineHandler:
      ({ auth, page, count }) =>
      async (req, db) => {
        const outcome = await auth.authenticate(req, db);
        if ('refused' in outcome) return outcome.refused;
        return { status: 200, body: { data: await answer(page, count, db) } };
      },
    details: ({ auth, page, count, generated, totalCount, plans }) => ({
      query: QUERY,
      reports: generated.reports,
      generated: { ...generated.summary, ms: Math.round(generated.ms) },
      totalCount,
      baselineSql: [{ query: auth.accountSql, parameters: ['<account id from the token>'] }, page, count],
      explainAnalyze: plans,
    }),
    expect: {
      graphql: { status: 200, bodyIncludes: '"totalCount":', bodyExcludes: '"errors"' },
      baseline: { status: 200, bodyIncludes: '"totalCount":', bodyExcludes: '"errors"' },
    },
  });
}

export const reportsOverdueScenario = reportsScenario({
  name: 'reports-overdue',
  description: `\`reports(filter: { overdue: true }, first: ${PAGE}) ${FIELDS}\` as ${EMAIL} on the generated reports (--reports) vs node:http + jose + pg replaying the same statements`,
  query: OVERDUE_QUERY,
  member: false,
});

/** Issue 21: the register's first page as an ordinary committee member linked to a cadre, the recusal policy in force. */
export const reportsListMemberScenario = reportsScenario({
  name: 'reports-list-member',
  description: `\`reports(first: ${PAGE}) ${FIELDS}\` as ${MEMBER_EMAIL} (an Inspection Committee member who is a cadre the reports name: the recusal policy in force) on the generated reports vs the same replay`,
  query: LIST_QUERY,
  member: true,
});
