import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { latin1Bytes, latin1TextFrame, rawStreamOf, textFrame } from './ws-frame';

/** A text of each length class (7-bit, 16-bit and 64-bit lengths), one- to four-byte characters. */
const TEXTS = [
  'a',
  'é'.repeat(62) + 'x',
  'b'.repeat(125),
  'c'.repeat(126),
  'ồ'.repeat(42),
  'đ'.repeat(40000),
  'd'.repeat(65536),
  'e'.repeat(70000),
  '😀'.repeat(20000),
];

describe('whole frames written to the TCP stream of a ws socket', () => {
  let http: Server;
  let wss: WebSocketServer;
  let url: string;

  beforeAll(async () => {
    http = createServer();
    wss = new WebSocketServer({ server: http });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  /** A client and the server's side of its socket, open. */
  async function connected(): Promise<{ client: WebSocket; server: WebSocket }> {
    const client = new WebSocket(url);
    const server = await new Promise<WebSocket>((r) => wss.once('connection', r));
    await new Promise((r) => client.once('open', r));
    return { client, server };
  }

  /** Resolves once `got` holds as many messages as `sent`. */
  function allArrived(got: unknown[], sent: unknown[]): Promise<void> {
    return new Promise<void>((resolve) => {
      const check = () => (got.length === sent.length ? resolve() : setTimeout(check, 10));
      check();
    });
  }

  afterAll(async () => {
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    await new Promise((r) => http.close(r));
  });

  it('arrive as text messages of every length class, in order with what ws sends itself (pings included)', async () => {
    const { client, server } = await connected();
    const got: Array<{ text: string; binary: boolean }> = [];
    let pings = 0;
    client.on('ping', () => pings++);
    client.on('message', (data: Buffer, binary: boolean) => got.push({ text: data.toString(), binary }));

    const tcp = rawStreamOf(server);
    expect(tcp).not.toBeNull();
    const texts = TEXTS;
    const sent: string[] = [];
    texts.forEach((t, i) => {
      const prefix = Buffer.from(`{"n":${i},"t":"`);
      tcp!.write(textFrame(prefix, Buffer.from(t), Buffer.from('"}')));
      sent.push(`{"n":${i},"t":"${t}"}`);
      server.ping();
      server.send(`via ws ${i}`);
      sent.push(`via ws ${i}`);
    });
    await allArrived(got, sent);
    expect(got.map((m) => m.text)).toEqual(sent);
    expect(got.every((m) => !m.binary)).toBe(true);
    expect(pings).toBe(texts.length);
    client.close();
  });

  it('arrive the same when built as latin1 strings of UTF-8 bytes, at every length class', async () => {
    const { client, server } = await connected();
    const got: string[] = [];
    client.on('message', (data: Buffer) => got.push(data.toString()));
    const tcp = rawStreamOf(server)!;
    const texts = TEXTS;
    const sent: string[] = [];
    texts.forEach((t, i) => {
      const frame = latin1TextFrame(latin1Bytes(`{"id":"đ${i}","t":"`), latin1Bytes(t), '"}');
      expect(Buffer.from(frame, 'latin1')).toEqual(
        textFrame(Buffer.from(`{"id":"đ${i}","t":"`), Buffer.from(t), Buffer.from('"}')),
      );
      tcp.write(frame, 'latin1');
      sent.push(`{"id":"đ${i}","t":"${t}"}`);
      server.send(`via ws ${i}`);
      sent.push(`via ws ${i}`);
    });
    await allArrived(got, sent);
    expect(got).toEqual(sent);
    client.close();
  });

  it('count in bufferedAmount while they wait to be sent', () => {
    const client = new WebSocket(url);
    return new Promise<void>((resolve, reject) => {
      wss.once('connection', (server) => {
        client.once('open', () => {
          // The client stops reading, so the bytes pile up on the server's side.
          (client as unknown as { _socket: { pause(): void } })._socket.pause();
          const tcp = rawStreamOf(server)!;
          const frame = textFrame(Buffer.alloc(64 * 1024, 'x'));
          for (let i = 0; i < 200; i++) tcp.write(frame);
          try {
            expect(server.bufferedAmount).toBeGreaterThan(1024 * 1024);
            resolve();
          } catch (err) {
            reject(err as Error);
          } finally {
            client.terminate();
          }
        });
      });
    });
  });
});
