import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from '../common/logger';
import { hasOpsToken } from './health';

/** How a GraphQL operation arrived. */
export type Transport = 'http' | 'ws';

/** Operation names a client made up beyond this many are counted as `(other)`: labels stay bounded. */
const MAX_OPERATION_NAMES = 200;

/** Live figures the registry reads at each scrape (nothing is computed between scrapes). */
export interface MetricSources {
  /** The pg pools: connections open, idle, clients waiting for one, the configured maximum. */
  pools?: () => Array<{ pool: string; total: number; idle: number; waiting: number; max: number }>;
  openSockets?: () => number;
  /** Open subscriptions by stream (boardEvents, presence…). */
  subscriptions?: () => Record<string, number>;
  /** The event feed's running totals (src/events/event-feed.ts). */
  feed?: () => { rings: number; polls: number; pollCatchUps: number; reads: number; events: number; failedReads: number };
  /** How far delivery is behind the newest committed outbox event (one statement per scrape). */
  outboxLag?: () => Promise<{ events: number; ageSeconds: number }>;
  /** The deadline watcher's running totals in this instance. */
  deadlineWatcher?: () => { runs: number; failures: number; alerts: number };
  /** The reminder digests' running totals in this instance. */
  reminders?: () => { runs: number; failures: number; prepared: number; mailed: number; mailFailures: number };
}

/** A counter whose value is read from a running total at scrape time. */
function totalCounter(registry: Registry, name: string, help: string, read: () => number | undefined): Counter {
  return new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const value = read();
      this.reset();
      if (value !== undefined) this.inc(value);
    },
  });
}

