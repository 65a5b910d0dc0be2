import { existsSync } from 'node:fs';
import { type KeyRing, loadKeyRingFromEnv } from '@ordo/codec';
import { ConfigError, port, readAll, readEnv, text, wholeNumber, type Env, type EnvValues } from '@ordo/config';
import { ordoTaskQueue } from '@ordo/workflows';
import {
  cachedWorkflowsWithin,
  minimumBudgetMiB,
  sdkDefaultWorkflowTaskSlots,
  sdkDefaultWorkflowThreads,
  workflowThreadHeapMiB,
} from './cache-budget';

const workerEnvShape = {
  TEMPORAL_ADDRESS: text().default('localhost:7233'),
  TEMPORAL_NAMESPACE: text().default('default'),
  ORDO_TASK_QUEUE: text().default(ordoTaskQueue),
  ORDO_WORKER_METRICS_HOST: text().default('127.0.0.1'),
  ORDO_WORKER_METRICS_PORT: port().default(9464),
  ORDO_WORKER_HEALTH_HOST: text().default('127.0.0.1'),
  ORDO_WORKER_HEALTH_PORT: port().default(9465),
  // The resident memory the workflow cache is sized for (cache-budget.ts); an explicit cache size wins.
  ORDO_WORKER_MEMORY_BUDGET_MB: wholeNumber(minimumBudgetMiB, 1_048_576).default(1024),
  // Tuning: unset means the SDK's own default (see README, Performance).
  ORDO_WORKER_MAX_CACHED_WORKFLOWS: wholeNumber(0, 1_000_000).optional(),
  ORDO_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: wholeNumber(2, 10_000).optional(),
  ORDO_WORKER_MAX_CONCURRENT_ACTIVITIES: wholeNumber(1, 10_000).optional(),
  ORDO_WORKER_WORKFLOW_TASK_POLLERS: wholeNumber(2, 1_000).optional(),
  ORDO_WORKER_ACTIVITY_TASK_POLLERS: wholeNumber(1, 1_000).optional(),
  ORDO_WORKER_WORKFLOW_THREADS: wholeNumber(1, 64).optional(),
  // After SIGTERM, how long running activities may go on before they are cancelled (the SDK's shutdownGraceTime).
  ORDO_WORKER_SHUTDOWN_GRACE_SECONDS: wholeNumber(0, 3600).default(30),
  ORDO_WORKER_WORKFLOW_BUNDLE: text()
    .refine(
      (file) => existsSync(file),
      'must name an existing file (a bundle written by services/worker/scripts/bundle-workflows.js)',
    )
    .optional(),
};

type WorkerEnv = EnvValues<typeof workerEnvShape>;

/** The SDK refuses more pollers than slots; say so with both names instead of failing inside Worker.create. */
function checkPollers(vars: WorkerEnv): WorkerEnv {
  const { ORDO_WORKER_WORKFLOW_TASK_POLLERS: pollers, ORDO_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: slots } = vars;
  if (pollers !== undefined && pollers > (slots ?? sdkDefaultWorkflowTaskSlots)) {
    throw new ConfigError(
      'ORDO_WORKER_WORKFLOW_TASK_POLLERS',
      `must not exceed ORDO_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS (${slots ?? `${sdkDefaultWorkflowTaskSlots}, the default`})`,
    );
  }
  return vars;
}

/** Capacity settings of the worker; each one left undefined keeps the Temporal SDK's default. */
export interface WorkerTuning {
  /**
   * Workflows kept in memory between tasks; an evicted one is replayed from history on its next task or query.
   * Sized from ORDO_WORKER_MEMORY_BUDGET_MB unless ORDO_WORKER_MAX_CACHED_WORKFLOWS says otherwise.
   */
  maxCachedWorkflows?: number;
  maxConcurrentWorkflowTaskExecutions?: number;
  maxConcurrentActivityTaskExecutions?: number;
  workflowTaskPollers?: number;
  activityTaskPollers?: number;
  workflowThreadPoolSize?: number;
  /** A workflow bundle built ahead of time: the worker starts without running webpack (faster restarts). */
  workflowBundlePath?: string;
}

export interface WorkerConfig {
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  metricsBindAddress: string;
  healthHost: string;
  healthPort: number;
  /** Absent: every SDK default. */
  tuning?: WorkerTuning;
  /** How long running activities may finish after shutdown starts; absent: the worker's default (30 s). */
  shutdownGraceMs?: number;
  /** The heap limit of each workflow thread, from the cache it must hold (cache-budget.ts). */
  workflowThreadHeapMiB: number;
  /**
   * Keys of the payload codec (ORDO_CODEC_KEYS / ORDO_CODEC_KEY_FILE). Absent only outside production when neither is
   * set; the worker then refuses to start (see README, Payload encryption).
   */
  keyRing?: KeyRing;
}

/**
 * Reads the worker's settings from the environment (a blank variable counts as unset); every bad variable, the
 * codec's included, is named in one ConfigError.
 */
export function loadWorkerConfig(env: Env = process.env): WorkerConfig {
  const [e, keyRing] = readAll(
    () => checkPollers(readEnv(workerEnvShape, env)),
    () => loadKeyRingFromEnv(env),
  );
  const maxCachedWorkflows =
    e.ORDO_WORKER_MAX_CACHED_WORKFLOWS ??
    cachedWorkflowsWithin(e.ORDO_WORKER_MEMORY_BUDGET_MB, e.ORDO_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS);
  const tuning: WorkerTuning = withoutUndefined({
    maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions: e.ORDO_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: e.ORDO_WORKER_MAX_CONCURRENT_ACTIVITIES,
    workflowTaskPollers: e.ORDO_WORKER_WORKFLOW_TASK_POLLERS,
    activityTaskPollers: e.ORDO_WORKER_ACTIVITY_TASK_POLLERS,
    workflowThreadPoolSize: e.ORDO_WORKER_WORKFLOW_THREADS,
    workflowBundlePath: e.ORDO_WORKER_WORKFLOW_BUNDLE,
  });
  return {
    temporalAddress: e.TEMPORAL_ADDRESS,
    namespace: e.TEMPORAL_NAMESPACE,
    taskQueue: e.ORDO_TASK_QUEUE,
    metricsBindAddress: `${e.ORDO_WORKER_METRICS_HOST}:${e.ORDO_WORKER_METRICS_PORT}`,
    healthHost: e.ORDO_WORKER_HEALTH_HOST,
    healthPort: e.ORDO_WORKER_HEALTH_PORT,
    tuning,
    shutdownGraceMs: e.ORDO_WORKER_SHUTDOWN_GRACE_SECONDS * 1000,
    workflowThreadHeapMiB: workflowThreadHeapMiB(
      maxCachedWorkflows,
      e.ORDO_WORKER_WORKFLOW_THREADS ?? sdkDefaultWorkflowThreads,
    ),
    ...(keyRing && { keyRing }),
  };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
