import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import type { Logger } from '../common/logger';
import type { ReadinessCheck } from '../common/readiness';
import type { AuthService } from '../modules/accounts/auth.service';
import { documentPolicy } from '../graphql/document-policy';
import type { LoaderFactory } from '../graphql/request-context';
import type { AccountVersions } from '../events/account-versions';
import { operationErrorFormatter } from './error-response';
import { buildHttpRoutes } from './http-routes';
import { type Metrics, startMetricsServer } from './metrics';
import type { WsGuard } from './ws-guard';
import { startWsServer } from './ws-server';

export { WS_FORBIDDEN } from './ws-server';

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

/**
 * The HTTP server and what listens on it: the routes (src/http/http-routes.ts) and GraphQL over
 * WebSocket (src/http/ws-server.ts), with one error formatting (src/http/error-response.ts) and one
 * place where a mutation's transaction begins (src/http/operation-transaction.ts).
 */
export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const { config, logger, metrics } = deps;
  let shuttingDown = false;
  const isShuttingDown = () => shuttingDown;
  // One policy for both transports: the limits, no introspection and no suggestions in production.
  const policy = documentPolicy(config);
  const formatFor = operationErrorFormatter({ logger, hideSuggestions: policy.hideSuggestions, metrics });
  // Requests are handed out below, once every route exists.
  // Header and whole-request timeouts cut off slow-loris clients; Node checks them every
  // connectionsCheckingInterval (30 s by default, too coarse for short timeouts).
  const httpServer = createServer({
    headersTimeout: Math.min(config.httpHeadersTimeoutMs, config.httpRequestTimeoutMs),
    requestTimeout: config.httpRequestTimeoutMs,
    connectionsCheckingInterval: Math.max(250, Math.min(config.httpHeadersTimeoutMs, config.httpRequestTimeoutMs, 30000) / 4),
  });

  const ws = startWsServer({ ...deps, policy, formatFor, shuttingDown: isShuttingDown }, httpServer);
  const routes = await buildHttpRoutes(
    { ...deps, ringDoorbell: deps.live?.ringDoorbell, policy, formatFor, shuttingDown: isShuttingDown, drain: ws.dispose },
    httpServer,
  );
  const { apollo } = routes;
  const { wsServer, wsGuard } = ws;
  httpServer.on('request', routes.handle);

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
