import { EventEmitter } from 'node:events';
import { Client as PgClient } from 'pg';
import pino from 'pino';
import type { WebSocket } from 'ws';
import { type SocketAccount, WsGuard } from '../../src/http/ws-guard';
import { Account } from '../../src/modules/accounts/account.entity';
import { Role } from '../../src/common/role.enum';
import { TokenService } from '../../src/modules/accounts/token.service';
import { sleep, Subscriber } from '../support/board-subscriber';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app';
import { wsClient } from '../support/ws-client';

/** A socket as the guard sees it: it records how it was closed. */
class RecordingSocket extends EventEmitter {
  closedWith: { code: number; reason: string } | undefined;
  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }
  ping(): void {}
  terminate(): void {}
}

describe('WebSocket account rechecks', () => {
  let t: TestApp;
  let guard: WsGuard;
  /** The account as the server signs a socket in with it: the entity and its token's expiry. */
  const accountOf = async (email: string): Promise<SocketAccount> => ({
    ...(await t.app.dataSource.getRepository(Account).findOneByOrFail({ email })),
    expiresAt: new Date(Date.now() + 3600_000),
  });
  const signedIn = (account: SocketAccount) => {
    const socket = new RecordingSocket();
    guard.track(socket as unknown as WebSocket);
    guard.signedIn(socket as unknown as WebSocket, account);
    return socket;
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    guard = new WsGuard(
      t.app.dataSource,
      { pingIntervalMs: 0, recheckMs: 600_000, forbiddenCode: 4403 },
      pino({ level: 'silent' }),
    );
  });
  afterAll(async () => {
    await t.stop();
  });

  it('leaves a socket that signed in while a recheck was reading to the next recheck, and still closes a disabled account', async () => {
    const committee = signedIn(await accountOf('kiemtra@anbien.test'));
    const standingAccount = await accountOf('thuongvu@anbien.test');
    // Hold the recheck's statement behind a lock, so a second socket signs in while it runs.
    const locker = new PgClient({ connectionString: t.db.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE account IN ACCESS EXCLUSIVE MODE');
      const running = guard.recheck();
      // Until its statement is waiting for the lock.
      while (
        (await locker.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'account'::regclass`))
          .rows[0].n === 0
      )
        await sleep(10);
      const standing = signedIn(standingAccount);
      await locker.query('COMMIT');
      await running;
      expect(committee.closedWith).toBeUndefined();
      expect(standing.closedWith).toBeUndefined();

      await t.app.dataSource.query(`UPDATE account SET disabled = true WHERE email = 'thuongvu@anbien.test'`);
      await guard.recheck();
      expect(standing.closedWith).toEqual({ code: 4403, reason: 'Forbidden: account disabled' });
      expect(committee.closedWith).toBeUndefined();
    } finally {
      await locker.end();
    }
  });
});

describe('exact revocation: no frame after an account change or a token expiry', () => {
  let t: TestApp;
  let admin: string;
  let survivor: Subscriber;
  const open: Subscriber[] = [];
  const fanOut = () => t.app.services.delivery.fanOut;
  const registered = async (n: number) => {
    const deadline = Date.now() + 10000;
    while (fanOut().size < n) {
      if (Date.now() > deadline) throw new Error(`only ${fanOut().size} of ${n} subscribers registered`);
      await sleep(10);
    }
  };
  /** One board event every committee member sees, committed on return; its outbox id. */
  const write = async (): Promise<string> =>
    (
      (await t.app.dataSource.query(
        `INSERT INTO outbox_event (type, payload) VALUES ('REPORT_RECEIVED', '{}') RETURNING id`,
      )) as Array<{ id: string }>
    )[0]!.id;
  /** Subscribes to the board with `token`, recording the socket's close code. */
  const subscribe = async (token: string) => {
    const s = new Subscriber(wsClient(t.url, { token }));
    const closes: number[] = [];
    s.client.on('closed', (e) => closes.push((e as { code: number }).code));
    s.subscribe('subscription { boardEvents { id } }');
    open.push(s);
    await registered(fanOut().size + 1);
    return { s, closes };
  };
  const accountRow = async (email: string) =>
    (
      (await t.app.dataSource.query(`SELECT id, version, token_version FROM account WHERE email = $1`, [email])) as Array<{
        id: string;
        version: number;
        token_version: number;
      }>
    )[0]!;
  const updateAccount = async (input: Record<string, unknown>) => {
    const res = await t.gql('mutation($i: UpdateAccountInput!) { updateAccount(input: $i) { id } }', { i: input }, admin);
    expect(res.body.errors).toBeUndefined();
  };

  beforeAll(async () => {
    // No recheck: delivery alone must stop the frames. A short poll: on a shared server another
    // database's open transaction can hold the feed's horizon past a ring.
    t = await startTestApp({ seed: true, env: { WS_AUTH_RECHECK_MS: '600000', EVENT_POLL_INTERVAL_MS: '100' } });
    admin = await t.tokenFor(Role.ADMIN);
    survivor = (await subscribe(await t.tokenFor(Role.INSPECTION_COMMITTEE))).s;
  });
  afterAll(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    await t.stop();
  });

  it('delivers nothing committed after a disable, a re-role, a cadre link or a token revocation, 20 times over', async () => {
    const cadre = ((await t.app.dataSource.query(`SELECT id FROM cadre ORDER BY id LIMIT 1`)) as Array<{ id: string }>)[0]!.id;
    const revocations: Array<(a: { id: string; version: number }) => Promise<void>> = [
      (a) => updateAccount({ id: a.id, version: a.version, disabled: true }),
      (a) => updateAccount({ id: a.id, version: a.version, role: 'VIEWER' }),
      (a) => updateAccount({ id: a.id, version: a.version, cadreId: cadre }),
      // As a password change would: plain SQL, no service (the table's trigger writes the change).
      async (a) =>
        void (await t.app.dataSource.query(`UPDATE account SET token_version = token_version + 1 WHERE id = $1`, [a.id])),
    ];
    for (let i = 0; i < 20; i++) {
      const email = `race${i}@anbien.test`;
      const created = await t.gql(
        'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }',
        { i: { email, displayName: `Race ${i}`, password: 'a-long-password-3', role: 'STANDING_COMMITTEE' } },
        admin,
      );
      expect(created.body.errors).toBeUndefined();
      const { s: doomed, closes } = await subscribe(await t.login(email, 'a-long-password-3'));
      const before = [await write(), await write()];
      await revocations[i % revocations.length]!(await accountRow(email));
      const after: string[] = [];
      for (let k = 0; k < 5; k++) after.push(await write());
      await survivor.until((x) => x.ids().includes(after[4]!), 20000, `the survivor's events of round ${i}`);
      await doomed.until(() => closes.length > 0, 5000, `the socket of round ${i} to close`);
      expect({ round: i, received: doomed.ids(), closes }).toEqual({ round: i, received: before, closes: [4403] });
    }
    expect(t.app.server.wsGuard.stats.rechecks).toBe(0);
  });

  it('sends nothing written after the token’s exp, and closes the socket with 4403', async () => {
    const account = await accountRow('thuongvu@anbien.test');
    const short = await new TokenService({
      secret: TEST_JWT_SECRET,
      issuer: 'giamsat',
      audience: 'giamsat-api',
      ttlSeconds: 3,
    }).sign({
      accountId: account.id,
      tokenVersion: account.token_version,
    });
    const exp = short.expiresAt.getTime();
    const { s: expiring, closes } = await subscribe(short.token);
    const written: Array<{ id: string; at: number }> = [];
    while (Date.now() < exp + 500) {
      const at = Date.now();
      written.push({ id: await write(), at });
      await sleep(20);
    }
    await survivor.until((x) => x.ids().includes(written[written.length - 1]!.id), 20000, 'the survivor’s events');
    await expiring.until(() => closes.length > 0, 5000, 'the expired socket to close');
    expect(closes).toEqual([4403]);
    const afterExp = new Set(written.filter((w) => w.at >= exp).map((w) => w.id));
    expect(afterExp.size).toBeGreaterThan(5);
    expect(expiring.ids().filter((id) => afterExp.has(id))).toEqual([]);
    // It was live until then. (Not necessarily all that was written before exp: delivery waits
    // for the oldest transaction on the whole server, which another database may hold past exp.)
    expect(expiring.events.length).toBeGreaterThan(0);
    expect(expiring.ids()).toEqual(written.filter((w) => expiring.ids().includes(w.id)).map((w) => w.id));
  });
});
