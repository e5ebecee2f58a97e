/* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand, see below */
/**
 * Optional OpenTelemetry traces (OTEL_EXPORTER_OTLP_ENDPOINT). `main.ts` imports this module
 * first, so the instrumentations hook `http`, `pg` and `graphql` before anything requires them.
 * The packages are required inside `startTelemetry`, so without an endpoint none of them is
 * loaded. What is recorded: one span per HTTP request (health, readiness and metrics polls
 * excepted), the GraphQL parse/validate/execute of each operation with its literal values
 * blanked (`allowValues: false`), and each PostgreSQL query's text without its parameters.
 */
import { ConfigError, loadConfig } from './config/config';

type Provider = import('@opentelemetry/sdk-trace-node').NodeTracerProvider;

const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

let provider: Provider | undefined;

function startTelemetry(): void {
  let otel;
  try {
    otel = loadConfig().otel;
  } catch (err) {
    if (err instanceof ConfigError) return; // main() reports it and stops
    throw err;
  }
  if (!otel.endpoint) return;
  const { NodeTracerProvider, BatchSpanProcessor } =
    require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { ATTR_SERVICE_NAME } =
    require('@opentelemetry/semantic-conventions') as typeof import('@opentelemetry/semantic-conventions');
  const { registerInstrumentations } =
    require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { PgInstrumentation } =
    require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { GraphQLInstrumentation } =
    require('@opentelemetry/instrumentation-graphql') as typeof import('@opentelemetry/instrumentation-graphql');

  // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and the other standard OTEL_EXPORTER_OTLP_*
  // variables) itself and sends to `<endpoint>/v1/traces`; the batch reads OTEL_BSP_*.
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: otel.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => QUIET_PATHS.has((req.url ?? '').split('?')[0]!),
      }),
      new GraphQLInstrumentation({ allowValues: false, ignoreResolveSpans: true }),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
    ],
  });
}

/** Sends the spans still in the batch and stops; nothing when tracing is off. */
export async function shutdownTelemetry(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
}

startTelemetry();
