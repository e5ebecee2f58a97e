import { Role } from '../../src/common/role.enum';
import { onlyError, startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 21, items 2 and 5: staff correct what intake recorded (kind, field, concerned cadres and
 * units, complexity, remote area), each change a timeline entry with its reason; linking a cadre
 * hides the report from that cadre's account at once; every entry and decision names the staff
 * account that made it, for staff only.
 */
const MARK = 'VANKT-5c1e';
const RECORD = `mutation($i: RecordReportInput!) { recordReport(input: $i) { receiptCode dueAt } }`;
const CORRECT = `mutation($i: CorrectReportInput!) { correctReport(input: $i) {
  id version kind field complexity remoteArea dueAt treatedAsInformation concernedCadreIds concernedUnitIds
  timeline { type note actor actedBy { id displayName role } correction { attribute from to } } } }`;
const READ = `query($id: ID!) { report(id: $id) { id version title concernedText } }`;

describe('correcting a report after intake', () => {
  let t: TestApp;
  let intake: string;
  let ic: string;
  /** An Inspection Committee member whose own register entry is cadre C. */
  let member: string;
  let c: { id: string; unit_id: string; full_name: string };
  let other: { id: string };
  const q = async <T>(sql: string, params: unknown[] = []) => (await t.app.dataSource.query(sql, params)) as T[];

  const ok = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
    const res = await t.gql<T>(query, variables, token);
    if (res.body.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(res.body.errors)}`);
    return res.body.data!;
  };

  /** Records a report as intake staff and returns its id, version and receipt code. */
  const record = async (over: Record<string, unknown> = {}) => {
    const title = `Đơn ${MARK} ${Math.random().toString(36).slice(2, 8)}`;
    const { recordReport } = await ok<{ recordReport: { receiptCode: string; dueAt: string } }>(
      RECORD,
      {
        i: {
          kind: 'DENUNCIATION',
          field: 'PUBLIC_FINANCE',
          source: 'CITIZEN',
          channel: 'RECEPTION',
          title,
          content: `Tố cáo ${MARK}: chị Vân phòng kinh tế yêu cầu nộp thêm tiền ngoài quy định khi thẩm định hồ sơ.`,
          reporter: { fullName: 'Đỗ Văn Hùng' },
          concerns: { cadreIds: [], unitIds: [c.unit_id], text: 'chị Vân phòng kinh tế' },
          ...over,
        },
      },
      intake,
    );
    const [row] = await q<{ id: string; version: number }>(`SELECT id, version FROM report WHERE title = $1`, [title]);
    return { ...row!, receiptCode: recordReport.receiptCode, dueAt: recordReport.dueAt };
  };

  /** Everything a correction could write, to prove a refused one wrote nothing. */
  const footprint = (id: string) =>
    q(
      `SELECT (SELECT row_to_json(r) FROM (SELECT version, kind, field, complexity, remote_area, due_at FROM report WHERE id = $1) r) AS report,
              (SELECT json_agg(s ORDER BY s.id) FROM (SELECT id, cadre_id, unit_id FROM report_subject WHERE report_id = $1) s) AS subjects,
              (SELECT count(*) FROM report_timeline_entry WHERE report_id = $1) AS entries,
              (SELECT count(*) FROM outbox_event WHERE payload->>'reportId' = $1::text) AS events`,
      [id],
    );

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    intake = await t.tokenFor(Role.INTAKE_STAFF);
    ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    [c] = (await q<{ id: string; unit_id: string; full_name: string }>(
      `SELECT c.id, c.unit_id, c.full_name FROM cadre c JOIN unit u ON u.id = c.unit_id
        WHERE c.status = 'ACTIVE' AND c.gender = 'FEMALE' AND u.parent_id IS NOT NULL ORDER BY c.full_name, c.id LIMIT 1`,
    )) as [typeof c];
    [other] = (await q<{ id: string }>(`SELECT id FROM cadre WHERE id <> $1 ORDER BY full_name, id LIMIT 1`, [c.id])) as [
      { id: string },
    ];
    await ok(
      `mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }`,
      {
        i: {
          email: 'uyvien.kiemtra@anbien.test',
          displayName: 'Ủy viên Ủy ban Kiểm tra',
          password: 'a-long-password-uyvien',
          role: 'INSPECTION_COMMITTEE',
          cadreId: c.id,
        },
      },
      await t.tokenFor(Role.ADMIN),
    );
    member = await t.login('uyvien.kiemtra@anbien.test', 'a-long-password-uyvien');
  });
  afterAll(() => t.stop());

  describe('the story: a denunciation names a committee member in free text, then intake links them', () => {
    let report: { id: string; version: number };

    /** What the member sees of the report, path by path. */
    const seen = async () => {
      const one = await t.gql(READ, { id: report.id }, member);
      const list = await ok<{ reports: { edges: Array<{ node: { id: string } }> } }>(
        `{ reports(first: 100) { edges { node { id } } } }`,
        {},
        member,
      );
      const search = await ok<{ reports: { totalCount: number } }>(
        `{ reports(first: 5, filter: { search: "${MARK}" }) { totalCount } }`,
        {},
        member,
      );
      const record = await ok<{ unit: { supervisionRecord: { nodes: Array<{ report: { id: string } | null }> } } }>(
        `query($u: ID!) { unit(id: $u) { supervisionRecord(first: 50) { nodes { report { id } } } } }`,
        { u: c.unit_id },
        member,
      );
      const board = await ok<{ latestBoardEvents: { events: Array<{ reportId: string | null }> } }>(
        `{ latestBoardEvents(count: 100) { events { reportId } } }`,
        {},
        member,
      );
      const recent = await ok<{ board: { recentEvents: Array<{ reportId: string | null }> } }>(
        `{ board { recentEvents { reportId } } }`,
        {},
        member,
      );
      return {
        report: one.body.errors ? String(one.body.errors[0]!.extensions?.['code']) : 'read',
        list: list.reports.edges.some((e) => e.node.id === report.id),
        search: search.reports.totalCount,
        unitRecord: record.unit.supervisionRecord.nodes.some((n) => n.report?.id === report.id),
        latestBoardEvents: board.latestBoardEvents.events.some((e) => e.reportId === report.id),
        boardRecentEvents: recent.board.recentEvents.some((e) => e.reportId === report.id),
      };
    };

    beforeAll(async () => {
      report = await record();
    });

    it('shows the report to the member while it names them only in free text', async () => {
      expect(await seen()).toEqual({
        report: 'read',
        list: true,
        search: 1,
        unitRecord: true,
        latestBoardEvents: true,
        boardRecentEvents: true,
      });
    });

    it('links the cadre with a reason, recorded on the timeline with the account that did it', async () => {
      const { correctReport } = await ok<{
        correctReport: {
          version: number;
          concernedCadreIds: string[];
          timeline: Array<{
            type: string;
            note: string | null;
            actor: string;
            actedBy: { displayName: string; role: string } | null;
            correction: { attribute: string; from: string[]; to: string[] } | null;
          }>;
        };
      }>(
        CORRECT,
        {
          i: {
            id: report.id,
            version: report.version,
            concernedCadreIds: [c.id],
            reason: `"Chị Vân phòng kinh tế" là ${c.full_name}`,
          },
        },
        intake,
      );
      expect(correctReport.concernedCadreIds).toEqual([c.id]);
      expect(correctReport.version).toBe(report.version + 1);
      expect(correctReport.timeline.at(-1)).toEqual({
        type: 'CORRECTED',
        note: `"Chị Vân phòng kinh tế" là ${c.full_name}`,
        actor: 'STAFF',
        actedBy: { id: expect.any(String), displayName: 'Cán bộ tiếp nhận phản ánh báo chí', role: 'INTAKE_STAFF' },
        correction: { attribute: 'CONCERNED_CADRES', from: [], to: [c.id] },
      });
      const [event] = await q<{ payload: Record<string, unknown> }>(
        `SELECT payload FROM outbox_event WHERE type = 'REPORT_CORRECTED' AND payload->>'reportId' = $1`,
        [report.id],
      );
      expect(event!.payload).toMatchObject({ reportId: report.id, corrected: ['CONCERNED_CADRES'] });
    });

    it('hides it from the member at once, on every path', async () => {
      expect(await seen()).toEqual({
        report: 'NOT_FOUND',
        list: false,
        search: 0,
        unitRecord: false,
        latestBoardEvents: false,
        boardRecentEvents: false,
      });
    });

    it('refuses the member’s own correction as if the report did not exist, writing nothing', async () => {
      const before = await footprint(report.id);
      const res = await t.gql(
        CORRECT,
        { i: { id: report.id, version: report.version + 1, concernedCadreIds: [], reason: 'Không liên quan đến tôi' } },
        member,
      );
      expect(onlyError(res).extensions).toMatchObject({ code: 'NOT_FOUND' });
      expect(JSON.stringify(res.body)).not.toContain(MARK);
      expect(await footprint(report.id)).toEqual(before);
    });
  });

  describe('bad input: a clear error and nothing written', () => {
    let report: { id: string; version: number };
    beforeAll(async () => {
      report = await record();
    });

    const refused = async (input: Record<string, unknown>, token = intake) => {
      const before = await footprint(report.id);
      const res = await t.gql(
        CORRECT,
        { i: { id: report.id, version: report.version, reason: 'Hiệu chỉnh theo hồ sơ', ...input } },
        token,
      );
      expect(await footprint(report.id)).toEqual(before);
      expect(JSON.stringify(res.body)).not.toContain(MARK);
      return onlyError(res);
    };

    it('names the unknown cadre in the list, revealing nothing of the report', async () => {
      const unknown = '00000000-0000-4000-8000-00000000abcd';
      const e = await refused({ concernedCadreIds: [other.id, unknown] });
      expect(e.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'UNKNOWN_CADRE',
        fields: [{ path: 'input.concernedCadreIds.1', message: `không có cán bộ ${unknown}`, code: 'UNKNOWN_CADRE' }],
      });
      expect(e.message).toContain(unknown);
    });

    it('names an unknown unit', async () => {
      const e = await refused({ concernedUnitIds: ['00000000-0000-4000-8000-00000000beef'] });
      expect(e.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'UNKNOWN_UNIT',
        fields: [{ path: 'input.concernedUnitIds.0' }],
      });
    });

    it('needs a reason', async () => {
      expect((await refused({ field: 'LAND', reason: '      ' })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'REASON_REQUIRED',
        fields: [{ path: 'input.reason' }],
      });
      expect((await refused({ field: 'LAND', reason: 'x' })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'input.reason' }],
      });
      const res = await t.gql(CORRECT, { i: { id: report.id, version: report.version, field: 'LAND' } }, intake);
      expect(onlyError(res).extensions?.['code']).toBe('BAD_USER_INPUT');
    });

    it('refuses a correction that changes nothing', async () => {
      const e = await refused({
        kind: 'DENUNCIATION',
        field: 'PUBLIC_FINANCE',
        concernedUnitIds: [c.unit_id],
        remoteArea: false,
      });
      expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOTHING_TO_CORRECT' });
      expect(e.message).toMatch(/Không có gì để hiệu chỉnh/);
      expect((await refused({})).extensions).toMatchObject({ reason: 'NOTHING_TO_CORRECT' });
    });

    it('refuses a stale version', async () => {
      expect((await refused({ field: 'LAND', version: report.version + 5 })).extensions).toMatchObject({ code: 'CONFLICT' });
    });

    it('refuses linking the caller’s own cadre: FORBIDDEN, RECUSED', async () => {
      const [me] = await q<{ id: string }>(`SELECT id FROM account WHERE email = 'tiepnhan@anbien.test'`);
      await q(`UPDATE account SET cadre_id = $1 WHERE id = $2`, [other.id, me!.id]);
      try {
        expect((await refused({ concernedCadreIds: [other.id] })).extensions).toMatchObject({
          code: 'FORBIDDEN',
          reason: 'RECUSED',
        });
      } finally {
        await q(`UPDATE account SET cadre_id = NULL WHERE id = $1`, [me!.id]);
      }
    });

    it('refuses roles that do not handle intake', async () => {
      for (const role of [Role.VIEWER, Role.UNIT_HEAD, Role.STANDING_COMMITTEE])
        expect((await refused({ field: 'LAND' }, await t.tokenFor(role))).extensions).toMatchObject({ code: 'FORBIDDEN' });
      const res = await t.gql(CORRECT, { i: { id: report.id, version: report.version, field: 'LAND', reason: 'Người gửi sửa' } });
      expect(onlyError(res).extensions?.['code']).toBe('UNAUTHENTICATED');
    });

    it('refuses a closed or merged report: CONFLICT', async () => {
      for (const status of ['CLOSED', 'MERGED']) {
        await q(`UPDATE report SET status = $2 WHERE id = $1`, [report.id, status]);
        expect((await refused({ field: 'LAND' })).extensions).toMatchObject({
          code: 'CONFLICT',
          reason: 'REPORT_FINISHED',
          status,
        });
      }
      await q(`UPDATE report SET status = 'RECEIVED' WHERE id = $1`, [report.id]);
    });
  });

  describe('deadlines', () => {
    it('recomputes the due date after a kind and a complexity change, and says it', async () => {
      const feedback = await record({ kind: 'FEEDBACK' });
      const denunciation = await record();
      expect(feedback.dueAt).not.toBe(denunciation.dueAt); // 10 working days against 7
      const asKind = (
        await ok<{ correctReport: { version: number; kind: string; dueAt: string } }>(
          CORRECT,
          {
            i: {
              id: feedback.id,
              version: feedback.version,
              kind: 'DENUNCIATION',
              reason: 'Nội dung là tố cáo, không phải phản ánh',
            },
          },
          intake,
        )
      ).correctReport;
      expect(asKind).toMatchObject({ kind: 'DENUNCIATION', dueAt: denunciation.dueAt });
      const [{ due_at }] = (await q<{ due_at: Date }>(`SELECT due_at FROM report WHERE id = $1`, [feedback.id])) as [
        { due_at: Date },
      ];
      expect(due_at.toISOString()).toBe(asKind.dueAt);
      // A complex denunciation gets 10 working days to decide on acceptance: the feedback's original date.
      const complex = await ok<{ correctReport: { dueAt: string; timeline: Array<{ correction: unknown }> } }>(
        CORRECT,
        { i: { id: feedback.id, version: asKind.version, complexity: 'COMPLEX', reason: 'Cần kiểm tra, xác minh thêm' } },
        ic,
      );
      expect(complex.correctReport.dueAt).toBe(feedback.dueAt);
      // Each correction that moved the deadline is followed by a DUE_AT entry saying so.
      expect(complex.correctReport.timeline.map((e) => e.correction).filter(Boolean)).toEqual([
        { attribute: 'KIND', from: ['FEEDBACK'], to: ['DENUNCIATION'] },
        { attribute: 'DUE_AT', from: [feedback.dueAt], to: [asKind.dueAt] },
        { attribute: 'COMPLEXITY', from: ['ORDINARY'], to: ['COMPLEX'] },
        { attribute: 'DUE_AT', from: [asKind.dueAt], to: [feedback.dueAt] },
      ]);
    });

    it('an anonymous report corrected into a denunciation is kept as information', async () => {
      const r = await record({ kind: 'PETITION', reporter: undefined });
      const res = await ok<{ correctReport: { treatedAsInformation: boolean } }>(
        CORRECT,
        { i: { id: r.id, version: r.version, kind: 'DENUNCIATION', reason: 'Nội dung là tố cáo' } },
        intake,
      );
      expect(res.correctReport.treatedAsInformation).toBe(true);
    });
  });

  describe('who did it', () => {
    const LIST = (
      withActors: boolean,
      first: number,
    ) => `{ reports(first: ${first}, filter: { search: "${MARK}" }) { edges { node {
      id timeline { type actor ${withActors ? 'actedBy { id displayName role }' : ''} }
      extensions { days ${withActors ? 'decidedBy { id displayName role }' : ''} } } } } }`;
    let extended: { id: string; receiptCode: string };

    beforeAll(async () => {
      // A complex denunciation accepted and extended by the committee: an entry and a decision by another account.
      const r = await record();
      extended = r;
      let version = r.version;
      for (const [to, extra] of [
        ['CLASSIFIED', {}],
        ['ACCEPTED', { complexity: 'COMPLEX', complexityReason: 'Cần xác minh tại nhiều nơi' }],
      ] as const) {
        version = (
          await ok<{ transitionReport: { version: number } }>(
            `mutation($i: TransitionReportInput!) { transitionReport(input: $i) { version } }`,
            { i: { id: r.id, version, to, ...extra } },
            ic,
          )
        ).transitionReport.version;
      }
      await ok(
        `mutation($i: ExtendReportInput!) { extendReportDeadline(input: $i) { id } }`,
        { i: { id: r.id, version, days: 30, reason: 'Vụ việc phức tạp, cần xác minh thêm', decisionNumber: '12/QĐ-UBKT' } },
        ic,
      );
    });

    it('shows staff the account behind each entry and decision, the reporter’s and old entries as null', async () => {
      // An entry written before accounts were recorded (intake by staff does record one now).
      const [legacy] = await q<{ id: string }>(`SELECT min(id) AS id FROM report_timeline_entry WHERE report_id = $1`, [
        extended.id,
      ]);
      await q(`UPDATE report_timeline_entry SET actor_account_id = NULL WHERE id = $1`, [legacy!.id]);
      const res = await ok<{
        report: {
          timeline: Array<{ id: string; type: string; actedBy: { role: string } | null }>;
          extensions: Array<{ decidedBy: { displayName: string; role: string } | null }>;
        };
      }>(
        `query($id: ID!) { report(id: $id) { timeline { id type actedBy { role } } extensions { decidedBy { displayName role } } } }`,
        { id: extended.id },
        await t.tokenFor(Role.STANDING_COMMITTEE),
      );
      expect(res.report.timeline.map((e) => [e.type, e.actedBy?.role ?? null])).toEqual([
        ['RECEIVED', null],
        ['TRANSITION', 'INSPECTION_COMMITTEE'],
        ['COMPLEXITY_FOUND', 'INSPECTION_COMMITTEE'],
        ['TRANSITION', 'INSPECTION_COMMITTEE'],
        ['EXTENDED', 'INSPECTION_COMMITTEE'],
      ]);
      expect(res.report.timeline[0]!.actedBy).toBeNull();
      expect(res.report.extensions).toEqual([
        { decidedBy: { displayName: 'Ủy ban Kiểm tra Đảng ủy', role: 'INSPECTION_COMMITTEE' } },
      ]);
    });

    it('costs a fixed number of statements for the actors, however many reports and entries', async () => {
      const sql = async (withActors: boolean, first: number) => {
        const res = await t.gql<{ reports: { edges: unknown[] } }>(LIST(withActors, first), {}, ic);
        if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
        return { rows: res.body.data!.reports.edges.length, sql: res.sql };
      };
      const few = await sql(false, 2);
      const many = await sql(false, 50);
      expect(many.rows).toBeGreaterThanOrEqual(5);
      expect(many.sql).toBe(few.sql);
      // One batched account look-up per kind of record (entries, decisions), whichever batch the
      // loader's timing gives them: never one per row.
      for (const [first, base] of [
        [2, few.sql],
        [50, many.sql],
      ] as const) {
        const withActors = (await sql(true, first)).sql;
        expect(withActors).toBeGreaterThan(base);
        expect(withActors).toBeLessThanOrEqual(base + 2);
      }
    });

    it('never shows the reporter who acted: trackReport has no staff identity', async () => {
      const TRACK = `query($c: String!) { trackReport(receiptCode: $c) { extensions { days reason decidedBy { id displayName } } messages { text } } }`;
      for (const token of [undefined, ic]) {
        const res = await t.gql<{ trackReport: { extensions: Array<{ decidedBy: unknown }> } }>(
          TRACK,
          { c: extended.receiptCode },
          token,
        );
        expect(res.body.errors).toBeUndefined();
        expect(res.body.data!.trackReport.extensions).toEqual([
          { days: 30, reason: 'Vụ việc phức tạp, cần xác minh thêm', decidedBy: null },
        ]);
        expect(JSON.stringify(res.body)).not.toMatch(/Ủy ban Kiểm tra|INSPECTION_COMMITTEE|INTAKE_STAFF|anbien\.test/);
      }
    });

    it('does not tie a reporter’s message to a signed-in account', async () => {
      await ok(
        `mutation($c: String!) { addReportMessage(receiptCode: $c, text: "Tôi bổ sung thêm chứng cứ") { status } }`,
        { c: extended.receiptCode },
        ic,
      );
      const [entry] = await q<{ actor: string; actor_account_id: string | null }>(
        `SELECT actor, actor_account_id FROM report_timeline_entry WHERE report_id = $1 AND type = 'REPORTER_MESSAGE'`,
        [extended.id],
      );
      expect(entry).toEqual({ actor: 'REPORTER', actor_account_id: null });
    });
  });
});
