import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { ReadinessCheck } from '../common/readiness';

/** Database reachable and every migration applied. */
export function databaseReadiness(dataSource: DataSource): ReadinessCheck {
  return {
    name: 'database',
    async check() {
      if (!dataSource.isInitialized) return 'not connected';
      await dataSource.query('SELECT 1');
      const pending = await dataSource.showMigrations();
      return pending ? 'migrations pending' : true;
    },
  };
}

export function healthz(_req: Request, res: Response) {
  res.json({ status: 'ok' });
}

export function readyz(checks: ReadinessCheck[], isShuttingDown: () => boolean) {
  return async (_req: Request, res: Response) => {
    const results: Record<string, string> = {};
    let ready = !isShuttingDown();
    if (!ready) results['server'] = 'shutting down';
    for (const c of checks) {
      try {
        const r = await c.check();
        results[c.name] = r === true ? 'ok' : r;
        if (r !== true) ready = false;
      } catch (err) {
        results[c.name] = `unreachable: ${err instanceof Error ? err.message : String(err)}`;
        ready = false;
      }
    }
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: results });
  };
}
