import { Role } from '../../src/common/role.enum';
import { Subscriber } from '../support/board-subscriber';
import { startTestApp, type TestApp } from '../support/test-app';
import { wsClient } from '../support/ws-client';

/**
 * What the feed and presence say (issue 23, item 5): each line names the step taken and the item
 * (a report's title as the viewer may read it, an inspection's title, the person or unit
 * concerned), resolved for each viewer when read; the outbox payloads keep ids and public fields.
 */

const LATEST = `query($n: Int) { latestBoardEvents(count: $n) { events { id type reportId inspectionId disciplineCaseId summary subjectTitle } } }`;
const SUBMIT = `mutation($i: SubmitReportInput!) { submitReport(input: $i) { receiptCode } }`;
const ASSIGN = `mutation($i: AssignReportInput!) { assignReport(input: $i) { id version } }`;
const PRESENCE = `subscription { presence { subjectType subjectId who subjectTitle } }`;
const WORKING_ON = `subscription($t: PresenceSubjectType!, $id: ID!) { workingOn(subjectType: $t, subjectId: $id) { subjectId } }`;

interface Line {
  id: string;
  type: string;
  reportId: string | null;
  inspectionId: string | null;
  disciplineCaseId: string | null;
  summary: string;
  subjectTitle: string | null;
}

/** The reporter's name, in the title as written; the redacted copy hides it. */
const REPORTER = 'Lê Văn Bảy';

