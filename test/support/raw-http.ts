import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: string;
  body: string;
}

/**
 * Sends a POST over a raw socket, so the body can be cut, stalled, trickled or malformed in
 * ways `fetch` refuses to send; resolves with the answer, or null when the socket closed
 * without one.
 */
export function rawRequest(
  url: string,
  path: string,
  headers: Record<string, string>,
  send: (socket: Socket) => Promise<void> | void,
): Promise<RawAnswer | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.on('data', (d) => (received += d.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const m = /^HTTP\/1\.1 (\d{3})/.exec(received);
      const end = received.indexOf('\r\n\r\n');
      resolve(m ? { status: Number(m[1]), headers: received.slice(0, end), body: received.slice(end + 4) } : null);
    });
    socket.on('connect', () => {
      const lines = [`POST ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close'];
      for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
      socket.write(lines.join('\r\n') + '\r\n\r\n');
      void Promise.resolve(send(socket)).catch(() => socket.destroy());
    });
  });
}

/** One chunk of a `Transfer-Encoding: chunked` body. */
export const chunk = (b: Buffer) => Buffer.concat([Buffer.from(b.length.toString(16) + '\r\n'), b, Buffer.from('\r\n')]);
