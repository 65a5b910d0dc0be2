import type { IncomingMessage } from 'node:http';
import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { isWrapped, registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { detectResourcesSync, envDetectorSync, Resource } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import type { TracingSettings } from './tracing-settings';

export interface StartTracingOptions {
  /** Instead of the exporter the settings name (tests: an in-memory exporter behind a SimpleSpanProcessor). */
  spanProcessor?: SpanProcessor;
}

/** Probes and scrapes every few seconds are no one's request: tracing them would bury the traces that matter. */
const untracedPaths = /^\/(health|metrics)(\/|\?|$)/;

/**
 * Tracing is the process's (one global tracer provider, one instrumentation of `http`), so its state is kept here
 * rather than in Nest's container: `main` starts it before the app exists, the Temporal module asks for its client
 * interceptor, and the app's shutdown stops it.
 */
let running: { provider: NodeTracerProvider; stopInstrumentation: () => void } | undefined;

function exporterFor(exporter: 'otlp' | 'console'): SpanExporter {
  // The OTLP exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, _HEADERS and _TIMEOUT itself.
  return exporter === 'otlp' ? new OTLPTraceExporter() : new ConsoleSpanExporter();
}

/**
 * Registers the tracer provider (W3C trace context, AsyncLocalStorage context) and the instrumentation of `http`,
 * which makes every request the API serves a server span; the Temporal client's interceptor then starts each
 * workflow under it and passes the trace on in the workflow's headers. Nothing is installed when tracing is off.
 */
export function startApiTracing(settings: TracingSettings, options: StartTracingOptions = {}): boolean {
  if (!settings.enabled || running) return running !== undefined;
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
  running = { provider, stopInstrumentation };
  return true;
}

/**
 * The instrumentation patches `http` through a require hook, when the module is next required; Express has loaded it
 * already. Required once more here, it is patched now, in place, for every server. A module system of its own (jest's)
 * never calls that hook: then the instrumentation's patch is applied to the module directly, once.
 */
function instrumentLoadedHttp(instrumentation: HttpInstrumentation): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the require is the point: it fires the hook
  const loaded = require('node:http') as typeof import('node:http');
  if (isWrapped(loaded.Server.prototype.emit)) return;
  for (const definition of instrumentation.getModuleDefinitions()) {
    if (definition.name === 'http') definition.patch?.(loaded);
  }
}

/** The Temporal client's interceptors when tracing runs (StartWorkflow, SignalWorkflow… spans), else none. */
export function tracingClientInterceptors(): { workflow: WorkflowClientInterceptor[] } | undefined {
  return running ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : undefined;
}

/** Exports what is still buffered and unregisters everything; safe to call when tracing never started. */
export async function stopApiTracing(): Promise<void> {
  if (!running) return;
  const { provider, stopInstrumentation } = running;
  running = undefined;
  stopInstrumentation();
  await provider.shutdown();
  // The API's globals are the process's: a test that traced leaves nothing registered for the next one.
  trace.disable();
  context.disable();
  propagation.disable();
}
