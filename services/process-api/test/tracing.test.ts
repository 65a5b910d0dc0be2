/**
 * Tracing end to end: the API (in-process, on a real Temporal dev server) with tracing on, a real worker running the
 * real order-to-cash workflow and activities with the SDK's OpenTelemetry interceptors, the activities calling a real
 * sandbox process. All spans go to one in-memory exporter; the test follows one trace from the REST request that
 * started the order down to the HTTP calls its activities made.
 */
import path from 'node:path';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { Resource } from '@opentelemetry/resources';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { SpanKind } from '@opentelemetry/api';
import { createActivities, loadActivitiesConfig } from '@ordo/activities';
import { startSandboxProcess, type SandboxProcess, untilPasses } from '@ordo/testing';
import { ordoTaskQueue } from '@ordo/workflows';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import { Worker } from '@temporalio/worker';
import { startApiTracing, stopApiTracing, tracingClientInterceptors } from '../src/tracing/api-tracing';
import { loadTracingSettings } from '../src/tracing/tracing-settings';
import { ApiWithWorker } from './support/api-with-worker';

jest.setTimeout(240_000);

const spans = new InMemorySpanExporter();
const spanProcessor = new SimpleSpanProcessor(spans);
let stack: ApiWithWorker | undefined;
let sandbox: SandboxProcess;
let stopFetchInstrumentation: (() => void) | undefined;

const instances = '/v1/processes/order-to-cash/instances';
const businessKey = 'SO-TRACE-1';
/** 2 × 45 = 90: approved automatically, after the credit check the ERP answers. */
const order = {
  customerId: 'C-100',
  currency: 'EUR',
  paymentTermsDays: 30,
  lines: [{ sku: 'SKU-A', quantity: 2, unitPrice: 45 }],
};

beforeAll(async () => {
  expect(tracingClientInterceptors()).toBeUndefined();
  // After Express has loaded (imported above), as in main.ts: the http module is instrumented in place.
  expect(await startApiTracing(loadTracingSettings({ OTEL_TRACES_EXPORTER: 'otlp' }), { spanProcessor })).toBe(true);
  // The worker's side, in this process: what services/worker/src/tracing sets up (the same SDK interceptors).
  stopFetchInstrumentation = registerInstrumentations({ instrumentations: [new UndiciInstrumentation()] });
  sandbox = await startSandboxProcess();
  stack = await ApiWithWorker.start({
    runtimeLogLevel: 'WARN',
    createWorker: (env, dataConverter) =>
      Worker.create({
        connection: env.nativeConnection,
        namespace: 'default',
        taskQueue: ordoTaskQueue,
        dataConverter,
        workflowsPath: path.resolve(__dirname, '../../../workflows/src/workflows.ts'),
        activities: createActivities(loadActivitiesConfig({ ORDO_SANDBOX_URL: sandbox.url })),
        interceptors: {
          workflowModules: [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')],
          activity: [
            (ctx) => ({
              inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
              outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
            }),
          ],
        },
        sinks: { exporter: makeWorkflowExporter(spanProcessor, new Resource({ 'service.name': 'ordo-worker' })) },
      }),
  });
}, 240_000);

afterAll(async () => {
  await stack?.close();
  stopFetchInstrumentation?.();
  await stopApiTracing();
  await sandbox?.stop();
});

const eventually = <T>(probe: () => T | Promise<T>, timeoutMs = 60_000) =>
  untilPasses(probe, { timeoutMs, intervalMs: 250 });

/** A fetch span (undici) of a call to the sandbox: an activity's, not the test's own requests to the API. */
const isSandboxCall = (span: ReadableSpan) =>
  span.instrumentationLibrary.name.includes('undici') && String(span.attributes['url.full']).startsWith(sandbox.url);

describe('an order started through the REST API', () => {
  let finished: ReadableSpan[];
  let request: ReadableSpan;

  beforeAll(async () => {
    const api = stack!.api;
    const response = await api.request('POST', instances, { body: { businessKey, input: order } });
    expect(response.status).toBe(201);
    // A span is exported when it ends, the workflow's when the order completes: it is paid for in full.
    await eventually(async () => {
      expect((await api.request('GET', `${instances}/${businessKey}`)).body.stage).toBe('awaiting-payment');
    });
    const paid = await api.request('POST', `${instances}/${businessKey}/events/payment-received`, {
      token: 'dev-payment-provider',
      body: { amount: 90, currency: 'EUR', reference: 'PAY-TRACE-1' },
    });
    expect(paid.status).toBeLessThan(300);
    finished = await eventually(() => {
      const all = spans.getFinishedSpans();
      expect(all.some((span) => span.name === 'RunWorkflow:orderToCash')).toBe(true);
      return all;
    });
    request = finished.find(
      (span) => span.kind === SpanKind.SERVER && String(span.attributes['http.target']).startsWith(instances),
    )!;
  });

  const byId = () => new Map(finished.map((span) => [span.spanContext().spanId, span]));
  /** The names from `span` up to the root of its trace. */
  function ancestry(span: ReadableSpan): string[] {
    const spansById = byId();
    const names = [];
    for (let current: ReadableSpan | undefined = span; current; current = spansById.get(current.parentSpanId ?? '')) {
      names.push(current.kind === SpanKind.SERVER ? `SERVER ${current.name}` : current.name);
    }
    return names;
  }

  it("is one server span for the request, answered 201, continuing the caller's trace (traceparent)", () => {
    expect(request).toBeDefined();
    expect(request.attributes).toMatchObject({ 'http.method': 'POST', 'http.status_code': 201 });
    // The test's own fetch is traced too: the API's span is a child of the caller's, as a backend team's would be.
    const caller = byId().get(request.parentSpanId ?? '');
    expect(caller?.kind).toBe(SpanKind.CLIENT);
    expect(String(caller?.attributes['url.full'])).toBe(`${stack!.api.baseUrl}${instances}`);
  });

  it("links the REST request, the workflow's start and run, an activity and its HTTP call in one trace", () => {
    const calls = finished.filter(isSandboxCall);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.kind).toBe(SpanKind.CLIENT);
      expect(call.spanContext().traceId).toBe(request.spanContext().traceId);
      const chain = ancestry(call);
      const activity = chain[1]!.replace('RunActivity:', '');
      // From the call up: its activity, the workflow that scheduled it, the start, the REST request, the caller.
      expect(chain.slice(1)).toEqual([
        `RunActivity:${activity}`,
        `StartActivity:${activity}`,
        'RunWorkflow:orderToCash',
        'StartWorkflow:orderToCash',
        `SERVER ${request.name}`,
        ancestry(request)[1],
      ]);
    }
  });

  it('leaves no health probe or metrics scrape in the traces', async () => {
    await stack!.api.request('GET', '/health/live');
    await stack!.api.request('GET', '/metrics', { token: null });
    const targets = spans
      .getFinishedSpans()
      .filter((span) => span.kind === SpanKind.SERVER)
      .map((span) => String(span.attributes['http.target']));
    expect(targets.filter((target) => /^\/(health|metrics)/.test(target))).toEqual([]);
  });
});
