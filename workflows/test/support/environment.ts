import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { allSearchAttributeKeys } from '../../src/lib/search-attributes';
import type { OrderToCashActivities } from '../../src/order-to-cash/activities-contract';
import { testDataConverter } from './test-codec';

const IndexedValueType = temporal.api.enums.v1.IndexedValueType;

const indexedValueTypes: Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType> = {
  [SearchAttributeType.TEXT]: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  [SearchAttributeType.KEYWORD]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.INT]: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  [SearchAttributeType.DOUBLE]: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  [SearchAttributeType.BOOL]: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  [SearchAttributeType.DATETIME]: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  [SearchAttributeType.KEYWORD_LIST]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/** Keeps test output readable: the SDK logs worker state changes at INFO and the failures tests provoke at WARN. */
export function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // Another test file in this jest worker installed it already.
  }
}

function testServerPath(): string {
  const path = process.env.ORDO_TEST_SERVER;
  if (!path) throw new Error('ORDO_TEST_SERVER must point to the Temporal time-skipping test server binary');
  return path;
}

/**
 * The time-skipping server rejects upserts of attributes it does not know; its OperatorService
 * implements AddSearchAttributes (but not ListSearchAttributes), so Ordo's attributes are added up front.
 */
async function registerSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(allSearchAttributeKeys.map((key) => [key.name, indexedValueTypes[key.type]])),
  });
}

export interface TestStack {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  /** Stops the worker and the server. */
  teardown(): Promise<void>;
}

export interface TestStackOptions {
  /** The workflows module the worker bundles; default: the real one (`src/workflows`). */
  workflowsPath?: string;
}

/**
 * One time-skipping server and one worker running the real workflow bundle with the given activities
 * (order-to-cash's, or any other process's: the bundle holds every workflow).
 */
export async function startTestStack(
  taskQueue: string,
  activities: OrderToCashActivities | object,
  options: TestStackOptions = {},
): Promise<TestStack> {
  quietRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath() } },
    // Payloads encrypted as in production; the tests' client and the worker share the key.
    client: { dataConverter: testDataConverter },
  });
  try {
    await registerSearchAttributes(env);
    const worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowsPath: options.workflowsPath ?? require.resolve('../../src/workflows'),
      activities,
      dataConverter: testDataConverter,
    });
    const running = worker.run();
    return {
      env,
      taskQueue,
      async teardown() {
        worker.shutdown();
        await running;
        await env.teardown();
      },
    };
  } catch (error) {
    await env.teardown();
    throw error;
  }
}

/** Registers one shared stack for the calling test file; the returned accessor is valid inside its tests. */
export function useTestStack(
  taskQueue: string,
  activities: OrderToCashActivities | object,
  options: TestStackOptions = {},
): () => TestStack {
  let stack: TestStack | undefined;
  beforeAll(async () => {
    stack = await startTestStack(taskQueue, activities, options);
  });
  afterAll(async () => {
    await stack?.teardown();
  });
  return () => {
    if (!stack) throw new Error('the test stack is only available inside tests');
    return stack;
  };
}
