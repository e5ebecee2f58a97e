import { EventEmitter } from 'node:events';
import { Client as PgClient } from 'pg';
import pino from 'pino';
import type { WebSocket } from 'ws';
import { type SocketAccount, WsGuard } from '../../src/http/ws-guard';
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
  const accountOf = async (email: string): Promise<SocketAccount> => {
    const [row] = (await t.app.dataSource.query(
      `SELECT id, token_version, role, unit_id, cadre_id FROM account WHERE email = $1`,
      [email],
    )) as Array<{ id: string; token_version: number; role: string; unit_id: string | null; cadre_id: string | null }>;
    return {
      id: row!.id,
      tokenVersion: row!.token_version,
      role: row!.role,
      unitId: row!.unit_id,
      cadreId: row!.cadre_id,
      disabled: false,
      expiresAt: new Date(Date.now() + 3600_000),
    };
  };
  const signedIn = async (email: string) => {
    const socket = new RecordingSocket();
    guard.track(socket as unknown as WebSocket);
    guard.signedIn(socket as unknown as WebSocket, await accountOf(email));
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
    const committee = await signedIn('kiemtra@anbien.test');
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
        await new Promise((r) => setTimeout(r, 10));
      const standing = new RecordingSocket();
      guard.track(standing as unknown as WebSocket);
      guard.signedIn(standing as unknown as WebSocket, standingAccount);
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
