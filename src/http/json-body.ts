import type { IncomingMessage } from 'node:http';
import express, { type RequestHandler } from 'express';

/**
 * Content types read on the short path: the JSON a GraphQL client sends, plain UTF-8. Anything
 * else (other charsets, parameters, spellings) goes to body-parser, which decides as before.
 */
const SHORT_PATH_TYPES = new Set([
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=utf-8',
  'application/graphql-response+json',
  'application/graphql-response+json; charset=utf-8',
  'application/graphql-response+json;charset=utf-8',
]);

/** A body error shaped like body-parser's (`status`, `type`), so one handler answers both paths. */
export interface BodyError extends Error {
  status: number;
  type: string;
}

function bodyError(status: number, type: string, message: string): BodyError {
  return Object.assign(new Error(message), { status, statusCode: status, type, expose: true });
}

/**
 * The length of the body when the request may be read on the short path: the request every
 * GraphQL client sends, an uncompressed UTF-8 JSON body with a `content-length` within the limit.
 * Undefined for anything else (chunked, compressed, another charset, an empty or too large body),
 * which body-parser reads instead (`graphqlJsonBody`).
 */
export function shortBodyLength(req: IncomingMessage, limitBytes: number): number | undefined {
  const headers = req.headers;
  const type = headers['content-type'];
  const length = Number(headers['content-length']);
  if (
    typeof type !== 'string' ||
    !SHORT_PATH_TYPES.has(type.toLowerCase()) ||
    headers['content-encoding'] !== undefined ||
    headers['transfer-encoding'] !== undefined ||
    !(length > 0 && length <= limitBytes) ||
    req.readableEnded
  ) {
    return undefined;
  }
  return length;
}

/**
 * Reads and parses a short-path body (see `shortBodyLength`) without body-parser's per-request
 * charset, content-type and decoder work (about 7% of the CPU of a small query), by its rules:
 * strict JSON (an object or array), a leading BOM dropped, the body's length checked against
 * `content-length`, and errors of the same `type` (`entity.parse.failed`, `request.size.invalid`,
 * `request.aborted`).
 */
export function readShortBody(req: IncomingMessage, length: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const settle = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAborted);
      req.off('close', onAborted);
    };
    const fail = (err: BodyError) => {
      settle();
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      chunks.push(chunk);
    };
    const onAborted = () => fail(bodyError(400, 'request.aborted', 'request aborted'));
    const onEnd = () => {
      if (received !== length) {
        fail(bodyError(400, 'request.size.invalid', 'request size did not match content length'));
        return;
      }
      let text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received)).toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const first = text.trimStart()[0];
      if (first !== '{' && first !== '[') {
        fail(bodyError(400, 'entity.parse.failed', 'the request body must be a JSON object or array'));
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (err) {
        fail(bodyError(400, 'entity.parse.failed', err instanceof Error ? err.message : 'invalid JSON'));
        return;
      }
      settle();
      resolve(body);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAborted);
    req.on('close', onAborted);
  });
}

/**
 * The JSON body parser of the Express side of `/graphql` (GET, and the POST bodies the short path
 * in `graphql-post.ts` leaves): `express.json` with the limit and the GraphQL content types. A
 * request without a parsed body still gets `req.body` (undefined): Apollo's Express integration
 * needs the property to answer a wrong content type itself rather than with a 500.
 */
export function graphqlJsonBody(limitBytes: number): RequestHandler {
  const full = express.json({ limit: limitBytes, type: ['application/json', 'application/graphql-response+json'] });
  return (req, res, next) =>
    full(req, res, (err?: unknown) => {
      if (!err && !('body' in req)) (req as { body?: unknown }).body = undefined;
      next(err);
    });
}
