import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Role } from '../../src/common/role.enum';
import { DEMO_CHAIR_EMAIL } from '../../src/demo/accounts.seed';
import { onlyError, startTestApp, type TestApp } from '../support/test-app';

/**
 * Reminders (issue 27, item 3): the daily digest (bản nhắc việc hằng ngày) of each report handler
 * and of the Inspection Committee chair, on the board and by e-mail to a local SMTP sink.
 */
const REPORTER = 'Nguyễn Văn Tâm';
const REPORTER_EMAIL = 'nguoito.cao@example.vn';
/** Tuesday 8 December 2026, 09:00 in Vietnam: working days ahead are Wed 9, Thu 10, Fri 11. */
const NOW = new Date('2026-12-08T09:00:00+07:00');
const DAY = '2026-12-08';

const DIGEST = `query($d: String) { myReminderDigest(day: $d) {
  id day asChair daysAhead dueBy overdueCount dueSoonCount mailedAt
  items { type id reportKind stage title dueAt dueOn overdue pressReply } } }`;
const RUN = `mutation($d: String) { runReminderDigests(day: $d) { day recipients prepared } }`;

interface Mail {
  to: string[];
  data: string;
}

/** The text of a single-part message as a reader sees it (quoted-printable or base64 undone). */
function bodyOf(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  const body = raw.slice(split + 4);
  if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}
interface Digest {
  asChair: boolean;
  dueBy: string;
  overdueCount: number;
  dueSoonCount: number;
  mailedAt: string | null;
  items: Array<{ type: string; id: string; title: string; dueOn: string; overdue: boolean; pressReply: boolean; stage: string }>;
}

