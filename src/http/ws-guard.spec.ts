import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import type { Logger } from '../common/logger';
import { WsGuard } from './ws-guard';

class FakeSocket extends EventEmitter {
  pings = 0;
  terminated = false;
  answers = true;
  ping(): void {
    this.pings++;
    if (this.answers) queueMicrotask(() => this.emit('pong'));
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe('WsGuard pings', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function guardWith(sockets: FakeSocket[]): WsGuard {
    const logger = { info: () => undefined, warn: () => undefined } as unknown as Logger;
    const guard = new WsGuard({} as never, { pingIntervalMs: 1600, recheckMs: 600000, forbiddenCode: 4403 }, logger);
    for (const s of sockets) guard.track(s as unknown as WebSocket);
    guard.start();
    return guard;
  }

  it('pings a sixteenth of the sockets at a time, each socket once per interval', async () => {
    const sockets = Array.from({ length: 320 }, () => new FakeSocket());
    const guard = guardWith(sockets);
    await jest.advanceTimersByTimeAsync(100);
    expect(sockets.filter((s) => s.pings > 0)).toHaveLength(20);
    await jest.advanceTimersByTimeAsync(1500);
    expect(sockets.every((s) => s.pings === 1)).toBe(true);
    await jest.advanceTimersByTimeAsync(1600 * 3);
    expect(sockets.every((s) => s.pings === 4)).toBe(true);
    expect(sockets.some((s) => s.terminated)).toBe(false);
    guard.stop();
  });

  it('terminates a socket that did not answer its previous ping, and no other', async () => {
    const sockets = Array.from({ length: 32 }, () => new FakeSocket());
    const silent = sockets[7]!;
    silent.answers = false;
    const guard = guardWith(sockets);
    await jest.advanceTimersByTimeAsync(1600);
    expect(silent.terminated).toBe(false);
    await jest.advanceTimersByTimeAsync(1600);
    expect(silent.terminated).toBe(true);
    expect(guard.stats.terminatedIdle).toBe(1);
    expect(sockets.filter((s) => s.terminated)).toEqual([silent]);
    guard.stop();
  });

  it('stops pinging a socket once it has closed', async () => {
    const sockets = Array.from({ length: 16 }, () => new FakeSocket());
    const guard = guardWith(sockets);
    sockets[3]!.emit('close');
    await jest.advanceTimersByTimeAsync(1600 * 2);
    expect(sockets[3]!.pings).toBe(0);
    expect(guard.size).toBe(15);
    guard.stop();
  });
});
