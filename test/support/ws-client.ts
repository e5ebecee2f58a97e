import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** A real graphql-ws client over a real WebSocket, for subscription and WS-edge tests. */
export function wsClient(httpUrl: string, connectionParams?: Record<string, unknown>, extra: { lazy?: boolean } = {}): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams,
    lazy: extra.lazy ?? true,
    retryAttempts: 0,
  });
}

/** Runs one operation over the socket and resolves with its single result. */
export function wsExecute<T = unknown>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
  return new Promise((resolve, reject) => {
    let result: unknown;
    client.subscribe(
      { query, variables },
      {
        next: (value) => {
          result = value;
        },
        error: (err) => reject(err instanceof Error ? err : new Error(JSON.stringify(err))),
        complete: () => resolve(result as never),
      },
    );
  });
}

/** Opens a raw socket speaking graphql-ws and records how it closes. */
export function rawSocket(httpUrl: string): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(httpUrl.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
    const closed = new Promise<{ code: number; reason: string }>((res) =>
      ws.on('close', (code, reason) => res({ code, reason: reason.toString() })),
    );
    ws.once('open', () => resolve({ ws, closed }));
    ws.once('error', reject);
  });
}

/** The next message the server sends on a raw socket, parsed. */
export function nextMessage(ws: WebSocket): Promise<{ type: string; id?: string; payload?: unknown }> {
  return new Promise((resolve) => ws.once('message', (m: Buffer) => resolve(JSON.parse(m.toString()) as never)));
}
