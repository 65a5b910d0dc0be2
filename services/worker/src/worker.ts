import { createActivities, loadActivitiesConfig } from '@ordo/activities';
import { dataConverterFor, requireKeyRing } from '@ordo/codec';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { WorkerConfig, WorkerTuning } from './config';
import { tracingWorkerOptions } from './tracing/tracing-worker-options';
import type { WorkerTracing } from './tracing/worker-tracing';

/** The compiled bundle entry of `@ordo/workflows`: webpack bundles it, so it is resolved as a file path. */
export const workflowsPath = require.resolve('@ordo/workflows/dist/workflows');

type TuningOptions = Pick<
  WorkerOptions,
  | 'maxCachedWorkflows'
  | 'maxConcurrentWorkflowTaskExecutions'
  | 'maxConcurrentActivityTaskExecutions'
  | 'workflowTaskPollerBehavior'
  | 'activityTaskPollerBehavior'
  | 'workflowThreadPoolSize'
  | 'workflowsPath'
  | 'workflowBundle'
>;

/**
 * The worker options the tuning settings stand for; unset settings are left out so the SDK's defaults apply.
 * Also used by the benchmark's baseline worker, so both run with the same capacity.
 */
export function workerTuningOptions(tuning: WorkerTuning = {}): TuningOptions {
  const options: TuningOptions = tuning.workflowBundlePath
    ? { workflowBundle: { codePath: tuning.workflowBundlePath } }
    : { workflowsPath };
  if (tuning.maxCachedWorkflows !== undefined) options.maxCachedWorkflows = tuning.maxCachedWorkflows;
  if (tuning.maxConcurrentWorkflowTaskExecutions !== undefined) {
    options.maxConcurrentWorkflowTaskExecutions = tuning.maxConcurrentWorkflowTaskExecutions;
  }
  if (tuning.maxConcurrentActivityTaskExecutions !== undefined) {
    options.maxConcurrentActivityTaskExecutions = tuning.maxConcurrentActivityTaskExecutions;
  }
  if (tuning.workflowTaskPollers !== undefined) {
    options.workflowTaskPollerBehavior = { type: 'simple-maximum', maximum: tuning.workflowTaskPollers };
  }
  if (tuning.activityTaskPollers !== undefined) {
    options.activityTaskPollerBehavior = { type: 'simple-maximum', maximum: tuning.activityTaskPollers };
  }
  if (tuning.workflowThreadPoolSize !== undefined) options.workflowThreadPoolSize = tuning.workflowThreadPoolSize;
  return options;
}

/** What a worker waits after SIGTERM for running activities before it cancels them, unless configured. */
export const defaultShutdownGraceMs = 30_000;

export async function createOrdoWorker(
  connection: NativeConnection,
  config: WorkerConfig,
  env: NodeJS.ProcessEnv = process.env,
  /** Absent: tracing is off (see tracing/). */
  tracing?: WorkerTracing,
): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    // Every payload in and out of the worker (inputs, results, signals, updates, queries, memos) is encrypted.
    dataConverter: dataConverterFor(requireKeyRing(config.keyRing)),
    activities: createActivities(loadActivitiesConfig(env)),
    // Activities running at shutdown get this long to finish before they are cancelled; the deployments give the
    // worker longer than this plus one external call's timeout to stop (checked by the compose and k8s tests).
    shutdownGraceTime: config.shutdownGraceMs ?? defaultShutdownGraceMs,
    ...workerTuningOptions(config.tuning),
    ...tracingWorkerOptions(tracing, { prebuiltBundle: config.tuning?.workflowBundlePath !== undefined }),
  });
}
