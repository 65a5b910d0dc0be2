import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NativeConnection } from '@temporalio/worker';
import { loadWorkerConfig } from './config';
import { WorkerHealthModule } from './health/health.module';
import { installRuntime } from './telemetry';
import { createOrdoWorker } from './worker';

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  installRuntime(config.metricsBindAddress);

  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const worker = await createOrdoWorker(connection, config);
  const health = await NestFactory.create(WorkerHealthModule.forWorker(worker, connection), { logger: ['error', 'warn'] });
  await health.listen(config.healthPort, config.healthHost);
  console.log(
    `ordo worker polling ${config.taskQueue} on ${config.temporalAddress}; metrics on ${config.metricsBindAddress}, health on :${config.healthPort}`,
  );

  try {
    // Resolves once the Runtime has shut the worker down on SIGINT/SIGTERM, after in-flight tasks finish.
    await worker.run();
  } finally {
    await health.close();
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error('ordo worker failed:', error);
  process.exit(1);
});
