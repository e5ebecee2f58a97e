import { Role } from '../../src/common/role.enum';
import { startTestApp, type TestApp } from '../support/test-app';

const env = { DEMO_ACTIVITY: 'true', DEMO_ACTIVITY_INTERVAL_MS: '200', DEADLINE_WATCH_INTERVAL_MS: '0' };
const count = async (t: TestApp, sql: string) => ((await t.app.dataSource.query(sql)) as [{ n: number }])[0].n;

describe('demo activity', () => {
  it('is off by default', async () => {
    const t = await startTestApp({ seed: true });
    try {
      expect(t.app.services.board.demo).toBeUndefined();
    } finally {
      await t.stop();
    }
  });

  describe('with DEMO_ACTIVITY=true', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ seed: true, seedInspections: true, env });
    });

    afterAll(async () => {
      await t?.stop();
    });

    it('writes reports, transitions and findings through the services, each with its timeline and board event', async () => {
      const demo = t.app.services.board.demo!;
      // Its timer runs too; stop it so each step below is the only writer.
      await demo.stop();
      const before = {
        reports: await count(t, `SELECT count(*)::int AS n FROM report`),
        received: await count(t, `SELECT count(*)::int AS n FROM outbox_event WHERE type = 'REPORT_RECEIVED'`),
        changed: await count(t, `SELECT count(*)::int AS n FROM outbox_event WHERE type = 'REPORT_STATUS_CHANGED'`),
        findings: await count(t, `SELECT count(*)::int AS n FROM finding`),
        findingEvents: await count(t, `SELECT count(*)::int AS n FROM outbox_event WHERE type = 'FINDING_RECORDED'`),
        transitions: await count(t, `SELECT count(*)::int AS n FROM report_timeline_entry WHERE type = 'TRANSITION'`),
      };
      const steps: Record<string, number> = {};
      for (let i = 0; i < 40; i++) {
        const step = await demo.step();
        steps[step] = (steps[step] ?? 0) + 1;
      }
      expect(Object.keys(steps).sort()).toEqual(['finding', 'report', 'transition']);
      expect(await count(t, `SELECT count(*)::int AS n FROM report`)).toBe(before.reports + steps['report']!);
      expect(await count(t, `SELECT count(*)::int AS n FROM outbox_event WHERE type = 'REPORT_RECEIVED'`)).toBe(
        before.received + steps['report']!,
      );
      expect(await count(t, `SELECT count(*)::int AS n FROM outbox_event WHERE type = 'REPORT_STATUS_CHANGED'`)).toBe(
        before.changed + steps['transition']!,
      );
      expect(await count(t, `SELECT count(*)::int AS n FROM report_timeline_entry WHERE type = 'TRANSITION'`)).toBe(
        before.transitions + steps['transition']!,
      );
      expect(await count(t, `SELECT count(*)::int AS n FROM finding`)).toBe(before.findings + steps['finding']!);
      expect(await count(t, `SELECT count(*)::int AS n FROM outbox_event WHERE type = 'FINDING_RECORDED'`)).toBe(
        before.findingEvents + steps['finding']!,
      );
      // The board sees it.
      const ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
      const res = await t.gql<{ board: { receivedToday: number } }>(`{ board { receivedToday } }`, {}, ic);
      expect(res.body.data!.board.receivedToday).toBeGreaterThanOrEqual(steps['report']!);
    });
  });

  it('writes on its timer and stops with the app', async () => {
    const t = await startTestApp({ seed: true, env });
    let stopped = false;
    try {
      const events = () => count(t, `SELECT count(*)::int AS n FROM outbox_event`);
      const start = await events();
      const deadline = Date.now() + 10_000;
      while ((await events()) < start + 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await events()).toBeGreaterThanOrEqual(start + 3);
      // After stop, nothing more is written (read through a pool of our own).
      const { Client } = await import('pg');
      await t.app.stop();
      stopped = true;
      const pg = new Client({ connectionString: t.db.url });
      await pg.connect();
      try {
        const n1 = Number((await pg.query(`SELECT count(*) AS n FROM outbox_event`)).rows[0].n);
        await new Promise((r) => setTimeout(r, 700));
        const n2 = Number((await pg.query(`SELECT count(*) AS n FROM outbox_event`)).rows[0].n);
        expect(n2).toBe(n1);
      } finally {
        await pg.end();
      }
    } finally {
      if (!stopped) await t.app.stop();
      await t.db.drop();
    }
  });
});
