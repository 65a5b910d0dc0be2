/**
 * The worker as `main` runs it (Runtime with the Prometheus exporter and the JSON logger, the real
 * workflows and activities, the health endpoints) against a real Temporal dev server and a real
 * sandbox process. The Runtime can be installed once per process: this is the only file that does.
 */
import { resolve } from 'node:path';
import {
  allSearchAttributeKeys,
  type OrderToCashInput,
  paymentReceivedSignal,
  processCatalog,
  type ProcessResult,
  type ProcessStart,
  statusQuery,
  type SupportTicketInput,
  supportTicketProcess,
} from '@ordo/workflows';
import { dataConverterFor, encryptedEncoding, KeyRing, nullEncoding } from '@ordo/codec';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { startSandboxProcess, type SandboxProcess, untilPasses } from '@ordo/testing';
import { metrics as dashboardMetrics } from '@ordo/dashboards';
import { createLogger, PinoSdkLogger } from '../src/logging';
import { startWorkerService, type WorkerService } from '../src/main';
import { installRuntime } from '../src/telemetry';

const taskQueue = 'worker-service-test';
/** A throw-away key ring: the worker refuses to start without one, and its client must encrypt alike. */
const keyRing = KeyRing.fromJson(KeyRing.generateJson('worker-test'));
const logLines: string[] = [];
let metricsUrl: string;
let env: TestWorkflowEnvironment;
let sandbox: SandboxProcess;
let service: WorkerService;
let running: Promise<void>;
let readyBeforeRun: number;

// The free-port helper every stack test uses: ports below the ephemeral range, so the dev server's own services
// cannot take the metrics port between choosing it and binding it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require(resolve(__dirname, '../../../scripts/lib/ports.js')) as { freePort(): Promise<number> };

function temporalCli(): string {
  const path = process.env.ORDO_TEMPORAL_CLI;
  if (!path) throw new Error('ORDO_TEMPORAL_CLI must point at the Temporal CLI binary');
  return path;
}

beforeAll(async () => {
  const metricsPort = await freePort();
  metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  // Debug, so that the SDK's per-workflow and per-activity lines are there to inspect; kept in memory, not printed.
  const logger = createLogger('debug', { write: (line: string) => void logLines.push(line) });
  installRuntime({
    metricsBindAddress: `127.0.0.1:${metricsPort}`,
    logger: new PinoSdkLogger(logger),
    coreLogLevel: 'WARN',
  });

  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCli() },
      searchAttributes: allSearchAttributeKeys,
      extraArgs: ['--log-level', 'error'],
    },
    client: { dataConverter: dataConverterFor(keyRing) },
  });
  sandbox = await startSandboxProcess();
  service = await startWorkerService({
    config: {
      temporalAddress: env.address,
      namespace: 'default',
      taskQueue,
      metricsBindAddress: `127.0.0.1:${metricsPort}`,
      healthHost: '127.0.0.1',
      healthPort: 0,
      // Room for two workflows: a third one that needs a workflow task pushes one out (see "sticky cache").
      tuning: { maxCachedWorkflows: 2, maxConcurrentWorkflowTaskExecutions: 2 },
      keyRing,
    },
    logger,
    env: { ORDO_SANDBOX_URL: sandbox.url },
  });
  readyBeforeRun = (await fetch(`${service.healthUrl}/health/ready`)).status;
  running = service.run();
}, 180_000);

afterAll(async () => {
  if (service) {
    service.worker.shutdown();
    await running;
  }
  await sandbox?.stop();
  await env?.teardown();
});

