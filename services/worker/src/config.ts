import { existsSync } from 'node:fs';
import { type KeyRing, loadKeyRingFromEnv } from '@ordo/codec';
import { ordoTaskQueue } from '@ordo/workflows';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const count = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number between ${min} and ${max}` })
    .int({ error: `must be a whole number between ${min} and ${max}` })
    .min(min, { error: `must be a whole number between ${min} and ${max}` })
    .max(max, { error: `must be a whole number between ${min} and ${max}` });

const workerEnvSchema = z
  .object({
    TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    ORDO_TASK_QUEUE: z.string().min(1).default(ordoTaskQueue),
    ORDO_WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    ORDO_WORKER_METRICS_PORT: port.default(9464),
    ORDO_WORKER_HEALTH_HOST: z.string().min(1).default('127.0.0.1'),
    ORDO_WORKER_HEALTH_PORT: port.default(9465),
    // Tuning: unset means the SDK's own default (see README, Performance).
    ORDO_WORKER_MAX_CACHED_WORKFLOWS: count(0, 1_000_000).optional(),
    ORDO_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: count(2, 10_000).optional(),
    ORDO_WORKER_MAX_CONCURRENT_ACTIVITIES: count(1, 10_000).optional(),
    ORDO_WORKER_WORKFLOW_TASK_POLLERS: count(2, 1_000).optional(),
    ORDO_WORKER_ACTIVITY_TASK_POLLERS: count(1, 1_000).optional(),
    ORDO_WORKER_WORKFLOW_THREADS: count(1, 64).optional(),
    ORDO_WORKER_WORKFLOW_BUNDLE: z
      .string()
      .trim()
      .min(1)
      .refine((file) => existsSync(file), 'must name an existing file (a bundle written by bundleWorkflowCode)')
      .optional(),
  })
  .superRefine((vars, context) => {
    const { ORDO_WORKER_WORKFLOW_TASK_POLLERS: pollers, ORDO_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: slots } = vars;
    // The SDK refuses more pollers than slots; say so with both names instead of failing inside Worker.create.
    if (pollers !== undefined && pollers > (slots ?? 40)) {
      context.addIssue({
        code: 'custom',
        path: ['ORDO_WORKER_WORKFLOW_TASK_POLLERS'],
        message: `must not exceed ORDO_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS (${slots ?? '40, the default'})`,
      });
    }
  });

/** Capacity settings of the worker; each one left undefined keeps the Temporal SDK's default. */
export interface WorkerTuning {
  /** Workflows kept in memory between tasks; an evicted one is replayed from history on its next task or query. */
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
  /**
   * Keys of the payload codec (ORDO_CODEC_KEYS / ORDO_CODEC_KEY_FILE). Absent only outside production when neither is
   * set; the worker then refuses to start (see README, Payload encryption).
   */
  keyRing?: KeyRing;
}

/** Reads the worker's settings from the environment; a bad variable stops start with its name in the message. */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  // An empty variable means "unset", so that `FOO= node main.js` falls back to the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = workerEnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid worker configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const keyRing = loadKeyRingFromEnv(present);
  const tuning: WorkerTuning = withoutUndefined({
    maxCachedWorkflows: e.ORDO_WORKER_MAX_CACHED_WORKFLOWS,
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
    ...(keyRing && { keyRing }),
  };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
