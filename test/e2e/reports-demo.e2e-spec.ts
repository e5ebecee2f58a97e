import { Role } from '../../src/common/role.enum';
import { DEMO_ACCOUNTS, DEMO_INVOLVED_MEMBER } from '../../src/demo/accounts.seed';
import pino from 'pino';
import { seedDemoCorrectionStory } from '../../src/demo/reports.seed';
import { startTestApp, type TestApp } from '../support/test-app';

const silent = pino({ level: 'silent' });

describe('the demo ward’s reports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true, seedReports: true });
  });
  afterAll(() => t.stop());

  it('has every kind, source and stage, some overdue and some due soon, press articles and protected denunciations', async () => {
    const q = (sql: string) => t.owner.query(sql) as Promise<Array<Record<string, unknown>>>;
    const kinds = (await q(`SELECT DISTINCT kind FROM report`)).map((r) => r['kind']).sort();
    expect(kinds).toEqual(['COMPLAINT', 'DENUNCIATION', 'FEEDBACK', 'PETITION']);
    const sources = (await q(`SELECT DISTINCT source FROM report`)).map((r) => r['source']).sort();
    expect(sources).toEqual(['CITIZEN', 'FATHERLAND_FRONT', 'HIGHER_LEVEL', 'INTERNAL', 'PRESS']);
    const statuses = (await q(`SELECT DISTINCT status FROM report`)).map((r) => r['status']).sort();
    expect(statuses).toEqual([
      'ACCEPTED',
      'CLASSIFIED',
      'CLOSED',
      'CONCLUDED',
      'INFORMATION',
      'INFORMATION_FILED',
      'INFORMATION_USED',
      'MERGED',
      'NOT_ACCEPTED',
      'RECEIVED',
      'TRANSFERRED',
      'UNDER_VERIFICATION',
    ]);
    const ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    const count = async (filter: string) =>
      (await t.gql<{ reports: { totalCount: number } }>(`{ reports(first: 1, filter: ${filter}) { totalCount } }`, {}, ic)).body
        .data!.reports.totalCount;
    expect(await count('{ overdue: true }')).toBeGreaterThan(0);
    expect(await count('{ dueWithinDays: 7 }')).toBeGreaterThan(0);
    expect(await count('{ sources: [PRESS] }')).toBe(5);
    // Anonymous denunciations kept as information are never overdue (Luật Tố cáo Art. 25).
    const [info] = (await q(
      `SELECT count(*) FILTER (WHERE treated_as_information AND due_at IS NOT NULL)::int AS with_clock,
              count(*) FILTER (WHERE status = 'INFORMATION')::int AS kept
         FROM report`,
    )) as [{ with_clock: number; kept: number }];
    expect(info.with_clock).toBe(0);
    expect(info.kept).toBeGreaterThan(0);
    const overdue = await t.gql<{ reports: { edges: Array<{ node: { treatedAsInformation: boolean } }> } }>(
      '{ reports(first: 100, filter: { overdue: true }) { edges { node { treatedAsInformation } } } }',
      {},
      ic,
    );
    expect(overdue.body.data!.reports.edges.filter((e) => e.node.treatedAsInformation)).toEqual([]);
    const [{ n }] = (await q(
      `SELECT count(*)::int AS n FROM report r JOIN reporter_identity i ON i.report_id = r.id WHERE r.kind = 'DENUNCIATION'`,
    )) as [{ n: number }];
    expect(n).toBeGreaterThanOrEqual(2);
    const [{ oldest }] = (await q(`SELECT extract(day FROM now() - min(received_at))::int AS oldest FROM report`)) as [
      { oldest: number },
    ];
    expect(oldest).toBeGreaterThan(60);
  });

  it('shows the handling rules: a complex case extended during verification, a forwarding, information, a merged press report, a corrected date', async () => {
    const ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    const q = (sql: string) => t.owner.query(sql) as Promise<Array<Record<string, unknown>>>;
    const [complex] = await q(
      `SELECT r.status, r.complexity, (SELECT count(*)::int FROM report_extension x WHERE x.report_id = r.id) AS extensions,
              (SELECT to_status FROM report_timeline_entry e WHERE e.report_id = r.id AND e.type = 'TRANSITION'
                  AND e.id < (SELECT min(id) FROM report_timeline_entry f WHERE f.report_id = r.id AND f.type = 'COMPLEXITY_FOUND')
                ORDER BY e.id DESC LIMIT 1) AS found_after
         FROM report r WHERE r.title LIKE 'Tố cáo sai phạm trong đo đạc%'`,
    );
    expect(complex).toEqual({ status: 'UNDER_VERIFICATION', complexity: 'COMPLEX', extensions: 1, found_after: 'ACCEPTED' });
    // Its extension decision's day, corrected with a reason: the old day kept on the timeline.
    const [ext] = await q(
      `SELECT r.id, x.decided_on::text AS decided_on, x.decision_number FROM report r JOIN report_extension x ON x.report_id = r.id
        WHERE r.title LIKE 'Tố cáo sai phạm trong đo đạc%'`,
    );
    const history = await t.gql<{
      report: {
        extensions: Array<{ decidedOn: string; decisionNumber: string }>;
        timeline: Array<{
          type: string;
          note: string | null;
          correction: { attribute: string; from: string[]; to: string[] } | null;
        }>;
      };
    }>(
      'query($id: ID!) { report(id: $id) { extensions { decidedOn decisionNumber } timeline { type note correction { attribute from to } } } }',
      { id: ext!['id'] },
      ic,
    );
    expect(history.body.data!.report.extensions).toEqual([{ decidedOn: ext!['decided_on'], decisionNumber: '07/QĐ-UBKT' }]);
    const fixed = history.body.data!.report.timeline.filter((e) => e.correction?.attribute === 'EXTENSION_DECIDED_ON');
    expect(fixed).toHaveLength(1);
    expect(fixed[0]!.correction!.to).toEqual([ext!['decided_on']]);
    expect(fixed[0]!.correction!.from[0]! > String(ext!['decided_on'])).toBe(true);
    expect(fixed[0]!.note).toMatch(/^Quyết định gia hạn lần 1: .*07\/QĐ-UBKT/);
    const [forwarded] = await q(
      `SELECT status, transferred_to, forwarded_on IS NOT NULL AS has_day, forwarding_due_at IS NOT NULL AS has_due
         FROM report WHERE title = 'Tố cáo sai phạm trong dự án do tỉnh làm chủ đầu tư'`,
    );
    expect(forwarded).toMatchObject({ status: 'TRANSFERRED', has_day: true, has_due: true });
    const [information] = await q(
      `SELECT status, due_at FROM report WHERE title = 'Thư không ký tên về việc thu tiền khi cấp phép sửa nhà'`,
    );
    expect(information).toEqual({ status: 'INFORMATION', due_at: null });
    const [press] = await q(
      `SELECT p.status, p.due_at > now() AS reply_due, t.merged_press_due_at = p.due_at AS carried, t.status AS target_status
         FROM report p JOIN report t ON t.id = p.merged_into_id WHERE p.article_url LIKE '%hem-21-bi-chiem%'`,
    );
    expect(press).toEqual({ status: 'MERGED', reply_due: true, carried: true, target_status: 'ACCEPTED' });
    const [corrected] = await q(`SELECT r.id FROM report r WHERE r.title LIKE 'Khiếu nại quyết định từ chối cấp giấy phép%'`);
    const res = await t.gql<{ report: { timeline: Array<{ type: string; correction: { attribute: string } | null }> } }>(
      'query($id: ID!) { report(id: $id) { timeline { type correction { attribute } } } }',
      { id: corrected!['id'] },
      ic,
    );
    expect(res.body.data!.report.timeline.filter((e) => e.type === 'CORRECTED').map((e) => e.correction!.attribute)).toEqual([
      'ACCEPTED_ON',
      'DUE_AT',
    ]);
  });

  it('tells the recusal story: a denunciation naming a committee member in free text, linked by a correction, gone from her view', async () => {
    const q = (sql: string, p: unknown[] = []) => t.app.dataSource.query(sql, p) as Promise<Array<Record<string, unknown>>>;
    const [story] = await q(
      `SELECT r.id, r.concerned_text, a.cadre_id, e.note, e.correction, e.actor_account_id
         FROM report r JOIN report_timeline_entry e ON e.report_id = r.id AND e.type = 'CORRECTED'
              AND e.correction->>'attribute' = 'CONCERNED_CADRES'
         JOIN account a ON a.email = $1
        WHERE r.kind = 'DENUNCIATION'`,
      [DEMO_INVOLVED_MEMBER.email],
    );
    expect(story).toMatchObject({
      concerned_text: expect.stringMatching(/^chị \S+ ở /),
      correction: { attribute: 'CONCERNED_CADRES', from: [], to: [story!['cadre_id']] },
      note: expect.stringMatching(/phải tránh/),
      actor_account_id: expect.any(String),
    });
    const READ = `query($id: ID!) { report(id: $id) { id timeline { type actedBy { role } } } }`;
    const ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    const seen = await t.gql<{ report: { timeline: Array<{ type: string; actedBy: { role: string } | null }> } }>(
      READ,
      { id: story!['id'] },
      ic,
    );
    expect(seen.body.data!.report.timeline.map((e) => [e.type, e.actedBy?.role])).toEqual([
      ['RECEIVED', 'INTAKE_STAFF'],
      ['CORRECTED', 'INTAKE_STAFF'],
    ]);
    const member = await t.login(DEMO_INVOLVED_MEMBER.email);
    const hidden = await t.gql(READ, { id: story!['id'] }, member);
    expect(hidden.body.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const list = await t.gql<{ reports: { edges: Array<{ node: { id: string } }> } }>(
      `{ reports(first: 100, filter: { kinds: [DENUNCIATION] }) { edges { node { id } } } }`,
      {},
      member,
    );
    expect(list.body.data!.reports.edges.length).toBeGreaterThan(0);
    expect(list.body.data!.reports.edges.map((e) => e.node.id)).not.toContain(story!['id']);
  });

  it('tells the same story whichever day the demo is started: the correction moves no deadline', async () => {
    // The story moves its receipt two days back; its deadline has to move with it, or the
    // correction recomputes it and adds a DUE_AT entry of its own (CI found it, started at 00:30
    // in Vietnam). Seven start days in a row, each rolled back.
    const [member] = (await t.owner.query(
      `SELECT c.id AS "cadreId", c.full_name AS "fullName", u.name AS "unitName"
         FROM account a JOIN cadre c ON c.id = a.cadre_id JOIN unit u ON u.id = c.unit_id WHERE a.email = $1`,
      [DEMO_INVOLVED_MEMBER.email],
    )) as Array<{ cadreId: string; fullName: string; unitName: string }>;
    const rollback = new Error('rollback');
    const entries: string[][] = [];
    for (let k = 0; k < 7; k++) {
      const now = new Date(Date.now() - k * 86_400_000);
      await t.owner
        .transaction(async (manager) => {
          const { services } = t.app;
          const id = await seedDemoCorrectionStory(manager, services.reports, services.makeLoaders, silent, member!, now);
          const rows = (await manager.query(
            `SELECT type, correction->>'attribute' AS attribute FROM report_timeline_entry WHERE report_id = $1 ORDER BY at, id`,
            [id],
          )) as Array<{ type: string; attribute: string | null }>;
          entries.push(rows.map((r) => [r.type, r.attribute].filter(Boolean).join(' ')));
          throw rollback;
        })
        .catch((e: unknown) => {
          if (e !== rollback) throw e;
        });
    }
    expect(entries).toEqual(Array.from({ length: 7 }, () => ['RECEIVED', 'CORRECTED CONCERNED_CADRES']));
  });

  it('links every demo account to the person who holds its post, whom recusal then applies to, and keeps each board meaningful', async () => {
    const ME = `{ me { email role cadre { id fullName post { code } } unit { name } } }`;
    const cadres = new Set<string>();
    for (const a of DEMO_ACCOUNTS) {
      const token = await t.login(a.email);
      const res = await t.gql<{
        me: { email: string; role: string; cadre: { id: string; fullName: string; post: { code: string } | null } | null };
      }>(ME, {}, token);
      const me = res.body.data!.me;
      expect(me).toMatchObject({ email: a.email, role: a.role, cadre: { post: { code: a.person.post } } });
      expect(me.cadre!.fullName).toMatch(/^\p{Lu}\p{Ll}* (?:\p{Lu}\p{Ll}* ?)+$/u);
      cadres.add(me.cadre!.id);
      // Its unit is the post's: the chair of the Inspection Committee is the committee's chair.
      const [row] = (await t.owner.query(`SELECT u.code FROM cadre c JOIN unit u ON u.id = c.unit_id WHERE c.id = $1`, [
        me.cadre!.id,
      ])) as Array<{ code: string }>;
      expect(row!.code).toContain(a.person.unit);
      // Nobody's board is emptied by recusal: each reading role still sees reports.
      if ([Role.INSPECTION_COMMITTEE, Role.STANDING_COMMITTEE, Role.INTAKE_STAFF, Role.UNIT_HEAD].includes(a.role)) {
        const list = await t.gql<{ reports: { totalCount: number } }>(`{ reports(first: 1) { totalCount } }`, {}, token);
        expect({ email: a.email, errors: list.body.errors, seen: (list.body.data?.reports.totalCount ?? 0) > 0 }).toEqual({
          email: a.email,
          errors: undefined,
          seen: true,
        });
      }
    }
    // One person per account.
    expect(cadres.size).toBe(DEMO_ACCOUNTS.length);
    // Of several holders the unconcerned one was chosen; a single holder a demo report names (the
    // chair of the People's Committee) no longer sees that report: recusal, as the rule wants.
    const concerned = (await t.owner.query(
      `SELECT a.email, s.report_id FROM account a JOIN report_subject s ON s.cadre_id = a.cadre_id
        WHERE a.email = ANY($1) ORDER BY a.email`,
      [DEMO_ACCOUNTS.map((a) => a.email)],
    )) as Array<{ email: string; report_id: string }>;
    for (const c of concerned) {
      const spec = DEMO_ACCOUNTS.find((a) => a.email === c.email)!;
      expect(spec.person.post).not.toBe('SPECIALIST');
      const token = await t.login(c.email);
      const res = await t.gql(`query($id: ID!) { report(id: $id) { id } }`, { id: c.report_id }, token);
      expect(res.body.data?.report ?? null).toBeNull();
      // A role that reads no report list (the Party Building Board's) has nothing more to hide.
      if (![Role.INSPECTION_COMMITTEE, Role.STANDING_COMMITTEE, Role.INTAKE_STAFF, Role.UNIT_HEAD].includes(spec.role)) continue;
      const list = await t.gql<{ reports: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
        `{ reports(first: 100) { totalCount edges { node { id } } } }`,
        {},
        token,
      );
      expect({ email: c.email, errors: list.body.errors }).toEqual({ email: c.email, errors: undefined });
      expect(list.body.data!.reports.totalCount).toBeGreaterThan(0);
      expect(list.body.data!.reports.edges.map((e) => e.node.id)).not.toContain(c.report_id);
    }
  });
});
