import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { TracingSettings } from './tracing-settings';

export interface StartTracingOptions {
  /** Instead of the exporter the settings name (tests: an in-memory exporter behind a SimpleSpanProcessor). */
  spanProcessor?: SpanProcessor;
}

/** Tracing once started: what the Temporal client adds, and how it stops. */
export interface ApiTracing {
  clientInterceptors: { workflow: WorkflowClientInterceptor[] };
  /** Exports what is still buffered and unregisters everything. */
  shutdown(): Promise<void>;
}

/**
 * Tracing is the process's (one global tracer provider, one instrumentation of `http`), so its state is kept here
 * rather than in Nest's container: `main` starts it before the app exists, the Temporal module asks for its client
 * interceptor, and the app's shutdown stops it.
 */
let running: ApiTracing | undefined;

/**
 * Starts tracing when the settings ask for it (answers whether it runs). Off, nothing is loaded or installed: the
 * OpenTelemetry SDK (a third of a second of start-up here) is imported only when tracing is on.
 */
export async function startApiTracing(settings: TracingSettings, options: StartTracingOptions = {}): Promise<boolean> {
  if (settings.enabled && !running) {
    const { startTracerProvider } = await import('./tracer-provider');
    running = startTracerProvider(settings, options);
  }
  return running !== undefined;
}

/** The Temporal client's interceptors when tracing runs (StartWorkflow, SignalWorkflow… spans), else none. */
export function tracingClientInterceptors(): ApiTracing['clientInterceptors'] | undefined {
  return running?.clientInterceptors;
}

/** Exports what is still buffered and unregisters everything; safe to call when tracing never started. */
export async function stopApiTracing(): Promise<void> {
  const stopping = running;
  running = undefined;
  await stopping?.shutdown();
}