/** The value of the one sample of `name` whose labels include all of `labels`. */
function sample(scrape: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const values = scrape
    .split('\n')
    .filter(
      (line) =>
        line.startsWith(`${name}{`) &&
        wanted.every((pair) => line.slice(0, line.indexOf('}')).split(/[{,]/).includes(pair)),
    )
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
  if (values.length > 1) throw new Error(`${values.length} samples of ${name} match ${wanted.join(',')}`);
  return values[0];
}

async function scrape(): Promise<string> {
  const response = await fetch(metricsUrl);
  expect(response.status).toBe(200);
  return response.text();
}

const eventually = <T>(probe: () => T | Promise<T>, timeoutMs = 20_000) => untilPasses(probe, { timeoutMs });

describe('health', () => {
  it('is live, and ready only once the worker polls and Temporal answers', async () => {
    expect(readyBeforeRun).toBe(503);
    expect((await fetch(`${service.healthUrl}/health/live`)).status).toBe(200);
    const ready = await eventually(async () => {
      const response = await fetch(`${service.healthUrl}/health/ready`);
      expect(response.status).toBe(200);
      return response.json();
    });
    expect(ready).toMatchObject({
      status: 'ok',
      info: { worker: { status: 'up', state: 'RUNNING' }, temporal: { status: 'up' } },
    });
  });
});

describe('process counters', () => {
  it('exist at 0 for every catalog process from the start, so that the first start and close are increases', async () => {
    const text = await scrape();
    for (const { name, workflowType, version } of processCatalog.values()) {
      // The labels the SDK gives metrics of workflow code (camelCase, unlike its own metrics' labels).
      const labels = { namespace: 'default', taskQueue, workflowType, process: name, version };
      const found = (metric: string, extra: Record<string, string> = {}) => ({
        metric,
        name,
        ...extra,
        value: sample(text, metric, { ...labels, ...extra }),
      });
      expect(found('ordo_process_started_total')).toEqual({ metric: 'ordo_process_started_total', name, value: 0 });
      for (const outcome of ['COMPLETED', 'REJECTED', 'CANCELLED', 'FAILED']) {
        expect(found('ordo_process_completed_total', { outcome })).toEqual({
          metric: 'ordo_process_completed_total',
          name,
          outcome,
          value: 0,
        });
      }
    }
  });
});

describe('an order run to cash', () => {
  const businessKey = 'WM-7731';
  const workflowId = `order-to-cash:${businessKey}`;
  const input: OrderToCashInput = {
    customerId: 'C-100',
    lines: [{ sku: 'SKU-A', quantity: 3, unitPrice: 80.25 }],
    currency: 'EUR',
    paymentTermsDays: 30,
  };
  let result: ProcessResult;
  let metrics: string;

  beforeAll(async () => {
    const start: ProcessStart<OrderToCashInput> = { businessKey, input, requestedBy: 'clerk' };
    const handle = await env.client.workflow.start('orderToCash', { taskQueue, workflowId, args: [start] });
    await eventually(async () => expect((await handle.query(statusQuery)).stage).toBe('awaiting-payment'));
    await handle.signal(paymentReceivedSignal, { amount: 240.75, currency: 'EUR', reference: 'PAY-REF-5521' });
    result = await handle.result();
    // Workflow metrics leave through sinks after the final activation: wait for them to be exported.
    metrics = await eventually(async () => {
      const text = await scrape();
      expect(sample(text, 'ordo_process_completed_total', { process: 'order-to-cash', outcome: 'COMPLETED' })).toBe(1);
      return text;
    });
  }, 60_000);

  it('completes', () => {
    expect(result).toMatchObject({ status: 'COMPLETED', summary: { orderTotal: 240.75, amountPaid: 240.75 } });
  });

  it('keeps every payload of its history encrypted: what the worker wrote as much as what the client sent', async () => {
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    const encodings = new Set<string>();
    const bytesAsText: string[] = [];
    const collect = (value: unknown): void => {
      if (value instanceof Uint8Array) return void bytesAsText.push(Buffer.from(value).toString('utf8'));
      if (!value || typeof value !== 'object') return;
      const metadata = (value as { metadata?: Record<string, Uint8Array> }).metadata;
      if (metadata?.encoding instanceof Uint8Array && 'data' in value)
        encodings.add(Buffer.from(metadata.encoding).toString());
      // Search attributes stay plaintext by design: the server indexes them (workflows/src/lib/search-attributes.ts).
      for (const [key, child] of Object.entries(value))
        if (
          key !== 'searchAttributes' &&
          !(key === 'markerRecordedEventAttributes' && (child as { markerName?: string }).markerName === 'core_patch')
        )
          collect(child); // plaintext by design: indexed search attributes, patched() ids
    };
    collect(history.events);
    // binary/null (undefined: no data) is the one encoding left as it is.
    expect([...encodings].filter((encoding) => encoding !== nullEncoding)).toEqual([encryptedEncoding]);
    const plaintext = bytesAsText.join('\n');
    for (const secret of ['PAY-REF-5521', 'SKU-A', 'C-100', 'Acme', '80.25', 'clerk'])
      expect(plaintext).not.toContain(secret);
  });

  it('exports the business metrics with process and version labels and the right values', () => {
    const process = { process: 'order-to-cash', version: '1.0.0' };
    // One sample each (`sample` refuses several): the series created at 0 is the one the workflow counted into.
    expect(sample(metrics, 'ordo_process_started_total', process)).toBe(1);
    expect(sample(metrics, 'ordo_process_completed_total', { ...process, outcome: 'COMPLETED' })).toBe(1);
    expect(sample(metrics, 'ordo_process_cycle_time_seconds_count', { ...process, outcome: 'COMPLETED' })).toBe(1);
    for (const flow of ['ordered', 'invoiced', 'collected']) {
      expect(sample(metrics, 'ordo_money_cents_total', { ...process, currency: 'EUR', flow })).toBe(24_075);
    }
    for (const step of [
      'credit-check',
      'reserve-stock',
      'create-shipment',
      'create-invoice',
      'render-invoice-pdf',
      'mail-invoice',
      'post-receipt',
    ]) {
      expect(sample(metrics, 'ordo_process_step_duration_seconds_count', { ...process, step })).toBe(1);
    }
    // Buckets from the histogram overrides, not the SDK's defaults (which stop at 10 s).
    expect(
      sample(metrics, 'ordo_process_cycle_time_seconds_bucket', { ...process, outcome: 'COMPLETED', le: '86400' }),
    ).toBe(1);
    expect(
      sample(metrics, 'ordo_process_step_duration_seconds_bucket', { ...process, step: 'reserve-stock', le: '604800' }),
    ).toBe(1);
  });

  it('times the calls to external systems by system, operation and outcome', () => {
    expect(
      sample(metrics, 'ordo_external_call_duration_seconds_count', {
        system: 'crm',
        operation: 'getCustomerCredit',
        outcome: 'ok',
      }),
    ).toBe(1);
    expect(
      sample(metrics, 'ordo_external_call_duration_seconds_count', {
        system: 'erp',
        operation: 'reserveStock',
        outcome: 'ok',
      }),
    ).toBe(1);
    expect(
      sample(metrics, 'ordo_external_call_duration_seconds_count', {
        system: 'accounting',
        operation: 'postReceipt',
        outcome: 'ok',
      }),
    ).toBe(1);
    expect(
      sample(metrics, 'ordo_external_call_duration_seconds_bucket', {
        system: 'erp',
        operation: 'reserveStock',
        outcome: 'ok',
        le: '30',
      }),
    ).toBe(1);
  });

  it('exports the SDK metrics under the names the catalogue gives', () => {
    expect(
      sample(metrics, 'temporal_workflow_completed_total', { workflow_type: 'orderToCash', task_queue: taskQueue }),
    ).toBe(1);
    for (const name of [
      'temporal_workflow_task_schedule_to_start_latency_seconds_bucket',
      'temporal_activity_execution_latency_seconds_bucket',
      'temporal_worker_task_slots_available',
      'temporal_sticky_cache_size',
      'temporal_request_latency_seconds_bucket',
    ]) {
      expect(metrics).toContain(`\n${name}{`);
    }
  });

  it('never puts the business key, workflow id or payment reference into a label', () => {
    expect(metrics).not.toContain(businessKey);
    expect(metrics).not.toContain('PAY-REF-5521');
    expect(metrics).not.toMatch(/step="[^"]*\d[^"]*"/);
  });

  it('logs as JSON, with the workflow and activity attributes as fields', () => {
    const entries = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const ofOrder = entries.filter((entry) => entry.workflowId === workflowId);
    expect(ofOrder).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          service: 'ordo-worker',
          workflowType: 'orderToCash',
          runId: expect.any(String),
          msg: expect.any(String),
        }),
        expect.objectContaining({ activityType: 'reserveStock', attempt: 1, level: 20 }),
      ]),
    );
  });
});

