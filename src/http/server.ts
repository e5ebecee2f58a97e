import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import { type ExecutionArgs, type GraphQLSchema, execute, getOperationAST, GraphQLError, subscribe } from 'graphql';
import type { DocumentNode, FormattedExecutionResult } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import proxyaddr from 'proxy-addr';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { AppError, ErrorCode } from '../common/errors';
import type { Logger } from '../common/logger';
import { requestScope } from '../common/request-scope';
import type { AuthService } from '../modules/accounts/auth.service';
import { formatError } from '../graphql/format-error';
import { checkDocument, documentPolicy } from '../graphql/document-policy';
import { parseOptions } from '../graphql/limits';
import {
  asRequestError,
  authenticateContext,
  bearerFrom,
  type LoaderFactory,
  type MutableRequestContext,
  MutationTransaction,
  newContext,
  requestIdFrom,
} from '../graphql/request-context';
import type { ReadinessCheck } from '../common/readiness';
import { healthz, readyz } from './health';
import { graphqlPostHandler, isGraphqlPost } from './graphql-post';
import { graphqlJsonBody, shortBodyLength } from './json-body';
import { WsGuard } from './ws-guard';
import type { AccountVersions } from '../events/account-versions';
import { type Metrics, startMetricsServer, type Transport } from './metrics';
import type { LiveContext } from '../modules/board/board-events.resolver';

export interface ServerDeps {
  config: Config;
  logger: Logger;
  dataSource: DataSource;
  schema: GraphQLSchema;
  auth: AuthService;
  makeLoaders: LoaderFactory;
  readiness: ReadinessCheck[];
  /** Extra routes (uploads, the board page) mounted before the 404 handler. */
  routes?: (app: express.Express) => void;
  /** Routes mounted before the GraphQL handler (GraphiQL answers browsers on GET /graphql). */
  earlyRoutes?: (app: express.Express) => void;
  /** Prometheus metrics (`GET /metrics`, and the METRICS_PORT listener when configured). */
  metrics?: Metrics;
  /** Live delivery (src/events/delivery.ts). */
  live?: {
    /** The root value of every subscription operation (how subscription fields reach the fan-out). */
    subscriptionRoot: unknown;
    /** Put on every request context (see RequestContext.ringDoorbell). */
    ringDoorbell: (() => void) | undefined;
    /** Account changes read from the event feed: the guard closes the sockets of a changed account. */
    accounts: AccountVersions;
  };
}

export interface RunningServer {
  readonly url: string;
  /** The WebSocket watchdog (ping/pong, account rechecks). */
  readonly wsGuard: WsGuard;
  readonly port: number;
  readonly httpServer: Server;
  /** The METRICS_PORT listener's port, when there is one. */
  readonly metricsPort: number | undefined;
  /** Stops accepting, drains HTTP requests and closes WebSockets with 1001. */
  close(): Promise<void>;
}

/** WebSocket close code for a refused or revoked token (graphql-ws's Forbidden). */
export const WS_FORBIDDEN = CloseCode.Forbidden;

interface WsExtra extends Record<PropertyKey, unknown> {
  socket: WebSocket;
  request: import('node:http').IncomingMessage;
  bearer?: string;
  /** The bearer token's `exp` (epoch milliseconds). */
  expiresAt?: number;
  connectionId?: string;
}

/**
 * The request's path without its query string (GET /graphql carries variables there): Express's
 * `originalUrl` when Express has seen the request, as a mounted router changes `req.url`.
 */
function pathOf(req: IncomingMessage): string {
  return ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0]!;
}

/** A GraphQL-shaped JSON error (on Express's responses and on plain node:http ones alike). */
function jsonError(res: ServerResponse, status: number, code: ErrorCode, message: string) {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

/**
 * Answers a body parser's error (body-parser's or the short path's, which share their `type`s)
 * as GraphQL-shaped JSON instead of an HTML page; false for any other error.
 */
function answeredBodyError(err: unknown, res: ServerResponse, limitBytes: number): boolean {
  const type = (err as { type?: string } | undefined)?.type;
  if (type === 'entity.too.large') {
    jsonError(res, 413, ErrorCode.BAD_USER_INPUT, `The request body is larger than the limit of ${limitBytes} bytes`);
  } else if (type === 'entity.parse.failed') {
    jsonError(res, 400, ErrorCode.BAD_USER_INPUT, 'The request body is not valid JSON');
  } else if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    jsonError(res, 415, ErrorCode.BAD_USER_INPUT, 'The request body must be UTF-8 JSON');
  } else {
    return false;
  }
  return true;
}

