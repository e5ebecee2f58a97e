import { vnDayString, vnPeriods } from '../../../src/modules/board/board-calendar';
import {
  COMMITTEE_SQL,
  type CommitteeFigures,
  committeeParams,
  committeeView,
  receivedWindowStart,
} from '../../../src/modules/board/board.service';
import { DisciplineStatus } from '../../../src/modules/discipline/discipline.enums';
import { FindingArea, FindingSeverity } from '../../../src/modules/inspections/inspection.enums';
import { OPEN_STATUSES } from '../../../src/modules/reports/report-workflow';
import { ReportKind, ReportSource } from '../../../src/modules/reports/report.enums';
import { type BaselineAuth, prepareBaselineAuth } from '../baseline-auth';
import type { BaselineDb } from '../baseline-server';
import type { CapturedStatement, GeneratedInspectionWork, GeneratedReports } from '../environment';
import type { HttpRequestSpec } from '../protocol';
import { defineScenario } from '../scenario';

/**
 * The board scenario: every figure of `board` as the Inspection Committee on the
 * province data set with `--reports` generated reports (1,000,000 by default) and the generated
 * inspection work, against a `node:http` handler that replays the statement the app sent
 * (captured at setup) with this request's parameters, made by the app's own function, and builds
 * the same answer.
 */

const EMAIL = 'kiemtra@anbien.test';
const DUE_SOON_DAYS = 3;
/** The query's reportsPerDay window: the app reads the received counts of these days (and of this week and month). */
const PER_DAY_DAYS = 30;
const QUERY =
  'query Board { board { openReportsByStatus { key count } openReportsByKind { key count } openReportsBySource { key count } ' +
  'overdueCount dueSoonCount receivedToday receivedThisWeek receivedThisMonth inspectionsInProgress ' +
  'findingsThisMonthBySeverity { key count } findingsThisMonthByArea { key count } disciplineCasesByStatus { key count } ' +
  `reportsPerDay(days: ${PER_DAY_DAYS}) { day count } } }`;

interface State {
  token: string;
  auth: BaselineAuth;
  figures: CapturedStatement;
  generated: GeneratedReports;
  work: GeneratedInspectionWork;
  plan: string[];
}

const post = (path: string, token: string): HttpRequestSpec => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ query: QUERY, operationName: 'Board' }),
});

/** The request may send the account lookup and the figures statement, nothing else. */
function planOf(statements: CapturedStatement[], accountSql: string): CapturedStatement {
  const rest = statements.filter((s) => s.query !== accountSql);
  if (rest.length !== 1 || rest[0]!.query !== COMMITTEE_SQL) {
    throw new Error(
      `board: expected the account lookup and the committee figures statement; got ${JSON.stringify(statements, null, 2)}`,
    );
  }
  return rest[0]!;
}

const byKey = (keys: readonly string[], m: Map<string, number>) => keys.map((key) => ({ key, count: m.get(key) ?? 0 }));
const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);

/** This request's parameters, made by the app's own functions (the window of the query's reportsPerDay). */
const paramsAt = (now: Date) => committeeParams(now, DUE_SOON_DAYS, receivedWindowStart(now, PER_DAY_DAYS));

async function answer(figures: CapturedStatement, db: BaselineDb) {
  const now = new Date();
  const p = vnPeriods(now);
  const [row] = (await db.query(figures.query, paramsAt(now))) as unknown as CommitteeFigures[];
  // The row folded into figures by the app's own pure function: what differs is the stack.
  const v = committeeView(row!);
  const sumFrom = (from: number) => [...v.perDay].reduce((t, [d, n]) => (d >= from ? t + n : t), 0);
  const severity = new Map<string, number>();
  const area = new Map<string, number>();
  for (const [sev, ar, n] of row!.findings) {
    add(severity, sev, n);
    add(area, ar, n);
  }
  const days: Array<{ day: string; count: number }> = [];
  for (let d = p.today - PER_DAY_DAYS + 1; d <= p.today; d++) days.push({ day: vnDayString(d), count: v.perDay.get(d) ?? 0 });
  return {
    board: {
      openReportsByStatus: byKey(OPEN_STATUSES, v.byStatus),
      openReportsByKind: byKey(Object.values(ReportKind), v.byKind),
      openReportsBySource: byKey(Object.values(ReportSource), v.bySource),
      overdueCount: v.overdue,
      dueSoonCount: v.dueSoon,
      receivedToday: sumFrom(p.today),
      receivedThisWeek: sumFrom(p.weekStart),
      receivedThisMonth: sumFrom(p.monthStart),
      inspectionsInProgress: row!.in_progress,
      findingsThisMonthBySeverity: byKey(Object.values(FindingSeverity), severity),
      findingsThisMonthByArea: byKey(Object.values(FindingArea), area),
      disciplineCasesByStatus: byKey(Object.values(DisciplineStatus), new Map(row!.discipline)),
      reportsPerDay: days,
    },
  };
}

export const boardScenario = defineScenario<State>({
  name: 'board',
  description: `\`board { every figure, reportsPerDay(days: 30) }\` as ${EMAIL} on the generated reports (--reports) and inspection work vs node:http + jose + pg replaying the same statements`,
  goalRatio: 0.5,
  p99GoalMs: 50,
  async setup(env) {
    const generated = await env.ensureReports();
    const work = await env.ensureInspectionWork();
    const token = await env.login(EMAIL);
    const run = async () => {
      const res = await env.gql(QUERY, undefined, token);
      if (res.status !== 200 || !res.body.data || res.body.errors) throw new Error(`board: failed: ${JSON.stringify(res.body)}`);
      return res;
    };
    const auth = await prepareBaselineAuth(env, token, run);
    const { statements } = await env.captureSql(run);
    const figures = planOf(statements, auth.accountSql);
    // The baseline reads the same window: the app planned it from the query's reportsPerDay.
    if (figures.parameters[0] !== paramsAt(new Date())[0])
      throw new Error(
        `board: the app read received counts from day ${String(figures.parameters[0])}, the baseline would from ${String(paramsAt(new Date())[0])}`,
      );
    const { rows } = await env.pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${figures.query}`,
      paramsAt(new Date()),
    );
    return { token, auth, figures, generated, work, plan: rows.map((r) => r['QUERY PLAN']) };
  },
  graphqlRequest: ({ token }) => post('/graphql', token),
  baselineRequest: ({ token }) => post('/board', token),
  baselineHandler:
    ({ auth, figures }) =>
    async (req, db) => {
      const outcome = await auth.authenticate(req, db);
      if ('refused' in outcome) return outcome.refused;
      return { status: 200, body: { data: await answer(figures, db) } };
    },
  details: ({ auth, figures, generated, work, plan }) => ({
    query: QUERY,
    reports: generated.reports,
    inspectionWork: work.summary,
    baselineSql: [{ query: auth.accountSql, parameters: ['<account id from the token>'] }, figures],
    explainAnalyze: plan,
  }),
  expect: {
    graphql: { status: 200, bodyIncludes: '"reportsPerDay":', bodyExcludes: '"errors"' },
    baseline: { status: 200, bodyIncludes: '"reportsPerDay":', bodyExcludes: '"errors"' },
  },
});
