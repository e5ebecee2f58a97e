import { Role } from '../../src/common/role.enum';
import { DEMO_INVOLVED_MEMBER } from '../../src/demo/accounts.seed';
import { startTestApp, type TestApp } from '../support/test-app';

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
    expect(await count('{ sources: [PRESS] }')).toBe(4);
    const [{ n }] = (await q(
      `SELECT count(*)::int AS n FROM report r JOIN reporter_identity i ON i.report_id = r.id WHERE r.kind = 'DENUNCIATION'`,
    )) as [{ n: number }];
    expect(n).toBeGreaterThanOrEqual(2);
    const [{ oldest }] = (await q(`SELECT extract(day FROM now() - min(received_at))::int AS oldest FROM report`)) as [
      { oldest: number },
    ];
    expect(oldest).toBeGreaterThan(60);
  });

  it('tells the recusal story: a denunciation naming a committee member in free text, linked by a correction, gone from her view', async () => {
    const q = (sql: string, p: unknown[] = []) => t.app.dataSource.query(sql, p) as Promise<Array<Record<string, unknown>>>;
    const [story] = await q(
      `SELECT r.id, r.concerned_text, a.cadre_id, e.note, e.correction, e.actor_account_id
         FROM report r JOIN report_timeline_entry e ON e.report_id = r.id AND e.type = 'CORRECTED'
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
});
