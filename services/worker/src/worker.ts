import { createActivities, loadActivitiesConfig } from '@ordo/activities';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { WorkerConfig } from './config';

/** The compiled bundle entry of `@ordo/workflows`: webpack bundles it, so it is resolved as a file path. */
export const workflowsPath = require.resolve('@ordo/workflows/dist/workflows');

export async function createOrdoWorker(
  connection: NativeConnection,
  config: WorkerConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    workflowsPath,
    activities: createActivities(loadActivitiesConfig(env)),
  });
}
