import { EventEmitter } from 'node:events';
import { Client as PgClient } from 'pg';
import pino from 'pino';
import type { WebSocket } from 'ws';
import { type SocketAccount, WsGuard } from '../../src/http/ws-guard';
import { Account } from '../../src/modules/accounts/account.entity';
import { sleep } from '../support/board-subscriber';
import { startTestApp, type TestApp } from '../support/test-app';

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
