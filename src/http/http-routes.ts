import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import proxyaddr from 'proxy-addr';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { ErrorCode } from '../common/errors';
import type { Logger } from '../common/logger';
import type { ReadinessCheck } from '../common/readiness';
import { requestScope } from '../common/request-scope';
import type { AuthService } from '../modules/accounts/auth.service';
import type { DocumentPolicy } from '../graphql/document-policy';
import { parseOptions } from '../graphql/limits';
import { assertWellFormedVariables } from '../graphql/well-formed-text';
import {
  asRequestError,
  authenticateContext,
  bearerFrom,
  type LoaderFactory,
  type MutableRequestContext,
  newContext,
  requestIdFrom,
} from '../graphql/request-context';
import { answeredBodyError, jsonError, type OperationErrorFormatter, pathOf, unhandledErrorResponder } from './error-response';
import { graphqlPostHandler, isGraphqlPost } from './graphql-post';
import { healthz, readyz } from './health';
import { graphqlJsonBody, shortBodyLength } from './json-body';
import type { Metrics } from './metrics';
import { OperationTransaction } from './operation-transaction';

export interface HttpRoutesDeps {
  config: Config;
  logger: Logger;
  dataSource: DataSource;
  schema: GraphQLSchema;
  auth: AuthService;
  makeLoaders: LoaderFactory;
  readiness: ReadinessCheck[];
  /** Extra routes (uploads, the board page) mounted before the 404 handler. */
  routes?: ((app: express.Express) => void) | undefined;
  /** Routes mounted before the GraphQL handler (GraphiQL answers browsers on GET /graphql). */
  earlyRoutes?: ((app: express.Express) => void) | undefined;
  metrics?: Metrics | undefined;
  /** Put on every request context (see RequestContext.ringDoorbell). */
  ringDoorbell: (() => void) | undefined;
  policy: DocumentPolicy;
  formatFor: OperationErrorFormatter;
  /** True once the server is closing (/readyz answers 503). */
  shuttingDown: () => boolean;
  /** Run when Apollo drains: the WebSocket server's dispose. */
  drain: () => Promise<void>;
}

export interface HttpRoutes {
  readonly apollo: ApolloServer<MutableRequestContext>;
  /** The HTTP server's `request` listener. */
  readonly handle: (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * Every HTTP route: Express with health, readiness, metrics, GraphQL (GET and the other methods
 * through Apollo's Express integration, a plain POST through the short path of graphql-post.ts)
 * and the routes the app adds; one request scope and access-log line per request.
 */
export async function buildHttpRoutes(deps: HttpRoutesDeps, httpServer: Server): Promise<HttpRoutes> {
  const { config, logger, dataSource, schema, auth, makeLoaders, metrics, policy, formatFor, ringDoorbell } = deps;
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
  const unhandled = unhandledErrorResponder(logger);

  const lifecycle: ApolloServerPlugin<MutableRequestContext> = {
    async requestDidStart() {
      // A mutation's transaction (src/http/operation-transaction.ts): begun once the document is
      // resolved and the caller known, settled by the result before the answer is sent.
      let tx: OperationTransaction | undefined;
      const started = process.hrtime.bigint();
      let resolved: { name: string | undefined; type: string } | undefined;
      return {
        async didResolveOperation({ contextValue: ctx, operation }) {
          resolved = { name: operation?.name?.value, type: operation?.operation ?? 'unknown' };
          try {
            await authenticateContext(auth, dataSource, ctx);
            tx = await OperationTransaction.begin(dataSource, ctx, operation?.operation);
          } catch (err) {
            throw asRequestError(err);
          }
        },
        async willSendResponse({ contextValue: ctx, response }) {
          const body = response.body;
          if (tx && body.kind === 'single') body.singleResult = await tx.settle(body.singleResult, formatFor(ctx.requestId));
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
      // Text that is not well-formed Unicode is refused before any resolver (or validator) sees it.
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ request }) {
              assertWellFormedVariables(request.variables);
            },
          };
        },
      },
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await deps.drain();
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
  app.get('/readyz', readyz(deps.readiness, deps.shuttingDown, { opsToken: config.opsToken, logger }));
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
  app.use((_req: Request, res: Response) => jsonError(res, 404, ErrorCode.NOT_FOUND, 'Không có đường dẫn này'));
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => unhandled(err, req, res));

  return {
    apollo,
    handle: (req, res) => {
      const length = isGraphqlPost(req) ? shortBodyLength(req, limitBytes) : undefined;
      if (length === undefined) app(req, res);
      else inRequestScope(req, res, () => graphqlPost(req, res, length));
    },
  };
}
