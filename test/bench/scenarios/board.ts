import { vnDayStart, vnDayString, vnPeriods } from '../../../src/modules/board/board-calendar';
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
 * inspection work, against a `node:http` handler that replays the statements the app sent
 * (captured at setup) with this request's times, made by the app's own calendar functions, and
 * builds the same answer.
 */

const EMAIL = 'kiemtra@anbien.test';
const DUE_SOON_DAYS = 3;
const DAY_MS = 24 * 3600 * 1000;
const QUERY =
  'query Board { board { openReportsByStatus { key count } openReportsByKind { key count } openReportsBySource { key count } ' +
  'overdueCount dueSoonCount receivedToday receivedThisWeek receivedThisMonth inspectionsInProgress ' +
  'findingsThisMonthBySeverity { key count } findingsThisMonthByArea { key count } disciplineCasesByStatus { key count } ' +
  'reportsPerDay(days: 30) { day count } } }';

type Kind = 'counters' | 'range' | 'inspections' | 'findings' | 'discipline';
const RULES: Array<[Kind, RegExp]> = [
  ['counters', /\bFROM board_count\b/],
  ['range', /\bFROM report r WHERE r\.status IN .* AND r\.due_at >= \$1/s],
  ['inspections', /\bFROM inspection WHERE status IN/],
  ['findings', /\bFROM finding f WHERE f\.recorded_at >= \$1/],
  ['discipline', /\bFROM discipline_case GROUP BY status/],
];

interface State {
  token: string;
  auth: BaselineAuth;
  sql: Record<Kind, CapturedStatement>;
  generated: GeneratedReports;
  work: GeneratedInspectionWork;
  plans: Record<string, string[]>;
}

const post = (path: string, token: string): HttpRequestSpec => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ query: QUERY, operationName: 'Board' }),
});

function planOf(statements: CapturedStatement[], accountSql: string): Record<Kind, CapturedStatement> {
  const found: Partial<Record<Kind, CapturedStatement>> = {};
  const unknown: CapturedStatement[] = [];
  for (const s of statements) {
    if (s.query === accountSql) continue;
    const rule = RULES.find(([, re]) => re.test(s.query));
    if (!rule || found[rule[0]]) unknown.push(s);
    else found[rule[0]] = s;
  }
  if (unknown.length || RULES.some(([k]) => !found[k])) {
    throw new Error(
      `board: expected the account lookup and one statement each of ${RULES.map(([k]) => k).join(', ')}; got ${JSON.stringify(statements, null, 2)}`,
    );
  }
  return found as Record<Kind, CapturedStatement>;
}

/** This request's parameters of each statement, as the app makes them (BoardService). */
function paramsAt(now: Date): Record<Kind, unknown[]> {
  const p = vnPeriods(now);
  const windowStart = Math.min(p.weekStart, p.monthStart, p.today - 29);
  return {
    counters: [Math.min(windowStart, p.today - 365), p.today],
    range: [vnDayStart(p.today), now, new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS)],
    inspections: [],
    findings: [vnDayStart(p.monthStart)],
    discipline: [],
  };
}

const byKey = (keys: readonly string[], m: Map<string, number>) => keys.map((key) => ({ key, count: m.get(key) ?? 0 }));
const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);

async function answer(sql: Record<Kind, CapturedStatement>, db: BaselineDb) {
  const now = new Date();
  const params = paramsAt(now);
  const p = vnPeriods(now);
  const run = (k: Kind) => db.query(sql[k].query, params[k]);
  const [counters, ranges, insps, findings, discipline] = await Promise.all([
    run('counters'),
    run('range'),
    run('inspections'),
    run('findings'),
    run('discipline'),
  ]);
  const range = ranges[0]!;
  const insp = insps[0]!;
  const status = new Map<string, number>();
  const kind = new Map<string, number>();
  const source = new Map<string, number>();
  const perDay = new Map<number, number>();
  let dueBefore = 0;
  for (const r of counters) {
    const n = r['n'] as number;
    if (r['facet'] === 'open') {
      const [s, k, src] = (r['key'] as string).split('|') as [string, string, string];
      add(status, s, n);
      add(kind, k, n);
      add(source, src, n);
    } else if (r['facet'] === 'received') perDay.set(r['day'] as number, n);
    else if (r['day'] === -1) dueBefore = n;
  }
  const sumFrom = (from: number) => [...perDay].reduce((t, [d, n]) => (d >= from ? t + n : t), 0);
  const severity = new Map<string, number>();
  const area = new Map<string, number>();
  for (const r of findings) {
    add(severity, r['severity'] as string, r['n'] as number);
    add(area, r['area'] as string, r['n'] as number);
  }
  const days: Array<{ day: string; count: number }> = [];
  for (let d = p.today - 29; d <= p.today; d++) days.push({ day: vnDayString(d), count: perDay.get(d) ?? 0 });
  return {
    board: {
      openReportsByStatus: byKey(OPEN_STATUSES, status),
      openReportsByKind: byKey(Object.values(ReportKind), kind),
      openReportsBySource: byKey(Object.values(ReportSource), source),
      overdueCount: dueBefore + (range['overdue_today'] as number),
      dueSoonCount: range['due_soon'] as number,
      receivedToday: sumFrom(p.today),
      receivedThisWeek: sumFrom(p.weekStart),
      receivedThisMonth: sumFrom(p.monthStart),
      inspectionsInProgress: insp['n'] as number,
      findingsThisMonthBySeverity: byKey(Object.values(FindingSeverity), severity),
      findingsThisMonthByArea: byKey(Object.values(FindingArea), area),
      disciplineCasesByStatus: byKey(
        Object.values(DisciplineStatus),
        new Map(discipline.map((r) => [r['status'] as string, r['n'] as number])),
      ),
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
    const sql = planOf(statements, auth.accountSql);
    const plans: Record<string, string[]> = {};
    const params = paramsAt(new Date());
    for (const [k, s] of Object.entries(sql) as Array<[Kind, CapturedStatement]>) {
      const { rows } = await env.pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.query}`, params[k]);
      plans[k] = rows.map((r) => r['QUERY PLAN']);
    }
    return { token, auth, sql, generated, work, plans };
  },
  graphqlRequest: ({ token }) => post('/graphql', token),
  baselineRequest: ({ token }) => post('/board', token),
  baselineHandler:
    ({ auth, sql }) =>
    async (req, db) => {
      const outcome = await auth.authenticate(req, db);
      if ('refused' in outcome) return outcome.refused;
      return { status: 200, body: { data: await answer(sql, db) } };
    },
  details: ({ auth, sql, generated, work, plans }) => ({
    query: QUERY,
    reports: generated.reports,
    inspectionWork: work.summary,
    baselineSql: [{ query: auth.accountSql, parameters: ['<account id from the token>'] }, ...Object.values(sql)],
    explainAnalyze: plans,
  }),
  expect: {
    graphql: { status: 200, bodyIncludes: '"reportsPerDay":', bodyExcludes: '"errors"' },
    baseline: { status: 200, bodyIncludes: '"reportsPerDay":', bodyExcludes: '"errors"' },
  },
});