export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const { config, logger, dataSource, schema, auth, makeLoaders, metrics } = deps;
  let shuttingDown = false;
  // One policy for both transports: the limits, no introspection and no suggestions in production.
  const policy = documentPolicy(config);
  const hideSuggestions = policy.hideSuggestions;
  const exposeSqlCount = !config.isProduction;

  const app = express();
  const limitBytes = config.httpBodyLimitBytes;
  app.disable('x-powered-by');
  // res.send hashed every GraphQL response for a weak ETag (a SHA-1 and a copy of the body per
  // request) that no client revalidates: POST answers are never conditional. Files sent with
  // sendFile and express.static keep their own ETags.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  // Express's own `req.ip`, for requests that do not pass through Express.
  const trusted = app.get('trust proxy fn') as Parameters<typeof proxyaddr>[1];
  // Requests are handed out below, once every route exists.
  // Header and whole-request timeouts cut off slow-loris clients; Node checks them every
  // connectionsCheckingInterval (30 s by default, too coarse for short timeouts).
  const httpServer = createServer({
    headersTimeout: Math.min(config.httpHeadersTimeoutMs, config.httpRequestTimeoutMs),
    requestTimeout: config.httpRequestTimeoutMs,
    connectionsCheckingInterval: Math.max(250, Math.min(config.httpHeadersTimeoutMs, config.httpRequestTimeoutMs, 30000) / 4),
  });

  // Request id, request-scoped bookkeeping and one access-log line per request. The path is
  // logged without its query string: GET /graphql carries variables there.
  // The level is fixed for the process: with access logs off (LOG_LEVEL above info) no request
  // pays for the clock reading and the finish listener.
  const accessLog = logger.isLevelEnabled('info');
  const inRequestScope = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    const scope = { requestId, sqlStatements: 0 };
    res.setHeader('x-request-id', requestId);
    if (!accessLog) {
      requestScope.run(scope, next);
      return;
    }
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info(
        {
          requestId,
          method: req.method,
          path: pathOf(req),
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          sql: scope.sqlStatements,
        },
        'request',
      );
    });
    requestScope.run(scope, next);
  };
  app.use((req, res, next) => inRequestScope(req, res, () => next()));
  const unhandled = (err: unknown, req: IncomingMessage, res: ServerResponse) => {
    const requestId = requestScope.getStore()?.requestId ?? 'unknown';
    logger.error({ requestId, err: err instanceof Error ? err.message : String(err), path: pathOf(req) }, 'unhandled HTTP error');
    if (!res.headersSent)
      jsonError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, `Internal server error; quote request id ${requestId}`);
  };

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: config.wsMaxPayloadBytes });
  const wsLogger = logger.child({ transport: 'ws' });
  const ringDoorbell = deps.live?.ringDoorbell;
  // Ping/pong for every socket; signed-in sockets closed (4403) when their token expires or the
  // feed reads a change of their account, and, as a backstop, when a recheck finds one.
  const wsGuard = new WsGuard(
    dataSource,
    { pingIntervalMs: config.wsPingIntervalMs, recheckMs: config.wsAuthRecheckMs, forbiddenCode: WS_FORBIDDEN },
    wsLogger,
    deps.live?.accounts,
  );
  wsServer.on('connection', (socket) => wsGuard.track(socket));
  wsGuard.start();
  metrics?.addSources({ openSockets: () => wsServer.clients.size });

  const formatFor =
    (requestId: string, transport: Transport = 'http') =>
    (e: unknown) => {
      const formatted = formatError(e, { logger: logger.child({ requestId }), requestId, hideSuggestions });
      metrics?.countError(String(formatted.extensions?.['code'] ?? 'UNKNOWN'), transport);
      return formatted;
    };

  const runOperation = async (args: ExecutionArgs, run: typeof execute | typeof subscribe) => {
    const ctx = args.contextValue as MutableRequestContext;
    const op = getOperationAST(args.document, args.operationName);
    const started = process.hrtime.bigint();
    const observed = <T>(result: T): T => {
      metrics?.observeOperation(
        op?.name?.value,
        op?.operation ?? 'unknown',
        'ws',
        Number(process.hrtime.bigint() - started) / 1e9,
      );
      return result;
    };
    return requestScope.run({ requestId: ctx.requestId, sqlStatements: 0 }, async () => {
      if (op?.operation !== 'mutation') return observed(await run(args));
      const tx = await MutationTransaction.begin(dataSource, ctx);
      let result: Awaited<ReturnType<typeof execute>> | undefined;
      try {
        result = await execute(args);
      } finally {
        await tx.finish(!!result && !('errors' in result && result.errors?.length));
      }
      return observed('errors' in result && result.errors?.length ? { ...result, data: null } : result);
    });
  };

  const validDocuments = new Map<string, DocumentNode>();
  const wsCleanup = useServer<Record<string, unknown> | undefined, WsExtra>(
    {
      schema,
      connectionInitWaitTimeout: config.wsConnectionInitTimeoutMs,
      onConnect: async (ctx) => {
        if (shuttingDown) return false;
        const params = ctx.connectionParams ?? {};
        const raw = params['token'] ?? params['authToken'] ?? params['Authorization'] ?? params['authorization'];
        ctx.extra.connectionId = requestIdFrom(undefined);
        if (raw === undefined || raw === null || raw === '') return true;
        if (typeof raw !== 'string') return false;
        const bearer = raw.startsWith('Bearer ') || raw.startsWith('bearer ') ? raw.slice(7).trim() : raw;
        try {
          const { account, expiresAt } = await auth.authenticate(dataSource.manager, bearer);
          wsGuard.signedIn(ctx.extra.socket, { ...account, expiresAt });
          ctx.extra.expiresAt = expiresAt.getTime();
        } catch (err) {
          wsLogger.info(
            { connectionId: ctx.extra.connectionId, reason: err instanceof AppError ? err.message : 'error' },
            'ws token refused',
          );
          return false;
        }
        ctx.extra.bearer = bearer;
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const requestId = `${ctx.extra.connectionId ?? 'ws'}:${id}`;
        const open = Object.keys(ctx.subscriptions).length;
        if (open > config.wsMaxSubscriptionsPerSocket) {
          return [
            new GraphQLError(
              `At most ${config.wsMaxSubscriptionsPerSocket} operations may be open at once on one WebSocket; complete some, or open another socket`,
              { extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'TOO_MANY_SUBSCRIPTIONS' } },
            ),
          ];
        }
        // Thousands of boards subscribe with the same document: parse and validate it once and
        // share the (immutable) AST, which every open operation keeps for its lifetime.
        let document = validDocuments.get(payload.query);
        if (!document) {
          const checked = checkDocument(schema, payload.query, policy);
          if (checked.errors) return checked.errors;
          if (validDocuments.size >= 500) validDocuments.clear();
          validDocuments.set(payload.query, checked.document);
          document = checked.document;
        }
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) {
          return [
            new GraphQLError(
              payload.operationName
                ? `Unknown operation "${payload.operationName}"`
                : 'The document must name which operation to run',
            ),
          ];
        }
        const contextValue = newContext(dataSource, makeLoaders, {
          requestId,
          logger: wsLogger,
          clientAddress: ctx.extra.request.socket.remoteAddress ?? 'unknown',
          bearer: ctx.extra.bearer ?? null,
          ringDoorbell,
        });
        try {
          await authenticateContext(auth, dataSource, contextValue);
        } catch {
          // The token expired or the account was disabled since connecting: end the socket.
          ctx.extra.socket.close(WS_FORBIDDEN, 'Forbidden');
          return [
            new GraphQLError('Your token is no longer valid; reconnect with a new one', {
              extensions: { code: ErrorCode.UNAUTHENTICATED },
            }),
          ];
        }
        if (operation.operation === 'subscription' && deps.live) {
          // The fan-out sends events straight to this socket, rendered once per document (src/events/fan-out.ts).
          (contextValue as LiveContext).live = {
            socket: ctx.extra.socket,
            id,
            schema,
            document,
            query: payload.query,
            operationName: payload.operationName,
            variables: payload.variables,
            format: (result) => ({ ...result, errors: result.errors?.map(formatFor(requestId, 'ws')) }),
            // The account as read for this subscribe (the viewer is built from it) and the token's
            // expiry: delivery checks both before every frame.
            session:
              contextValue.account && ctx.extra.expiresAt !== undefined
                ? { accountId: contextValue.account.id, version: contextValue.account.version, expiresAt: ctx.extra.expiresAt }
                : null,
            forbid: (reason) => wsGuard.forbid(ctx.extra.socket, reason),
          };
          return {
            schema,
            document,
            operationName: payload.operationName,
            variableValues: payload.variables,
            contextValue,
            rootValue: deps.live.subscriptionRoot,
          };
        }
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
      },
      execute: (args: ExecutionArgs) => runOperation(args, execute),
      subscribe: (args: ExecutionArgs) => runOperation(args, subscribe),
      onNext: (_ctx, _id, _payload, args, result): FormattedExecutionResult | void => {
        if (!result.errors?.length) return;
        const requestId = (args.contextValue as MutableRequestContext).requestId;
        return { ...result, errors: result.errors.map(formatFor(requestId, 'ws')) };
      },
      onError: (ctx, id, _payload, errors) => errors.map(formatFor(`${ctx.extra.connectionId ?? 'ws'}:${id}`, 'ws')),
    },
    wsServer,
  );

  const lifecycle: ApolloServerPlugin<MutableRequestContext> = {
    async requestDidStart() {
      let tx: MutationTransaction | undefined;
      const started = process.hrtime.bigint();
      let resolved: { name: string | undefined; type: string } | undefined;
      return {
        async didResolveOperation({ contextValue: ctx, operation }) {
          resolved = { name: operation?.name?.value, type: operation?.operation ?? 'unknown' };
          try {
            await authenticateContext(auth, dataSource, ctx);
            if (operation?.operation === 'mutation') tx = await MutationTransaction.begin(dataSource, ctx);
          } catch (err) {
            throw asRequestError(err);
          }
        },
        async willSendResponse({ contextValue: ctx, response }) {
          const body = response.body;
          if (tx && body.kind === 'single') {
            const failed = !!body.singleResult.errors?.length;
            try {
              await tx.finish(!failed);
              if (failed) body.singleResult.data = null;
            } catch (err) {
              body.singleResult.data = null;
              body.singleResult.errors = [formatFor(ctx.requestId)(err)];
            }
          }
          const scope = requestScope.getStore();
          if (exposeSqlCount && scope) response.http.headers.set('x-sql-statements', String(scope.sqlStatements));
          metrics?.observeOperation(
            resolved ? resolved.name : '(invalid)',
            resolved?.type ?? 'unknown',
            'http',
            Number(process.hrtime.bigint() - started) / 1e9,
          );
        },
      };
    },
  };

  const apollo = new ApolloServer<MutableRequestContext>({
    schema,
    // The policy's rules refuse introspection in production (as they do over WebSocket); Apollo's
    // own rule would only answer HTTP, with another message and reason.
    introspection: true,
    csrfPrevention: true,
    hideSchemaDetailsFromClientErrors: hideSuggestions,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    validationRules: [...policy.rules],
    parseOptions: parseOptions(config.graphql),
    formatError: (_formatted, error) => {
      const requestId = requestScope.getStore()?.requestId ?? 'unknown';
      return formatFor(requestId)(error);
    },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownTimeoutMs }),
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used; Apollo's default cache-control plugin wraps every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      lifecycle,
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  const contextFor = async (req: IncomingMessage, clientAddress: () => string) => {
    const requestId = requestScope.getStore()?.requestId ?? requestIdFrom(undefined);
    let bearer: string | null;
    try {
      bearer = bearerFrom(req.headers.authorization);
    } catch (err) {
      throw asRequestError(err);
    }
    return newContext(dataSource, makeLoaders, { requestId, logger, clientAddress, bearer, ringDoorbell });
  };
  const graphqlBody = graphqlJsonBody(limitBytes);
  const graphqlHandler = expressMiddleware(apollo, {
    context: ({ req }) => contextFor(req, () => req.ip ?? req.socket.remoteAddress ?? 'unknown'),
  });
  const graphqlPost = graphqlPostHandler({
    apollo,
    context: (req) => contextFor(req, () => proxyaddr(req, trusted)),
    fail: (err, req, res) => {
      if (!answeredBodyError(err, res, limitBytes)) unhandled(err, req, res);
    },
  });
  app.get('/healthz', healthz);
  app.get(
    '/readyz',
    readyz(deps.readiness, () => shuttingDown, { opsToken: config.opsToken, logger }),
  );
  if (metrics) app.get('/metrics', metrics.handler({ opsToken: config.opsToken, open: false, logger }));
  deps.earlyRoutes?.(app);
  // GET /graphql (queries only; a browser gets GraphiQL above), a POST with a body body-parser
  // has to read (compressed, chunked, too large, another charset; every other POST skips Express,
  // below) and every other method, which Apollo answers itself (405 with `Allow`).
  app.use('/graphql', graphqlBody, graphqlHandler);
  deps.routes?.(app);
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!answeredBodyError(err, res, limitBytes)) next(err);
  });
  app.use((_req: Request, res: Response) => jsonError(res, 404, ErrorCode.NOT_FOUND, 'No such route'));
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => unhandled(err, req, res));

  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const length = isGraphqlPost(req) ? shortBodyLength(req, limitBytes) : undefined;
    if (length === undefined) app(req, res);
    else inRequestScope(req, res, () => graphqlPost(req, res, length));
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const metricsServer =
    metrics && config.metricsPort !== undefined
      ? await startMetricsServer(metrics, {
          host: config.metricsHost,
          port: config.metricsPort,
          opsToken: config.opsToken,
          logger,
        })
      : undefined;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    httpServer,
    wsGuard,
    metricsPort: metricsServer?.port,
    close: () => {
      closing ??= (async () => {
        shuttingDown = true;
        wsGuard.stop();
        await apollo.stop();
        wsServer.close();
        if (metricsServer) {
          const closed = new Promise<void>((resolve) => metricsServer.server.close(() => resolve()));
          metricsServer.server.closeAllConnections();
          await closed;
        }
      })();
      return closing;
    },
  };
}
