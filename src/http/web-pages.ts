import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from '../common/logger';

/**
 * Where `npm run build` puts the bundled pages (src/cli/build-web.ts): `dist/web/`, found from
 * the compiled server (dist/src/http) and from the sources run by the tests (src/http) alike.
 */
export function defaultWebDir(): string {
  const up = path.resolve(__dirname, '..', '..');
  return path.basename(up) === 'dist' ? path.join(up, 'web') : path.join(up, 'dist', 'web');
}

/** Only a plain host name or address with an optional port goes into a header. */
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The board's policy: everything from this origin, the GraphQL WebSocket to the same host, no
 * inline script or style, no plugins, no framing. `'self'` covers same-host WebSockets in CSP 3;
 * the ws:/wss: sources say it to browsers that predate that.
 */
export function boardCsp(host: string | undefined): string {
  const ws = host && HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    `connect-src 'self'${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * GraphiQL's policy: as the board's, but its editor (Monaco) writes `<style>` elements at run
 * time and starts its language services as workers from this origin, and GraphiQL's packaged
 * style sheet carries its fonts as data: URIs (inside the bundle, not from another host).
 */
export function graphiqlCsp(host: string | undefined): string {
  return (
    boardCsp(host)
      .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
      .replace("font-src 'self'", "font-src 'self' data:") + "; worker-src 'self'"
  );
}

function securityHeaders(res: Response, csp: string) {
  res.setHeader('content-security-policy', csp);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
}

/** Hashed file names (`index-BcaVywpQ.js`) never change content: cache them for a year. */
function staticAssets(dir: string, csp: (host: string | undefined) => string) {
  return express.static(dir, {
    index: false,
    redirect: false,
    setHeaders: (res, _file) => {
      res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      securityHeaders(res, csp(res.req.headers.host));
    },
  });
}

/** Sends a page's index.html; revalidated on every load (ETag), so a new build shows at once. */
function sendIndex(file: string, csp: (host: string | undefined) => string) {
  return (req: Request, res: Response, next: NextFunction) => {
    securityHeaders(res, csp(req.headers.host));
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(file, { dotfiles: 'deny' }, (err) => {
      if (err) next(err);
    });
  };
}

function missingBuild(logger: Logger, dir: string) {
  logger.warn({ dir }, 'the web pages are not built (npm run build); /board answers 503');
  return (_req: Request, res: Response) => {
    res.status(503).type('text/plain; charset=utf-8').send('Trang bảng giám sát chưa được dựng: hãy chạy npm run build.\n');
  };
}

/**
 * The live board at `/board` (its assets under `/board/assets/`). Served in every environment:
 * it is a client of the public API like any other.
 */
export function boardRoutes(opts: { webDir: string; logger: Logger }): express.Router {
  const router = express.Router();
  const dir = path.join(opts.webDir, 'board');
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) {
    router.get('/board', missingBuild(opts.logger, dir));
    return router;
  }
  // `/board` and `/board/` alike: the page refers to its assets by absolute paths.
  router.get('/board', sendIndex(index, boardCsp));
  router.use('/board/assets', staticAssets(path.join(dir, 'assets'), boardCsp));
  return router;
}

/**
 * Does this request come from a browser's address bar rather than an API client? A GET without a
 * `query` parameter whose Accept prefers HTML. `GET /graphql?query=…` always runs the query, and
 * an API client's Accept (JSON, `*\/*`) never gets HTML.
 */
export function wantsGraphiql(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (req.query && typeof req.query === 'object' && 'query' in req.query) return false;
  return req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html';
}

/**
 * GraphiQL, bundled (no CDN): on `GET /graphql` for browsers, its assets under
 * `/graphiql/assets/`. Mounted before the GraphQL handler, only outside production.
 */
export function graphiqlRoutes(opts: { webDir: string; logger: Logger }): RequestHandler {
  const router = express.Router();
  // Everything here answers GET (and HEAD): a POST, that is nearly every GraphQL request, does
  // not walk the router's layers.
  const readsOnly: RequestHandler = (req, res, next) =>
    req.method === 'GET' || req.method === 'HEAD' ? router(req, res, next) : next();
  const dir = path.join(opts.webDir, 'graphiql');
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) {
    opts.logger.warn({ dir }, 'GraphiQL is not built (npm run build); GET /graphql serves API clients only');
    return readsOnly;
  }
  const page = sendIndex(index, graphiqlCsp);
  router.get('/graphql', (req, res, next) => (wantsGraphiql(req) ? page(req, res, next) : next()));
  router.get('/graphiql', (_req, res) => res.redirect(302, '/graphql'));
  router.use('/graphiql/assets', staticAssets(path.join(dir, 'assets'), graphiqlCsp));
  return readsOnly;
}
