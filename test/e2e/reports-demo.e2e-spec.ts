import { Role } from '../../src/common/role.enum';
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
});
