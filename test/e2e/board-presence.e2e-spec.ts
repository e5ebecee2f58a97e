import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { Client } from 'graphql-ws';
import { type App, startApp } from '../../src/app';
import { Role } from '../../src/common/role.enum';
import { startTestApp, testConfig, type TestApp } from '../support/test-app';
import { wsClient } from '../support/ws-client';

const PRESENCE_ENV = { PRESENCE_POLL_MS: '150', PRESENCE_TTL_MS: '1500', DEADLINE_WATCH_INTERVAL_MS: '0' };
const WORKING_ON = `subscription($t: PresenceSubjectType!, $id: ID!) { workingOn(subjectType: $t, subjectId: $id) { subjectType subjectId accountId who since } }`;
const PRESENCE = `subscription { presence { subjectType subjectId accountId who } }`;

interface Entry {
  subjectType: string;
  subjectId: string;
  accountId: string;
  who: string;
}

/** A subscription whose every value is kept; `until` waits for a value that passes. */
function watch(client: Client, query: string, variables?: Record<string, unknown>) {
  const values: Entry[][] = [];
  const errors: unknown[] = [];
  let wake: (() => void) | undefined;
  const stop = client.subscribe<Record<string, Entry[]>>(
    { query, variables },
    {
      next: (v) => {
        if (v.errors) errors.push(v.errors);
        if (v.data) values.push(Object.values(v.data)[0]!);
        wake?.();
      },
      error: (e) => {
        errors.push(e);
        wake?.();
      },
      complete: () => undefined,
    },
  );
  const until = async (ok: (entries: Entry[]) => boolean, ms = 5000): Promise<Entry[]> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const last = values[values.length - 1];
      if (last && ok(last)) return last;
      if (errors.length) throw new Error(JSON.stringify(errors));
      if (Date.now() > deadline) throw new Error(`timed out; values: ${JSON.stringify(values)}`);
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 50);
      });
    }
  };
  return { values, errors, until, stop };
}

describe('presence (Đang xử lý) across two instances', () => {
  let t: TestApp;
  let second: App;
  let ic: string;
  let sc: string;
  let reportId: string;
  let icId: string;
  const clients: Client[] = [];
  const client = (url: string, token: string) => {
    const c = wsClient(url, { token });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true, seedReports: true, env: PRESENCE_ENV });
    // A second instance on the same database.
    second = await startApp({
      config: testConfig({}, PRESENCE_ENV),
      logger: pino({ level: 'silent' }),
      databaseUrl: t.db.url,
      migrationDatabaseUrl: t.db.ownerUrl,
    });
    ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    sc = await t.tokenFor(Role.STANDING_COMMITTEE);
    [{ id: reportId }] = (await t.app.dataSource.query(`SELECT id FROM report ORDER BY received_at DESC LIMIT 1`)) as [
      { id: string },
    ];
    [{ id: icId }] = (await t.app.dataSource.query(`SELECT id FROM account WHERE email = 'kiemtra@anbien.test'`)) as [
      { id: string },
    ];
  });

  afterAll(async () => {
    for (const c of clients) await c.dispose();
    await second?.stop();
    await t?.stop();
  });

  it('shows A on the report to B on the other instance, and A gone when A disconnects', async () => {
    const b = watch(client(second.server.url, sc), PRESENCE);
    await b.until((e) => e.length === 0);
    const aClient = client(t.url, ic);
    const a = watch(aClient, WORKING_ON, { t: 'REPORT', id: reportId });
    // A sees itself at once.
    const mine = await a.until((e) => e.length === 1);
    expect(mine[0]).toMatchObject({ subjectType: 'REPORT', subjectId: reportId, accountId: icId, who: expect.any(String) });
    // B, on the other instance, sees A within a poll.
    const seen = await b.until((e) => e.length === 1);
    expect(seen[0]).toMatchObject({ subjectType: 'REPORT', subjectId: reportId, accountId: icId });
    // B opens the same report on its instance: both see both.
    const bOn = watch(client(second.server.url, sc), WORKING_ON, { t: 'REPORT', id: reportId });
    await bOn.until((e) => e.length === 2);
    await a.until((e) => e.length === 2);
    // A's connection drops: B sees only itself on the report, and nobody else anywhere.
    await aClient.dispose();
    await bOn.until((e) => e.length === 1 && e[0]!.accountId !== icId);
    await b.until((e) => e.length === 1 && e[0]!.accountId !== icId);
    bOn.stop();
    await b.until((e) => e.length === 0);
    expect((await t.app.dataSource.query(`SELECT count(*)::int AS n FROM board_presence`))[0].n).toBe(0);
  });

  it('forgets the entries of an instance that died once their heartbeat is older than the TTL', async () => {
    const b = watch(client(second.server.url, sc), PRESENCE);
    await b.until((e) => e.length === 0);
    // A row of an instance that no longer renews it (as after SIGKILL).
    await t.app.dataSource.query(
      `INSERT INTO board_presence (id, instance_id, account_id, subject_type, subject_id) VALUES ($1, $2, $3, 'REPORT', $4)`,
      [randomUUID(), randomUUID(), icId, reportId],
    );
    await b.until((e) => e.length === 1);
    const started = Date.now();
    await b.until((e) => e.length === 0, 6000);
    expect(Date.now() - started).toBeGreaterThan(500);
    b.stop();
    // The live instances delete it after twice the TTL.
    let n = 1;
    for (let i = 0; i < 120 && n > 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      [{ n }] = (await t.app.dataSource.query(`SELECT count(*)::int AS n FROM board_presence`)) as [{ n: number }];
    }
    expect(n).toBe(0);
  });

  it('refuses roles other than the committees, an unknown report and a malformed id', async () => {
    const viewer = watch(client(t.url, await t.tokenFor(Role.INTAKE_STAFF)), PRESENCE);
    await expect(viewer.until(() => true, 3000)).rejects.toThrow(/FORBIDDEN|not allow/);
    const unknown = watch(client(t.url, ic), WORKING_ON, { t: 'REPORT', id: randomUUID() });
    await expect(unknown.until(() => true, 3000)).rejects.toThrow(/NOT_FOUND|does not exist/);
    const bad = watch(client(t.url, ic), WORKING_ON, { t: 'INSPECTION', id: 'nope' });
    await expect(bad.until(() => true, 3000)).rejects.toThrow(/UUID|BAD_USER_INPUT/);
    expect((await t.app.dataSource.query(`SELECT count(*)::int AS n FROM board_presence`))[0].n).toBe(0);
  });
});
