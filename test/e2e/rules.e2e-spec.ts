import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { type App, startApp } from '../../src/app';
import { Role } from '../../src/common/role.enum';
import { RuleDataKind } from '../../src/modules/rules/rule-data.entity';
import { addCalendarDays, addWorkingDays, defaultHolidayCalendar, localDateOf } from '../../src/modules/reports/legal-calendar';
import { sleep } from '../support/board-subscriber';
import { onlyError, startTestApp, TEST_JWT_SECRET, testConfig, type TestApp } from '../support/test-app';

/**
 * Issue 22, item 7: deadline rule sets, the holiday calendar and discipline rule sets live in the
 * database, seeded from the bundled files, changed by ADMIN with an audit; a corrected holiday
 * recomputes the due dates of open reports whose current stage spans it, and only those.
 */
const RECORD = `mutation($i: RecordReportInput!) { recordReport(input: $i) { receiptCode dueAt } }`;
const CALENDAR = `mutation($i: ChangeHolidayCalendarInput!) { changeHolidayCalendar(input: $i) {
  kind version reason summary changedByEmail recomputedReports effectiveFrom changeJson } }`;
const ADD_DEADLINES = `mutation($i: AddRuleSetInput!) { addDeadlineRuleSet(input: $i) { kind version effectiveFrom summary } }`;
const ADD_DISCIPLINE = `mutation($i: AddRuleSetInput!) { addDisciplineRuleSet(input: $i) { kind version effectiveFrom } }`;
const CURRENT = `query($k: RuleDataKind!, $v: Int) { ruleData(kind: $k, version: $v) { kind version document reason changedByEmail } }`;
const HISTORY = `query($k: RuleDataKind!) { ruleDataHistory(kind: $k) { version reason summary changedByEmail changeJson } }`;

