import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../ormconfig';
import { Role } from '../../src/common/role.enum';
import { DeadlineWatcher } from '../../src/modules/board/deadline-watcher';
import { startTestApp, type TestApp } from '../support/test-app';

const DAY = 24 * 3600 * 1000;
const RECORD = `mutation($i: RecordReportInput!) { recordReport(input: $i) { status dueAt } }`;
const TRANSITION = `mutation($i: TransitionReportInput!) { transitionReport(input: $i) { id status version dueAt } }`;

describe('the deadline watcher', () => {
  let t: TestApp;
  let other: DataSource;
  let staff: string;
  let ic: string;
  const logger = pino({ level: 'silent' });
  const watcher = (ds: DataSource) =>
    new DeadlineWatcher(ds, { dueSoonDays: 3, intervalMs: 0, logger, makeLoaders: t.app.services.makeLoaders, batchSize: 2 });

  /** A report recorded by intake staff; its id, version and due date. */
  const newReport = async () => {
    const res = await t.gql(
      RECORD,
      {
        i: {
          kind: 'FEEDBACK',
          field: 'OTHER',
          title: 'Đèn đường hỏng',
          content: 'Đèn đường trong hẻm hỏng đã lâu.',
          source: 'CITIZEN',
          channel: 'PHONE',
        },
      },
      staff,
    );
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    const [row] = (await t.app.dataSource.query(
      `SELECT id, version, due_at FROM report ORDER BY created_at DESC, id LIMIT 1`,
    )) as Array<{
      id: string;
      version: number;
      due_at: Date;
    }>;
    return { id: row!.id, version: row!.version, dueAt: row!.due_at };
  };
  const move = async (r: { id: string; version: number }, to: string, extra: Record<string, unknown> = {}) => {
    const res = await t.gql<{ transitionReport: { version: number; dueAt: string | null } }>(
      TRANSITION,
      { i: { id: r.id, version: r.version, to, ...extra } },
      ic,
    );
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    r.version = res.body.data!.transitionReport.version;
    return res.body.data!.transitionReport;
  };
  const alertEvents = async (reportId: string) =>
    (await t.app.dataSource.query(
      `SELECT type, payload, unit_ids FROM outbox_event WHERE type IN ('REPORT_DUE_SOON', 'REPORT_OVERDUE') AND payload->>'reportId' = $1 ORDER BY id`,
      [reportId],
    )) as Array<{ type: string; payload: Record<string, unknown> }>;

  beforeAll(async () => {
    // The app's own watcher is off (interval 0): the tests drive two watchers by hand, with a clock of their own.
    t = await startTestApp({ seed: true, env: { DEADLINE_WATCH_INTERVAL_MS: '0' } });
    other = createDataSource({ url: t.db.url, poolSize: 3, applicationName: 'giamsat-second-instance' });
    await other.initialize();
    staff = await t.tokenFor(Role.INTAKE_STAFF);
    ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
  });

  afterAll(async () => {
    await other?.destroy();
    await t?.stop();
  });

  it('alerts on its first run on a database every open report already overdue, however long ago (a fresh start shows them)', async () => {
    const old = await newReport();
    // Overdue for 30 days: longer than the lookback, which a first run does not apply.
    const run = await watcher(t.app.dataSource).runOnce(new Date(old.dueAt.getTime() + 30 * DAY));
    expect(run).toEqual({ dueSoon: 0, overdue: 1 });
    expect((await alertEvents(old.id)).map((e) => e.type)).toEqual(['REPORT_OVERDUE']);
    // Later runs know it: no second event for that due date.
    expect(await watcher(other).runOnce(new Date(old.dueAt.getTime() + 31 * DAY))).toEqual({ dueSoon: 0, overdue: 0 });
    expect(await alertEvents(old.id)).toHaveLength(1);
    // Out of the way of the next tests, whose clocks go back before its due date.
    await t.app.dataSource.query(`UPDATE report SET status = 'CLOSED', due_at = NULL WHERE id = $1`, [old.id]);
  });

  it('emits each due-soon and overdue alert once when two instances race on the same database', async () => {
    const reports = [await newReport(), await newReport(), await newReport(), await newReport(), await newReport()];
    const latest = Math.max(...reports.map((r) => r.dueAt.getTime()));
    const earliest = Math.min(...reports.map((r) => r.dueAt.getTime()));
    const a = watcher(t.app.dataSource);
    const b = watcher(other);
    // Within 3 days of every due date, before any of them: DUE_SOON for each.
    const soon = new Date(latest - 2 * DAY);
    expect(soon.getTime()).toBeLessThan(earliest);
    const runs = await Promise.all([a.runOnce(soon), b.runOnce(soon), a.runOnce(soon), b.runOnce(soon)]);
    expect(runs.reduce((n, r) => n + r.dueSoon, 0)).toBe(5);
    // After every due date: OVERDUE for each.
    const late = new Date(latest + 3600_000);
    const lateRuns = await Promise.all([b.runOnce(late), a.runOnce(late), b.runOnce(late)]);
    expect(lateRuns.reduce((n, r) => n + r.overdue, 0)).toBe(5);
    expect(lateRuns.reduce((n, r) => n + r.dueSoon, 0)).toBe(0);
    for (const r of reports) {
      const events = await alertEvents(r.id);
      expect(events.map((e) => e.type)).toEqual(['REPORT_DUE_SOON', 'REPORT_OVERDUE']);
      expect(events[0]!.payload).toMatchObject({
        reportId: r.id,
        kind: 'FEEDBACK',
        status: 'RECEIVED',
        dueAt: r.dueAt.toISOString(),
        dueSoonDays: 3,
      });
      expect(JSON.stringify(events)).not.toMatch(/Đèn|content|title/);
    }
    // Nothing more, however often it runs.
    expect(await a.runOnce(new Date(latest + 5 * DAY))).toEqual({ dueSoon: 0, overdue: 0 });
  });

  it('alerts again for the new due date of a report moved to a new stage', async () => {
    const r = await newReport();
    const w = watcher(t.app.dataSource);
    expect((await w.runOnce(new Date(r.dueAt.getTime() + 60_000))).overdue).toBe(1);
    // Classification keeps the acceptance deadline; acceptance (thụ lý) starts the resolution one.
    await move(r, 'CLASSIFIED');
    const moved = await move(r, 'ACCEPTED');
    const newDue = new Date(moved.dueAt!);
    expect(newDue.getTime()).not.toBe(r.dueAt.getTime());
    expect(await w.runOnce(new Date(newDue.getTime() - DAY))).toMatchObject({ dueSoon: 1, overdue: 0 });
    expect(await w.runOnce(new Date(newDue.getTime() + 60_000))).toMatchObject({ dueSoon: 0, overdue: 1 });
    const events = await alertEvents(r.id);
    expect(events.map((e) => [e.type, e.payload['status'], e.payload['dueAt']])).toEqual([
      ['REPORT_OVERDUE', 'RECEIVED', r.dueAt.toISOString()],
      ['REPORT_DUE_SOON', 'ACCEPTED', newDue.toISOString()],
      ['REPORT_OVERDUE', 'ACCEPTED', newDue.toISOString()],
    ]);
  });

  it('gives no alert for a report first seen overdue for longer than the lookback (7 days)', async () => {
    const r = await newReport();
    expect(await watcher(t.app.dataSource).runOnce(new Date(r.dueAt.getTime() + 8 * DAY))).toEqual({
      dueSoon: 0,
      overdue: 0,
    });
    expect(await alertEvents(r.id)).toEqual([]);
    await t.app.dataSource.query(`UPDATE report SET status = 'CLOSED', due_at = NULL WHERE id = $1`, [r.id]);
  });

  it('gives closed reports no alert', async () => {
    const r = await newReport();
    await move(r, 'CLASSIFIED');
    await move(r, 'NOT_ACCEPTED', { reason: 'Nội dung đã được giải quyết trước đây.' });
    await move(r, 'CLOSED', { publicReply: 'Phường đã trả lời bằng văn bản.' });
    await watcher(t.app.dataSource).runOnce(new Date(Date.now() + 400 * DAY));
    expect(await alertEvents(r.id)).toEqual([]);
  });
});