/**
 * The service's Prometheus metrics (prom-client), one registry per app so that several apps in
 * one process (the tests) keep their own figures. Request figures are pushed by the server as
 * operations end; everything else is read from its owner at scrape time.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operations: Histogram<'operation' | 'type' | 'transport'>;
  private readonly errors: Counter<'code' | 'transport'>;
  private readonly names = new Set<string>();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'giamsat_' });
    this.operations = new Histogram({
      name: 'giamsat_graphql_operation_duration_seconds',
      help: 'GraphQL operations by operation name, type and transport: how long each took (for a subscription, how long it took to start). `_count` is the number of requests.',
      labelNames: ['operation', 'type', 'transport'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.errors = new Counter({
      name: 'giamsat_graphql_errors_total',
      help: 'GraphQL errors sent to clients, by extensions.code and transport.',
      labelNames: ['code', 'transport'],
      registers: [this.registry],
    });
  }

  /**
   * Records one operation. `name` is the operation's name from the parsed document (a GraphQL
   * name, never free text); `(anonymous)` without one, `(invalid)` when none was resolved.
   */
  observeOperation(name: string | undefined, type: string, transport: Transport, seconds: number): void {
    let operation = name ?? '(anonymous)';
    if (!this.names.has(operation)) {
      if (this.names.size >= MAX_OPERATION_NAMES) operation = '(other)';
      else this.names.add(operation);
    }
    this.operations.observe({ operation, type, transport }, seconds);
  }

  countError(code: string, transport: Transport): void {
    this.errors.inc({ code, transport });
  }

  /** Registers the figures read at scrape time. Call once per app. */
  addSources(sources: MetricSources): void {
    const registers = [this.registry];
    if (sources.pools) {
      const read = sources.pools;
      const gauge = (name: string, help: string, pick: (p: ReturnType<typeof read>[number]) => number) =>
        new Gauge({
          name,
          help,
          labelNames: ['pool'],
          registers,
          collect() {
            this.reset();
            for (const p of read()) this.set({ pool: p.pool }, pick(p));
          },
        });
      gauge(
        'giamsat_db_pool_connections',
        'Connections open in the pool (main: requests; side: rate limits and sign-in).',
        (p) => p.total,
      );
      gauge('giamsat_db_pool_idle_connections', 'Open connections not in use.', (p) => p.idle);
      gauge(
        'giamsat_db_pool_waiting_clients',
        'Queries waiting for a connection (above 0 for long: the pool is too small).',
        (p) => p.waiting,
      );
      gauge('giamsat_db_pool_max_connections', 'The pool size configured (DB_POOL_SIZE for main).', (p) => p.max);
    }
    if (sources.openSockets) {
      const read = sources.openSockets;
      new Gauge({
        name: 'giamsat_ws_open_sockets',
        help: 'WebSockets open on this instance.',
        registers,
        collect() {
          this.set(read());
        },
      });
    }
    if (sources.subscriptions) {
      const read = sources.subscriptions;
      new Gauge({
        name: 'giamsat_ws_subscriptions',
        help: 'Live subscriptions on this instance, by stream.',
        labelNames: ['stream'],
        registers,
        collect() {
          this.reset();
          for (const [stream, n] of Object.entries(read())) this.set({ stream }, n);
        },
      });
    }
    if (sources.feed) {
      const read = sources.feed;
      totalCounter(
        this.registry,
        'giamsat_outbox_doorbell_rings_total',
        'Doorbell rings heard (NOTIFY or Redis).',
        () => read().rings,
      );
      totalCounter(
        this.registry,
        'giamsat_outbox_polls_total',
        'Safety-net polls of the outbox (EVENT_POLL_INTERVAL_MS).',
        () => read().polls,
      );
      totalCounter(
        this.registry,
        'giamsat_outbox_poll_catch_ups_total',
        'Polls that found events no ring had announced (a lost ring; many mean the doorbell is failing).',
        () => read().pollCatchUps,
      );
      totalCounter(this.registry, 'giamsat_outbox_reads_total', 'Reads of the outbox.', () => read().reads);
      totalCounter(
        this.registry,
        'giamsat_outbox_read_failures_total',
        'Reads of the outbox that failed.',
        () => read().failedReads,
      );
      totalCounter(
        this.registry,
        'giamsat_outbox_events_delivered_total',
        'Events read and handed to the fan-out.',
        () => read().events,
      );
    }
    if (sources.outboxLag) {
      const read = sources.outboxLag;
      let last: Promise<{ events: number; ageSeconds: number } | undefined> | undefined;
      // Both gauges come from one statement per scrape.
      const lag = () =>
        (last ??= read()
          .then(
            (v) => v,
            () => undefined,
          )
          .finally(() => setImmediate(() => (last = undefined))));
      new Gauge({
        name: 'giamsat_outbox_lag_events',
        help: 'Committed outbox events after the last one this instance delivered, in feed order (counted up to 100,000).',
        registers,
        async collect() {
          const v = await lag();
          if (v) this.set(v.events);
        },
      });
      new Gauge({
        name: 'giamsat_outbox_lag_seconds',
        help: 'Age of the oldest committed event this instance has not delivered yet (0 when caught up).',
        registers,
        async collect() {
          const v = await lag();
          if (v) this.set(v.ageSeconds);
        },
      });
    }
    if (sources.deadlineWatcher) {
      const read = sources.deadlineWatcher;
      totalCounter(
        this.registry,
        'giamsat_deadline_watcher_runs_total',
        'Passes of the deadline watcher that completed.',
        () => read().runs,
      );
      totalCounter(
        this.registry,
        'giamsat_deadline_watcher_failures_total',
        'Passes of the deadline watcher that failed.',
        () => read().failures,
      );
      totalCounter(
        this.registry,
        'giamsat_deadline_alerts_total',
        'REPORT_DUE_SOON and REPORT_OVERDUE alerts this instance wrote.',
        () => read().alerts,
      );
    }
    if (sources.reminders) {
      const read = sources.reminders;
      const counters: Array<[string, string, () => number]> = [
        ['giamsat_reminder_runs_total', 'Passes of the reminder digest job that completed.', () => read().runs],
        ['giamsat_reminder_failures_total', 'Passes of the reminder digest job that failed.', () => read().failures],
        ['giamsat_reminder_digests_total', 'Daily reminder digests this instance prepared.', () => read().prepared],
        ['giamsat_reminder_mails_total', 'Reminder e-mails this instance handed to the mail server.', () => read().mailed],
        [
          'giamsat_reminder_mail_failures_total',
          'Reminder e-mails the mail server refused or that could not be sent (retried on the next run).',
          () => read().mailFailures,
        ],
      ];
      for (const [name, help, value] of counters) totalCounter(this.registry, name, help, value);
    }
  }

  /**
   * `GET /metrics`: with OPS_TOKEN configured, only with it (401 otherwise); without one, only
   * when `open` (the METRICS_PORT listener, on loopback by default), else 404.
   */
  handler(opts: { opsToken: string | undefined; open: boolean; logger: Logger }) {
    return (req: IncomingMessage, res: ServerResponse) => {
      const send = (status: number, body: string, type = 'text/plain; charset=utf-8') => {
        res.statusCode = status;
        res.setHeader('content-type', type);
        res.setHeader('cache-control', 'no-store');
        res.end(body);
      };
      if (opts.opsToken) {
        if (!hasOpsToken(req, opts.opsToken)) {
          res.setHeader('www-authenticate', 'Bearer realm="metrics"');
          return send(401, 'GET /metrics cần mã của người vận hành: Authorization: Bearer <OPS_TOKEN>\n');
        }
      } else if (!opts.open) {
        return send(404, 'Cổng này không phục vụ số đo: đặt OPS_TOKEN (rồi gửi nó dạng bearer token) hoặc METRICS_PORT\n');
      }
      this.registry.metrics().then(
        (text) => send(200, text, this.registry.contentType),
        (err: unknown) => {
          opts.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'metrics failed');
          send(500, 'không lấy được số đo\n');
        },
      );
    };
  }
}

/** The METRICS_PORT listener: `GET /metrics` only. */
export async function startMetricsServer(
  metrics: Metrics,
  opts: { host: string; port: number; opsToken: string | undefined; logger: Logger },
): Promise<{ server: Server; port: number }> {
  const handle = metrics.handler({ opsToken: opts.opsToken, open: true, logger: opts.logger });
  const server = createServer((req, res) => {
    if (req.method === 'GET' && (req.url ?? '').split('?')[0] === '/metrics') return handle(req, res);
    res.statusCode = 404;
    res.end('Cổng này chỉ phục vụ GET /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
