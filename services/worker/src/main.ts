import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadActivitiesConfig } from '@ordo/activities';
import { dataConverterFor, requireKeyRing } from '@ordo/codec';
import { readAll } from '@ordo/config';
import { Client } from '@temporalio/client';
import { NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import type { Logger } from 'pino';
import { loadWorkerConfig, type WorkerConfig } from './config';
import { ensureReportSchedules } from './report-schedules';
import { WorkerHealthModule } from './health/health.module';
import { coreLogLevel, createLogger, loadLogLevel, PinoNestLogger, PinoSdkLogger } from './logging';
import { createLifecycleCountersAtZero, installRuntime } from './telemetry';
import { loadTracingSettings } from './tracing/tracing-settings';
import { startWorkerTracing, type WorkerTracing } from './tracing/worker-tracing';
import { createOrdoWorker } from './worker';
import { limitWorkflowThreadHeap } from './workflow-thread-heap';

// The package's public surface for the benchmarks' baseline worker, which must run with the same settings.
export { loadWorkerConfig, type WorkerConfig } from './config';
export { workerTuningOptions } from './worker';
export { limitWorkflowThreadHeap } from './workflow-thread-heap';
// For scripts/bundle-workflows.js, which the image runs at build time.
export { writeWorkflowBundle } from './workflow-bundle';

export interface WorkerServiceOptions {
  config: WorkerConfig;
  logger: Logger;
  /** Environment the activities read their settings from (external system URLs). */
  env?: NodeJS.ProcessEnv;
  /** Started by `main` when the OTEL_* variables ask for it; absent, nothing is traced. */
  tracing?: WorkerTracing;
}

export interface WorkerService {
  worker: Worker;
  /** Base URL of the health endpoints (`/health/live`, `/health/ready`). */
  healthUrl: string;
  /** Polls until the worker is shut down (by the Runtime on SIGINT/SIGTERM, or `worker.shutdown()`), then closes the rest. */
  run(): Promise<void>;
}

/** Nest announces every mapped route at info; that is start-up noise unless debugging. */
function healthEndpointLogger(logger: Logger): PinoNestLogger {
  const child = logger.child({ component: 'health-endpoint' });
  if (logger.level === 'info') child.level = 'warn';
  return new PinoNestLogger(child);
}

/**
 * Connects to Temporal, creates the worker and serves its health endpoints. The Runtime (metrics,
 * logger) must be installed before: `main` does it, tests install their own.
 */
export async function startWorkerService({
  config,
  logger,
  env = process.env,
  tracing,
}: WorkerServiceOptions): Promise<WorkerService> {
  // No key, no start: before anything connects (the message names ORDO_CODEC_KEYS / ORDO_CODEC_KEY_FILE).
  requireKeyRing(config.keyRing);
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  let health: INestApplication | undefined;
  let worker: Worker;
  try {
    worker = await createOrdoWorker(connection, config, env, tracing);
    createLifecycleCountersAtZero(Runtime.instance().metricMeter, config);
    // The scheduled reports run on this worker's task queue; their Schedules are created (or kept) with each start.
    await ensureReportSchedules(
      new Client({
        connection,
        namespace: config.namespace,
        dataConverter: dataConverterFor(requireKeyRing(config.keyRing)),
      }),
      config.taskQueue,
    );
    health = await NestFactory.create(WorkerHealthModule.forWorker(worker, connection), {
      logger: healthEndpointLogger(logger),
    });
    await health.listen(config.healthPort, config.healthHost);
  } catch (error) {
    await health?.close();
    await connection.close();
    throw error;
  }
  const endpoints = health;
  return {
    worker,
    healthUrl: (await endpoints.getUrl()).replace('[::1]', '127.0.0.1'),
    async run() {
      try {
        // Resolves once the worker has shut down, after in-flight tasks finish.
        await worker.run();
      } finally {
        await endpoints.close();
        await connection.close();
      }
    },
  };
}

async function main(): Promise<void> {
  // Every setting is checked before anything starts, and every bad one is named in one error.
  const [level, config, tracingSettings] = readAll(
    loadLogLevel,
    loadWorkerConfig,
    () => loadTracingSettings(),
    loadActivitiesConfig,
  );
  const logger = createLogger(level);
  installRuntime({
    metricsBindAddress: config.metricsBindAddress,
    logger: new PinoSdkLogger(logger),
    coreLogLevel: coreLogLevel(level),
  });

  limitWorkflowThreadHeap(config.workflowThreadHeapMiB);
  // Before the worker exists, so the instrumentation of fetch is in place when the first activity calls out.
  const tracing = await startWorkerTracing(tracingSettings);
  const service = await startWorkerService({ config, logger, ...(tracing && { tracing }) });
  logger.info(
    {
      taskQueue: config.taskQueue,
      temporalAddress: config.temporalAddress,
      namespace: config.namespace,
      metrics: config.metricsBindAddress,
      health: service.healthUrl,
      // What the cache was sized to (from ORDO_WORKER_MEMORY_BUDGET_MB unless set), so a memory figure can be read.
      maxCachedWorkflows: config.tuning?.maxCachedWorkflows,
      workflowThreadHeapMiB: config.workflowThreadHeapMiB,
      workflowBundle: config.tuning?.workflowBundlePath ?? 'bundled from source at start',
      tracing: tracingSettings.enabled ? tracingSettings.exporter : 'off',
    },
    `ordo worker polling ${config.taskQueue} on ${config.temporalAddress}`,
  );
  try {
    await service.run();
  } finally {
    // The last spans (the activities that finished during shutdown) are exported before the process ends.
    await tracing?.shutdown();
  }
  logger.info('ordo worker stopped');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    // The logger may be what failed to start (a bad ORDO_LOG_LEVEL): one JSON line in the same shape.
    const err =
      error instanceof Error
        ? { type: error.name, message: error.message, stack: error.stack }
        : { message: String(error) };
    console.error(
      JSON.stringify({
        level: 60,
        time: Date.now(),
        service: 'ordo-worker',
        err,
        msg: `ordo worker failed: ${err.message}`,
      }),
    );
    process.exit(1);
  });
}
