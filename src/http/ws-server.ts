import type { IncomingMessage, Server } from 'node:http';
import { type ExecutionArgs, type GraphQLSchema, execute, getOperationAST, GraphQLError, subscribe } from 'graphql';
import type { DocumentNode, FormattedExecutionResult } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { AppError, ErrorCode } from '../common/errors';
import type { Logger } from '../common/logger';
import { requestScope } from '../common/request-scope';
import type { AuthService } from '../modules/accounts/auth.service';
import { checkDocument, type DocumentPolicy } from '../graphql/document-policy';
import { assertWellFormedVariables } from '../graphql/well-formed-text';
import {
  authenticateContext,
  type LoaderFactory,
  type MutableRequestContext,
  newContext,
  requestIdFrom,
} from '../graphql/request-context';
import type { AccountVersions } from '../events/account-versions';
import type { LiveContext } from '../modules/board/board-events.resolver';
import type { OperationErrorFormatter } from './error-response';
import type { Metrics } from './metrics';
import { asExecutionError, runOperation as inOperationTransaction } from './operation-transaction';
import { closeInVietnamese } from './ws-close-reason';
import { WsGuard } from './ws-guard';

/** WebSocket close code for a refused or revoked token (graphql-ws's Forbidden). */
export const WS_FORBIDDEN = CloseCode.Forbidden;

interface WsExtra extends Record<PropertyKey, unknown> {
  socket: WebSocket;
  request: IncomingMessage;
  bearer?: string;
  /** The bearer token's `exp` (epoch milliseconds). */
  expiresAt?: number;
  connectionId?: string;
}

export interface WsServerDeps {
  config: Config;
  logger: Logger;
  dataSource: DataSource;
  schema: GraphQLSchema;
  auth: AuthService;
  makeLoaders: LoaderFactory;
  metrics?: Metrics | undefined;
  /** Live delivery (src/events/delivery.ts). */
  live?:
    | {
        /** The root value of every subscription operation (how subscription fields reach the fan-out). */
        subscriptionRoot: unknown;
        /** Put on every request context (see RequestContext.ringDoorbell). */
        ringDoorbell: (() => void) | undefined;
        /** Account changes read from the event feed: the guard closes the sockets of a changed account. */
        accounts: AccountVersions;
      }
    | undefined;
  policy: DocumentPolicy;
  formatFor: OperationErrorFormatter;
  /** True once the server is closing: no new socket is accepted. */
  shuttingDown: () => boolean;
}

export interface RunningWsServer {
  readonly wsServer: WebSocketServer;
  /** The WebSocket watchdog (ping/pong, account rechecks). */
  readonly wsGuard: WsGuard;
  /** Completes every operation and closes the sockets with 1001 (graphql-ws's dispose). */
  dispose(): Promise<void>;
}

/**
 * GraphQL over WebSocket (graphql-ws) on `/graphql` of the HTTP server: the sockets' watchdog,
 * the token at `connection_init`, the same document policy and error formatting as HTTP, and
 * subscriptions handed to the live fan-out (src/events/fan-out.ts).
 */
export function startWsServer(deps: WsServerDeps, httpServer: Server): RunningWsServer {
  const { config, logger, dataSource, schema, auth, makeLoaders, metrics, policy, formatFor } = deps;
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
  wsServer.on('connection', (socket) => {
    closeInVietnamese(socket);
    wsGuard.track(socket);
  });
  wsGuard.start();
  metrics?.addSources({ openSockets: () => wsServer.clients.size });

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
      // A mutation's transaction (src/http/operation-transaction.ts), as over HTTP.
      return observed(await inOperationTransaction(dataSource, ctx, op.operation, async () => execute(args), asExecutionError));
    });
  };

  const validDocuments = new Map<string, DocumentNode>();
  const wsCleanup = useServer<Record<string, unknown> | undefined, WsExtra>(
    {
      schema,
      connectionInitWaitTimeout: config.wsConnectionInitTimeoutMs,
      onConnect: async (ctx) => {
        if (deps.shuttingDown()) return false;
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
              `Mỗi kết nối WebSocket chỉ được mở cùng lúc tối đa ${config.wsMaxSubscriptionsPerSocket} thao tác; hãy kết thúc bớt hoặc mở kết nối khác`,
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
            payload.operationName
              ? new GraphQLError(`Tài liệu không có thao tác tên "${payload.operationName}"`, {
                  extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'UNKNOWN_OPERATION' },
                })
              : new GraphQLError('Hãy nêu tên thao tác cần chạy (operationName): tài liệu không có đúng một thao tác', {
                  extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'OPERATION_NAME_REQUIRED' },
                }),
          ];
        }
        try {
          assertWellFormedVariables(payload.variables);
        } catch (err) {
          return [err as GraphQLError];
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
            new GraphQLError('Phiên đăng nhập không còn hiệu lực; hãy kết nối lại với mã đăng nhập mới', {
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

  return { wsServer, wsGuard, dispose: async () => wsCleanup.dispose() };
}
