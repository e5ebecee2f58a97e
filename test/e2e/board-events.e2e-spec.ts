import { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { Role } from '../../src/common/role.enum';
import { TokenService } from '../../src/modules/accounts/token.service';
import type { PgDoorbell } from '../../src/events/pg-doorbell';
import { BOARD_FIELDS, type ReceivedEvent, sleep, Subscriber } from '../support/board-subscriber';
import { onlyError, startTestApp, TEST_JWT_SECRET, type TestApp, OPS_HEADERS } from '../support/test-app';
import { wsClient } from '../support/ws-client';

const SUBMIT = `mutation($i: SubmitReportInput!) { submitReport(input: $i) { receiptCode } }`;
const LATEST = `query($n: Int) { latestBoardEvents(count: $n) { cursor events { ${BOARD_FIELDS} } } }`;

const feedback = (title = 'Phản ánh đèn đường hỏng') => ({
  kind: 'FEEDBACK',
  field: 'OTHER',
  title,
  content: 'Đèn đường ở tổ 3 hỏng đã hai tuần, đề nghị phường sửa.',
});

/** A subscriber's error for a failure message: a close event's code and reason, or the error's text. */
const describeError = (e: unknown) => {
  const close = e as { code?: unknown; reason?: unknown };
  return close.code !== undefined ? `closed ${String(close.code)} ${String(close.reason)}` : String(e);
};

describe('live board: delivery from the outbox and subscriptions', () => {
  let t: TestApp;
  let ic: string;
  const open: Subscriber[] = [];
  const sub = (token: string | undefined, field = 'boardEvents', args = '') => {
    const s = Subscriber.open(t.url, token, field, args);
    open.push(s);
    return s;
  };
  const fanOut = () => t.app.services.delivery.fanOut;
  /** Waits until the server has registered `n` subscribers (a subscribe has no acknowledgement). */
  const registered = async (n: number) => {
    const deadline = Date.now() + 10000;
    while (fanOut().size < n) {
      if (Date.now() > deadline)
        throw new Error(
          `only ${fanOut().size} of ${n} subscribers registered; errors: ${JSON.stringify(open.map((s) => s.errors.map(describeError)))}`,
        );
      await sleep(10);
    }
  };
  /** Writes outbox rows directly (as a service's transaction would), returning their ids. */
  const write = async (n: number, type = 'REPORT_RECEIVED', unitIds: string[] = [], extra: Record<string, unknown> = {}) => {
    const rows: Array<{ id: string }> = await t.app.dataSource.query(
      `INSERT INTO outbox_event (type, payload, unit_ids)
       SELECT $1::board_event_type, jsonb_build_object('n', g) || $3::jsonb, $2::uuid[] FROM generate_series(1, $4::int) g RETURNING id`,
      [type, unitIds, JSON.stringify(extra), n],
    );
    return rows.map((r) => r.id);
  };
  const row = async <T>(sql: string, params: unknown[] = []) => ((await t.app.dataSource.query(sql, params)) as T[])[0]!;
  const inFeedOrder = async (ids: string[]) =>
    (
      (await t.app.dataSource.query(`SELECT id FROM outbox_event WHERE id = ANY($1::bigint[]) ORDER BY tx_id, id`, [
        ids,
      ])) as Array<{ id: string }>
    ).map((r) => r.id);

  beforeAll(async () => {
    // A long poll: these tests see what the doorbell delivers, not the safety net.
    t = await startTestApp({
      seed: true,
      env: { EVENT_POLL_INTERVAL_MS: '60000', WS_AUTH_RECHECK_MS: '300', EVENT_READ_BATCH: '100' },
    });
    ic = await t.tokenFor(Role.INSPECTION_COMMITTEE);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    const deadline = Date.now() + 5000;
    while (fanOut().size > 0 && Date.now() < deadline) await sleep(10);
  });
  afterAll(async () => {
    await t.stop();
  });

  it('delivers a public report to a committee subscriber within a second of its commit, with a cursor and public fields only', async () => {
    const s = sub(ic);
    await registered(1);
    const started = Date.now();
    const res = await t.gql(SUBMIT, { i: feedback() });
    expect(res.body.errors).toBeUndefined();
    await s.until((x) => x.events.length >= 1, 5000, 'the REPORT_RECEIVED event');
    expect(Date.now() - started).toBeLessThan(1000);
    const e = s.events[0]!;
    expect(e.type).toBe('REPORT_RECEIVED');
    expect(e.reportId).toBe(e.payload['reportId']);
    expect(typeof e.cursor).toBe('string');
    expect(JSON.stringify(e.payload)).not.toMatch(/Đèn đường|name|phone|email|address/i);
  });

  it('never skips an event whose transaction commits late: the later id committed first, both delivered once each', async () => {
    const s = sub(ic);
    await registered(1);
    const a = new PgClient({ connectionString: t.db.url });
    const b = new PgClient({ connectionString: t.db.url });
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.query('BEGIN');
      const early = (
        await a.query(`INSERT INTO outbox_event (type, payload) VALUES ('REPORT_RECEIVED', '{"late":true}') RETURNING id`)
      ).rows[0].id as string;
      await b.query('BEGIN');
      const later = (
        await b.query(`INSERT INTO outbox_event (type, payload) VALUES ('REPORT_RECEIVED', '{"late":false}') RETURNING id`)
      ).rows[0].id as string;
      expect(BigInt(later)).toBeGreaterThan(BigInt(early));
      await b.query('COMMIT');
      await sleep(300);
      // Held back: an id below it belongs to a transaction still open.
      expect(s.ids()).toEqual([]);
      await a.query('COMMIT');
      await s.until((x) => x.events.length >= 2, 5000, 'both events');
      await sleep(300);
      expect(s.ids().sort()).toEqual([early, later].sort());
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('is not held back by an open transaction in another database of the same server', async () => {
    const s = sub(ic);
    await registered(1);
    // The server's own maintenance database, as its superuser: another application's work.
    const elsewhere = new PgClient({ connectionString: process.env['GIAMSAT_TEST_ADMIN_URL'] });
    await elsewhere.connect();
    try {
      await elsewhere.query('BEGIN');
      await elsewhere.query('SELECT pg_current_xact_id()');
      const [id] = await write(1);
      await s.until((x) => x.ids().includes(id!), 5000, 'the event, while the other database’s transaction is open');
      await elsewhere.query('ROLLBACK');
    } finally {
      await elsewhere.end();
    }
  });

  it('delivers an event held back by an older open transaction that writes no event, soon after it ends, not at the next poll', async () => {
    const s = sub(ic);
    await registered(1);
    const other = new PgClient({ connectionString: t.db.url });
    await other.connect();
    try {
      // Any transaction with an id holds back the horizon, here or in another database of the
      // server (a long import, another test); this one rings nothing when it ends.
      await other.query('BEGIN');
      await other.query('SELECT pg_current_xact_id()');
      const [held] = await write(1);
      await sleep(300);
      expect(s.ids()).toEqual([]);
      await other.query('COMMIT');
      // The poll is a minute in this file: only the feed's own look-again can deliver it in time.
      await s.until((x) => x.ids().includes(held!), 5000, 'the held-back event');
      expect(t.app.services.delivery.feed.stats.heldBack).toBeGreaterThan(0);
    } finally {
      await other.end();
    }
  });

  it('replays after a cursor, then continues live with no gap and no duplicate at the seam (events written while subscribing)', async () => {
    const page = await t.gql<{ latestBoardEvents: { cursor: string } }>(LATEST, { n: 1 }, ic);
    const cursor = page.body.data!.latestBoardEvents.cursor;
    const written: string[] = [];
    let writing = true;
    const writer = (async () => {
      while (writing) {
        written.push(...(await write(3)));
        await sleep(2);
      }
    })();
    await sleep(100);
    const s = sub(ic, 'boardEvents', `(after: ${JSON.stringify(cursor)})`);
    await registered(1);
    await sleep(300);
    writing = false;
    await writer;
    await s.until((x) => x.events.length >= written.length, 10000, 'every written event');
    await sleep(300);
    expect(new Set(s.ids()).size).toBe(s.ids().length);
    expect(s.ids()).toEqual(await inFeedOrder(written));
  });

  it('resumes with the last cursor seen after a dropped connection, losing nothing and repeating nothing', async () => {
    const first = sub(ic);
    await registered(1);
    const before = await write(5);
    await first.until((x) => x.events.length >= 5, 5000, 'the first five');
    const last = first.events[4]!.cursor;
    await first.close();
    const missed = await write(7);
    const again = sub(ic, 'boardEvents', `(after: ${JSON.stringify(last)})`);
    await again.until((x) => x.events.length >= 7, 5000, 'the seven missed');
    const more = await write(2);
    await again.until((x) => x.events.length >= 9, 5000, 'two live ones');
    expect(first.ids()).toEqual(before);
    expect(again.ids()).toEqual([...missed, ...more]);
  });

  it('latestBoardEvents returns the newest first, and its cursor continues with no gap', async () => {
    const ids = await write(4);
    const page = await t.gql<{ latestBoardEvents: { cursor: string; events: ReceivedEvent[] } }>(LATEST, { n: 3 }, ic);
    expect(page.body.errors).toBeUndefined();
    expect(page.body.data!.latestBoardEvents.events.map((e) => e.id)).toEqual(ids.slice(1).reverse());
    const s = sub(ic, 'boardEvents', `(after: ${JSON.stringify(page.body.data!.latestBoardEvents.cursor)})`);
    await registered(1);
    const next = await write(1);
    await s.until((x) => x.events.length >= 1, 5000, 'the next event');
    await sleep(200);
    expect(s.ids()).toEqual(next);
    expect(onlyError(await t.gql(LATEST, { n: 101 }, ic)).extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(onlyError(await t.gql(LATEST, { n: 3 }, await t.tokenFor(Role.VIEWER))).extensions?.['code']).toBe('FORBIDDEN');
  });

  it('filters every event by the subscriber’s role and units at delivery time', async () => {
    const { unit_id: headUnit } = await row<{
      unit_id: string;
    }>(`SELECT unit_id FROM account WHERE email = 'truongdonvi@anbien.test'`);
    const { id: outside } = await row<{ id: string }>(
      `SELECT u.id FROM unit u WHERE u.path NOT LIKE (SELECT path FROM unit WHERE id = $1) || '%' AND u.parent_id IS NOT NULL LIMIT 1`,
      [headUnit],
    );
    const { id: below } = await row<{ id: string }>(
      `SELECT u.id FROM unit u WHERE u.path LIKE (SELECT path FROM unit WHERE id = $1) || '_%' LIMIT 1`,
      [headUnit],
    );
    const committee = sub(ic);
    const standing = sub(await t.tokenFor(Role.STANDING_COMMITTEE));
    const head = sub(await t.tokenFor(Role.UNIT_HEAD));
    const intake = sub(await t.tokenFor(Role.INTAKE_STAFF));
    const reports = sub(ic, 'reportReceived');
    const findings = sub(ic, 'findingRecorded');
    const viewer = sub(await t.tokenFor(Role.VIEWER));
    const anonymous = sub(undefined);
    const headFindings = sub(await t.tokenFor(Role.UNIT_HEAD), 'findingRecorded');
    await viewer.until((x) => x.errors.length > 0 || x.completed, 5000, 'the viewer refused');
    await anonymous.until((x) => x.errors.length > 0 || x.completed, 5000, 'the anonymous subscriber refused');
    await headFindings.until((x) => x.errors.length > 0 || x.completed, 5000, 'a UNIT_HEAD refused findings');
    await registered(6);
    const [inScope] = await write(1, 'REPORT_RECEIVED', [below!]);
    const [outOfScope] = await write(1, 'REPORT_RECEIVED', [outside!]);
    const [press] = await write(1, 'PRESS_REPORT_RECORDED', [headUnit]);
    const [finding] = await write(1, 'FINDING_RECORDED', [headUnit]);
    const [concluded] = await write(1, 'INSPECTION_CONCLUDED', [below!]);
    const [opened] = await write(1, 'INSPECTION_OPENED', [below!]);
    const [discipline] = await write(1, 'DISCIPLINE_CASE_OPENED', [headUnit]);
    const all = [inScope, outOfScope, press, finding, concluded, opened, discipline];
    await committee.until((x) => x.events.length >= all.length, 5000, 'all events for the committee');
    await standing.until((x) => x.events.length >= all.length, 5000, 'all events for the standing committee');
    // Every subscriber first gets what it should (deliveries to sockets are concurrent, so one may
    // lag the committee's under load); then a pause lets anything it should not get arrive too.
    await head.until((x) => x.events.length >= 3, 5000, 'the unit head’s events');
    await intake.until((x) => x.events.length >= 3, 5000, 'the intake staff’s events');
    await reports.until((x) => x.events.length >= 3, 5000, 'reportReceived events');
    await findings.until((x) => x.events.length >= 1, 5000, 'findingRecorded events');
    await sleep(300);
    expect(committee.ids()).toEqual(all);
    expect(standing.ids()).toEqual(all);
    expect(head.ids()).toEqual([inScope, press, concluded]);
    expect(intake.ids()).toEqual([inScope, outOfScope, press]);
    expect(reports.ids()).toEqual([inScope, outOfScope, press]);
    expect(findings.ids()).toEqual([finding]);
    const code = (s: Subscriber) => (s.errors[0] as { extensions?: { code?: string } } | undefined)?.extensions?.code;
    expect(code(viewer)).toBe('FORBIDDEN');
    expect(code(anonymous)).toBe('UNAUTHENTICATED');
    expect(code(headFindings)).toBe('FORBIDDEN');
  });

  it('never tells a cadre of a report naming them, of any kind (recusal)', async () => {
    const { id: cadre } = await row<{ id: string }>(`SELECT id FROM cadre LIMIT 1`);
    const admin = await t.tokenFor(Role.ADMIN);
    const created = await t.gql<{ createAccount: { id: string } }>(
      'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
      {
        i: {
          email: 'canbo-ubkt@anbien.test',
          displayName: 'Cán bộ UBKT',
          password: 'a-long-password-2',
          role: 'INSPECTION_COMMITTEE',
        },
      },
      admin,
    );
    expect(created.body.errors).toBeUndefined();
    await t.app.dataSource.query(`UPDATE account SET cadre_id = $1 WHERE email = 'canbo-ubkt@anbien.test'`, [cadre]);
    const self = sub(await t.login('canbo-ubkt@anbien.test', 'a-long-password-2'));
    const other = sub(ic);
    await registered(2);
    const { id: reportId } = await row<{ id: string }>(`SELECT id FROM report LIMIT 1`);
    await t.app.dataSource.query(`INSERT INTO report_subject (report_id, cadre_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      reportId,
      cadre,
    ]);
    const [aboutThem] = await write(1, 'REPORT_RECEIVED', [], { reportId, kind: 'DENUNCIATION' });
    const [feedbackAboutThem] = await write(1, 'REPORT_RECEIVED', [], { reportId, kind: 'FEEDBACK' });
    await other.until((x) => x.events.length >= 2, 5000, 'both for the other member');
    await sleep(300);
    expect(other.ids()).toEqual([aboutThem, feedbackAboutThem]);
    expect(self.ids()).toEqual([]);
  });

  it('ends the subscriptions of a disabled account and of an expired token with 4403 within seconds', async () => {
    const closes: number[] = [];
    const admin = await t.tokenFor(Role.ADMIN);
    await t.gql(
      'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
      {
        i: { email: 'tam@anbien.test', displayName: 'Tạm', password: 'a-long-password-3', role: 'STANDING_COMMITTEE' },
      },
      admin,
    );
    const token = await t.login('tam@anbien.test', 'a-long-password-3');
    const doomed = new Subscriber(wsClient(t.url, { token }));
    doomed.client.on('closed', (e) => closes.push((e as { code: number }).code));
    doomed.subscribe(`subscription { boardEvents { id } }`);
    open.push(doomed);
    const { id: accountId } = await row<{ id: string }>(`SELECT id, token_version FROM account WHERE email = 'tam@anbien.test'`);
    const rows = (await t.app.dataSource.query(`SELECT token_version FROM account WHERE id = $1`, [accountId])) as Array<{
      token_version: number;
    }>;
    const shortLived = await new TokenService({
      secret: TEST_JWT_SECRET,
      issuer: 'giamsat',
      audience: 'giamsat-api',
      ttlSeconds: 2,
    }).sign({
      accountId,
      tokenVersion: rows[0]!.token_version,
    });
    const expiring = new Subscriber(wsClient(t.url, { token: shortLived.token }));
    const expiringCloses: number[] = [];
    expiring.client.on('closed', (e) => expiringCloses.push((e as { code: number }).code));
    expiring.subscribe(`subscription { boardEvents { id } }`);
    open.push(expiring);
    const survivor = sub(ic);
    await registered(3);
    const { version } = await row<{ version: number }>(`SELECT version FROM account WHERE id = $1`, [accountId]);
    const disabledAt = Date.now();
    const res = await t.gql(
      'mutation($i: UpdateAccountInput!) { updateAccount(input: $i) { id } }',
      { i: { id: accountId, version, disabled: true } },
      admin,
    );
    expect(res.body.errors).toBeUndefined();
    await doomed.until(() => closes.length > 0, 5000, 'the disabled account’s socket to close');
    expect(closes[0]).toBe(4403);
    expect(Date.now() - disabledAt).toBeLessThan(3000);
    await expiring.until(() => expiringCloses.length > 0, 8000, 'the expired token’s socket to close');
    expect(expiringCloses[0]).toBe(4403);
    const [kept] = await write(1);
    await survivor.until((x) => x.events.length >= 1, 5000, 'the survivor’s event');
    expect(survivor.ids()).toEqual([kept]);
  });

  it('refuses an invalid cursor, a cursor of another kind and a cursor from the future with BAD_USER_INPUT', async () => {
    const board = t.app.services.delivery;
    const end = await board.reader.end();
    const future = board.cursors.encode({ tx: end.tx + 1000n, id: end.id + 1000n });
    const cadres = await t.gql<{ cadres: { pageInfo: { endCursor: string } } }>(
      '{ cadres(first: 1) { pageInfo { endCursor } } }',
      {},
      ic,
    );
    const foreign = cadres.body.data!.cadres.pageInfo.endCursor;
    for (const bad of ['not-a-cursor', foreign, future]) {
      const s = sub(ic, 'boardEvents', `(after: ${JSON.stringify(bad)})`);
      await s.until((x) => x.errors.length > 0, 5000, `an error for ${bad}`);
      const err = s.errors[0] as { message: string; extensions?: { code?: string } };
      expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(fanOut().size).toBe(0);
  });

  it('refuses a subscription document over the limits before anything runs', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: id`).join(' ');
    const s = new Subscriber(wsClient(t.url, { token: ic }));
    open.push(s);
    s.subscribe(`subscription { boardEvents { ${aliases} } }`);
    await s.until((x) => x.errors.length > 0, 5000, 'the alias limit');
    expect(JSON.stringify(s.errors[0])).toMatch(/alias/i);
    expect(fanOut().size).toBe(0);
  });

  it('refuses an unknown operation name in Vietnamese with a stable reason', async () => {
    const client = wsClient(t.url, { token: ic });
    const query = 'subscription A { boardEvents { id } } subscription B { boardEvents { id } }';
    const answer = (operationName?: string) =>
      new Promise<unknown>((resolve) => {
        client.subscribe(
          { query, operationName },
          { next: (v) => resolve(v.errors), error: resolve, complete: () => resolve(null) },
        );
      });
    try {
      const unknown = JSON.stringify(await answer('C'));
      expect(unknown).toContain('Tài liệu không có thao tác tên \\"C\\"');
      expect(unknown).toContain('"reason":"UNKNOWN_OPERATION"');
      const unnamed = JSON.stringify(await answer());
      expect(unnamed).toContain('Hãy nêu tên thao tác cần chạy');
      expect(unnamed).toContain('"reason":"OPERATION_NAME_REQUIRED"');
      expect(fanOut().size).toBe(0);
    } finally {
      await client.dispose();
    }
  });

  it('caps the operations of one socket: 1,000 subscribes get 100 subscriptions and 900 clear errors, and the others keep receiving', async () => {
    const ws = new WebSocket(t.url.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
    const messages: Array<{ id?: string; type: string; payload?: unknown }> = [];
    ws.on('message', (d: Buffer) => messages.push(JSON.parse(d.toString()) as never));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { token: ic } }));
    const other = sub(ic);
    await new Promise<void>((r) => {
      const check = () => (messages.some((m) => m.type === 'connection_ack') ? r() : setTimeout(check, 10));
      check();
    });
    for (let i = 0; i < 1000; i++)
      ws.send(JSON.stringify({ id: `s${i}`, type: 'subscribe', payload: { query: 'subscription { boardEvents { id } }' } }));
    const deadline = Date.now() + 20000;
    while (messages.filter((m) => m.type === 'error').length < 900 && Date.now() < deadline) await sleep(20);
    await registered(101);
    const errors = messages.filter((m) => m.type === 'error');
    expect(errors).toHaveLength(900);
    expect(JSON.stringify(errors[0]!.payload)).toMatch(/tối đa 100 thao tác/);
    const [id] = await write(1);
    while (messages.filter((m) => m.type === 'next').length < 100 && Date.now() < deadline) await sleep(20);
    await other.until((x) => x.events.length >= 1, 5000, 'the other socket’s event');
    expect(messages.filter((m) => m.type === 'next')).toHaveLength(100);
    expect(other.ids()).toEqual([id]);
    ws.close();
  }, 40000);

  it('cuts off a client that never reads its socket (4413) while another keeps receiving everything', async () => {
    const slow = new WebSocket(t.url.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
    await new Promise((r) => slow.once('open', r));
    let acked = false;
    slow.on('message', (d: Buffer) => {
      if (JSON.parse(d.toString()).type === 'connection_ack') acked = true;
    });
    slow.send(JSON.stringify({ type: 'connection_init', payload: { token: ic } }));
    while (!acked) await sleep(10);
    slow.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { boardEvents { id payload } }' } }));
    const fast = sub(ic);
    await registered(2);
    // Stop reading: the server's buffer for this socket can only grow.
    (slow as unknown as { _socket: { pause(): void } })._socket.pause();
    const cutBefore = fanOut().stats.slowConsumersClosed;
    // 16 MB for a socket that reads nothing; at most 100 events (200 KB) per read for the one that does.
    const filler = 'x'.repeat(2000);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(...(await write(1000, 'REPORT_RECEIVED', [], { filler })));
    await fast.until((x) => x.events.length >= ids.length, 30000, 'every event for the fast client');
    expect(fast.ids()).toEqual(await inFeedOrder(ids));
    expect(fanOut().stats.slowConsumersClosed).toBe(cutBefore + 1);
    slow.terminate();
  }, 60000);

  it('reconnects its listener after pg_terminate_backend, reports it on /readyz, and reads what committed meanwhile', async () => {
    const s = sub(ic);
    await registered(1);
    const doorbell = t.app.services.delivery.doorbell as PgDoorbell;
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
    const pid = doorbell.backendPid();
    expect(pid).toBeDefined();
    await t.app.dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
    const [meanwhile] = await write(1);
    let sawDown = false;
    const deadline = Date.now() + 10000;
    let ready: { status: number; body: { checks: Record<string, string> } } | undefined;
    while (Date.now() < deadline) {
      const res = await fetch(`${t.url}/readyz`, { headers: OPS_HEADERS });
      ready = { status: res.status, body: (await res.json()) as never };
      if (ready.status === 503) {
        sawDown = true;
        expect(ready.body.checks['eventListener']).toMatch(/reconnecting/);
      } else if (sawDown || doorbell.backendPid() !== pid) break;
      await sleep(3);
    }
    expect(ready?.status).toBe(200);
    expect(doorbell.backendPid()).not.toBe(pid);
    await s.until((x) => x.events.length >= 1, 5000, 'the event written while the listener was down');
    expect(s.ids()).toEqual([meanwhile]);
    const [after] = await write(1);
    await s.until((x) => x.events.length >= 2, 5000, 'an event after the reconnection');
    expect(s.ids()).toEqual([meanwhile, after]);
  });
});