describe('sticky cache', () => {
  const ticket: SupportTicketInput = {
    customerId: 'C-100',
    customerEmail: 'help@acme.test',
    customerTier: 'standard',
    channel: 'email',
    category: 'billing',
    subject: 'Invoice shows the wrong address',
    description: 'Our invoice has our old address.',
  };

  it('counts the workflows it evicts to make room, under the name the dashboard queries', async () => {
    // Three tickets waiting for an agent at once, in a cache of two: each new one evicts the least recently used.
    for (const key of ['EVICT-1', 'EVICT-2', 'EVICT-3']) {
      const start: ProcessStart<SupportTicketInput> = { businessKey: key, input: ticket, requestedBy: 'portal' };
      const handle = await env.client.workflow.start(supportTicketProcess.workflowType, {
        taskQueue,
        workflowId: `${supportTicketProcess.name}:${key}`,
        args: [start],
      });
      await eventually(async () => expect((await handle.query(statusQuery)).openTasks).toHaveLength(1));
    }
    // The series only appears with the first eviction, which is why no scrape of an unhurried worker shows it.
    await eventually(async () => {
      const evictions = sample(await scrape(), dashboardMetrics.stickyCacheEvictions, {
        namespace: 'default',
        task_queue: taskQueue,
      });
      expect(evictions).toBeGreaterThanOrEqual(1);
    });
  });
});
