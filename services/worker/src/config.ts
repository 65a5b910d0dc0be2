import { ordoTaskQueue } from '@ordo/workflows';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

const workerEnvSchema = z.object({
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  ORDO_TASK_QUEUE: z.string().min(1).default(ordoTaskQueue),
  ORDO_WORKER_METRICS_HOST: z.string().min(1).default('0.0.0.0'),
  ORDO_WORKER_METRICS_PORT: port.default(9464),
  ORDO_WORKER_HEALTH_HOST: z.string().min(1).default('0.0.0.0'),
  ORDO_WORKER_HEALTH_PORT: port.default(9465),
});

export interface WorkerConfig {
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  metricsBindAddress: string;
  healthHost: string;
  healthPort: number;
}

/** Reads the worker's settings from the environment; a bad variable stops start with its name in the message. */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = workerEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid worker configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    temporalAddress: e.TEMPORAL_ADDRESS,
    namespace: e.TEMPORAL_NAMESPACE,
    taskQueue: e.ORDO_TASK_QUEUE,
    metricsBindAddress: `${e.ORDO_WORKER_METRICS_HOST}:${e.ORDO_WORKER_METRICS_PORT}`,
    healthHost: e.ORDO_WORKER_HEALTH_HOST,
    healthPort: e.ORDO_WORKER_HEALTH_PORT,
  };
}