describe('rule data in the database', () => {
  let t: TestApp;
  let admin: string;
  let intake: string;
  let viewer: string;
  const q = async <T>(sql: string, params: unknown[] = []) => (await t.owner.query(sql, params)) as T[];
  const today = localDateOf(new Date());
  const cal = defaultHolidayCalendar();

  const ok = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
    const res = await t.gql<T>(query, variables, token);
    if (res.body.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(res.body.errors)}`);
    return res.body.data!;
  };

  const record = async () => {
    const title = `Tố cáo kiểm thử lịch ${Math.random().toString(36).slice(2, 8)}`;
    await ok(
      RECORD,
      {
        i: {
          kind: 'DENUNCIATION',
          field: 'PUBLIC_FINANCE',
          source: 'CITIZEN',
          channel: 'RECEPTION',
          title,
          content: 'Cán bộ phòng kinh tế yêu cầu nộp thêm tiền ngoài quy định khi thẩm định hồ sơ.',
          reporter: { fullName: 'Đỗ Văn Hùng' },
        },
      },
      intake,
    );
    const [row] = await q<{ id: string; due_at: Date; rule_set_id: string }>(
      `SELECT id, due_at, rule_set_id FROM report WHERE title = $1`,
      [title],
    );
    return row!;
  };
  const versions = async (kind: RuleDataKind) =>
    Number((await q<{ n: string }>(`SELECT count(*) AS n FROM rule_data_version WHERE kind = $1`, [kind]))[0]!.n);

  beforeAll(async () => {
    t = await startTestApp({ seed: true, seedInspections: true });
    admin = await t.tokenFor(Role.ADMIN);
    intake = await t.tokenFor(Role.INTAKE_STAFF);
    viewer = await t.tokenFor(Role.VIEWER);
  });
  afterAll(() => t?.stop());

  it('seeds version 1 of each kind from the bundled files, once, and shows it to staff', async () => {
    const rows = await q<{ kind: string; version: number; changed_by_id: string | null }>(
      `SELECT kind, version, changed_by_id FROM rule_data_version ORDER BY kind`,
    );
    expect(rows).toEqual([
      { kind: 'DEADLINE_RULES', version: 1, changed_by_id: null },
      { kind: 'HOLIDAY_CALENDAR', version: 1, changed_by_id: null },
      { kind: 'DISCIPLINE_RULES', version: 1, changed_by_id: null },
      { kind: 'RETENTION_RULES', version: 1, changed_by_id: null },
    ]);
    // Starting again (a second start, another instance) writes nothing more.
    await t.app.services.ruleCatalog.seed(t.app.dataSource.manager);
    expect(await versions(RuleDataKind.HOLIDAY_CALENDAR)).toBe(1);
    const { ruleData } = await ok<{ ruleData: { version: number; document: string; reason: string } }>(
      CURRENT,
      { k: 'HOLIDAY_CALENDAR' },
      viewer,
    );
    expect(ruleData.version).toBe(1);
    expect(ruleData.reason).toContain('vn-holidays.json');
    expect((JSON.parse(ruleData.document) as { years: number[] }).years).toEqual([2025, 2026, 2027]);
  });

  it('lets only ADMIN change rule data', async () => {
    const res = await t.gql(CALENDAR, { i: { addYears: [2028], reason: 'thêm năm' } }, intake);
    expect(onlyError(res).extensions?.['code']).toBe('FORBIDDEN');
    expect(await versions(RuleDataKind.HOLIDAY_CALENDAR)).toBe(1);
  });

  it('refuses a malformed holiday date in Vietnamese, writing nothing', async () => {
    const res = await t.gql(
      CALENDAR,
      { i: { set: [{ date: '2026-02-30', name: 'Ngày không có', type: 'HOLIDAY' }], reason: 'thử' } },
      admin,
    );
    const err = onlyError(res);
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HOLIDAY_DATE_MALFORMED' });
    expect(err.message).toContain('2026-02-30');
    expect(err.message).toContain('không phải một ngày có thật');
    expect(await versions(RuleDataKind.HOLIDAY_CALENDAR)).toBe(1);
    const blank = await t.gql(CALENDAR, { i: { addYears: [2028], reason: '  ' } }, admin);
    expect(onlyError(blank).extensions?.['reason']).toBe('RULE_CHANGE_REASON_REQUIRED');
    const weekday = await t.gql(
      CALENDAR,
      { i: { set: [{ date: '2026-12-09', name: 'Làm bù', type: 'WORKING_DAY' }], reason: 'thử' } },
      admin,
    );
    expect(onlyError(weekday).extensions?.['reason']).toBe('HOLIDAY_WORKING_DAY_ON_WEEKDAY');
    expect(onlyError(weekday).message).toContain('phải là thứ Bảy hoặc Chủ nhật');
    expect(await versions(RuleDataKind.HOLIDAY_CALENDAR)).toBe(1);
  });

  it('recomputes the due dates of open reports whose stage spans a corrected holiday, and only those', async () => {
    const spanning = await record();
    const dueBefore = localDateOf(spanning.due_at);
    // A working day inside the acceptance period (received today, due 7 working days later).
    const holiday = addWorkingDays(today, 3, cal);
    expect(holiday <= dueBefore).toBe(true);
    // A report whose stage ended before the holiday, with a due date no rule gives (so a
    // recomputation would show): it must keep it.
    const earlier = await record();
    const received = addCalendarDays(holiday, -40);
    const marker = new Date(`${addCalendarDays(holiday, -20)}T05:00:00.000Z`);
    await q(`UPDATE report SET received_at = $2, stage_started_at = $2, due_at = $3 WHERE id = $1`, [
      earlier.id,
      `${received}T03:00:00Z`,
      marker,
    ]);

    const { changeHolidayCalendar: v } = await ok<{
      changeHolidayCalendar: {
        version: number;
        recomputedReports: number;
        changedByEmail: string;
        summary: string;
        changeJson: string;
      };
    }>(
      CALENDAR,
      {
        i: { set: [{ date: holiday, name: 'Nghỉ bù (đính chính)', type: 'HOLIDAY' }], reason: 'Thông báo đính chính lịch nghỉ' },
      },
      admin,
    );
    expect(v).toMatchObject({ version: 2, changedByEmail: 'admin@anbien.test' });
    expect(JSON.parse(v.changeJson)).toMatchObject({ old: [], new: [{ date: holiday, type: 'HOLIDAY' }] });

    const [after] = await q<{ due_at: Date }>(`SELECT due_at FROM report WHERE id = $1`, [spanning.id]);
    expect(localDateOf(after!.due_at)).toBe(addWorkingDays(dueBefore, 1, cal));
    const [kept] = await q<{ due_at: Date }>(`SELECT due_at FROM report WHERE id = $1`, [earlier.id]);
    expect(kept!.due_at.toISOString()).toBe(marker.toISOString());
    const [audit] = await q<{ recomputed: Array<{ reportId: string }> }>(
      `SELECT recomputed FROM rule_data_version WHERE kind = 'HOLIDAY_CALENDAR' AND version = 2`,
    );
    const ids = audit!.recomputed.map((r) => r.reportId);
    expect(ids).toContain(spanning.id);
    expect(ids).not.toContain(earlier.id);
    expect(v.recomputedReports).toBe(ids.length);
    // Each recomputed report says so on its timeline, with the old and new due date and why; the others say nothing.
    const entries = await q<{ report_id: string; actor: string; note: string; correction: unknown }>(
      `SELECT report_id, actor, note, correction FROM report_timeline_entry
        WHERE type = 'CORRECTED' AND correction->>'attribute' = 'DUE_AT' AND note LIKE '%lịch nghỉ lễ, Tết thay đổi%'`,
    );
    expect(entries.map((e) => e.report_id).sort()).toEqual([...ids].sort());
    const mine = entries.find((e) => e.report_id === spanning.id)!;
    expect(mine).toMatchObject({
      actor: 'SYSTEM',
      correction: { attribute: 'DUE_AT', from: [spanning.due_at.toISOString()], to: [after!.due_at.toISOString()] },
    });
    expect(mine.note).toBe(
      `Hạn được tính lại từ ngày ${dueBefore} thành ngày ${localDateOf(after!.due_at)} vì lịch nghỉ lễ, Tết thay đổi (đặt ngày ${holiday}: Thông báo đính chính lịch nghỉ).`,
    );
    const shown = await ok<{ report: { timeline: Array<{ type: string; actor: string; note: string | null }> } }>(
      `query($id: ID!) { report(id: $id) { timeline { type actor note } } }`,
      { id: spanning.id },
      await t.tokenFor(Role.INSPECTION_COMMITTEE),
    );
    expect(shown.report.timeline.at(-1)).toEqual({ type: 'CORRECTED', actor: 'SYSTEM', note: mine.note });
    expect(await q(`SELECT 1 FROM report_timeline_entry WHERE report_id = $1 AND type = 'CORRECTED'`, [earlier.id])).toEqual([]);

    // New reports count with the new calendar at once (the catalog was refreshed after commit).
    const fresh = await record();
    expect(localDateOf(fresh.due_at)).toBe(localDateOf(after!.due_at));

    // Removing it again puts the due date back.
    const { changeHolidayCalendar: back } = await ok<{ changeHolidayCalendar: { recomputedReports: number } }>(
      CALENDAR,
      { i: { remove: [holiday], reason: 'Thông báo bị thu hồi' } },
      admin,
    );
    expect(back.recomputedReports).toBe(v.recomputedReports + 1);
    const [again] = await q<{ due_at: Date }>(`SELECT due_at FROM report WHERE id = $1`, [spanning.id]);
    expect(localDateOf(again!.due_at)).toBe(dueBefore);

    const { ruleDataHistory } = await ok<{ ruleDataHistory: Array<{ version: number; reason: string }> }>(
      HISTORY,
      { k: 'HOLIDAY_CALENDAR' },
      viewer,
    );
    expect(ruleDataHistory.map((h) => [h.version, h.reason])).toEqual([
      [3, 'Thông báo bị thu hồi'],
      [2, 'Thông báo đính chính lịch nghỉ'],
      [1, expect.stringContaining('vn-holidays.json')],
    ]);
  });

  it('adds a deadline rule set only from a day after every report received, and reports keep theirs', async () => {
    const report = await record();
    const { ruleData } = await ok<{ ruleData: { document: string } }>(CURRENT, { k: 'DEADLINE_RULES' }, viewer);
    const sets = (JSON.parse(ruleData.document) as { ruleSets: Array<Record<string, unknown>> }).ruleSets;
    const latest = sets[sets.length - 1]!;
    const newSet = (effectiveFrom: string) =>
      JSON.stringify({ ...latest, id: `vn-test-${effectiveFrom}`, effectiveFrom, source: 'Nghị định giả định (kiểm thử)' });

    const past = await t.gql(ADD_DEADLINES, { i: { ruleSet: newSet(today), reason: 'Nghị định mới' } }, admin);
    const err = onlyError(past);
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RULE_SET_EFFECTIVE_FOR_RECEIVED' });
    expect(err.message).toContain(`đã có đơn tiếp nhận ngày ${today}`);
    expect(await versions(RuleDataKind.DEADLINE_RULES)).toBe(1);

    const badJson = await t.gql(ADD_DEADLINES, { i: { ruleSet: '{ id: ', reason: 'x' } }, admin);
    expect(onlyError(badJson).extensions?.['reason']).toBe('RULE_DATA_MALFORMED');
    const badDate = await t.gql(ADD_DEADLINES, { i: { ruleSet: newSet('2027-02-30'), reason: 'x' } }, admin);
    expect(onlyError(badDate).extensions?.['reason']).toBe('RULE_DATE_MALFORMED');
    const taken = await t.gql(
      ADD_DEADLINES,
      { i: { ruleSet: JSON.stringify({ ...latest, effectiveFrom: '2027-06-01' }), reason: 'x' } },
      admin,
    );
    expect(onlyError(taken).extensions?.['reason']).toBe('RULE_SET_ID_TAKEN');
    expect(await versions(RuleDataKind.DEADLINE_RULES)).toBe(1);

    const from = addCalendarDays(today, 2);
    const { addDeadlineRuleSet } = await ok<{ addDeadlineRuleSet: { version: number; effectiveFrom: string } }>(
      ADD_DEADLINES,
      { i: { ruleSet: newSet(from), reason: 'Nghị định mới có hiệu lực' } },
      admin,
    );
    expect(addDeadlineRuleSet).toMatchObject({ version: 2, effectiveFrom: from });
    expect(t.app.services.ruleCatalog.deadlineRuleSets().map((s) => s.id)).toContain(`vn-test-${from}`);
    const [still] = await q<{ due_at: Date; rule_set_id: string }>(`SELECT due_at, rule_set_id FROM report WHERE id = $1`, [
      report.id,
    ]);
    expect(still).toEqual({ due_at: report.due_at, rule_set_id: report.rule_set_id });
  });

  it('adds a discipline rule set only after the last decision taken', async () => {
    const { ruleData } = await ok<{ ruleData: { document: string } }>(CURRENT, { k: 'DISCIPLINE_RULES' }, viewer);
    const sets = (JSON.parse(ruleData.document) as { ruleSets: Array<Record<string, unknown>> }).ruleSets;
    const latestSet = () => sets[sets.length - 1]!;
    const [{ latest }] = (await q<{ latest: string | null }>(
      `SELECT max(decision_date)::text AS latest FROM discipline_case`,
    )) as [{ latest: string | null }];
    expect(latest).not.toBeNull();
    const refused = await t.gql(
      ADD_DISCIPLINE,
      { i: { ruleSet: JSON.stringify({ ...latestSet(), id: 'qd-test-past', effectiveFrom: latest }), reason: 'x' } },
      admin,
    );
    expect(onlyError(refused).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RULE_SET_EFFECTIVE_FOR_RECEIVED' });
    expect(await versions(RuleDataKind.DISCIPLINE_RULES)).toBe(1);
    const from = addCalendarDays(today, 3);
    const { addDisciplineRuleSet } = await ok<{ addDisciplineRuleSet: { version: number } }>(
      ADD_DISCIPLINE,
      { i: { ruleSet: JSON.stringify({ ...latestSet(), id: 'qd-test-next', effectiveFrom: from }), reason: 'Quy định mới' } },
      admin,
    );
    expect(addDisciplineRuleSet.version).toBe(2);
    expect(t.app.services.ruleCatalog.disciplineRuleSets().map((s) => s.id)).toContain('qd-test-next');
  });

  it('tells another instance of a change through the outbox, so it counts with the new calendar', async () => {
    let second: App | undefined;
    try {
      second = await startApp({
        config: testConfig(),
        logger: pino({ level: 'silent' }),
        databaseUrl: t.db.url,
        migrationDatabaseUrl: t.db.ownerUrl,
      });
      const before = second.services.ruleCatalog.currentOf(RuleDataKind.HOLIDAY_CALENDAR).version;
      const holiday = addWorkingDays(today, 2, cal);
      await ok(
        CALENDAR,
        { i: { set: [{ date: holiday, name: 'Nghỉ đột xuất', type: 'HOLIDAY' }], reason: 'Quyết định của tỉnh' } },
        admin,
      );
      for (let i = 0; i < 200 && second.services.ruleCatalog.currentOf(RuleDataKind.HOLIDAY_CALENDAR).version === before; i++)
        await sleep(50);
      const calendar = second.services.ruleCatalog.holidayCalendar();
      expect(calendar.isWorkingDay(holiday)).toBe(false);
      expect(cal.isWorkingDay(holiday)).toBe(true);
    } finally {
      await second?.stop();
    }
  });

  it('changes the calendar from the command line too, with the same checks and audit (npm run rules)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'giamsat-rules-'));
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'rules.js'), ...args], {
          env: {
            PATH: process.env['PATH'] ?? '',
            DATABASE_URL: t.db.url,
            MIGRATION_DATABASE_URL: t.db.ownerUrl,
            JWT_SECRET: TEST_JWT_SECRET,
            NODE_ENV: 'test',
            LOG_LEVEL: 'warn',
            DATA_DIR: dir,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.once('exit', (code) => resolve({ code, stdout, stderr }));
      });
    try {
      const count = await versions(RuleDataKind.HOLIDAY_CALENDAR);
      const bad = path.join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ set: [{ date: '2026-02-30', name: 'Sai', type: 'HOLIDAY' }] }));
      const refused = await run(['holidays', bad, '--reason', 'thử', '--as', 'admin@anbien.test']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('HOLIDAY_DATE_MALFORMED');
      expect(await versions(RuleDataKind.HOLIDAY_CALENDAR)).toBe(count);

      const good = path.join(dir, 'good.json');
      writeFileSync(
        good,
        JSON.stringify({ addYears: [2028], set: [{ date: '2028-01-01', name: 'Tết Dương lịch', type: 'HOLIDAY' }] }),
      );
      const done = await run(['holidays', good, '--reason', 'Lịch nghỉ năm 2028', '--as', 'admin@anbien.test']);
      expect(done).toMatchObject({ code: 0 });
      expect(done.stdout).toContain(`v${count + 1}`);
      const history = await run(['history', 'HOLIDAY_CALENDAR']);
      expect(history.stdout.split('\n')[0]).toContain('Lịch nghỉ năm 2028');
      expect(history.stdout).toContain('admin@anbien.test');
      // The running app heard of it through the outbox.
      for (let i = 0; i < 200 && !t.app.services.ruleCatalog.holidayCalendar().covers('2028-06-01'); i++) await sleep(50);
      expect(t.app.services.ruleCatalog.holidayCalendar().covers('2028-06-01')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Three runs of the built command, each loading the whole app: seconds each on a busy machine.
  }, 120_000);

  it('moves a merged press report’s reply deadline over a corrected holiday, and the deadline its target carries', async () => {
    const ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    const idOf = async (title: string) =>
      (await q<{ id: string; version: number }>(`SELECT id, version FROM report WHERE title = $1`, [title]))[0]!;
    const move = async (title: string, to: string, extra: Record<string, unknown> = {}) => {
      const r = await idOf(title);
      await ok(
        `mutation($i: TransitionReportInput!) { transitionReport(input: $i) { id } }`,
        { i: { id: r.id, version: r.version, to, ...extra } },
        ic,
      );
    };
    const targetTitle = `Phản ánh đèn đường kiểm thử lịch ${Math.random().toString(36).slice(2, 8)}`;
    await ok(
      RECORD,
      {
        i: {
          kind: 'FEEDBACK',
          field: 'CONSTRUCTION',
          source: 'CITIZEN',
          channel: 'RECEPTION',
          title: targetTitle,
          content: 'Đèn đường khu phố 3 tắt nhiều tuần, đề nghị phường kiểm tra.',
        },
      },
      intake,
    );
    await move(targetTitle, 'CLASSIFIED');
    await move(targetTitle, 'ACCEPTED');
    const articleTitle = `Đèn đường tắt, người dân lo mất an toàn ${Math.random().toString(36).slice(2, 8)}`;
    await ok(
      `mutation($i: RecordPressReportInput!) { recordPressReport(input: $i) { id } }`,
      {
        i: {
          outlet: 'Báo Kiên Giang',
          articleTitle,
          url: `https://bao.example.vn/${encodeURIComponent(articleTitle)}.html`,
          publishedOn: today,
          excerpt: 'Báo đề nghị phường trả lời về việc đèn đường tắt.',
          kind: 'FEEDBACK',
          field: 'CONSTRUCTION',
        },
      },
      intake,
    );
    const press = await idOf(articleTitle);
    // Asked 25 days ago: the reply is due in about 5 days, before the target's own deadline.
    await q(
      `UPDATE report SET received_at = now() - interval '25 days', stage_started_at = now() - interval '25 days' WHERE id = $1`,
      [press.id],
    );
    await t.app.services.reports.recomputeDue(
      { manager: t.owner.manager } as Parameters<typeof t.app.services.reports.recomputeDue>[0],
      press.id,
    );
    await move(articleTitle, 'MERGED', { mergeInto: (await idOf(targetTitle)).id });
    const dues = async () =>
      (
        await q<{ press: Date; carried: Date; target: Date; target_id: string }>(
          `SELECT p.due_at AS press, t.merged_press_due_at AS carried, t.due_at AS target, t.id AS target_id
             FROM report p JOIN report t ON t.id = p.merged_into_id WHERE p.id = $1`,
          [press.id],
        )
      )[0]!;
    const before = await dues();
    expect(before.carried.toISOString()).toBe(before.press.toISOString());
    expect(before.target.toISOString()).toBe(before.press.toISOString());
    const replyDay = localDateOf(before.press);

    const { changeHolidayCalendar: v } = await ok<{ changeHolidayCalendar: { version: number } }>(
      CALENDAR,
      { i: { set: [{ date: replyDay, name: 'Nghỉ đột xuất (kiểm thử)', type: 'HOLIDAY' }], reason: 'Thông báo nghỉ đột xuất' } },
      admin,
    );
    const after = await dues();
    expect(localDateOf(after.press) > replyDay).toBe(true);
    expect(after.carried.toISOString()).toBe(after.press.toISOString());
    expect(after.target.toISOString()).toBe(after.press.toISOString());
    const [audit] = await q<{ recomputed: Array<{ reportId: string }> }>(
      `SELECT recomputed FROM rule_data_version WHERE kind = 'HOLIDAY_CALENDAR' AND version = $1`,
      [v.version],
    );
    expect(audit!.recomputed.map((r) => r.reportId)).toEqual(expect.arrayContaining([press.id, after.target_id]));
    const entries = await q<{ report_id: string; note: string }>(
      `SELECT report_id, note FROM report_timeline_entry WHERE report_id IN ($1, $2) AND type = 'CORRECTED' AND actor = 'SYSTEM'`,
      [press.id, after.target_id],
    );
    expect(entries.map((e) => e.report_id).sort()).toEqual([press.id, after.target_id].sort());
    for (const e of entries)
      expect(e.note).toBe(
        `Hạn được tính lại từ ngày ${replyDay} thành ngày ${localDateOf(after.press)} vì lịch nghỉ lễ, Tết thay đổi (đặt ngày ${replyDay}: Thông báo nghỉ đột xuất).`,
      );
    await ok(CALENDAR, { i: { remove: [replyDay], reason: 'Thu hồi thông báo nghỉ đột xuất' } }, admin);
    expect((await dues()).press.toISOString()).toBe(before.press.toISOString());
  });
});
