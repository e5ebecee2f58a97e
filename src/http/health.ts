import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'express';
import type { Logger } from '../common/logger';
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

/** Whether a request carries the operators' token (compared in constant time). */
export function hasOpsToken(req: IncomingMessage, opsToken: string | undefined): boolean {
  if (!opsToken) return false;
  const sent = Buffer.from(req.headers.authorization ?? '');
  const expected = Buffer.from(`Bearer ${opsToken}`);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

/**
 * Readiness: 200 or 503 with the status for anyone (a load balancer needs no more); each
 * check's state, which can name hosts, ports and errors, only with the operators' token, and
 * in the log when not ready.
 */
export function readyz(
  checks: ReadinessCheck[],
  isShuttingDown: () => boolean,
  opts: { opsToken?: string | undefined; logger: Logger },
) {
  return async (req: Request, res: Response) => {
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
    if (!ready) opts.logger.warn({ checks: results }, 'not ready');
    const status = ready ? 'ready' : 'not ready';
    res.setHeader('cache-control', 'no-store');
    res.status(ready ? 200 : 503).json(hasOpsToken(req, opts.opsToken) ? { status, checks: results } : { status });
  };
}
