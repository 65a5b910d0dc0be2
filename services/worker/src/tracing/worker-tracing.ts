import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ActivityInterceptorsFactory, WorkerOptions } from '@temporalio/worker';
import type { TracingSettings } from './tracing-settings';

/** What tracing adds to the worker, once started. */
export interface WorkerTracing {
  /** The activity's span (RunActivity, a child of the workflow's StartActivity), current while it runs. */
  activityInterceptors: ActivityInterceptorsFactory[];
  /** `exporter`: passes the workflows' spans, made inside the sandbox, to the span processor. */
  sinks: NonNullable<WorkerOptions['sinks']>;
  /** Exports what is still buffered; after the worker stopped, so its last spans are not lost. */
  shutdown(): Promise<void>;
}

export interface StartTracingOptions {
  /** Instead of the exporter the settings name (tests: an in-memory exporter behind a SimpleSpanProcessor). */
  spanProcessor?: SpanProcessor;
}

/**
 * Starts tracing when the settings ask for it, else answers undefined having loaded and installed nothing: the
 * OpenTelemetry SDK (a quarter of a second of start-up here) is imported only when tracing is on.
 */
export async function startWorkerTracing(
  settings: TracingSettings,
  options: StartTracingOptions = {},
): Promise<WorkerTracing | undefined> {
  if (!settings.enabled) return undefined;
  const { startTracerProvider } = await import('./tracer-provider');
  return startTracerProvider(settings, options);
}
