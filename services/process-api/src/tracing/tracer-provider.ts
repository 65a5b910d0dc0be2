// The OpenTelemetry SDK and the Temporal client's interceptor: loaded (by api-tracing.ts) only when tracing is on.
import type { IncomingMessage } from 'node:http';
import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { isWrapped, registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { detectResourcesSync, envDetectorSync, Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import type { ApiTracing, StartTracingOptions } from './api-tracing';

type EnabledSettings = { serviceName: string; exporter: 'otlp' | 'console' };

/** Probes and scrapes every few seconds are no one's request: tracing them would bury the traces that matter. */
const untracedPaths = /^\/(health|metrics)(\/|\?|$)/;

function exporterFor(exporter: 'otlp' | 'console'): SpanExporter {
  // The OTLP exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, _HEADERS and _TIMEOUT itself.
  return exporter === 'otlp' ? new OTLPTraceExporter() : new ConsoleSpanExporter();
}

/**
 * The instrumentation patches `http` through a require hook, when the module is next required; Express may have
 * loaded it already. Required once more here, it is patched now, in place, for every server. A module system of its
 * own (jest's) never calls that hook: then the instrumentation's patch is applied to the module directly, once.
 */
function instrumentLoadedHttp(instrumentation: HttpInstrumentation): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the require is the point: it fires the hook
  const loaded = require('node:http') as typeof import('node:http');
  if (isWrapped(loaded.Server.prototype.emit)) return;
  for (const definition of instrumentation.getModuleDefinitions()) {
    if (definition.name === 'http') definition.patch?.(loaded);
  }
}

/**
 * Registers the tracer provider (W3C trace context, AsyncLocalStorage context) and the instrumentation of `http`,
 * which makes every request the API serves a server span; the Temporal client's interceptor then starts each
 * workflow under it and passes the trace on in the workflow's headers.
 */
export function startTracerProvider(settings: EnabledSettings, options: StartTracingOptions): ApiTracing {
  // OTEL_RESOURCE_ATTRIBUTES (and OTEL_SERVICE_NAME, already in the settings) win over Ordo's defaults.
  const resource = new Resource({ 'service.name': settings.serviceName }).merge(
    detectResourcesSync({ detectors: [envDetectorSync] }),
  );
  const spanProcessor = options.spanProcessor ?? new BatchSpanProcessor(exporterFor(settings.exporter));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  const instrumentation = new HttpInstrumentation({
    ignoreIncomingRequestHook: (request: IncomingMessage) => untracedPaths.test(request.url ?? ''),
  });
  const stopInstrumentation = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [instrumentation],
  });
  instrumentLoadedHttp(instrumentation);
  return {
    clientInterceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
    async shutdown() {
      stopInstrumentation();
      await provider.shutdown();
      // The API's globals are the process's: a test that traced leaves nothing registered for the next one.
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
