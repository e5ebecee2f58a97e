import { vnDayNumber, vnDayString, vnPeriods } from '../../src/modules/board/board-calendar';
import { Role } from '../../src/common/role.enum';
import { onlyError, startTestApp, type TestApp } from '../support/test-app';
// After test-app, which loads reflect-metadata (the service module loads the schema types).
import { COMMITTEE_SQL } from '../../src/modules/board/board.service';

const BOARD = `query($days: Int) { board { generatedAt openReportsByStatus { key count } openReportsByKind { key count } openReportsBySource { key count }
  overdueCount dueSoonCount receivedToday receivedThisWeek receivedThisMonth inspectionsInProgress
  findingsThisMonthBySeverity { key count } findingsThisMonthByArea { key count } disciplineCasesByStatus { key count }
  reportsPerDay(days: $days) { day count } } }`;
const SUBMIT = `mutation($i: SubmitReportInput!) { submitReport(input: $i) { receiptCode } }`;

interface Count {
  key: string;
  count: number;
}
interface BoardAnswer {
  board: {
    generatedAt: string;
    openReportsByStatus: Count[];
    openReportsByKind: Count[];
    openReportsBySource: Count[];
    overdueCount: number;
    dueSoonCount: number;
    receivedToday: number;
    receivedThisWeek: number;
    receivedThisMonth: number;
    inspectionsInProgress: number;
    findingsThisMonthBySeverity: Count[];
    findingsThisMonthByArea: Count[];
    disciplineCasesByStatus: Count[];
    reportsPerDay: Array<{ day: string; count: number }>;
  };
}

const OPEN = `status IN ('RECEIVED', 'CLASSIFIED', 'ACCEPTED', 'UNDER_VERIFICATION', 'CONCLUDED')`;
const asMap = (c: Count[]) => Object.fromEntries(c.filter((x) => x.count).map((x) => [x.key, x.count]));