describe('reminders: the daily digest', () => {
  let t: TestApp;
  let sink: SMTPServer;
  const mails: Mail[] = [];
  /** Addresses the sink refuses (a failing send, retried on the next run). */
  const refused = new Set<string>();
  const ids: Record<string, string> = {};
  let handler: string;
  let chair: string;
  let other: string;
  const q = async <T>(sql: string, params: unknown[] = []) => (await t.owner.query(sql, params)) as T[];

  const digestOf = async (token: string, day?: string) => {
    const res = await t.gql<{ myReminderDigest: Digest | null }>(DIGEST, day ? { d: day } : {}, token);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.myReminderDigest;
  };
  const waitFor = async (cond: () => boolean | Promise<boolean>, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!(await cond())) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    sink = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, cb) {
        if (refused.has(address.address)) cb(new Error('mailbox unavailable'));
        else cb();
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const port = (sink.server.address() as AddressInfo).port;
    t = await startTestApp({ seed: true, env: { SMTP_URL: `smtp://127.0.0.1:${port}`, REMINDER_DAYS_AHEAD: '3' } });
    t.app.services.reminders.now = () => NOW;

    const ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    const [acc] = await q<{ handler: string; chair: string }>(
      `SELECT (SELECT id FROM account WHERE email = 'kiemtra@anbien.test') AS handler, (SELECT id FROM account WHERE email = $1) AS chair`,
      [DEMO_CHAIR_EMAIL],
    );
    handler = acc!.handler;
    chair = acc!.chair;
    // A second handler, and a cadre C the chair holds: the chair is recused from reports naming C.
    const [c] = await q<{ id: string }>(`SELECT id FROM cadre WHERE status = 'ACTIVE' ORDER BY full_name, id LIMIT 1`);
    await q(`UPDATE account SET cadre_id = $1 WHERE id = $2`, [c!.id, chair]);
    const [o] = await q<{ id: string }>(
      `INSERT INTO account (email, display_name, password_hash, role, version) VALUES ('kiemtra2@anbien.test', 'Ủy viên thứ hai', 'x', 'INSPECTION_COMMITTEE', 1) RETURNING id`,
    );
    other = o!.id;

    const record = async (name: string, cadreIds: string[] = []) => {
      const title = `Tố cáo của ${REPORTER} về việc ${name}`;
      const res = await t.gql(
        `mutation($i: RecordReportInput!) { recordReport(input: $i) { receiptCode } }`,
        {
          i: {
            kind: 'DENUNCIATION',
            field: 'LAND',
            source: 'CITIZEN',
            channel: 'MAIL',
            title,
            content: `Ông ${REPORTER} tố cáo cán bộ nhận tiền (${name}).`,
            reporter: { fullName: REPORTER, email: REPORTER_EMAIL, wantsNotifications: true },
            concerns: { cadreIds, unitIds: [] },
          },
        },
        ic,
      );
      expect(res.body.errors).toBeUndefined();
      ids[name] = (await q<{ id: string }>(`SELECT id FROM report WHERE title = $1`, [title]))[0]!.id;
    };
    // Due dates around the boundary: the end of Friday 11 December is in, Monday 14 is out.
    const due = async (name: string, at: string, handlerId: string | null, source = 'CITIZEN') =>
      q(`UPDATE report SET due_at = $2, handler_id = $3, source = $4 WHERE id = $1`, [ids[name], at, handlerId, source]);
    for (const name of ['overdue', 'tomorrow', 'lastDay', 'afterWindow', 'press', 'other', 'naming C'])
      await record(name, name === 'naming C' ? [c!.id] : []);
    await due('overdue', '2026-12-07T23:59:59.999+07:00', handler);
    await due('tomorrow', '2026-12-09T23:59:59.999+07:00', handler);
    await due('lastDay', '2026-12-11T23:59:59.999+07:00', handler);
    await due('afterWindow', '2026-12-14T00:00:00+07:00', handler);
    await due('press', '2026-12-10T23:59:59.999+07:00', handler, 'PRESS');
    await due('other', '2026-12-09T12:00:00+07:00', other);
    await due('naming C', '2026-12-09T12:00:00+07:00', other);
  }, 180_000);

  afterAll(async () => {
    await t?.stop();
    await new Promise<void>((resolve) => (sink ? sink.close(() => resolve()) : resolve()));
  });

  it('prepares nothing before REMINDER_HOUR (07:00 in Vietnam)', async () => {
    const run = await t.app.services.reminderScheduler.runOnce(new Date('2026-12-08T06:59:00+07:00'));
    expect(run.prepared).toBe(0);
    expect(await q(`SELECT 1 FROM reminder_digest`)).toHaveLength(0);
  });

  it('refuses a day other than today, a date that does not exist, and any role but ADMIN', async () => {
    const admin = await t.tokenFor(Role.ADMIN);
    const notToday = onlyError(await t.gql(RUN, { d: '2026-12-07' }, admin));
    expect(notToday.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DAY_NOT_TODAY' });
    const unreal = onlyError(await t.gql(RUN, { d: '2026-02-30' }, admin));
    expect(unreal.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const future = onlyError(await t.gql(DIGEST, { d: '2026-12-09' }, await t.tokenFor(Role.INSPECTION_COMMITTEE)));
    expect(future.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DAY_IN_FUTURE' });
    expect(onlyError(await t.gql(RUN, {}, await t.tokenFor(Role.INSPECTION_COMMITTEE))).extensions?.['code']).toBe('FORBIDDEN');
    expect(await q(`SELECT 1 FROM reminder_digest`)).toHaveLength(0);
  });

  it('prepares one digest per handler and the chair when ADMIN runs it', async () => {
    refused.add(DEMO_CHAIR_EMAIL);
    const res = await t.gql<{ runReminderDigests: { day: string; recipients: number; prepared: number } }>(
      RUN,
      {},
      await t.tokenFor(Role.ADMIN),
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.runReminderDigests).toEqual({ day: DAY, recipients: 3, prepared: 3 });
  });

  it('lists the handler’s own overdue and due-soon reports, within 3 working days, most urgent first', async () => {
    const d = (await digestOf(await t.tokenFor(Role.INSPECTION_COMMITTEE)))!;
    expect(d.asChair).toBe(false);
    expect(d.dueBy).toBe('2026-12-11');
    expect(d.items.map((i) => i.id)).toEqual([ids['overdue'], ids['tomorrow'], ids['press'], ids['lastDay']]);
    expect([d.overdueCount, d.dueSoonCount]).toEqual([1, 3]);
    expect(d.items[0]).toMatchObject({ overdue: true, dueOn: '2026-12-07', stage: 'RECEIVED', type: 'REPORT' });
    expect(d.items.find((i) => i.id === ids['press'])!.pressReply).toBe(true);
    expect(d.items.find((i) => i.id === ids['tomorrow'])!.pressReply).toBe(false);
  });

  it('gives the chair the whole committee’s, without the report naming the chair’s own cadre', async () => {
    const d = (await digestOf(await t.login(DEMO_CHAIR_EMAIL)))!;
    expect(d.asChair).toBe(true);
    const listed = d.items.map((i) => i.id);
    expect(listed).toEqual(expect.arrayContaining([ids['overdue'], ids['tomorrow'], ids['press'], ids['lastDay'], ids['other']]));
    expect(listed).not.toContain(ids['naming C']);
    expect(listed).not.toContain(ids['afterWindow']);
    expect(listed).toHaveLength(5);
    // The second handler's digest has both of its reports.
    const [row] = await q<{ items: Array<{ id: string }> }>(`SELECT items FROM reminder_digest WHERE account_id = $1`, [other]);
    expect(row!.items.map((i) => i.id).sort()).toEqual([ids['other'], ids['naming C']].sort());
  });

  it('never shows the reporter: redacted titles only, in the digests and their board items', async () => {
    const rows = await q<{ items: unknown }>(`SELECT items FROM reminder_digest`);
    const all =
      JSON.stringify(rows) + JSON.stringify(await q(`SELECT payload FROM outbox_event WHERE type = 'REMINDER_DIGEST_READY'`));
    expect(all).not.toContain('Tâm');
    expect(all).not.toContain(REPORTER_EMAIL);
    expect(all).toContain('Tố cáo của');
  });

  it('puts the board item before its recipient alone', async () => {
    const events = async (token: string) =>
      (
        await t.gql<{
          latestBoardEvents: { events: Array<{ type: string; payload: Record<string, unknown>; summary: string }> };
        }>(`{ latestBoardEvents(count: 100) { events { type payload summary } } }`, {}, token)
      ).body.data!.latestBoardEvents.events.filter((e) => e.type === 'REMINDER_DIGEST_READY');
    const mine = await events(await t.tokenFor(Role.INSPECTION_COMMITTEE));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.payload['recipientAccountId']).toBe(handler);
    expect(mine[0]!.summary).toBe('Bản nhắc việc hằng ngày 08/12/2026: 1 việc quá hạn, 3 việc sắp đến hạn');
    expect(await events(await t.tokenFor(Role.STANDING_COMMITTEE))).toHaveLength(0);
    const chairs = await events(await t.login(DEMO_CHAIR_EMAIL));
    expect(chairs.map((e) => e.payload['recipientAccountId'])).toEqual([chair]);
  });

  it('mails each staff recipient once, never a reporter, with no reporter identity; a refused send is retried', async () => {
    // The run the mutation started in the background: two sent, the chair's refused once.
    await waitFor(
      async () =>
        (await q(`SELECT 1 FROM reminder_digest WHERE mailed_at IS NOT NULL`)).length === 2 &&
        (await q(`SELECT 1 FROM reminder_digest WHERE mail_attempts = 1`)).length === 1,
    );
    const [chairRow] = await q<{ mailed_at: Date | null; mail_attempts: number }>(
      `SELECT mailed_at, mail_attempts FROM reminder_digest WHERE account_id = $1`,
      [chair],
    );
    expect(chairRow).toMatchObject({ mailed_at: null, mail_attempts: 1 });
    refused.clear();
    const run = await t.app.services.reminderScheduler.runOnce(NOW);
    expect(run).toEqual({ prepared: 0, mailed: 1, mailFailures: 0 });
    const to = mails.flatMap((m) => m.to).sort();
    expect(to).toEqual([DEMO_CHAIR_EMAIL, 'kiemtra2@anbien.test', 'kiemtra@anbien.test'].sort());
    const staff = await q<{ email: string }>(`SELECT email FROM account WHERE email = ANY($1)`, [to]);
    expect(staff).toHaveLength(3);
    for (const m of mails) {
      const text = bodyOf(m.data);
      expect(text).toContain('Bản nhắc việc hằng ngày 08/12/2026');
      expect(text).toContain('Tố cáo của');
      expect(text).not.toContain('Tâm');
      expect(m.data).not.toContain(REPORTER_EMAIL);
      expect(m.data).toMatch(/Subject: =\?UTF-8\?/);
    }
    expect(bodyOf(mails.find((m) => m.to.includes('kiemtra@anbien.test'))!.data)).toContain('[QUÁ HẠN]');
    const handlerMail = mails.find((m) => m.to.includes('kiemtra@anbien.test'))!;
    expect(handlerMail.data).toContain(ids['overdue']);
    expect(handlerMail.data).not.toContain(ids['afterWindow']);
    const chairMail = mails.find((m) => m.to.includes(DEMO_CHAIR_EMAIL))!;
    expect(chairMail.data).not.toContain(ids['naming C']);
    expect((await digestOf(await t.tokenFor(Role.INSPECTION_COMMITTEE)))!.mailedAt).not.toBeNull();
  });

  it('a second run the same day is a no-op: no second row, no second board item, no second e-mail', async () => {
    const before = await q<{ n: string }>(`SELECT count(*) AS n FROM outbox_event WHERE type = 'REMINDER_DIGEST_READY'`);
    const res = await t.gql<{ runReminderDigests: { prepared: number } }>(RUN, { d: DAY }, await t.tokenFor(Role.ADMIN));
    expect(res.body.data!.runReminderDigests.prepared).toBe(0);
    const [run1, run2] = await Promise.all([
      t.app.services.reminderScheduler.runOnce(NOW),
      t.app.services.reminderScheduler.prepareDay(DAY, NOW),
    ]);
    expect(run1.prepared + run2.prepared).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(await q(`SELECT 1 FROM reminder_digest`)).toHaveLength(3);
    expect(await q(`SELECT count(*) AS n FROM outbox_event WHERE type = 'REMINDER_DIGEST_READY'`)).toEqual(before);
    expect(mails).toHaveLength(3);
  });

  it('leaves out a line the reader became recused from after it was prepared, and shows titles as redacted now', async () => {
    const [c] = await q<{ id: string }>(`SELECT id FROM cadre WHERE status = 'ACTIVE' ORDER BY full_name DESC, id LIMIT 1`);
    await q(`UPDATE account SET cadre_id = $1 WHERE id = $2`, [c!.id, handler]);
    await q(`INSERT INTO report_subject (report_id, cadre_id) VALUES ($1, $2)`, [ids['tomorrow'], c!.id]);
    // A re-redaction since the digest was prepared reaches it too: titles are read as they are now.
    await q(`UPDATE report SET title_redacted = 'Tố cáo về việc [đã ẩn]' WHERE id = $1`, [ids['press']]);
    const d = (await digestOf(await t.tokenFor(Role.INSPECTION_COMMITTEE)))!;
    expect(d.items.map((i) => i.id)).not.toContain(ids['tomorrow']);
    expect(d.items).toHaveLength(3);
    expect(d.items.find((i) => i.id === ids['press'])!.title).toBe('Tố cáo về việc [đã ẩn]');
  });

  it('a day without a digest is null', async () => {
    expect(await digestOf(await t.tokenFor(Role.INSPECTION_COMMITTEE), '2026-12-01')).toBeNull();
  });

  it('two instances preparing the same new day at once make one digest per recipient and one board item each', async () => {
    const next = new Date('2026-12-09T08:00:00+07:00');
    const scheduler = t.app.services.reminderScheduler;
    const runs = await Promise.all([scheduler.prepareDay('2026-12-09', next), scheduler.prepareDay('2026-12-09', next)]);
    expect(runs.map((r) => r.recipients)).toEqual([3, 3]);
    expect(runs[0]!.prepared + runs[1]!.prepared).toBe(3);
    const rows = await q<{ account_id: string }>(`SELECT account_id FROM reminder_digest WHERE day = '2026-12-09'`);
    expect(rows.map((r) => r.account_id).sort()).toEqual([handler, chair, other].sort());
    const events = await q<{ n: string }>(
      `SELECT count(*) AS n FROM outbox_event WHERE type = 'REMINDER_DIGEST_READY' AND payload->>'day' = '2026-12-09'`,
    );
    expect(Number(events[0]!.n)).toBe(3);
  });
});
