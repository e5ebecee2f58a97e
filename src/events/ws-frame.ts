import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * One whole WebSocket text message as a server sends it (RFC 6455 §5.2: FIN, text opcode,
 * unmasked), the given byte strings one after the other as its payload. Built once, it is
 * written to the TCP stream as it is: one write, no framing, encoding or copy per socket.
 */
export function textFrame(...parts: readonly Uint8Array[]): Buffer {
  let length = 0;
  for (const p of parts) length += p.length;
  const head = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + length);
  frame[0] = 0x81;
  if (head === 2) {
    frame[1] = length;
  } else if (head === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  let at = head;
  for (const p of parts) {
    frame.set(p, at);
    at += p.length;
  }
  return frame;
}

/**
 * The same frame as {@link textFrame} (prefix, payload, suffix), as a `latin1` string (one
 * character per byte) for `stream.write(frame, 'latin1')`; the parts are UTF-8 bytes held the
 * same way ({@link latin1Bytes}). Node writes a string of up to 16 KiB from a stack buffer straight to the
 * socket when the socket takes it at once, so a frame per socket allocates only a short-lived
 * string on V8's young heap, where a Buffer per socket is external memory: thousands of them per
 * event add up to megabytes that only a full (mark-compact) collection gives back.
 */
export function latin1TextFrame(prefix: string, payload: string, suffix = ''): string {
  const length = prefix.length + payload.length + suffix.length;
  let head: string;
  if (length < 126) head = String.fromCharCode(0x81, length);
  else if (length < 65536) head = String.fromCharCode(0x81, 126, length >>> 8, length & 0xff);
  else {
    const high = Math.floor(length / 2 ** 32);
    const low = length >>> 0;
    head = String.fromCharCode(
      0x81,
      127,
      (high >>> 24) & 0xff,
      (high >>> 16) & 0xff,
      (high >>> 8) & 0xff,
      high & 0xff,
      (low >>> 24) & 0xff,
      (low >>> 16) & 0xff,
      (low >>> 8) & 0xff,
      low & 0xff,
    );
  }
  return head + prefix + payload + suffix;
}

/** A text's UTF-8 bytes as a `latin1` string, a part for {@link latin1TextFrame}. */
export function latin1Bytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/**
 * The TCP stream of a `ws` socket, when frames from {@link textFrame} may be written to it
 * directly; null when they may not (then send through `ws`).
 *
 * `ws` frames and writes every message synchronously, in call order, unless an extension is in
 * use (permessage-deflate compresses asynchronously and queues what follows) or a Blob is being
 * read; this server negotiates no extension and sends no Blob. So a frame written to the stream
 * lands between `ws`'s own messages (pings, graphql-ws's messages), never inside one, and the
 * bytes waiting in the stream still count in `socket.bufferedAmount` (the slow-client check).
 * `ws` does not expose the stream, hence the guarded look-up: a `ws` without it sends the usual
 * way.
 */
export function rawStreamOf(socket: WebSocket): Duplex | null {
  if (socket.extensions !== '') return null;
  const stream = (socket as unknown as { _socket?: Duplex })._socket;
  return stream && typeof stream.write === 'function' ? stream : null;
}
