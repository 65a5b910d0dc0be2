import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { type DataConverter, DefaultLogger, type LogLevel, Runtime, type Worker } from '@temporalio/worker';
import type { CreateAppOptions } from '../../src/app';
import type { ApiConfig } from '../../src/config/api-config';
import { ApiHarness } from './api-harness';
import { testDataConverter } from './test-codec';

export interface ApiWithWorkerOptions {
  /** The SDK runtime's log level: keeps the worker's lifecycle chatter out of the test output. */
  runtimeLogLevel: LogLevel;
  config?: Partial<ApiConfig>;
  appOptions?: CreateAppOptions;
  /** The worker to run against the harness's dev server, with the payload codec the API and the tests' client use. */
  createWorker(env: TestWorkflowEnvironment, dataConverter: DataConverter): Promise<Worker>;
}

/** The API harness with a worker running on its dev server; `close` stops the worker, then the API and server. */
export class ApiWithWorker {
  private constructor(
    readonly api: ApiHarness,
    private readonly worker: Worker,
    private readonly workerRun: Promise<void>,
  ) {}

  static async start(options: ApiWithWorkerOptions): Promise<ApiWithWorker> {
    try {
      // Before anything creates the SDK runtime.
      Runtime.install({ logger: new DefaultLogger(options.runtimeLogLevel) });
    } catch {
      // Another test file in this jest worker installed the runtime already.
    }
    const api = await ApiHarness.start(options.config, options.appOptions);
    try {
      const worker = await options.createWorker(api.env, testDataConverter);
      return new ApiWithWorker(api, worker, worker.run());
    } catch (error) {
      await api.close();
      throw error;
    }
  }

  /** Instances stay open, but nothing answers their queries or updates any more; `close` still closes the rest. */
  async stopWorker(): Promise<void> {
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.workerRun;
  }

  async close(): Promise<void> {
    try {
      await this.stopWorker();
    } finally {
      await this.api.close();
    }
  }
}
