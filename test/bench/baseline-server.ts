/**
 * The smallest honest server a scenario's GraphQL path is compared with: `node:http`, a `pg`
 * pool and a handler; no framework. It answers with the same `x-sql-statements` header as the
 * app, counted by the handler's `db`, so both sides are measured the same way.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pool } from 'pg';

export const SQL_HEADER = 'x-sql-statements';

export interface BaselineRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface BaselineResponse {
  status: number;
  /** Sent as JSON. */
  body: unknown;
}

/** The handler's access to PostgreSQL: every call is one statement, counted. */
export interface BaselineDb {
  query<R extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /**
   * Runs `fn` on one connection checked out of the pool for it (e.g. for a transaction: `fn`
   * sends BEGIN and COMMIT itself, counted like any statement). A connection `fn` failed on is
   * closed rather than returned to the pool.
   */
  withClient<T>(fn: (client: Pick<BaselineDb, 'query'>) => Promise<T>): Promise<T>;
}

export type BaselineHandler = (req: BaselineRequest, db: BaselineDb) => Promise<BaselineResponse>;

export interface RunningBaseline {
  url: string;
  /** Statements sent since start, for a process-wide cross-check of the header. */
  readonly statements: number;
  close(): Promise<void>;
}

export async function startBaselineServer(handler: BaselineHandler, pool: Pool): Promise<RunningBaseline> {
  let statements = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let sql = 0;
      const db: BaselineDb = {
        async query<R extends Record<string, unknown>>(text: string, params?: unknown[]) {
          sql++;
          statements++;
          return (await pool.query<R>(text, params)).rows;
        },
        async withClient(fn) {
          const client = await pool.connect();
          try {
            const result = await fn({
              async query<R extends Record<string, unknown>>(text: string, params?: unknown[]) {
                sql++;
                statements++;
                return (await client.query<R>(text, params)).rows;
              },
            });
            client.release();
            return result;
          } catch (err) {
            client.release(err instanceof Error ? err : new Error(String(err)));
            throw err;
          }
        },
      };
      const request = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      handler(request, db)
        .catch((err: unknown): BaselineResponse => ({
          status: 500,
          body: {
            errors: [
              { message: err instanceof Error ? err.message : String(err), extensions: { code: 'INTERNAL_SERVER_ERROR' } },
            ],
          },
        }))
        .then(({ status, body }) => {
          const payload = JSON.stringify(body);
          res.writeHead(status, {
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(payload),
            [SQL_HEADER]: String(sql),
          });
          res.end(payload);
        })
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get statements() {
      return statements;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
