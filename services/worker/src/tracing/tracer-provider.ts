// The OpenTelemetry SDK and the SDK's interceptors: loaded (by worker-tracing.ts) only when tracing is on.
import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { detectResourcesSync, envDetectorSync, Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  type OpenTelemetrySinks,
} from '@temporalio/interceptors-opentelemetry';
import type { InjectedSinks } from '@temporalio/worker';
import type { StartTracingOptions, WorkerTracing } from './worker-tracing';

type EnabledSettings = { serviceName: string; exporter: 'otlp' | 'console' };

function exporterFor(exporter: 'otlp' | 'console'): SpanExporter {
  // The OTLP exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, _HEADERS and _TIMEOUT itself.
  return exporter === 'otlp' ? new OTLPTraceExporter() : new ConsoleSpanExporter();
}

/**
 * Registers the process's tracer provider (W3C trace context, AsyncLocalStorage context) and the instrumentation of
 * `fetch`, through which the activities call external systems: each call is a client span under its activity's span,
 * and carries `traceparent` to the system.
 */
export function startTracerProvider(settings: EnabledSettings, options: StartTracingOptions): WorkerTracing {
  // OTEL_RESOURCE_ATTRIBUTES (and OTEL_SERVICE_NAME, already in the settings) win over Ordo's defaults.
  const resource = new Resource({ 'service.name': settings.serviceName }).merge(
    detectResourcesSync({ detectors: [envDetectorSync] }),
  );
  const spanProcessor = options.spanProcessor ?? new BatchSpanProcessor(exporterFor(settings.exporter));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  const stopInstrumentation = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [new UndiciInstrumentation()],
  });
  // The provider's resource: Ordo's attributes over the SDK's (telemetry.sdk.*), the same on the workflows' spans.
  const sinks: InjectedSinks<OpenTelemetrySinks> = {
    exporter: makeWorkflowExporter(spanProcessor, provider.resource),
  };
  return {
    activityInterceptors: [
      (ctx) => ({
        inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
        outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
      }),
    ],
    sinks,
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
