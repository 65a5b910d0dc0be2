import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { context, propagation, trace } from '@opentelemetry/api';
import { detectResourcesSync, envDetectorSync, Resource } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { TracingSettings } from './tracing-settings';

/** What the worker's interceptors and the workflows' span sink need from a running tracer. */
export interface WorkerTracing {
  /** Receives the activities' and HTTP calls' spans through the provider, and the workflows' through their sink. */
  spanProcessor: SpanProcessor;
  resource: Resource;
  /** Exports what is still buffered; after the worker stopped, so its last spans are not lost. */
  shutdown(): Promise<void>;
}

export interface StartTracingOptions {
  /** Instead of the exporter the settings name (tests: an in-memory exporter behind a SimpleSpanProcessor). */
  spanProcessor?: SpanProcessor;
}

function exporterFor(exporter: 'otlp' | 'console'): SpanExporter {
  // The OTLP exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, _HEADERS and _TIMEOUT itself.
  return exporter === 'otlp' ? new OTLPTraceExporter() : new ConsoleSpanExporter();
}

/**
 * Registers the process's tracer provider (W3C trace context, AsyncLocalStorage context) and the instrumentation of
 * `fetch`, through which the activities call external systems: each call is a client span under its activity's span,
 * and carries `traceparent` to the system. Answers undefined, and installs nothing, when tracing is off.
 */
export function startWorkerTracing(
  settings: TracingSettings,
  options: StartTracingOptions = {},
): WorkerTracing | undefined {
  if (!settings.enabled) return undefined;
  // OTEL_RESOURCE_ATTRIBUTES (and OTEL_SERVICE_NAME, already in the settings) win over Ordo's defaults.
  const resource = new Resource({ 'service.name': settings.serviceName }).merge(
    detectResourcesSync({ detectors: [envDetectorSync] }),
  );
  const spanProcessor = options.spanProcessor ?? new BatchSpanProcessor(exporterFor(settings.exporter));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  const instrumentations = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [new UndiciInstrumentation()],
  });
  return {
    spanProcessor,
    // The provider's: Ordo's attributes over the SDK's (telemetry.sdk.*), the same on the workflows' spans.
    resource: provider.resource,
    async shutdown() {
      instrumentations();
      await provider.shutdown();
      // The API's globals are the process's: a test that traced leaves nothing registered for the next one.
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
