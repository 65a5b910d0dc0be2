/**
 * The worker as the image runs it: the workflow bundle prebuilt by `writeWorkflowBundle` (what
 * scripts/bundle-workflows.js runs at image build) and loaded through ORDO_WORKER_WORKFLOW_BUNDLE, against a real
 * Temporal dev server and a real sandbox process. With tracing on (into an in-memory exporter) one order runs to cash
 * and its spans, from the client's start to the activities' HTTP calls, form one trace; with tracing off, the same
 * bundle (which carries the tracing interceptors) runs another without a complaint and without a span.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { dataConverterFor, KeyRing } from '@ordo/codec';
import { startSandboxProcess, type SandboxProcess, untilPasses } from '@ordo/testing';
import {
  allSearchAttributeKeys,
  type OrderToCashInput,
  paymentReceivedSignal,
  type ProcessResult,
  type ProcessStart,
  statusQuery,
} from '@ordo/workflows';
import { Client } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { loadWorkerConfig } from '../src/config';
import { loadTracingSettings } from '../src/tracing/tracing-settings';
import { startWorkerTracing, type WorkerTracing } from '../src/tracing/worker-tracing';
import { createOrdoWorker } from '../src/worker';
import { writeWorkflowBundle } from '../src/workflow-bundle';

jest.setTimeout(240_000);

const taskQueue = 'prebuilt-bundle-test';
const untracedTaskQueue = 'prebuilt-bundle-untraced';
const keyRing = KeyRing.fromJson(KeyRing.generateJson('bundle-test'));
const spans = new InMemorySpanExporter();
/** What the SDK logged at WARN and above (an unregistered sink would be one). */
const warnings: string[] = [];
let dir: string;
let bundlePath: string;
let env: TestWorkflowEnvironment;
let sandbox: SandboxProcess;
let connection: NativeConnection;
let tracing: WorkerTracing | undefined;
const workers: { worker: Worker; running: Promise<void> }[] = [];

function temporalCli(): string {
  const path = process.env.ORDO_TEMPORAL_CLI;
  if (!path) throw new Error('ORDO_TEMPORAL_CLI must point at the Temporal CLI binary');
  return path;
}

beforeAll(async () => {
  try {
    // Quiet: the worker's lifecycle lines are not what this test reads; its warnings are.
    Runtime.install({ logger: new DefaultLogger('WARN', (entry) => void warnings.push(entry.message)) });
  } catch {
    // Another test file of this jest worker installed the runtime already.
  }
  dir = mkdtempSync(join(tmpdir(), 'ordo-workflow-bundle-'));
  bundlePath = join(dir, 'workflow-bundle.js');
  // The workflows' sources, as the other tests bundle them (never a stale build of @ordo/workflows).
  await writeWorkflowBundle(bundlePath, {
    workflowsPath: resolve(__dirname, '../../../workflows/src/workflows.ts'),
    logger: new DefaultLogger('WARN'),
  });
  tracing = await startWorkerTracing(
    loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SERVICE_NAME: 'bundle-test' }),
    { spanProcessor: new SimpleSpanProcessor(spans) },
  );
  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCli() },
      searchAttributes: allSearchAttributeKeys,
      extraArgs: ['--log-level', 'error'],
    },
  });
  sandbox = await startSandboxProcess();
  connection = await NativeConnection.connect({ address: env.address });
  for (const [queue, workerTracing] of [
    [taskQueue, tracing],
    [untracedTaskQueue, undefined],
  ] as const) {
    const config = loadWorkerConfig({
      TEMPORAL_ADDRESS: env.address,
      ORDO_TASK_QUEUE: queue,
      ORDO_WORKER_WORKFLOW_BUNDLE: bundlePath,
      ORDO_WORKER_SHUTDOWN_GRACE_SECONDS: '5',
    });
    const worker = await createOrdoWorker(
      connection,
      { ...config, keyRing },
      { ORDO_SANDBOX_URL: sandbox.url },
      workerTracing,
    );
    workers.push({ worker, running: worker.run() });
  }
}, 240_000);

