import type { OpenTelemetrySinks } from '@temporalio/interceptors-opentelemetry';
import type { InjectedSinks, WorkerOptions } from '@temporalio/worker';
import type { WorkerTracing } from './worker-tracing';

/**
 * The SDK's workflow interceptors: they continue the starter's trace in the workflow (RunWorkflow, StartActivity
 * spans) and hand the activities the context. Code that runs inside the workflow sandbox, so it is bundled with the
 * workflows; its spans leave the sandbox through the `exporter` sink.
 */
export const tracingWorkflowInterceptorModules: readonly string[] = [
  require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
];

type TracingWorkerOptions = Pick<WorkerOptions, 'interceptors' | 'sinks'>;

/**
 * A prebuilt bundle always carries the workflow interceptors (one image, tracing on or off), so its spans need a
 * sink even when tracing is off: this one drops them.
 */
const droppingSinks: InjectedSinks<OpenTelemetrySinks> = {
  exporter: { export: { fn: () => undefined, callDuringReplay: false } },
};

/**
 * What tracing adds to the worker's options. Off: nothing when the workflows are bundled from source, the dropping
 * sink for a prebuilt bundle. On: the activity interceptors, the workflow interceptors when bundling from source, and
 * the sink that passes the workflows' spans on.
 */
export function tracingWorkerOptions(
  tracing: WorkerTracing | undefined,
  workflows: { prebuiltBundle: boolean },
): TracingWorkerOptions {
  if (!tracing) return workflows.prebuiltBundle ? { sinks: droppingSinks } : {};
  return {
    interceptors: {
      // A prebuilt bundle has them already; the SDK warns about modules it would ignore.
      ...(!workflows.prebuiltBundle && { workflowModules: [...tracingWorkflowInterceptorModules] }),
      activity: tracing.activityInterceptors,
    },
    sinks: tracing.sinks,
  };
}