describe('the feed and presence name what happened to what', () => {
  let t: TestApp;
  let ic: string;
  let sc: string;
  let reportId: string;
  const open: Subscriber[] = [];

  const latest = async (token: string) => {
    const res = await t.gql<{ latestBoardEvents: { events: Line[] } }>(LATEST, { n: 100 }, token);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.latestBoardEvents.events;
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true, seedReports: true, seedInspections: true });
    ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    sc = await t.tokenFor(Role.STANDING_COMMITTEE);
    // A denunciation whose title names its reporter, handled by the demo committee member.
    const res = await t.gql(SUBMIT, {
      i: {
        kind: 'DENUNCIATION',
        field: 'LAND',
        title: `${REPORTER} tố cáo cán bộ địa chính nhận tiền`,
        content: `Tôi là ${REPORTER}, tố cáo cán bộ địa chính phường nhận tiền để làm nhanh hồ sơ.`,
        reporter: { fullName: REPORTER, phone: '0912 345 678', address: 'Tổ 5, khu phố 2' },
      },
    });
    expect(res.body.errors).toBeUndefined();
    const [row] = (await t.app.dataSource.query(
      `SELECT r.id, r.version, a.id AS handler FROM report r, account a WHERE a.email = 'kiemtra@anbien.test' ORDER BY r.created_at DESC LIMIT 1`,
    )) as Array<{ id: string; version: number; handler: string }>;
    reportId = row!.id;
    const assigned = await t.gql(ASSIGN, { i: { id: row!.id, version: row!.version, handlerId: row!.handler } }, ic);
    expect(assigned.body.errors).toBeUndefined();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await t.stop();
  });

  it('says on every line the step taken and the item, in Vietnamese, without codes', async () => {
    const lines = await latest(sc);
    if (process.env['PRINT_FEED']) process.stderr.write(lines.map((l) => `${l.type}: ${l.summary}`).join('\n') + '\n');
    expect(lines.length).toBeGreaterThan(20);
    for (const l of lines) {
      expect(l.summary.length).toBeGreaterThan(10);
      // No enum code reaches the line, and the old "kind · field · source · channel" detail is gone.
      expect(l.summary).not.toMatch(
        /\b[A-Z]+_[A-Z_]+\b|\b(COMPLAINT|DENUNCIATION|PETITION|FEEDBACK|CITIZEN|PHONE|WEB|OTHER|RECEIVED|ACCEPTED|CLASSIFIED|OPENED|DECIDED|FINAL)\b/,
      );
      expect(l.summary).not.toContain(' · ');
    }
    // Reports by their titles; inspections and findings by their inspection's title.
    const titles = new Map(
      (
        (await t.app.dataSource.query(`SELECT id, title_redacted FROM report`)) as Array<{ id: string; title_redacted: string }>
      ).map((r) => [r.id, r.title_redacted]),
    );
    const inspections = new Map(
      ((await t.app.dataSource.query(`SELECT id, title FROM inspection`)) as Array<{ id: string; title: string }>).map((r) => [
        r.id,
        r.title,
      ]),
    );
    const received = lines.filter((l) => l.type === 'REPORT_RECEIVED' && l.reportId !== reportId);
    expect(received.length).toBeGreaterThan(0);
    for (const l of received) {
      expect(l.summary).toMatch(/^Tiếp nhận đơn (khiếu nại|tố cáo|kiến nghị|phản ánh) “/);
      expect(l.subjectTitle).toBe(titles.get(l.reportId!));
      expect(l.summary).toContain(`“${titles.get(l.reportId!)}”`);
    }
    const moved = lines.find((l) => l.type === 'REPORT_STATUS_CHANGED');
    expect(moved?.summary).toMatch(
      /^(Phân loại|Thụ lý|Bắt đầu xác minh|Kết luận|Trả lời, kết thúc|Không thụ lý|Chuyển|Gộp|Giữ|Dùng thông tin từ|Lưu) đơn /,
    );
    const inspectionLines = lines.filter((l) => l.inspectionId);
    expect(inspectionLines.length).toBeGreaterThan(0);
    for (const l of inspectionLines) expect(l.summary).toContain(`“${inspections.get(l.inspectionId!)}”`);
    // A discipline case by the person (or unit) concerned.
    const discipline = lines.filter((l) => l.disciplineCaseId);
    expect(discipline.length).toBeGreaterThan(0);
    for (const l of discipline) expect(l.summary).toMatch(/ đối với (đồng chí )?\p{Lu}/u);
  });

  it('shows the handler the title as written and everyone else the redacted copy, and keeps titles out of the outbox', async () => {
    const mine = (await latest(ic)).filter((l) => l.reportId === reportId);
    const theirs = (await latest(sc)).filter((l) => l.reportId === reportId);
    expect(mine.some((l) => l.type === 'REPORT_RECEIVED')).toBe(true);
    expect(theirs.length).toBe(mine.length);
    for (const l of mine) expect(l.summary).toContain(REPORTER);
    for (const l of theirs) {
      expect(l.summary).not.toContain(REPORTER);
      expect(l.subjectTitle).not.toContain(REPORTER);
    }
    const payloads = (await t.app.dataSource.query(`SELECT payload::text AS p FROM outbox_event`)) as Array<{ p: string }>;
    expect(payloads.some((r) => r.p.includes(REPORTER) || r.p.includes('"title"'))).toBe(false);
  });

  it('says a new report’s line live, for each subscriber as they may read it', async () => {
    const s = new Subscriber(wsClient(t.url, { token: sc }));
    open.push(s);
    s.subscribe(`subscription { boardEvents { id type reportId summary } }`);
    const title = `Đèn đường hẻm 12 hỏng ${Date.now()}`;
    // Subscriptions have no acknowledgement: write until the subscriber hears one.
    for (let i = 0; i < 50 && !s.events.length; i++) {
      const res = await t.gql(SUBMIT, {
        i: { kind: 'FEEDBACK', field: 'OTHER', title, content: `${title}: đề nghị phường sửa.` },
      });
      expect(res.body.errors).toBeUndefined();
      await s.until((x) => x.events.length > 0, 500).catch(() => undefined);
    }
    const line = s.events.find((e) => e.type === 'REPORT_RECEIVED') as unknown as { summary: string } | undefined;
    expect(line?.summary).toBe(`Tiếp nhận đơn phản ánh “${title}” qua Cổng trực tuyến`);
  });

  it('shows in presence the title of what someone works on, not its id', async () => {
    const watcher = new Subscriber(wsClient(t.url, { token: sc }));
    open.push(watcher);
    const received: Array<Array<{ subjectId: string; subjectTitle: string | null }>> = [];
    watcher.client.subscribe<{ presence: Array<{ subjectId: string; subjectTitle: string | null }> }>(
      { query: PRESENCE },
      { next: (v) => v.data && received.push(v.data.presence), error: () => undefined, complete: () => undefined },
    );
    const worker = new Subscriber(wsClient(t.url, { token: ic }));
    open.push(worker);
    worker.subscribe(WORKING_ON, { t: 'REPORT', id: reportId });
    const deadline = Date.now() + 15_000;
    while (!received.at(-1)?.some((p) => p.subjectId === reportId) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const entry = received.at(-1)!.find((p) => p.subjectId === reportId)!;
    const [redacted] = (await t.app.dataSource.query(`SELECT title_redacted FROM report WHERE id = $1`, [reportId])) as Array<{
      title_redacted: string;
    }>;
    // The Standing Committee does not handle it: the redacted title.
    expect(entry.subjectTitle).toBe(redacted!.title_redacted);
    expect(entry.subjectTitle).not.toContain(REPORTER);
  });
});
