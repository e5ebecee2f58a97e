import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../ormconfig';
import { generateData } from '../../src/demo/cadres.generator';
import { defaultRuleSets } from '../../src/modules/reports/deadline-rules';
import { addCalendarDays, defaultHolidayCalendar, localDateOf } from '../../src/modules/reports/legal-calendar';
import { OPEN_STATUSES } from '../../src/modules/reports/report-workflow';
import { Report } from '../../src/modules/reports/report.entity';
import { ReportChannel, ReportField, ReportKind, ReportSource, ReportStatus } from '../../src/modules/reports/report.enums';
import { generateReports, GENERATED_REPORT_MARK, storedRuleData } from '../../src/demo/reports.generator';
import { RuleBasedDeadlines } from '../../src/modules/reports/reports.policies';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestApp, type TestApp } from '../support/test-app';

const OPEN = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
const values = (rows: Array<{ v: string }>) => rows.map((r) => r.v).sort();

describe('the report generator (npm run gen -- --reports N)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource({ url: db.ownerUrl, poolSize: 2 });
    await ds.initialize();
    await generateData(ds, 'ward');
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('writes plausible reports with consistent due dates, and refuses to duplicate on a re-run', async () => {
    const indexes = `SELECT indexrelid::regclass::text AS v FROM pg_index
                      WHERE indrelid IN ('report'::regclass, 'report_subject'::regclass, 'report_timeline_entry'::regclass)`;
    const before = values(await ds.query(indexes));
    // An administrator changed the holiday calendar (version 2): the weekdays of the last 15 days
    // are days off. The generator must count with it, as the app does, not with the bundled file.
    const bundled = defaultHolidayCalendar();
    // Version 1 is the bundled file, written on first use as the app writes it on start.
    expect((await storedRuleData(ds.manager)).calendar.isWorkingDay('2026-09-02')).toBe(bundled.isWorkingDay('2026-09-02'));
    const [v1] = (await ds.query(`SELECT data FROM rule_data_version WHERE kind = 'HOLIDAY_CALENDAR' AND version = 1`)) as [
      { data: { years: number[]; days: Array<{ date: string }> } },
    ];
    const offDays = Array.from({ length: 15 }, (_, i) => addCalendarDays(localDateOf(new Date()), -1 - i)).filter(
      (d) => bundled.isWorkingDay(d) && v1.data.years.includes(Number(d.slice(0, 4))),
    );
    expect(offDays.length).toBeGreaterThan(0);
    await ds.query(
      `INSERT INTO rule_data_version (kind, version, data, reason, summary) VALUES ('HOLIDAY_CALENDAR', 2, $1::jsonb, 'kiểm thử', 'nghỉ 15 ngày')`,
      [
        JSON.stringify({
          ...v1.data,
          days: [...v1.data.days, ...offDays.map((date) => ({ date, name: 'Nghỉ (kiểm thử)', type: 'HOLIDAY' }))].sort((a, b) =>
            a.date.localeCompare(b.date),
          ),
        }),
      ],
    );
    const stored = await storedRuleData(ds.manager);
    expect(offDays.every((d) => !stored.calendar.isWorkingDay(d))).toBe(true);
    const progress: Array<[number, number]> = [];
    const summary = await generateReports(ds, 2000, {
      batchSize: 500,
      rebuildIndexes: true,
      onProgress: (done, total) => progress.push([done, total]),
    });
    // The indexes dropped for the bulk load are all back.
    expect(values(await ds.query(indexes))).toEqual(before);
    expect(before).toContain('report_search_trgm_idx');
    expect(summary).toMatchObject({ outcome: 'generated', reports: 2000, timelineEntries: 2000 });
    expect(progress[0]).toEqual([0, 2000]);
    expect(progress[progress.length - 1]).toEqual([2000, 2000]);

    const [counts] = await ds.query(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE status IN (${OPEN}))::int AS open,
              count(*) FILTER (WHERE status IN (${OPEN}) AND due_at IS NULL)::int AS open_without_due,
              count(*) FILTER (WHERE status NOT IN (${OPEN}) AND due_at IS NOT NULL)::int AS closed_with_due,
              count(*) FILTER (WHERE status IN (${OPEN}) AND due_at < now())::int AS overdue,
              count(*) FILTER (WHERE content_redacted <> content)::int AS redacted_differs,
              count(DISTINCT receipt_key)::int AS receipt_keys,
              count(*) FILTER (WHERE (receipt_key IS NULL) <> (source = 'PRESS'))::int AS receipt_key_mismatch,
              count(*) FILTER (WHERE stage_started_at < received_at OR stage_started_at > now() OR received_at > now())::int AS bad_times,
              count(*) FILTER (WHERE received_at < now() - interval '2 years 1 day')::int AS too_old,
              count(*) FILTER (WHERE rule_set_id <> CASE WHEN (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date >= '2026-07-01' THEN 'vn-2026-07' ELSE 'vn-2025-07' END)::int AS wrong_rule_set,
              count(*) FILTER (WHERE treated_as_information AND status IN ('ACCEPTED', 'UNDER_VERIFICATION', 'CONCLUDED'))::int AS anonymous_accepted,
              count(*) FILTER (WHERE status = 'MERGED' AND merged_into_id IS NULL)::int AS merged_without_target,
              count(*) FILTER (WHERE content_hash = $1)::int AS marked
         FROM report`,
      [GENERATED_REPORT_MARK],
    );
    expect(counts).toMatchObject({
      n: 2000,
      open_without_due: 0,
      closed_with_due: 0,
      redacted_differs: 0,
      receipt_key_mismatch: 0,
      bad_times: 0,
      too_old: 0,
      wrong_rule_set: 0,
      anonymous_accepted: 0,
      merged_without_target: 0,
      marked: 2000,
    });
    const [{ press }] = await ds.query(`SELECT count(*)::int AS press FROM report WHERE source = 'PRESS'`);
    expect(counts.receipt_keys).toBe(2000 - press);
    // Some open reports, a realistic share overdue (about 9% of all reports; 2,000 leave some spread).
    expect(counts.open).toBeGreaterThan(100);
    expect(counts.overdue / 2000).toBeGreaterThan(0.04);
    expect(counts.overdue / 2000).toBeLessThan(0.13);
    expect(counts.overdue).toBeLessThan(counts.open);
    expect(summary.overdue).toBe(counts.overdue);

    // Every value of every enumeration shows up.
    const present = async (column: string) => values(await ds.query(`SELECT DISTINCT ${column}::text AS v FROM report`));
    expect(await present('status')).toEqual(Object.values(ReportStatus).sort());
    expect(await present('kind')).toEqual(Object.values(ReportKind).sort());
    expect(await present('source')).toEqual(Object.values(ReportSource).sort());
    expect(await present('channel')).toEqual(Object.values(ReportChannel).sort());
    expect(await present('field')).toEqual(Object.values(ReportField).sort());

    // Subjects are generated cadres and units; one RECEIVED entry per report.
    const [links] = await ds.query(
      `SELECT count(DISTINCT s.report_id)::int AS reports,
              count(*) FILTER (WHERE coalesce(u.code, cu.code) NOT LIKE 'GEN%')::int AS foreign
         FROM report_subject s LEFT JOIN unit u ON u.id = s.unit_id LEFT JOIN cadre c ON c.id = s.cadre_id LEFT JOIN unit cu ON cu.id = c.unit_id`,
    );
    expect(links.reports).toBeGreaterThan(400);
    expect(links.foreign).toBe(0);
    const [timeline] = await ds.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE t.at <> r.received_at OR t.type <> 'RECEIVED')::int AS off
         FROM report_timeline_entry t JOIN report r ON r.id = t.report_id`,
    );
    expect(timeline).toEqual({ n: 2000, off: 0 });

    // Due dates are the ones the service computes for the same report, with the stored calendar.
    const deadlines = new RuleBasedDeadlines(defaultRuleSets(), stored.calendar);
    const withBundled = new RuleBasedDeadlines(defaultRuleSets(), bundled);
    let moved = 0;
    const open = await ds
      .getRepository(Report)
      .createQueryBuilder('r')
      .where(`r.status IN (${OPEN})`)
      .orderBy('r.id')
      .take(300)
      .getMany();
    for (const r of open) {
      const expected = deadlines.dueAt(r, []);
      expect({ id: r.id, due: r.dueAt?.toISOString() }).toEqual({ id: r.id, due: expected?.toISOString() });
      if (withBundled.dueAt(r, [])?.getTime() !== expected?.getTime()) moved += 1;
    }
    // The changed calendar made a difference (recent reports' working-day periods span the days off).
    expect(moved).toBeGreaterThan(0);

    const again = await generateReports(ds, 2000);
    expect(again.outcome).toBe('already-filled');
    expect(again.reports).toBe(2000);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM report`);
    expect(n).toBe(2000);
  }, 120_000);
});

describe('reports(filter: {overdue: true}) over generated reports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    await generateData(t.app.dataSource, 'ward');
    await generateReports(t.app.dataSource, 2000);
  }, 120_000);
  afterAll(async () => {
    await t.stop();
  });

  it('returns the 50 most overdue reports and the total the database counts', async () => {
    const token = await t.login('kiemtra@anbien.test');
    const res = await t.gql<{
      reports: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean };
        edges: Array<{ node: { id: string; status: ReportStatus; dueAt: string; receivedAt: string } }>;
      };
    }>(
      '{ reports(filter: { overdue: true }, first: 50) { totalCount pageInfo { hasNextPage } edges { node { id status dueAt receivedAt } } } }',
      {},
      token,
    );
    expect(res.body.errors).toBeUndefined();
    const page = res.body.data!.reports;
    // The same filter in SQL, with the rule that hides from a cadre the denunciations about them.
    const [{ n }] = await t.app.dataSource.query(
      `SELECT count(*)::int AS n FROM report r
        WHERE r.status IN (${OPEN}) AND r.due_at < now()
          AND NOT (r.kind = 'DENUNCIATION' AND EXISTS (
                SELECT 1 FROM report_subject s JOIN account a ON a.cadre_id = s.cadre_id
                 WHERE s.report_id = r.id AND a.email = 'kiemtra@anbien.test'))`,
    );
    expect(n).toBeGreaterThan(50);
    expect(page.totalCount).toBe(n);
    expect(page.edges).toHaveLength(50);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const now = Date.now();
    for (const { node } of page.edges) {
      expect(OPEN_STATUSES).toContain(node.status);
      expect(new Date(node.dueAt).getTime()).toBeLessThan(now);
    }
    // Most urgent first: the due dates never decrease down the page.
    const due = page.edges.map((e) => new Date(e.node.dueAt).getTime());
    expect([...due].sort((a, b) => a - b)).toEqual(due);
  });
});