afterAll(async () => {
  for (const { worker } of workers) worker.shutdown();
  await Promise.all(workers.map(({ running }) => running));
  await connection?.close();
  await tracing?.shutdown();
  await sandbox?.stop();
  await env?.teardown();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const eventually = <T>(probe: () => T | Promise<T>, timeoutMs = 30_000) => untilPasses(probe, { timeoutMs });

/** One order of 100 EUR on `queue`, paid in full: its result. The client traces when `traced`, as the API does. */
async function runOrder(queue: string, businessKey: string, traced: boolean): Promise<ProcessResult> {
  const client = new Client({
    connection: env.connection,
    dataConverter: dataConverterFor(keyRing),
    ...(traced && { interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } }),
  });
  const input: OrderToCashInput = {
    customerId: 'C-100',
    lines: [{ sku: 'SKU-A', quantity: 2, unitPrice: 50 }],
    currency: 'EUR',
    paymentTermsDays: 30,
  };
  const start: ProcessStart<OrderToCashInput> = { businessKey, input, requestedBy: 'clerk' };
  const handle = await client.workflow.start('orderToCash', {
    taskQueue: queue,
    workflowId: `order-to-cash:${businessKey}`,
    args: [start],
  });
  await eventually(async () => expect((await handle.query(statusQuery)).stage).toBe('awaiting-payment'));
  await handle.signal(paymentReceivedSignal, { amount: 100, currency: 'EUR', reference: `PAY-${businessKey}` });
  return handle.result();
}

describe('a worker started from a prebuilt workflow bundle, tracing on', () => {
  let result: ProcessResult;

  beforeAll(async () => {
    result = await runOrder(taskQueue, 'WB-1001', true);
  });

  it('was configured with the file, a shutdown grace, and runs an order to completion', () => {
    expect(statSync(bundlePath).size).toBeGreaterThan(100_000);
    expect(workers[0]!.worker.options.shutdownGraceTimeMs).toBe(5000);
    expect(result).toMatchObject({ status: 'COMPLETED', summary: { orderTotal: 100, amountPaid: 100 } });
  });

  it('traces the start, the workflow, its activities and their HTTP calls in one trace', async () => {
    const finished = await eventually(async () => {
      const all = spans.getFinishedSpans();
      expect(all.some((span) => span.name === 'RunWorkflow:orderToCash')).toBe(true);
      return all;
    });
    const byId = new Map(finished.map((span) => [span.spanContext().spanId, span]));
    const parentOf = (span: ReadableSpan) => byId.get(span.parentSpanId ?? '');
    const start = finished.find((span) => span.name === 'StartWorkflow:orderToCash');
    expect(start).toBeDefined();
    const traceId = start!.spanContext().traceId;

    const run = finished.find((span) => span.name === 'RunWorkflow:orderToCash')!;
    expect(parentOf(run)?.name).toBe('StartWorkflow:orderToCash');
    const activities = finished.filter((span) => span.name.startsWith('RunActivity:'));
    expect(activities.length).toBeGreaterThan(0);
    for (const activity of activities) {
      expect(activity.spanContext().traceId).toBe(traceId);
      expect(parentOf(activity)?.name).toBe(activity.name.replace('RunActivity:', 'StartActivity:'));
    }
    // fetch to the sandbox: client spans (undici) under the activity that made them, carrying the trace onwards.
    const calls = finished.filter((span) => span.instrumentationLibrary.name.includes('undici'));
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.spanContext().traceId).toBe(traceId);
      expect(parentOf(call)?.name).toMatch(/^RunActivity:/);
      expect(String(call.attributes['url.full'])).toContain(sandbox.url);
    }
    // The workflow's spans carry the worker's service name, through the sink like the activities' do directly.
    expect(run.resource.attributes['service.name']).toBe('bundle-test');
  });
});

describe('a worker started from the same bundle, tracing off', () => {
  it('runs an order to completion, its workflow spans dropped by the sink, nothing complaining', async () => {
    const before = spans.getFinishedSpans().length;
    const result = await runOrder(untracedTaskQueue, 'WB-1002', false);
    expect(result).toMatchObject({ status: 'COMPLETED' });
    // Its activities' fetch calls still go through the process's instrumentation (the traced worker's, in this
    // process); what must not appear is a span of its workflow.
    const workflowSpans = spans
      .getFinishedSpans()
      .slice(before)
      .filter((span) => /^(RunWorkflow|StartActivity|RunActivity):/.test(span.name));
    expect(workflowSpans).toEqual([]);
    expect(warnings.filter((message) => /sink/i.test(message))).toEqual([]);
  });
});