describe('the board query', () => {
  let t: TestApp;
  let ic: string;

  const board = async (token: string, days?: number) => {
    const res = await t.gql<BoardAnswer>(BOARD, days === undefined ? {} : { days }, token);
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return { board: res.body.data!.board, sql: res.sql };
  };
  /** The first received day the committee statement of one request reads (its first parameter). */
  const firstReceivedDay = async (query: string, variables: Record<string, unknown> = {}) => {
    const logger = t.app.dataSource.logger;
    const original = logger.logQuery.bind(logger);
    const seen: unknown[][] = [];
    logger.logQuery = (sql, parameters, runner) => {
      if (sql === COMMITTEE_SQL) seen.push((parameters ?? []) as unknown[]);
      return original(sql, parameters, runner);
    };
    try {
      const res = await t.gql(query, variables, ic);
      expect(res.body.errors).toBeUndefined();
    } finally {
      logger.logQuery = original;
    }
    expect(seen).toHaveLength(1);
    return seen[0]![0];
  };
  const q = async <T>(sql: string, params: unknown[] = []) => (await t.app.dataSource.query(sql, params)) as [T, ...T[]];
  /** The figures straight from the tables, for comparison. */
  const expected = async (now: Date) => {
    const p = vnPeriods(now);
    const day = `floor((extract(epoch FROM received_at) + 25200) / 86400)::int`;
    const group = async (col: string, table: string, where: string, params: unknown[] = []) =>
      Object.fromEntries(
        (
          await q<{ k: string; n: number }>(
            `SELECT ${col} AS k, count(*)::int AS n FROM ${table} WHERE ${where} GROUP BY 1`,
            params,
          )
        ).map((r) => [r.k, r.n]),
      );
    const [one] = await q<{ overdue: number; due_soon: number; today: number; week: number; month: number }>(
      `SELECT count(*) FILTER (WHERE ${OPEN} AND due_at < $1)::int AS overdue,
              count(*) FILTER (WHERE ${OPEN} AND due_at >= $1 AND due_at < $1::timestamptz + interval '3 days')::int AS due_soon,
              count(*) FILTER (WHERE ${day} = $2)::int AS today, count(*) FILTER (WHERE ${day} >= $3)::int AS week,
              count(*) FILTER (WHERE ${day} >= $4)::int AS month FROM report`,
      [now, p.today, p.weekStart, p.monthStart],
    );
    const monthStart = new Date(Date.UTC(1970, 0, 1) + p.monthStart * 86400000 - 7 * 3600000);
    return {
      byStatus: await group('status', 'report', OPEN),
      byKind: await group('kind', 'report', OPEN),
      bySource: await group('source', 'report', OPEN),
      ...one!,
      inProgress: (
        await q<{ n: number }>(`SELECT count(*)::int AS n FROM inspection WHERE status IN ('IN_PROGRESS', 'FINDINGS_REPORTED')`)
      )[0]!.n,
      severity: await group('severity', 'finding', 'recorded_at >= $1', [monthStart]),
      area: await group('area', 'finding', 'recorded_at >= $1', [monthStart]),
      discipline: await group('status', 'discipline_case', 'true'),
      perDay: Object.fromEntries(
        (
          await q<{ d: number; n: number }>(`SELECT ${day} AS d, count(*)::int AS n FROM report WHERE ${day} > $1 GROUP BY 1`, [
            p.today - 30,
          ])
        ).map((r) => [vnDayString(r.d), r.n]),
      ),
    };
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true, seedReports: true, seedInspections: true });
    ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('gives the committee every figure, equal to counting the tables', async () => {
    // Some of the seed's deltas folded, some not: the figures are the sum of both.
    await t.app.services.board.folder.fold();
    const { board: b } = await board(ic);
    const e = await expected(new Date(b.generatedAt));
    expect(asMap(b.openReportsByStatus)).toEqual(e.byStatus);
    expect(asMap(b.openReportsByKind)).toEqual(e.byKind);
    expect(asMap(b.openReportsBySource)).toEqual(e.bySource);
    expect(b.openReportsByStatus.map((c) => c.key)).toEqual([
      'RECEIVED',
      'CLASSIFIED',
      'ACCEPTED',
      'UNDER_VERIFICATION',
      'CONCLUDED',
    ]);
    expect(b.overdueCount).toBe(e.overdue);
    expect(b.dueSoonCount).toBe(e.due_soon);
    expect(b.overdueCount).toBeGreaterThan(0);
    expect([b.receivedToday, b.receivedThisWeek, b.receivedThisMonth]).toEqual([e.today, e.week, e.month]);
    expect(b.inspectionsInProgress).toBe(e.inProgress);
    expect(b.inspectionsInProgress).toBeGreaterThan(0);
    expect(asMap(b.findingsThisMonthBySeverity)).toEqual(e.severity);
    expect(asMap(b.findingsThisMonthByArea)).toEqual(e.area);
    expect(b.findingsThisMonthByArea.map((c) => c.key)).toEqual(
      expect.arrayContaining(['CORRUPTION', 'DISTANCE_FROM_PEOPLE', 'STAGNATION']),
    );
    expect(asMap(b.disciplineCasesByStatus)).toEqual(e.discipline);
    expect(b.reportsPerDay).toHaveLength(30);
    expect(Object.fromEntries(b.reportsPerDay.filter((d) => d.count).map((d) => [d.day, d.count]))).toEqual(e.perDay);
    expect(b.reportsPerDay[29]!.day).toBe(vnDayString(vnDayNumber(new Date(b.generatedAt))));
  });

  it('counts a new report at once, folded or not, and the Standing Committee sees the same', async () => {
    const before = (await board(ic)).board;
    const res = await t.gql(SUBMIT, {
      i: { kind: 'FEEDBACK', field: 'OTHER', title: 'Rác thải', content: 'Rác thải tập kết sai nơi quy định ở đầu hẻm.' },
    });
    expect(res.body.errors).toBeUndefined();
    const after = (await board(ic)).board;
    expect(after.receivedToday).toBe(before.receivedToday + 1);
    expect(asMap(after.openReportsByStatus)['RECEIVED']).toBe((asMap(before.openReportsByStatus)['RECEIVED'] ?? 0) + 1);
    expect(after.reportsPerDay[29]!.count).toBe(before.reportsPerDay[29]!.count + 1);
    await t.app.services.board.folder.fold();
    const folded = (await board(await t.tokenFor(Role.STANDING_COMMITTEE))).board;
    expect({ ...folded, generatedAt: 0 }).toEqual({ ...after, generatedAt: 0 });
  });

  it('sends three statements: the account, the figures and the reports hidden from its own cadre', async () => {
    // The demo committee account is a person of the register: recusal costs one statement.
    const { sql } = await board(ic);
    expect(sql).toBe(3);
  });

  it('shows every day of the window oldest first, zeros included, and refuses a window out of range', async () => {
    const { board: b } = await board(ic, 400 - 34);
    expect(b.reportsPerDay).toHaveLength(366);
    const days = b.reportsPerDay.map((d) => d.day);
    expect([...days].sort()).toEqual(days);
    expect(b.reportsPerDay.some((d) => d.count === 0)).toBe(true);
    expect((await board(ic, null as never)).board.reportsPerDay).toHaveLength(30);
    for (const days of [0, 367]) {
      const res = await t.gql(BOARD, { days }, ic);
      expect(onlyError(res).extensions?.['code']).toBe('BAD_USER_INPUT');
    }
  });

  it('counts overdue and due soon exactly at the edges of today and of the last due-soon day, folded or not', async () => {
    // Open reports due around now, around now + 3 days (the last due-soon day, partly read from
    // the due-date index) and on the whole days between (read from the counters).
    const open = await q<{ id: string }>(`SELECT id FROM report WHERE ${OPEN} ORDER BY id LIMIT 9`);
    expect(open).toHaveLength(9);
    const offsets = [
      '-1 minute',
      '1 minute',
      '1 day',
      '2 days',
      '3 days - 1 minute',
      '3 days + 1 minute',
      '4 days',
      '-1 day',
      '3 days - 5 minutes',
    ];
    for (const [i, r] of open.entries())
      await q(`UPDATE report SET due_at = now() + $2::interval WHERE id = $1`, [r.id, offsets[i]]);
    const check = async () => {
      const { board: b, sql } = await board(ic);
      const e = await expected(new Date(b.generatedAt));
      expect(sql).toBe(3);
      expect([b.overdueCount, b.dueSoonCount]).toEqual([e.overdue, e.due_soon]);
      return b;
    };
    const unfolded = await check();
    await t.app.services.board.folder.fold();
    const folded = await check();
    expect([folded.overdueCount, folded.dueSoonCount]).toEqual([unfolded.overdueCount, unfolded.dueSoonCount]);
  });

  it('reads the received counts of the windows the request selects, through aliases, fragments and variables', async () => {
    const { board: all } = await board(ic, 366);
    const byDay = new Map(all.reportsPerDay.map((d) => [d.day, d.count]));
    const res = await t.gql<{
      board: { receivedThisMonth: number; a: BoardAnswer['board']['reportsPerDay']; b: BoardAnswer['board']['reportsPerDay'] };
    }>(
      `query($d: Int) { board { receivedThisMonth a: reportsPerDay(days: 7) { day count } ... on Board { ...Wide } } }
       fragment Wide on Board { b: reportsPerDay(days: $d) { day count } }`,
      { d: 200 },
      ic,
    );
    expect(res.body.errors).toBeUndefined();
    // One statement for both windows: the widest was planned from the selection (and the account, and
    // the reports hidden from its cadre).
    expect(res.sql).toBe(3);
    const today = vnDayNumber(new Date());
    expect(await firstReceivedDay('{ board { r: reportsPerDay(days: 7) { count } } }')).toBe(
      Math.min(today - 6, vnPeriods(new Date()).monthStart, vnPeriods(new Date()).weekStart),
    );
    expect(
      await firstReceivedDay('query($d: Int) { board { ...W } } fragment W on Board { reportsPerDay(days: $d) { count } }', {
        d: 200,
      }),
    ).toBe(today - 199);
    expect(await firstReceivedDay('{ board { reportsPerDay { count } } }')).toBe(
      Math.min(today - 29, vnPeriods(new Date()).monthStart),
    );
    const got = res.body.data!.board;
    expect(got.a).toHaveLength(7);
    expect(got.b).toHaveLength(200);
    for (const d of [...got.a, ...got.b]) expect(d.count).toBe(byDay.get(d.day));
    expect(got.receivedThisMonth).toBe(all.receivedThisMonth);
    // Without reportsPerDay: this week and this month still come whole.
    const bare = await t.gql<{ board: { receivedToday: number; receivedThisWeek: number; receivedThisMonth: number } }>(
      '{ board { receivedToday receivedThisWeek receivedThisMonth } }',
      {},
      ic,
    );
    expect(bare.body.data!.board).toEqual({
      receivedToday: all.receivedToday,
      receivedThisWeek: all.receivedThisWeek,
      receivedThisMonth: all.receivedThisMonth,
    });
  });

  it('gives a UNIT_HEAD the figures of the reports concerning its units, and no inspection in progress nor case', async () => {
    const head = await t.tokenFor(Role.UNIT_HEAD);
    const { board: b } = await board(head);
    const [{ unit_id }] = await q<{ unit_id: string }>(`SELECT unit_id FROM account WHERE email = 'truongdonvi@anbien.test'`);
    const scoped = await q<{ status: string; n: number }>(
      `SELECT r.status, count(*)::int AS n FROM report r WHERE ${OPEN} AND EXISTS (
         SELECT 1 FROM report_subject s LEFT JOIN cadre c ON c.id = s.cadre_id JOIN unit u ON u.id = coalesce(s.unit_id, c.unit_id)
          WHERE s.report_id = r.id AND u.path LIKE (SELECT path FROM unit WHERE id = $1) || '%') GROUP BY 1`,
      [unit_id],
    );
    expect(asMap(b.openReportsByStatus)).toEqual(Object.fromEntries(scoped.map((r) => [r.status, r.n])));
    const all = (await board(ic)).board;
    expect(b.openReportsByStatus.reduce((n, c) => n + c.count, 0)).toBeLessThan(
      all.openReportsByStatus.reduce((n, c) => n + c.count, 0),
    );
    expect(b.inspectionsInProgress).toBe(0);
    expect(b.disciplineCasesByStatus).toEqual([]);
  });

  it('never counts, for a member linked to a cadre, the denunciations concerning that cadre', async () => {
    const [{ cadre_id }] = await q<{ cadre_id: string }>(
      `SELECT s.cadre_id FROM report_subject s JOIN report r ON r.id = s.report_id WHERE r.kind = 'DENUNCIATION' AND r.${OPEN} AND s.cadre_id IS NOT NULL LIMIT 1`,
    );
    const [{ n: hidden }] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM report r WHERE r.kind = 'DENUNCIATION' AND r.${OPEN} AND EXISTS (SELECT 1 FROM report_subject s WHERE s.report_id = r.id AND s.cadre_id = $1)`,
      [cadre_id],
    );
    const before = (await board(ic)).board;
    await t.app.dataSource.query(`UPDATE account SET cadre_id = $1 WHERE email = 'thuongvu@anbien.test'`, [cadre_id]);
    try {
      const linked = (await board(await t.tokenFor(Role.STANDING_COMMITTEE))).board;
      expect(asMap(linked.openReportsByKind)['DENUNCIATION'] ?? 0).toBe(
        (asMap(before.openReportsByKind)['DENUNCIATION'] ?? 0) - hidden,
      );
      expect(hidden).toBeGreaterThan(0);
    } finally {
      await t.app.dataSource.query(`UPDATE account SET cadre_id = NULL WHERE email = 'thuongvu@anbien.test'`);
    }
  });

  it('is FORBIDDEN to the other roles', async () => {
    for (const role of [Role.VIEWER, Role.INTAKE_STAFF, Role.ADMIN, Role.PARTY_BUILDING]) {
      const res = await t.gql(BOARD, {}, await t.tokenFor(role));
      expect(onlyError(res).extensions?.['code']).toBe('FORBIDDEN');
    }
    expect(onlyError(await t.gql(BOARD, {})).extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('shows the ten most recent events the caller may see, newest first, as latestBoardEvents does', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await t.gql(SUBMIT, {
        i: { kind: 'FEEDBACK', field: 'OTHER', title: `Phản ánh ${i}`, content: 'Đèn đường tổ 3 hỏng nhiều ngày.' },
      });
      expect(res.body.errors).toBeUndefined();
    }
    const recent = async (token: string) => {
      const res = await t.gql<{
        board: { recentEvents: Array<{ id: string; type: string; cursor: string }> };
        latestBoardEvents: { events: Array<{ id: string }> };
      }>(`{ board { recentEvents { id type cursor } } latestBoardEvents(count: 10) { events { id } } }`, {}, token);
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
      return res.body.data!;
    };
    const committee = await recent(ic);
    expect(committee.board.recentEvents).toHaveLength(10);
    expect(committee.board.recentEvents.slice(0, 3).map((e) => e.type)).toEqual([
      'REPORT_RECEIVED',
      'REPORT_RECEIVED',
      'REPORT_RECEIVED',
    ]);
    const ids = committee.board.recentEvents.map((e) => BigInt(e.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(ids);
    expect(committee.board.recentEvents.map((e) => e.id)).toEqual(committee.latestBoardEvents.events.map((e) => e.id));
    // A unit head is told only of events about its units: never of these reports, which name no unit.
    const head = await recent(await t.tokenFor(Role.UNIT_HEAD));
    expect(head.board.recentEvents.map((e) => e.id)).toEqual(head.latestBoardEvents.events.map((e) => e.id));
    const newest = committee.board.recentEvents.slice(0, 3).map((e) => e.id);
    expect(head.board.recentEvents.filter((e) => newest.includes(e.id))).toEqual([]);
  });
});
