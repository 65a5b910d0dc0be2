#!/usr/bin/env node
// The baseline worker of the throughput benchmark: the real order-to-cash workflow bundle with activities that do
// nothing, on its own task queue, with the same capacity settings (ORDO_WORKER_* variables) as the Ordo worker.
const { NativeConnection, Runtime, Worker } = require('@temporalio/worker');
const { dataConverterFor, requireKeyRing } = require('@ordo/codec');
const { limitWorkflowThreadHeap, loadWorkerConfig, workerTuningOptions } = require('@ordo/worker');
const { nullActivities } = require('./null-activities');

const baselineTaskQueue = 'ordo-bench-baseline';

async function main() {
  const config = loadWorkerConfig(process.env);
  limitWorkflowThreadHeap(config.workflowThreadHeapMiB);
  // The same exporter as the Ordo worker, so both pay for metrics alike.
  Runtime.install({
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      metrics: {
        prometheus: {
          bindAddress: process.env.ORDO_BENCH_BASELINE_METRICS ?? '127.0.0.1:0',
          countersTotalSuffix: true,
          useSecondsForDurations: true,
        },
      },
    },
  });
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const worker = await Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: baselineTaskQueue,
    // The same codec as the Ordo worker (the stack's key file), so both pay for encryption alike.
    dataConverter: dataConverterFor(requireKeyRing(config.keyRing)),
    activities: nullActivities(),
    ...workerTuningOptions(config.tuning),
  });
  process.stdout.write(`baseline worker polling ${baselineTaskQueue}\n`);
  await worker.run();
  await connection.close();
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`baseline worker failed: ${error.stack ?? error}\n`);
    process.exit(1);
  });
}

module.exports = { baselineTaskQueue };
