import path from 'node:path';
import { ordoTaskQueue } from '@ordo/workflows';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { type DataConverter, Worker } from '@temporalio/worker';

const workflowsSource = path.resolve(__dirname, '../../../../workflows/src/index.ts');

/**
 * A worker running the fake process on the catalog's task queue. Webpack does not see jest's
 * moduleNameMapper, so `@ordo/workflows` is pointed at its sources here too (never a stale build).
 */
export function createFakeProcessWorker(env: TestWorkflowEnvironment, dataConverter: DataConverter): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue: ordoTaskQueue,
    dataConverter,
    workflowsPath: require.resolve('./fake-process.workflow'),
    bundlerOptions: {
      webpackConfigHook: (config) => {
        config.resolve = {
          ...config.resolve,
          alias: { ...config.resolve?.alias, '@ordo/workflows$': workflowsSource },
        };
        return config;
      },
    },
  });
}
