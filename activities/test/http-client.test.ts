import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricCounter, MetricGauge, MetricHistogram, MetricMeter, MetricTags } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ExternalSystemUnavailableError } from '../src/http/errors';
import { externalCallDurationMetric } from '../src/http/call-metrics';
import { HttpClient } from '../src/http/http-client';
import { asReportedFailure, rejectionOf } from './support/activity-harness';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A scripted HTTP server: each test decides the answer, and sees what the client sent. */
describe('HttpClient', () => {
  let server: Server;
  let client: HttpClient;
  let answer: (response: ServerResponse) => void;
  const received: Received[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks),
        });
        answer(response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new HttpClient('erp', `http://127.0.0.1:${(server.address() as AddressInfo).port}/erp`, 500);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    received.length = 0;
  });

  const json = (status: number, body: unknown) => (response: ServerResponse) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

  it('sends JSON with the idempotency key and returns the parsed answer', async () => {
    answer = json(201, { reservationId: 'RES-1' });
    const result = await client.send(
      'POST',
      '/reservations',
      { json: { orderId: 'O-1' } },
      { idempotencyKey: 'wf:step' },
    );

    expect(result).toEqual({ reservationId: 'RES-1' });
    expect(received[0]).toMatchObject({ method: 'POST', url: '/erp/reservations' });
    expect(received[0]?.headers['idempotency-key']).toBe('wf:step');
    expect(received[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(received[0]!.body.toString())).toEqual({ orderId: 'O-1' });
  });

  it('sends raw bytes with their content type', async () => {
    answer = json(200, { stored: true });
    await client.send(
      'PUT',
      '/documents/1',
      { bytes: new Uint8Array([37, 80, 68, 70]), contentType: 'application/pdf' },
      { idempotencyKey: 'k' },
    );

    expect(received[0]?.headers['content-type']).toBe('application/pdf');
    expect(received[0]?.body.toString('latin1')).toBe('%PDF');
  });

  it('refuses to send a mutation without an idempotency key', async () => {
    await expect(client.send('POST', '/reservations', undefined, { idempotencyKey: '' })).rejects.toThrow(
      /idempotency key/,
    );
    expect(received).toHaveLength(0);
  });

  it('sends no idempotency key on reads', async () => {
    answer = json(200, { sku: 'SKU-A' });
    await client.get('/stock/SKU-A');

    expect(received[0]?.headers['idempotency-key']).toBeUndefined();
  });

  it.each([500, 502, 503, 408, 429])('treats %i as transient', async (status) => {
    answer = json(status, { error: 'busy' });
    const error = await rejectionOf(client.get('/stock/SKU-A'));

    expect(error).toBeInstanceOf(ExternalSystemUnavailableError);
    expect(asReportedFailure(error)).toMatchObject({ nonRetryable: false });
  });

  it.each([
    [409, { error: 'out_of_stock', skus: ['SKU-OOS'] }, 'OutOfStock'],
    [404, { error: 'customer_not_found' }, 'CustomerNotFound'],
    [409, { error: 'invoice_voided' }, 'InvoiceVoided'],
    [400, { error: 'invalid_request', field: 'lines' }, 'ErpRejected'],
    [403, 'forbidden', 'ErpRejected'],
  ])('turns %i %j into a non-retryable %s', async (status, body, type) => {
    answer =
      typeof body === 'string'
        ? (response) => response.writeHead(status, { 'content-type': 'text/plain' }).end(body)
        : json(status, body);
    const failure = asReportedFailure(
      await rejectionOf(client.send('POST', '/reservations', { json: {} }, { idempotencyKey: 'k' })),
    );

    expect(failure).toMatchObject({ type, nonRetryable: true });
    expect(failure.details[0]).toMatchObject({ system: 'erp', status, method: 'POST', path: '/reservations' });
  });

  it('returns undefined for an absent resource on find', async () => {
    answer = json(404, { error: 'sku_not_found' });

    expect(await client.find('/stock/SKU-X')).toBeUndefined();
  });

  it('gives up after its timeout with a retryable error', async () => {
    answer = () => undefined; // never answers
    const started = Date.now();
    const error = await rejectionOf(client.get('/stock/SKU-A'));

    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error).toBeInstanceOf(ExternalSystemUnavailableError);
    expect((error as Error).message).toContain('no answer within 500 ms');
  });

  it('surfaces the caller’s cancellation as it is, not as an outage', async () => {
    answer = () => undefined;
    const controller = new AbortController();
    const cancellation = new Error('activity cancelled');
    setTimeout(() => controller.abort(cancellation), 50);

    expect(await rejectionOf(client.get('/stock/SKU-A', { signal: controller.signal }))).toBe(cancellation);
  });

  it('times each call in the running activity’s metric meter, by system, activity type and outcome', async () => {
    const meter = new RecordingMeter();
    const activity = new MockActivityEnvironment({ activityType: 'reserveStock' }, { metricMeter: meter });
    const call = async (respond: (response: ServerResponse) => void, request: () => Promise<unknown>) => {
      answer = respond;
      await activity.run(async () => request().catch(() => undefined));
    };
    await call(json(201, { reservationId: 'RES-1' }), () =>
      client.send('POST', '/reservations', undefined, { idempotencyKey: 'k1' }),
    );
    await call(json(409, { error: 'out_of_stock' }), () =>
      client.send('POST', '/reservations', undefined, { idempotencyKey: 'k2' }),
    );
    await call(json(503, { error: 'down' }), () => client.get('/stock/SKU-A'));
    await call(json(404, { error: 'sku_not_found' }), () => client.find('/stock/SKU-X'));

    expect(
      meter.records.map(({ name, tags }) => ({
        name,
        system: tags.system,
        operation: tags.operation,
        outcome: tags.outcome,
      })),
    ).toEqual([
      { name: externalCallDurationMetric, system: 'erp', operation: 'reserveStock', outcome: 'ok' },
      { name: externalCallDurationMetric, system: 'erp', operation: 'reserveStock', outcome: 'business_error' },
      { name: externalCallDurationMetric, system: 'erp', operation: 'reserveStock', outcome: 'transient_error' },
      // "Not found" is an answer a `find` expects, not an error.
      { name: externalCallDurationMetric, system: 'erp', operation: 'reserveStock', outcome: 'ok' },
    ]);
    for (const { value } of meter.records) expect(value).toBeGreaterThan(0);
    expect(
      meter.records.every(({ tags }) => Object.values(tags).every((value) => !String(value).includes('SKU'))),
    ).toBe(true);
  });

  it('records nothing for a cancelled call, nor outside an activity', async () => {
    const meter = new RecordingMeter();
    const activity = new MockActivityEnvironment({ activityType: 'checkStock' }, { metricMeter: meter });
    answer = () => undefined;
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('activity cancelled')), 50);
    await activity.run(() => rejectionOf(client.get('/stock/SKU-A', { signal: controller.signal })));
    answer = json(200, {});
    await client.get('/stock/SKU-A');

    expect(meter.records).toEqual([]);
  });
});

/** A metric meter that keeps every histogram value with its tags. */
class RecordingMeter implements MetricMeter {
  readonly records: Array<{ name: string; value: number; tags: MetricTags }> = [];

  constructor(private readonly baseTags: MetricTags = {}) {}

  createHistogram(name: string): MetricHistogram {
    const record = (value: number, tags: MetricTags = {}) =>
      this.records.push({ name, value, tags: { ...this.baseTags, ...tags } });
    return { name, kind: 'histogram', valueType: 'float', record, withTags: () => this.createHistogram(name) };
  }

  createCounter(name: string): MetricCounter {
    return { name, kind: 'counter', valueType: 'int', add: () => undefined, withTags: () => this.createCounter(name) };
  }

  createGauge(name: string): MetricGauge {
    return { name, kind: 'gauge', valueType: 'float', set: () => undefined, withTags: () => this.createGauge(name) };
  }

  withTags(tags: MetricTags): MetricMeter {
    return new RecordingMeter({ ...this.baseTags, ...tags });
  }
}
