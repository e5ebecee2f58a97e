import { Role } from '../../src/common/role.enum';
import { todayInVietnam } from '../../src/common/validation';
import { startTestApp, type TestApp } from '../support/test-app';

describe('the demo ward’s inspection work', () => {
  let t: TestApp;
  const q = (sql: string) => t.app.dataSource.query(sql) as Promise<Array<Record<string, unknown>>>;
  beforeAll(async () => {
    t = await startTestApp({ seed: true, seedReports: true, seedInspections: true });
  }, 120_000);
  afterAll(() => t.stop());

  it('has a 2025-2030 programme and this year’s plan, inspections in every state, findings in every area and severity', async () => {
    const ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    const year = Number(todayInVietnam().slice(0, 4));
    const plans = await t.gql<{
      inspectionPlans: Array<{
        scope: string;
        fromYear: number;
        toYear: number;
        progress: { planned: number; started: number; concluded: number };
      }>;
    }>(
      `query($y: Int!) { inspectionPlans(year: $y) { scope fromYear toYear progress { planned started concluded overdue } } }`,
      { y: year },
      ic,
    );
    expect(plans.body.errors).toBeUndefined();
    expect(plans.body.data!.inspectionPlans.map((p) => [p.scope, p.fromYear, p.toYear])).toEqual([
      ['TERM', 2025, 2030],
      ['YEAR', year, year],
    ]);
    const yearly = plans.body.data!.inspectionPlans[1]!.progress;
    expect(yearly.planned).toBeGreaterThanOrEqual(9);
    expect(yearly.started).toBeGreaterThan(yearly.concluded);
    expect(yearly.concluded).toBeGreaterThan(0);

    expect((await q(`SELECT DISTINCT status::text FROM inspection`)).map((r) => r['status']).sort()).toEqual([
      'CANCELLED',
      'CLOSED',
      'CONCLUDED',
      'DECIDED',
      'FINDINGS_REPORTED',
      'FOLLOW_UP',
      'IN_PROGRESS',
      'PLANNED',
    ]);
    expect((await q(`SELECT count(DISTINCT area)::int AS n FROM finding`))[0]!['n']).toBe(10);
    expect((await q(`SELECT count(DISTINCT severity)::int AS n FROM finding`))[0]!['n']).toBe(4);
    expect((await q(`SELECT DISTINCT status::text FROM discipline_case`)).map((r) => r['status']).sort()).toEqual([
      'DECIDED',
      'DEFERRED',
      'FINAL',
      'UNDER_REVIEW',
    ]);
    expect((await q(`SELECT count(*)::int AS n FROM commendation`))[0]!['n']).toBe(3);
    const board = (await q(`SELECT DISTINCT type FROM outbox_event`)).map((r) => r['type']);
    expect(board).toEqual(
      expect.arrayContaining([
        'INSPECTION_OPENED',
        'FINDING_RECORDED',
        'INSPECTION_CONCLUDED',
        'DISCIPLINE_CASE_OPENED',
        'DISCIPLINE_CASE_DECIDED',
      ]),
    );
  });

  it('shows the report → thematic inspection → finding → final decision chain in the cadre’s record and the report’s trace', async () => {
    const ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    const [c] = await q(`SELECT cadre_id, report_id FROM discipline_case WHERE status = 'FINAL'`);
    const rec = await t.gql<{
      cadre: { inPlanningPool: boolean; supervisionRecord: { edges: Array<{ node: { type: string; status: string } }> } };
    }>(
      `query($id: ID!) { cadre(id: $id) { inPlanningPool supervisionRecord(first: 100) { edges { node { type status } } } } }`,
      { id: c!['cadre_id'] },
      ic,
    );
    expect(rec.body.errors).toBeUndefined();
    expect(rec.body.data!.cadre.inPlanningPool).toBe(false);
    expect(rec.body.data!.cadre.supervisionRecord.edges.map((e) => e.node)).toEqual(
      expect.arrayContaining([
        { type: 'REPORT', status: 'INFORMATION_USED' },
        { type: 'INSPECTION', status: 'CONCLUDED' },
        { type: 'DISCIPLINE_CASE', status: 'FINAL' },
      ]),
    );
    const trace = await t.gql<{
      report: {
        trace: {
          inspections: Array<{ kind: string; findings: Array<{ disciplineCases: Array<{ status: string; form: string }> }> }>;
        };
      };
    }>(
      `query($id: ID!) { report(id: $id) { trace { inspections { kind findings { disciplineCases { status form } } } } } }`,
      { id: c!['report_id'] },
      ic,
    );
    expect(trace.body.errors).toBeUndefined();
    const insp = trace.body.data!.report.trace.inspections;
    expect(insp.map((i) => i.kind)).toEqual(['THEMATIC_INSPECTION']);
    expect(insp[0]!.findings[0]!.disciplineCases).toEqual([{ status: 'FINAL', form: 'WARNING' }]);
    const overdue = await t.gql<{ disciplineCases: { totalCount: number } }>(
      `{ disciplineCases(filter: { overdueNotification: true }) { totalCount } }`,
      {},
      ic,
    );
    expect(overdue.body.data!.disciplineCases.totalCount).toBe(2);
  });

  it('shows a corrected decision date with its history: the old value, the reason and the recomputed notice', async () => {
    const ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    const [c] = await q(`SELECT id FROM discipline_case WHERE side = 'STATE' AND status = 'DECIDED'`);
    const res = await t.gql<{
      disciplineCase: {
        decidedBy: string;
        decisionDate: string;
        notifications: Array<{ dueOn: string }>;
        corrections: Array<{ field: string; oldValue: string; newValue: string; reason: string; recomputed: unknown[] }>;
      };
    }>(
      `query($id: ID!) { disciplineCase(id: $id) { decidedBy decisionDate notifications { dueOn }
        corrections { field oldValue newValue reason recomputed { field from to } } } }`,
      { id: c!['id'] },
      ic,
    );
    expect(res.body.errors).toBeUndefined();
    const day = (n: number) => {
      const d = new Date(`${todayInVietnam()}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - n);
      return d.toISOString().slice(0, 10);
    };
    const dc = res.body.data!.disciplineCase;
    expect(dc).toMatchObject({
      decidedBy: 'WARD_PEOPLES_COMMITTEE_CHAIRMAN',
      decisionDate: day(12),
      notifications: [{ dueOn: day(7) }],
      corrections: [{ field: 'DECISION_DATE', oldValue: day(11), newValue: day(12) }],
    });
    expect(dc.corrections[0]!.reason).toContain('Ghi nhầm ngày');
    expect(dc.corrections[0]!.recomputed).toContainEqual({ field: 'notification.dueOn', from: day(6), to: day(7) });
  });
});
