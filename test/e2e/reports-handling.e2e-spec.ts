import { Role } from '../../src/common/role.enum';
import { todayInVietnam } from '../../src/common/validation';
import { DEMO_CHAIR_EMAIL } from '../../src/demo/accounts.seed';
import { defaultRuleSets, dueDate } from '../../src/modules/reports/deadline-rules';
import { addCalendarDays, defaultHolidayCalendar } from '../../src/modules/reports/legal-calendar';
import { onlyError, startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 22, items 1 to 5, for reports: complexity and remote area when they are found, the
 * forwarding rule, anonymous information without a clock, merges that keep every duty, what the
 * reporter is told, and dates that cannot lie but can be corrected. Every refusal names its rule
 * in `extensions.reason` and writes nothing.
 */
const MARK = 'XULY-22a7';
const RECORD = `mutation($i: RecordReportInput!) { recordReport(input: $i) { receiptCode status dueAt } }`;
const SUBMIT = `mutation($i: SubmitReportInput!) { submitReport(input: $i) { receiptCode status dueAt treatedAsInformation } }`;
const TRANSITION = `mutation($i: TransitionReportInput!) { transitionReport(input: $i) {
  id status version dueAt overdue complexity remoteArea acceptedOn concludedOn forwardedOn forwardingDueAt forwardedLate
  repliedOn mergedPressDueAt } }`;
const EXTEND = `mutation($i: ExtendReportInput!) { extendReportDeadline(input: $i) { id version dueAt } }`;
const CORRECT = `mutation($i: CorrectReportInput!) { correctReport(input: $i) { id version dueAt acceptedOn repliedOn
  timeline { type note correction { attribute from to } } } }`;
const READ = `query($id: ID!) { report(id: $id) { id version status dueAt overdue complexity acceptedOn mergedPressDueAt publicReply
  mergedReports { id } timeline { type note correction { attribute from to } } extensions { days decidedOn } } }`;
const TRACK = `query($c: String!) { trackReport(receiptCode: $c) { status dueAt overdue acceptedOn notAcceptedReason transferredTo
  forwardedOn concludedOn repliedOn handledTogether publicReply treatedAsInformation extensions { days reason decidedOn } } }`;
const PRESS = `mutation($i: RecordPressReportInput!) { recordPressReport(input: $i) { id version dueAt } }`;

/** A day `n` days from `day` (negative: before), YYYY-MM-DD. */
const plus = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

describe('handling reports to the letter', () => {
  let t: TestApp;
  let intake: string;
  let ic: string;
  let otherIc: string;
  let chair: string;
  let seq = 0;
  const today = todayInVietnam();

  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    (await t.owner.query(text, params)) as T[];
  const ok = async <T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
    const res = await t.gql<T>(query, variables, token);
    if (res.body.errors) throw new Error(`${query.slice(0, 50)}: ${JSON.stringify(res.body.errors)}`);
    return res.body.data!;
  };
  const version = async (id: string) =>
    (await sql<{ version: number }>(`SELECT version FROM report WHERE id = $1`, [id]))[0]!.version;

  /** Records a report (a denunciation with an identity by default), received `daysAgo` days ago. */
  const record = async (over: Record<string, unknown> = {}, daysAgo = 0) => {
    const title = `Đơn ${MARK} số ${++seq}`;
    const { recordReport } = await ok<{ recordReport: { receiptCode: string } }>(
      RECORD,
      {
        i: {
          kind: 'DENUNCIATION',
          field: 'LAND',
          source: 'CITIZEN',
          channel: 'RECEPTION',
          title,
          content: 'Tố cáo cán bộ địa chính phường nhận tiền để làm nhanh hồ sơ cấp giấy chứng nhận.',
          reporter: { fullName: 'Lê Văn Tư', wantsNotifications: false },
          ...over,
        },
      },
      intake,
    );
    const [{ id }] = (await sql<{ id: string }>(`SELECT id FROM report WHERE title = $1`, [title])) as [{ id: string }];
    if (daysAgo) await sql(`UPDATE report SET received_at = now() - make_interval(days => $2) WHERE id = $1`, [id, daysAgo]);
    return { id, receiptCode: recordReport.receiptCode };
  };

  type Moved = { status: string; version: number; dueAt: string | null } & Record<string, unknown>;
  const transition = (id: string, v: number, to: string, extra: Record<string, unknown> = {}, token = ic) =>
    t.gql<{ transitionReport: Moved }>(TRANSITION, { i: { id, version: v, to, ...extra } }, token);
  const move = async (id: string, to: string, extra: Record<string, unknown> = {}, token = ic) => {
    const res = await transition(id, await version(id), to, extra, token);
    if (res.body.errors) throw new Error(`${to}: ${JSON.stringify(res.body.errors)}`);
    return res.body.data!.transitionReport;
  };
  const extend = (id: string, v: number, extra: Record<string, unknown>) =>
    t.gql<{ extendReportDeadline: { dueAt: string; version: number } }>(
      EXTEND,
      { i: { id, version: v, days: 30, reason: 'Vụ việc phức tạp, cần xác minh thêm', ...extra } },
      ic,
    );
  const read = async (id: string) =>
    (
      await ok<{
        report: {
          version: number;
          status: string;
          dueAt: string | null;
          overdue: boolean;
          complexity: string;
          acceptedOn: string | null;
          mergedPressDueAt: string | null;
          publicReply: string | null;
          mergedReports: Array<{ id: string }>;
          timeline: Array<{
            type: string;
            note: string | null;
            correction: { attribute: string; from: string[]; to: string[] } | null;
          }>;
          extensions: Array<{ days: number; decidedOn: string }>;
        };
      }>(READ, { id }, ic)
    ).report;
  /** What a refused request must leave untouched. */
  const footprint = async (id: string) =>
    sql(
      `SELECT (SELECT row_to_json(r) FROM (SELECT * FROM report WHERE id = $1) r) AS report,
              (SELECT count(*) FROM report_timeline_entry WHERE report_id = $1) AS entries,
              (SELECT count(*) FROM report_extension WHERE report_id = $1) AS extensions`,
      [id],
    );
  const refused = async (id: string, run: () => Promise<{ body: { errors?: unknown } }>) => {
    const before = await footprint(id);
    const res = (await run()) as Parameters<typeof onlyError>[0];
    const err = onlyError(res);
    expect(await footprint(id)).toEqual(before);
    return err;
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    intake = await t.tokenFor(Role.INTAKE_STAFF);
    ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    chair = await t.login(DEMO_CHAIR_EMAIL);
    await ok(
      'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
      {
        i: {
          email: 'kiemtra3@anbien.test',
          displayName: 'Ủy viên thứ ba',
          password: 'a-long-password-3',
          role: 'INSPECTION_COMMITTEE',
        },
      },
      await t.tokenFor(Role.ADMIN),
    );
    otherIc = await t.login('kiemtra3@anbien.test', 'a-long-password-3');
  });
  afterAll(() => t.stop());

  describe('complexity and remote area, when they are found', () => {
    it('refuses a field the move would ignore, naming it (FIELD_NOT_APPLICABLE), and writes nothing', async () => {
      const { id } = await record();
      const v = await version(id);
      const e = await refused(id, () =>
        transition(id, v, 'CLASSIFIED', { complexity: 'COMPLEX', complexityReason: 'Nhiều nơi' }),
      );
      expect(e.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'FIELD_NOT_APPLICABLE',
        fields: [{ path: 'input.complexity' }, { path: 'input.complexityReason' }],
      });
      expect(e.message).toMatch(/complexity chỉ dùng khi chuyển sang ACCEPTED, UNDER_VERIFICATION/);
      await move(id, 'CLASSIFIED');
      const reply = await refused(id, async () => transition(id, await version(id), 'ACCEPTED', { publicReply: 'Trả lời sớm' }));
      expect(reply.extensions).toMatchObject({ reason: 'FIELD_NOT_APPLICABLE', fields: [{ path: 'input.publicReply' }] });
    });

    it('finds a case complex during verification, then extends it as the rule allows and no further', async () => {
      const { id } = await record();
      await move(id, 'CLASSIFIED');
      await move(id, 'ACCEPTED');
      // Ordinary: no extension (Luật Tố cáo Art. 30).
      const ordinary = await refused(id, async () => extend(id, await version(id), {}));
      expect(ordinary.extensions).toMatchObject({ code: 'CONFLICT', reason: 'EXTENSION_COMPLEXITY' });
      expect(ordinary.message).toMatch(/phức tạp/);
      const noReason = await refused(id, async () =>
        transition(id, await version(id), 'UNDER_VERIFICATION', { complexity: 'COMPLEX' }),
      );
      expect(noReason.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' });
      const verified = await move(id, 'UNDER_VERIFICATION', {
        complexity: 'COMPLEX',
        complexityReason: 'Phải xác minh tại ba địa điểm khác nhau',
      });
      expect(verified.complexity).toBe('COMPLEX');
      const found = (await read(id)).timeline.find((e) => e.type === 'COMPLEXITY_FOUND');
      expect(found).toMatchObject({
        note: 'Phải xác minh tại ba địa điểm khác nhau',
        correction: { attribute: 'COMPLEXITY', from: ['ORDINARY'], to: ['COMPLEX'] },
      });
      const long = await refused(id, async () => extend(id, await version(id), { days: 31 }));
      expect(long.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EXTENSION_TOO_LONG' });
      expect(long.message).toMatch(/vượt quá/);
      expect(long.message).toMatch(/không quá 30 ngày theo quy định đang áp dụng/);
      const once = await extend(id, await version(id), {});
      expect(once.body.errors).toBeUndefined();
      expect(Date.parse(once.body.data!.extendReportDeadline.dueAt) - Date.parse(verified.dueAt!)).toBeGreaterThanOrEqual(
        29 * 86400000,
      );
      const twice = await refused(id, async () => extend(id, await version(id), { days: 5 }));
      expect(twice.extensions).toMatchObject({ code: 'CONFLICT', reason: 'EXTENSION_TOO_MANY', maxExtensions: 1 });
    });

    it('refuses lowering the complexity below the extensions already decided', async () => {
      const { id } = await record();
      await move(id, 'CLASSIFIED');
      await move(id, 'ACCEPTED', { complexity: 'ESPECIALLY_COMPLEX', complexityReason: 'Liên quan nhiều cơ quan, nhiều năm' });
      await extend(id, await version(id), {});
      expect((await extend(id, await version(id), {})).body.errors).toBeUndefined();
      const e = await refused(id, async () =>
        t.gql(CORRECT, { i: { id, version: await version(id), complexity: 'COMPLEX', reason: 'Đánh giá lại mức độ' } }, ic),
      );
      expect(e.extensions).toMatchObject({ code: 'CONFLICT', reason: 'COMPLEXITY_BELOW_EXTENSIONS', extensions: 2 });
    });

    it('refuses a complexity on a concluded report', async () => {
      const { id } = await record();
      await move(id, 'CLASSIFIED');
      await move(id, 'ACCEPTED');
      await move(id, 'UNDER_VERIFICATION');
      await move(id, 'CONCLUDED', { outcome: 'UNFOUNDED', conclusion: 'Không có căn cứ.' });
      for (const token of [ic, intake]) {
        const e = await refused(id, async () =>
          t.gql(CORRECT, { i: { id, version: await version(id), complexity: 'COMPLEX', reason: 'Phát hiện muộn' } }, token),
        );
        expect(e.extensions).toMatchObject({ code: 'CONFLICT', reason: 'COMPLEXITY_AFTER_CONCLUSION', status: 'CONCLUDED' });
        expect(e.message).toMatch(/đã kết luận/);
      }
    });

    it('applies the remote-area periods through an input, only where the rule has them', async () => {
      const near = await record({ kind: 'COMPLAINT' });
      const far = await record({ kind: 'COMPLAINT' });
      for (const r of [near, far]) await move(r.id, 'CLASSIFIED');
      const a = await move(near.id, 'ACCEPTED');
      const b = await move(far.id, 'ACCEPTED', { remoteArea: true });
      expect(b.remoteArea).toBe(true);
      // Luật Khiếu nại Art. 28: 30 days, 45 in remote areas (each moved off a day off).
      const cal = defaultHolidayCalendar();
      expect(new Date(a.dueAt!).toISOString().slice(0, 10)).toBe(
        dueDate({ kind: 'COMPLAINT', stage: 'RESOLUTION', receivedAt: new Date(), stageStartedAt: today }, defaultRuleSets(), cal)
          .dueAt.toISOString()
          .slice(0, 10),
      );
      expect(Date.parse(b.dueAt!) - Date.parse(a.dueAt!)).toBeGreaterThanOrEqual(12 * 86400000);
      const d = await record();
      await move(d.id, 'CLASSIFIED');
      const e = await refused(d.id, async () => transition(d.id, await version(d.id), 'ACCEPTED', { remoteArea: true }));
      expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REMOTE_AREA_NOT_APPLICABLE' });
    });

    it('forwards a denunciation the ward is not competent for against the 5-working-day rule', async () => {
      const late = await record({}, 12);
      const onTime = await record({}, 12);
      const [{ received }] = (await sql<{ received: Date }>(`SELECT received_at AS received FROM report WHERE id = $1`, [
        late.id,
      ])) as [{ received: Date }];
      const due = dueDate(
        { kind: 'DENUNCIATION', stage: 'TRANSFER', receivedAt: received },
        defaultRuleSets(),
        defaultHolidayCalendar(),
      );
      for (const r of [late, onTime]) await move(r.id, 'CLASSIFIED');
      const future = await refused(late.id, async () =>
        transition(late.id, await version(late.id), 'TRANSFERRED', {
          transferredTo: 'Thanh tra tỉnh',
          decidedOn: plus(today, 1),
        }),
      );
      expect(future.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_IN_FUTURE' });
      const before = await refused(late.id, async () =>
        transition(late.id, await version(late.id), 'TRANSFERRED', {
          transferredTo: 'Thanh tra tỉnh',
          decidedOn: plus(today, -30),
        }),
      );
      expect(before.extensions).toMatchObject({ reason: 'DATE_BEFORE_PREDECESSOR', fields: [{ path: 'input.decidedOn' }] });
      const a = await move(late.id, 'TRANSFERRED', { transferredTo: 'Thanh tra tỉnh' });
      expect(a).toMatchObject({ forwardedOn: today, forwardingDueAt: due.dueAt.toISOString(), forwardedLate: true });
      const b = await move(onTime.id, 'TRANSFERRED', { transferredTo: 'Thanh tra tỉnh', decidedOn: plus(due.dueOn, -1) });
      expect(b).toMatchObject({ forwardedOn: plus(due.dueOn, -1), forwardedLate: false });
      expect((await read(late.id)).timeline.some((e) => e.type === 'NOTE' && /quá hạn/.test(e.note ?? ''))).toBe(true);
      const tracked = await ok<{ trackReport: Record<string, unknown> }>(TRACK, { c: late.receiptCode });
      expect(tracked.trackReport).toMatchObject({ status: 'TRANSFERRED', transferredTo: 'Thanh tra tỉnh', forwardedOn: today });
    });
  });

  describe('anonymous information is not a case with a clock', () => {
    it('keeps it in its own state without a deadline, never overdue, counted on its own, then used or filed', async () => {
      const board = async () =>
        (
          await ok<{ board: { informationCount: number; overdueCount: number } }>(
            '{ board { informationCount overdueCount } }',
            {},
            ic,
          )
        ).board;
      const before = await board();
      const submitted = (
        await ok<{ submitReport: { receiptCode: string; status: string; dueAt: string | null } }>(SUBMIT, {
          i: {
            kind: 'DENUNCIATION',
            field: 'CORRUPTION',
            title: `Thư nặc danh ${MARK}`,
            content: 'Có người phải đưa tiền mới được cấp phép sửa nhà ở khu phố 6, đề nghị kiểm tra.',
          },
        })
      ).submitReport;
      expect(submitted).toMatchObject({ status: 'INFORMATION', dueAt: null });
      const [{ id }] = (await sql<{ id: string }>(`SELECT id FROM report WHERE title = $1`, [`Thư nặc danh ${MARK}`])) as [
        { id: string },
      ];
      // Two months old: still not overdue, in no overdue list or figure.
      await sql(`UPDATE report SET received_at = now() - interval '60 days' WHERE id = $1`, [id]);
      expect(await read(id)).toMatchObject({ status: 'INFORMATION', dueAt: null, overdue: false });
      const overdue = await ok<{ reports: { edges: Array<{ node: { id: string } }> } }>(
        '{ reports(first: 100, filter: { overdue: true }) { edges { node { id } } } }',
        {},
        ic,
      );
      expect(overdue.reports.edges.map((e) => e.node.id)).not.toContain(id);
      expect(await board()).toEqual({ informationCount: before.informationCount + 1, overdueCount: before.overdueCount });
      const tracked = await ok<{ trackReport: Record<string, unknown> }>(TRACK, { c: submitted.receiptCode });
      expect(tracked.trackReport).toMatchObject({
        status: 'INFORMATION',
        dueAt: null,
        overdue: false,
        treatedAsInformation: true,
      });
      const noClock = await refused(id, async () =>
        t.gql(CORRECT, { i: { id, version: await version(id), complexity: 'COMPLEX', reason: 'Phức tạp' } }, ic),
      );
      expect(noClock.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INFORMATION_HAS_NO_DEADLINE' });
      const noNote = await refused(id, async () => transition(id, await version(id), 'INFORMATION_USED'));
      expect(noNote.extensions).toMatchObject({ reason: 'FIELD_REQUIRED', fields: [{ path: 'input.note' }] });
      const used = await move(id, 'INFORMATION_USED', { note: 'Đưa vào kế hoạch kiểm tra chuyên đề quý I' });
      expect(used).toMatchObject({ status: 'INFORMATION_USED', dueAt: null });
      expect((await board()).informationCount).toBe(before.informationCount);
    });
  });

  describe('merging keeps every duty', () => {
    it('merges only into an open report of a compatible kind', async () => {
      const complaint = await record({ kind: 'COMPLAINT' });
      const denunciation = await record();
      const e = await refused(complaint.id, async () =>
        transition(complaint.id, await version(complaint.id), 'MERGED', { mergeInto: denunciation.id }),
      );
      expect(e.extensions).toMatchObject({ code: 'CONFLICT', reason: 'MERGE_KIND_INCOMPATIBLE', targetKind: 'DENUNCIATION' });
      const closed = await record({ kind: 'COMPLAINT' });
      await move(closed.id, 'CLASSIFIED');
      await move(closed.id, 'NOT_ACCEPTED', { reason: 'Đã hết thời hiệu khiếu nại' });
      await move(closed.id, 'CLOSED', { publicReply: 'Phường không thụ lý vì đã hết thời hiệu.' });
      const c = await refused(complaint.id, async () =>
        transition(complaint.id, await version(complaint.id), 'MERGED', { mergeInto: closed.id }),
      );
      expect(c.extensions).toMatchObject({ code: 'CONFLICT', reason: 'MERGE_TARGET_CLOSED', status: 'CLOSED' });
      expect(c.message).toMatch(/đang giải quyết/);
    });

    it('keeps a press report’s 30-day reply duty, tells each reporter, links back, and shares the reply', async () => {
      const target = await record({ kind: 'FEEDBACK', reporter: undefined }, 3);
      const citizen = await record({ kind: 'PETITION', reporter: undefined });
      await move(target.id, 'CLASSIFIED');
      await move(target.id, 'ACCEPTED');
      const press = (
        await ok<{ recordPressReport: { id: string; dueAt: string } }>(
          PRESS,
          {
            i: {
              outlet: 'Báo Kiên Giang',
              articleTitle: `Hẻm 21 bị chiếm làm bãi vật liệu ${MARK}`,
              url: `https://bao.example.vn/${MARK}-hem-21.html`,
              publishedOn: today,
              excerpt: 'Phóng viên ghi nhận cát đá chiếm lối đi hẻm 21; báo đề nghị phường trả lời.',
              kind: 'FEEDBACK',
              field: 'CONSTRUCTION',
            },
          },
          intake,
        )
      ).recordPressReport;
      // The article came 28 days ago: its reply is due before the target's own deadline.
      await sql(`UPDATE report SET received_at = now() - interval '28 days' WHERE id = $1`, [press.id]);
      await t.app.services.reports.recomputeDue(
        { manager: t.owner.manager } as Parameters<typeof t.app.services.reports.recomputeDue>[0],
        press.id,
      );
      const [{ due }] = (await sql<{ due: Date }>(`SELECT due_at AS due FROM report WHERE id = $1`, [press.id])) as [
        { due: Date },
      ];
      const targetDue = (await read(target.id)).dueAt!;
      expect(due.getTime()).toBeLessThan(Date.parse(targetDue));
      const mergedPress = await move(press.id, 'MERGED', { mergeInto: target.id });
      expect(mergedPress).toMatchObject({ status: 'MERGED', dueAt: due.toISOString() });
      await move(citizen.id, 'MERGED', { mergeInto: target.id });
      const after = await read(target.id);
      expect(after).toMatchObject({ mergedPressDueAt: due.toISOString(), dueAt: due.toISOString() });
      expect(after.mergedReports.map((r) => r.id).sort()).toEqual([press.id, citizen.id].sort());
      // The reporter is told it is handled with another, never which.
      const tracked = await t.gql<{ trackReport: Record<string, unknown> }>(TRACK, { c: citizen.receiptCode });
      expect(tracked.body.data!.trackReport).toMatchObject({ status: 'MERGED', handledTogether: true, publicReply: null });
      expect(JSON.stringify(tracked.body)).not.toContain(target.id);
      await move(target.id, 'UNDER_VERIFICATION');
      await move(target.id, 'CONCLUDED', { outcome: 'FOUNDED', conclusion: 'Đã yêu cầu dọn vật liệu.' });
      await move(target.id, 'CLOSED', { publicReply: 'Phường đã buộc chủ công trình dọn vật liệu khỏi hẻm 21.' });
      const answered = await ok<{ trackReport: Record<string, unknown> }>(TRACK, { c: citizen.receiptCode });
      expect(answered.trackReport).toMatchObject({
        handledTogether: true,
        publicReply: 'Phường đã buộc chủ công trình dọn vật liệu khỏi hẻm 21.',
        repliedOn: today,
      });
      expect(await read(press.id)).toMatchObject({
        dueAt: null,
        overdue: false,
        publicReply: 'Phường đã buộc chủ công trình dọn vật liệu khỏi hẻm 21.',
      });
    });
  });

  describe('a merge target that leaves the ward’s handling unanswered', () => {
    /** A press report received `daysAgo` days ago, merged into `target`; returns its id and own due date. */
    const pressMergedInto = async (target: string, slug: string, daysAgo: number) => {
      const press = (
        await ok<{ recordPressReport: { id: string } }>(
          PRESS,
          {
            i: {
              outlet: 'Báo Kiên Giang',
              articleTitle: `Đèn đường khu phố 3 tắt nhiều tuần ${MARK} ${slug}`,
              url: `https://bao.example.vn/${MARK}-${slug}.html`,
              publishedOn: plus(today, -daysAgo),
              excerpt: 'Báo đề nghị phường trả lời về việc đèn đường tắt nhiều tuần.',
              kind: 'FEEDBACK',
              field: 'CONSTRUCTION',
            },
          },
          intake,
        )
      ).recordPressReport;
      await sql(`UPDATE report SET received_at = now() - make_interval(days => $2) WHERE id = $1`, [press.id, daysAgo]);
      await t.app.services.reports.recomputeDue(
        { manager: t.owner.manager } as Parameters<typeof t.app.services.reports.recomputeDue>[0],
        press.id,
      );
      const [{ due }] = (await sql<{ due: Date }>(`SELECT due_at AS due FROM report WHERE id = $1`, [press.id])) as [
        { due: Date },
      ];
      await move(press.id, 'CLASSIFIED');
      await move(press.id, 'MERGED', { mergeInto: target });
      return { id: press.id, due: due.toISOString() };
    };
    const overdueIds = async () =>
      (
        await ok<{ reports: { edges: Array<{ node: { id: string } }> } }>(
          `{ reports(first: 100, filter: { overdue: true, search: "${MARK}" }) { edges { node { id } } } }`,
          {},
          ic,
        )
      ).reports.edges.map((e) => e.node.id);
    const overdueCount = async () =>
      (await ok<{ board: { overdueCount: number } }>(`{ board { overdueCount } }`, {}, ic)).board.overdueCount;

    it('hands an overdue press reply back to the press report when the target is not accepted: still overdue, on the board', async () => {
      const target = await record({ kind: 'FEEDBACK', reporter: undefined }, 2);
      const citizen = await record({ kind: 'FEEDBACK', reporter: undefined });
      await move(target.id, 'CLASSIFIED');
      const press = await pressMergedInto(target.id, 'den-duong-kp3', 35);
      await move(citizen.id, 'MERGED', { mergeInto: target.id });
      const carried = await read(target.id);
      expect(carried).toMatchObject({ mergedPressDueAt: press.due, dueAt: press.due, overdue: true });
      const countBefore = await overdueCount();
      expect(await overdueIds()).toContain(target.id);

      const notAccepted = await move(target.id, 'NOT_ACCEPTED', { reason: 'Người phản ánh đã rút đơn' });
      expect(notAccepted).toMatchObject({ status: 'NOT_ACCEPTED', dueAt: null, mergedPressDueAt: null });
      // The duty is not dropped: the press report is open again, with its own (overdue) reply deadline.
      const back = await read(press.id);
      expect(back).toMatchObject({ status: 'CLASSIFIED', dueAt: press.due, overdue: true, publicReply: null });
      const [{ merged_into_id }] = (await sql<{ merged_into_id: string | null }>(
        `SELECT merged_into_id FROM report WHERE id = $1`,
        [press.id],
      )) as [{ merged_into_id: string | null }];
      expect(merged_into_id).toBeNull();
      const released = back.timeline.at(-1)!;
      expect(released).toMatchObject({ type: 'TRANSITION' });
      expect(released.note).toMatch(/^Tách khỏi đơn đã gộp vì đơn được gộp vào không được thụ lý: .*Luật Báo chí Điều 39/);
      expect(await overdueIds()).toEqual(expect.arrayContaining([press.id]));
      expect(await overdueIds()).not.toContain(target.id);
      expect(await overdueCount()).toBe(countBefore);
      // The citizen's duplicate stays merged and receives the target's reply when it is closed.
      const after = await read(target.id);
      expect(after.mergedReports.map((r) => r.id)).toEqual([citizen.id]);
      expect(after.timeline.at(-1)!.note).toMatch(/1 đơn báo chí đã gộp vào đơn này được tách ra để trả lời riêng/);
      await move(target.id, 'CLOSED', { publicReply: 'Phường ghi nhận việc rút đơn.' });
      expect(await read(citizen.id)).toMatchObject({ status: 'MERGED', publicReply: 'Phường ghi nhận việc rút đơn.' });
      expect(await read(press.id)).toMatchObject({ status: 'CLASSIFIED', publicReply: null, overdue: true });
    });

    it('does the same when the target is transferred, with the reply still due', async () => {
      const target = await record({ kind: 'FEEDBACK', reporter: undefined }, 1);
      await move(target.id, 'CLASSIFIED');
      const press = await pressMergedInto(target.id, 'den-duong-kp5', 3);
      await move(target.id, 'TRANSFERRED', { transferredTo: 'Công ty Điện lực tỉnh' });
      const back = await read(press.id);
      expect(back).toMatchObject({ status: 'CLASSIFIED', dueAt: press.due, overdue: false });
      expect(back.timeline.at(-1)!.note).toMatch(/đã được chuyển đến cơ quan có thẩm quyền/);
      expect((await read(target.id)).mergedReports).toEqual([]);
    });
  });

  describe('what the reporter is told', () => {
    it('shows the acceptance day, each extension, the reason for not accepting, in plain Vietnamese errors', async () => {
      const accepted = await record({}, 2);
      await move(accepted.id, 'CLASSIFIED');
      await move(accepted.id, 'ACCEPTED', {
        decidedOn: plus(today, -1),
        complexity: 'COMPLEX',
        complexityReason: 'Nhiều người liên quan',
      });
      await extend(accepted.id, await version(accepted.id), { decidedOn: today, decisionNumber: '09/QĐ-UBKT' });
      const a = (await ok<{ trackReport: Record<string, unknown> }>(TRACK, { c: accepted.receiptCode })).trackReport;
      expect(a).toMatchObject({
        acceptedOn: plus(today, -1),
        extensions: [{ days: 30, reason: 'Vụ việc phức tạp, cần xác minh thêm', decidedOn: today }],
      });
      const refusedOne = await record({ kind: 'PETITION' });
      await move(refusedOne.id, 'CLASSIFIED');
      await move(refusedOne.id, 'NOT_ACCEPTED', { reason: 'Nội dung đã được giải quyết, không có tình tiết mới' });
      expect(
        (await ok<{ trackReport: Record<string, unknown> }>(TRACK, { c: refusedOne.receiptCode })).trackReport,
      ).toMatchObject({
        status: 'NOT_ACCEPTED',
        notAcceptedReason: 'Nội dung đã được giải quyết, không có tình tiết mới',
      });
      const unknown = onlyError(await t.gql(TRACK, { c: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-Z' }));
      expect(unknown.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'RECEIPT_NOT_FOUND' });
      expect(unknown.message).toMatch(/^Không tìm thấy đơn/);
    });
  });

  describe('dates that cannot lie, and can be corrected', () => {
    it('refuses a decision day in the future or before what it follows, writing nothing', async () => {
      const { id } = await record({}, 5);
      await move(id, 'CLASSIFIED');
      const v = await version(id);
      const future = await refused(id, () => transition(id, v, 'ACCEPTED', { decidedOn: plus(today, 2) }));
      expect(future.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'DATE_IN_FUTURE',
        fields: [{ path: 'input.decidedOn' }],
      });
      expect(future.message).toMatch(/ngày thụ lý/);
      const early = await refused(id, () => transition(id, v, 'ACCEPTED', { decidedOn: plus(today, -9) }));
      expect(early.extensions).toMatchObject({ reason: 'DATE_BEFORE_PREDECESSOR' });
      await move(id, 'ACCEPTED', { decidedOn: plus(today, -3) });
      const extFuture = await refused(id, async () => extend(id, await version(id), { decidedOn: plus(today, 1) }));
      expect(extFuture.extensions).toMatchObject({ reason: 'DATE_IN_FUTURE' });
      await move(id, 'UNDER_VERIFICATION');
      const concludedEarly = await refused(id, async () =>
        transition(id, await version(id), 'CONCLUDED', {
          outcome: 'FOUNDED',
          conclusion: 'Đúng một phần',
          decidedOn: plus(today, -4),
        }),
      );
      expect(concludedEarly.extensions).toMatchObject({ reason: 'DATE_BEFORE_PREDECESSOR' });
      expect(concludedEarly.message).toMatch(/ngày kết luận .* trước ngày thụ lý/);
      await move(id, 'CONCLUDED', { outcome: 'FOUNDED', conclusion: 'Tố cáo đúng', decidedOn: plus(today, -1) });
      const repliedEarly = await refused(id, async () =>
        transition(id, await version(id), 'CLOSED', { publicReply: 'Đã xử lý', decidedOn: plus(today, -2) }),
      );
      expect(repliedEarly.extensions).toMatchObject({ reason: 'DATE_BEFORE_PREDECESSOR' });
    });

    it('refuses a press article published in the future, in Vietnamese, writing nothing', async () => {
      const url = `https://bao.example.vn/${MARK}-bai-tuong-lai.html`;
      const e = onlyError(
        await t.gql(
          PRESS,
          {
            i: {
              outlet: 'Báo Kiên Giang',
              articleTitle: `Bài báo ngày mai ${MARK}`,
              url,
              publishedOn: plus(today, 1),
              excerpt: 'Báo đề nghị phường trả lời.',
              kind: 'FEEDBACK',
              field: 'CONSTRUCTION',
            },
          },
          intake,
        ),
      );
      expect(e.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'DATE_IN_FUTURE',
        fields: [{ path: 'input.publishedOn' }],
      });
      expect(e.message).toMatch(/^Ngày không được ở tương lai: ngày đăng bài báo/);
      expect(await sql(`SELECT 1 FROM report WHERE article_url LIKE $1`, [`%${MARK}-bai-tuong-lai%`])).toEqual([]);
    });

    it('corrects a recorded acceptance day with a reason and history, recomputing the deadline and saying so', async () => {
      const { id } = await record({}, 10);
      await move(id, 'CLASSIFIED');
      const accepted = await move(id, 'ACCEPTED', { decidedOn: plus(today, -2) });
      const v = await version(id);
      const noReason = await refused(id, () =>
        t.gql(CORRECT, { i: { id, version: v, acceptedOn: plus(today, -6), reason: '      ' } }, ic),
      );
      expect(noReason.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' });
      const future = await refused(id, () =>
        t.gql(CORRECT, { i: { id, version: v, acceptedOn: plus(today, 3), reason: 'Nhập nhầm ngày' } }, ic),
      );
      expect(future.extensions).toMatchObject({ reason: 'DATE_IN_FUTURE' });
      const beforeReceipt = await refused(id, () =>
        t.gql(CORRECT, { i: { id, version: v, acceptedOn: plus(today, -20), reason: 'Nhập nhầm ngày' } }, ic),
      );
      expect(beforeReceipt.extensions).toMatchObject({ reason: 'DATE_BEFORE_PREDECESSOR' });
      const notRecorder = await refused(id, () =>
        t.gql(CORRECT, { i: { id, version: v, acceptedOn: plus(today, -6), reason: 'Nhập nhầm ngày' } }, otherIc),
      );
      expect(notRecorder.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_RECORDER_OR_CHAIR' });
      const notRecorded = await refused(id, () =>
        t.gql(CORRECT, { i: { id, version: v, repliedOn: plus(today, -1), reason: 'Nhập nhầm ngày' } }, ic),
      );
      expect(notRecorded.extensions).toMatchObject({ code: 'CONFLICT', reason: 'DATE_NOT_RECORDED' });

      const corrected = (
        await ok<{
          correctReport: {
            dueAt: string;
            acceptedOn: string;
            timeline: Array<{ type: string; note: string; correction: unknown }>;
          };
        }>(
          CORRECT,
          { i: { id, version: v, acceptedOn: plus(today, -6), reason: 'Quyết định thụ lý ký ngày khác ngày đã nhập' } },
          ic,
        )
      ).correctReport;
      const expected = addCalendarDays(plus(today, -6), 30, defaultHolidayCalendar(), { onDayOff: 'NEXT_WORKING_DAY' });
      expect(corrected.acceptedOn).toBe(plus(today, -6));
      expect(corrected.dueAt).not.toBe(accepted.dueAt);
      expect(new Date(Date.parse(corrected.dueAt) + 7 * 3600000).toISOString().slice(0, 10)).toBe(expected);
      expect(corrected.timeline.filter((e) => e.type === 'CORRECTED').map((e) => e.correction)).toEqual([
        { attribute: 'ACCEPTED_ON', from: [plus(today, -2)], to: [plus(today, -6)] },
        { attribute: 'DUE_AT', from: [accepted.dueAt], to: [corrected.dueAt] },
      ]);
      // The chair may correct what another recorded.
      const byChair = await t.gql(
        CORRECT,
        { i: { id, version: await version(id), acceptedOn: plus(today, -5), reason: 'Đối chiếu sổ quyết định' } },
        chair,
      );
      expect(byChair.body.errors).toBeUndefined();
    });

    it('corrects an extension’s decision day and number with a reason and history, rechecking the deadline rules', async () => {
      const { id, receiptCode } = await record({}, 45);
      await move(id, 'CLASSIFIED');
      await move(id, 'ACCEPTED', {
        decidedOn: plus(today, -40),
        complexity: 'COMPLEX',
        complexityReason: 'Nhiều hộ liên quan, phải đo đạc lại',
      });
      // Due 30 days after acceptance (10 days ago): extended by a decision signed before it.
      const extended = await extend(id, await version(id), { decidedOn: plus(today, -12), decisionNumber: '11/QĐ-UBKT' });
      expect(extended.body.errors).toBeUndefined();
      const dueBefore = extended.body.data!.extendReportDeadline.dueAt;
      const [{ id: extId }] = (await sql<{ id: string }>(`SELECT id FROM report_extension WHERE report_id = $1`, [id])) as [
        { id: string },
      ];
      const fix = (extension: Record<string, unknown>, reason = 'Quyết định gia hạn ký ngày khác ngày đã nhập', token = ic) =>
        refused(id, async () =>
          t.gql(CORRECT, { i: { id, version: await version(id), reason, extension: { id: extId, ...extension } } }, token),
        );

      const noReason = await fix({ decidedOn: plus(today, -20) }, '        ');
      expect(noReason.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' });
      expect(noReason.message).toMatch(/lý do/);
      const future = await fix({ decidedOn: plus(today, 1) });
      expect(future.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'DATE_IN_FUTURE',
        fields: [{ path: 'input.extension.decidedOn' }],
      });
      expect(future.message).toMatch(/ngày quyết định gia hạn/);
      const beforeAcceptance = await fix({ decidedOn: plus(today, -41) });
      expect(beforeAcceptance.extensions).toMatchObject({ reason: 'DATE_BEFORE_PREDECESSOR' });
      expect(beforeAcceptance.message).toMatch(/ngày quyết định gia hạn .* trước ngày thụ lý/);
      const afterDeadline = await fix({ decidedOn: plus(today, -5) });
      expect(afterDeadline.extensions).toMatchObject({ code: 'CONFLICT', reason: 'EXTENSION_AFTER_DEADLINE' });
      expect(afterDeadline.message).toMatch(/^Quyết định gia hạn ngày .* đã hết/);
      const notRecorder = await fix({ decidedOn: plus(today, -20) }, 'Nhập nhầm ngày', otherIc);
      expect(notRecorder.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_RECORDER_OR_CHAIR' });
      const nothing = await fix({});
      expect(nothing.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOTHING_TO_CORRECT' });
      const unknown = onlyError(
        await t.gql(
          CORRECT,
          { i: { id, version: await version(id), reason: 'Nhập nhầm ngày', extension: { id: '987654321', decidedOn: today } } },
          ic,
        ),
      );
      expect(unknown.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'EXTENSION_NOT_FOUND' });

      const done = (
        await ok<{ correctReport: { dueAt: string; timeline: Array<{ type: string; note: string; correction: unknown }> } }>(
          CORRECT,
          {
            i: {
              id,
              version: await version(id),
              reason: 'Sổ quyết định ghi số 12/QĐ-UBKT ký ngày khác ngày đã nhập',
              extension: { id: extId, decidedOn: plus(today, -20), decisionNumber: '12/QĐ-UBKT' },
            },
          },
          ic,
        )
      ).correctReport;
      const entries = done.timeline.filter((e) => e.type === 'CORRECTED');
      expect(entries.map((e) => e.correction)).toEqual([
        { attribute: 'EXTENSION_DECIDED_ON', from: [plus(today, -12)], to: [plus(today, -20)] },
        { attribute: 'EXTENSION_DECISION_NUMBER', from: ['11/QĐ-UBKT'], to: ['12/QĐ-UBKT'] },
      ]);
      expect(entries[0]!.note).toBe('Quyết định gia hạn lần 1: Sổ quyết định ghi số 12/QĐ-UBKT ký ngày khác ngày đã nhập');
      // The extension's days run from the deadline it extended: the signing day does not move it.
      expect(done.dueAt).toBe(dueBefore);
      expect((await read(id)).extensions).toEqual([{ days: 30, decidedOn: plus(today, -20) }]);
      expect(
        (await ok<{ trackReport: { extensions: Array<{ decidedOn: string }> } }>(TRACK, { c: receiptCode })).trackReport
          .extensions,
      ).toEqual([{ days: 30, reason: 'Vụ việc phức tạp, cần xác minh thêm', decidedOn: plus(today, -20) }]);

      // The chair corrects what another recorded; an acceptance day moved with it recomputes the deadline and says so.
      const both = (
        await ok<{ correctReport: { dueAt: string; timeline: Array<{ type: string; correction: { attribute: string } }> } }>(
          CORRECT,
          {
            i: {
              id,
              version: await version(id),
              reason: 'Đối chiếu sổ quyết định: thụ lý và gia hạn đều ký sớm hơn',
              acceptedOn: plus(today, -42),
              extension: { id: extId, decidedOn: plus(today, -25) },
            },
          },
          chair,
        )
      ).correctReport;
      expect(
        both.timeline
          .filter((e) => e.type === 'CORRECTED')
          .slice(2)
          .map((e) => e.correction.attribute),
      ).toEqual(['ACCEPTED_ON', 'EXTENSION_DECIDED_ON', 'DUE_AT']);
      expect(Date.parse(both.dueAt)).toBeLessThan(Date.parse(dueBefore));
      // An extension signed after the (corrected) acceptance only: before it is refused.
      const beforeCorrected = await fix({ decidedOn: plus(today, -43) }, 'Nhập nhầm ngày', chair);
      expect(beforeCorrected.extensions).toMatchObject({ reason: 'DATE_BEFORE_PREDECESSOR' });
    });

    it('corrects the reply day of a closed report, and nothing else of it', async () => {
      const { id } = await record({ kind: 'PETITION' }, 4);
      await move(id, 'CLASSIFIED');
      await move(id, 'NOT_ACCEPTED', { reason: 'Không thuộc thẩm quyền giải quyết' });
      await move(id, 'CLOSED', { publicReply: 'Phường đã hướng dẫn ông/bà gửi đơn đến cơ quan có thẩm quyền.' });
      const other = await refused(id, async () =>
        t.gql(CORRECT, { i: { id, version: await version(id), field: 'OTHER', reason: 'Sai lĩnh vực' } }, ic),
      );
      expect(other.extensions).toMatchObject({ code: 'CONFLICT', reason: 'REPORT_FINISHED' });
      const res = await ok<{ correctReport: { repliedOn: string } }>(
        CORRECT,
        { i: { id, version: await version(id), repliedOn: plus(today, -1), reason: 'Văn bản trả lời ký hôm qua' } },
        ic,
      );
      expect(res.correctReport.repliedOn).toBe(plus(today, -1));
    });
  });

  describe('group complaints (issue 27, item 2)', () => {
    const group = (over: Record<string, unknown> = {}) => ({
      kind: 'COMPLAINT',
      field: 'LAND',
      title: `Khiếu nại đông người ${MARK}`,
      content: 'Chúng tôi gồm ông Trần Văn Bảy, bà Lý Thị Chín và người đại diện khiếu nại quyết định thu hồi đất khu phố 5.',
      reporter: { fullName: 'Nguyễn Thị Tám', phone: '0913 111 222', wantsNotifications: false },
      group: { members: [{ fullName: 'Trần Văn Bảy', phone: '0988 765 432' }, { fullName: 'Lý Thị Chín' }] },
      ...over,
    });
    const reports = async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM report`))[0]!.n;

    it('refuses a group complaint without a representative, and a group denunciation, writing nothing', async () => {
      const before = await reports();
      const alone = onlyError(await t.gql(SUBMIT, { i: group({ reporter: undefined }) }));
      expect(alone.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'GROUP_WITHOUT_REPRESENTATIVE' });
      expect(alone.message).toMatch(/người đại diện/);
      const denunciation = onlyError(await t.gql(SUBMIT, { i: group({ kind: 'DENUNCIATION' }) }));
      expect(denunciation.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'GROUP_NOT_FOR_KIND' });
      expect(await reports()).toBe(before);
    });

    it('keeps the members sealed and out of what others read; the representative tracks it', async () => {
      const receipt = (await ok<{ submitReport: { receiptCode: string } }>(SUBMIT, { i: group() })).submitReport;
      const [row] = (await sql<{ id: string; group_size: number; members: string; content_redacted: string }>(
        `SELECT r.id, r.group_size, i.group_members AS members, r.content_redacted FROM report r
           JOIN reporter_identity i ON i.report_id = r.id WHERE r.title = $1`,
        [`Khiếu nại đông người ${MARK}`],
      )) as [{ id: string; group_size: number; members: string; content_redacted: string }];
      expect(row.group_size).toBe(3);
      expect(row.members).toMatch(/^v2\./);
      expect(row.members).not.toMatch(/Bảy|Chín|0988/);
      expect(row.content_redacted).not.toMatch(/Trần Văn Bảy|Lý Thị Chín/);
      const seen = await ok<{ report: { content: string; groupSize: number } }>(
        `query($id: ID!) { report(id: $id) { content groupSize } }`,
        { id: row.id },
        ic,
      );
      expect(seen.report.groupSize).toBe(3);
      expect(seen.report.content).not.toMatch(/Bảy|Chín/);
      const tracked = await ok<{ trackReport: { groupSize: number; status: string } }>(
        `query($c: String!) { trackReport(receiptCode: $c) { status groupSize } }`,
        { c: receipt.receiptCode },
      );
      expect(tracked.trackReport).toEqual({ status: 'RECEIVED', groupSize: 3 });
    });
  });
});