describe('the deadline watcher on its timer', () => {
  it('runs in the app, writes its events, and stops with it', async () => {
    const t = await startTestApp({ seed: true, env: { DEADLINE_WATCH_INTERVAL_MS: '100' } });
    try {
      const staff = await t.tokenFor(Role.INTAKE_STAFF);
      // Its first run (on the database without reports) is done before the report exists.
      for (let i = 0; i < 200 && !(await t.app.dataSource.query(`SELECT 1 FROM deadline_watch_state`)).length; i++)
        await new Promise((r) => setTimeout(r, 25));
      await t.gql(
        RECORD,
        {
          i: {
            kind: 'PETITION',
            field: 'LAND',
            title: 'Kiến nghị',
            content: 'Kiến nghị về đo đạc đất.',
            source: 'CITIZEN',
            channel: 'MAIL',
          },
        },
        staff,
      );
      // Its due date moved to tomorrow: due soon.
      await t.app.dataSource.query(`UPDATE report SET due_at = now() + interval '1 day'`);
      const deadline = Date.now() + 10_000;
      let n = 0;
      while (Date.now() < deadline) {
        [{ n }] = (await t.app.dataSource.query(
          `SELECT count(*)::int AS n FROM outbox_event WHERE type = 'REPORT_DUE_SOON'`,
        )) as [{ n: number }];
        if (n > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(n).toBe(1);
    } finally {
      await t.stop();
    }
  });
});

describe('a fresh start of the demo', () => {
  it('shows in the feed the deadline alerts of the reports already overdue or due soon', async () => {
    // As `npm start` in demo mode: the seed first, then the watcher's first run.
    const t = await startTestApp({ env: { DEMO_SEED: 'true', DEADLINE_WATCH_INTERVAL_MS: '100' } });
    try {
      const ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
      const overdue = (await t.app.dataSource.query(
        `SELECT id FROM report WHERE due_at < now() AND status IN ('RECEIVED', 'CLASSIFIED', 'ACCEPTED', 'UNDER_VERIFICATION', 'CONCLUDED')`,
      )) as Array<{ id: string }>;
      expect(overdue.length).toBeGreaterThan(0);
      let alerted: string[] = [];
      for (let i = 0; i < 200 && alerted.length < overdue.length; i++) {
        await new Promise((r) => setTimeout(r, 50));
        alerted = (
          (await t.app.dataSource.query(
            `SELECT DISTINCT payload->>'reportId' AS id FROM outbox_event WHERE type = 'REPORT_OVERDUE'`,
          )) as Array<{ id: string }>
        ).map((r) => r.id);
      }
      expect(alerted.sort()).toEqual(overdue.map((r) => r.id).sort());
      const res = await t.gql<{ latestBoardEvents: { events: Array<{ type: string; summary: string }> } }>(
        '{ latestBoardEvents(count: 100) { events { type summary } } }',
        {},
        ic,
      );
      const lines = res.body.data!.latestBoardEvents.events.filter((e) => e.type === 'REPORT_OVERDUE');
      expect(lines.length).toBe(overdue.length);
      for (const l of lines)
        expect(l.summary).toMatch(/^Đơn (khiếu nại|tố cáo|kiến nghị|phản ánh) “.+” đã quá hạn xử lý \(hạn \d\d\/\d\d\/\d{4}\)$/);
    } finally {
      await t.stop();
    }
  });
});
