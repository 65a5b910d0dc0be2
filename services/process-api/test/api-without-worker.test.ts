/**
 * The API against a real Temporal dev server with no worker: everything the API decides by itself
 * (auth, validation, idempotent start, visibility, error mapping) without any process code running.
 */
import { type ProcessStart, searchAttributes, valueMemoKey, workflowIdFor } from '@ordo/workflows';
import { WorkflowNotFoundError } from '@temporalio/client';
import { VisibilityGauges } from '../src/visibility-gauges/visibility-gauges.service';
import { ApiHarness, eventually, httpRequest, metricSample, startApp } from './support/api-harness';
import { payloadValue } from './support/test-codec';

const process = 'order-to-cash';
const validInput = {
  customerId: 'C-100',
  lines: [{ sku: 'SKU-1', quantity: 2, unitPrice: 10 }],
  currency: 'EUR',
  paymentTermsDays: 30,
};

let api: ApiHarness;

beforeAll(async () => {
  // Gauges on, with a timer too slow to interfere: the gauge tests refresh them when they need to.
  api = await ApiHarness.start({}, { visibilityGauges: { enabled: true, intervalMs: 600_000 } });
});

afterAll(async () => {
  await api?.close();
});

const instancesPath = (key = '') => `/v1/processes/${process}/instances${key ? `/${key}` : ''}`;
const handleOf = (businessKey: string) => api.client.workflow.getHandle(workflowIdFor(process, businessKey));

async function expectNoWorkflow(businessKey: string): Promise<void> {
  await expect(handleOf(businessKey).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
}

async function historyLength(businessKey: string): Promise<number> {
  return (await handleOf(businessKey).describe()).historyLength;
}

async function startInstance(businessKey: string) {
  const response = await api.request('POST', instancesPath(), { body: { businessKey, input: validInput } });
  expect(response.status).toBe(201);
  return response;
}

function detailPaths(body: { details: Array<{ path?: string }> }): Array<string | undefined> {
  return body.details.map((detail) => detail.path);
}

describe('authentication', () => {
  it('answers 401 without a token or with an unknown one, and starts nothing', async () => {
    const missing = await api.request('POST', instancesPath(), {
      token: null,
      body: { businessKey: 'AUTH-1', input: validInput },
    });
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ error: 'unauthorized', details: [] });
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');

    const wrong = await api.request('POST', instancesPath(), {
      token: 'not-a-token',
      body: { businessKey: 'AUTH-1', input: validInput },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('unauthorized');

    expect((await api.request('GET', '/v1/processes', { token: null })).status).toBe(401);
    await expectNoWorkflow('AUTH-1');
  });

  it('leaves health, metrics and docs public', async () => {
    for (const path of ['/health', '/health/live', '/health/ready', '/metrics', '/docs']) {
      expect({ path, status: (await api.request('GET', path, { token: null })).status }).toEqual({ path, status: 200 });
    }
  });
});

describe('GET /v1/processes', () => {
  it('publishes the catalog with JSON Schemas of input and events', async () => {
    const response = await api.request('GET', '/v1/processes');
    expect(response.status).toBe(200);
    const entry = response.body.items.find((item: { name: string }) => item.name === process);
    expect(entry).toMatchObject({
      version: expect.any(String),
      ownerTeam: expect.any(String),
      sla: expect.any(Object),
    });
    expect(entry.inputSchema.properties.lines.type).toBe('array');
    expect(entry.inputSchema.required).toEqual(expect.arrayContaining(['customerId', 'lines', 'currency']));
    expect(entry.events.map((event: { name: string }) => event.name).sort()).toEqual(['payment-received', 'restocked']);
    expect(entry.events[0].schema.type).toBe('object');
    expect(entry.taskTypes).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'approval' })]));
  });
});

describe('POST /v1/processes/{process}/instances', () => {
  it('starts once per business key: 201, then 200 with created=false and the same run; other input under the key is a 409', async () => {
    const first = await startInstance('SO-1001');
    expect(first.body).toEqual({
      process,
      businessKey: 'SO-1001',
      workflowId: 'order-to-cash:SO-1001',
      runId: expect.any(String),
      created: true,
      status: 'RUNNING',
    });

    // The same input with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(validInput).reverse());
    const again = await api.request('POST', instancesPath(), {
      token: 'dev-manager',
      body: { businessKey: 'SO-1001', input: reordered },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      workflowId: 'order-to-cash:SO-1001',
      runId: first.body.runId,
      created: false,
      status: 'RUNNING',
    });

    const other = await api.request('POST', instancesPath(), {
      token: 'dev-manager',
      body: { businessKey: 'SO-1001', input: { ...validInput, customerId: 'C-OTHER' } },
    });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ error: 'business_key_conflict', details: [{ path: 'businessKey' }] });
    expect(await api.client.workflow.count(`WorkflowId = 'order-to-cash:SO-1001'`)).toMatchObject({ count: 1 });
  });

  it('starts the catalog workflow with ProcessStart and the typed search attributes', async () => {
    await startInstance('SO-1002');
    const description = await handleOf('SO-1002').describe();
    expect(description.type).toBe('orderToCash');
    expect(description.taskQueue).toBe('ordo-processes');
    const attributes = description.typedSearchAttributes;
    expect(attributes.get(searchAttributes.process)).toBe(process);
    expect(attributes.get(searchAttributes.businessKey)).toBe('SO-1002');
    expect(attributes.get(searchAttributes.processVersion)).toBe('1.0.0');
    expect(attributes.get(searchAttributes.status)).toBe('RUNNING');
    expect(attributes.get(searchAttributes.stage)).toBe('started');

    const history = await handleOf('SO-1002').fetchHistory();
    const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    const start = await payloadValue<ProcessStart<typeof validInput>>(payload!);
    expect(start).toEqual({ businessKey: 'SO-1002', input: validInput, requestedBy: 'clerk' });
  });

  it('rejects bad input with 400 naming every bad field, and starts nothing', async () => {
    const response = await api.request('POST', instancesPath(), {
      body: {
        businessKey: 'SO-BAD-1',
        input: { ...validInput, lines: [{ sku: 'SKU-1', quantity: 0, unitPrice: 10 }], currency: 'eur', extra: true },
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('validation_failed');
    expect(detailPaths(response.body)).toEqual(
      expect.arrayContaining(['input.lines.0.quantity', 'input.currency', 'input.extra']),
    );
    expect(response.body.message).toContain('input.lines.0.quantity');
    await expectNoWorkflow('SO-BAD-1');
  });

  it('rejects a business key outside the pattern', async () => {
    const response = await api.request('POST', instancesPath(), {
      body: { businessKey: 'has space', input: validInput },
    });
    expect(response.status).toBe(400);
    expect(detailPaths(response.body)).toEqual(['businessKey']);
    expect(await api.client.workflow.count(`WorkflowId = 'order-to-cash:has space'`)).toMatchObject({ count: 0 });
  });

  it('answers 400 to malformed JSON', async () => {
    const response = await api.request('POST', instancesPath(), { rawBody: '{"businessKey": "SO-1", ' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'malformed_body', message: expect.stringContaining('JSON') });
  });

  it('answers 404 for a process not in the catalog, whatever the body', async () => {
    const valid = await api.request('POST', '/v1/processes/procure-to-pay/instances', {
      body: { businessKey: 'PO-1', input: validInput },
    });
    expect(valid.status).toBe(404);
    expect(valid.body).toMatchObject({ error: 'unknown_process', details: [{ path: 'process' }] });
    const invalid = await api.request('POST', '/v1/processes/procure-to-pay/instances', { body: {} });
    expect(invalid.status).toBe(404);
    await expect(api.client.workflow.getHandle('procure-to-pay:PO-1').describe()).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
  });
});

describe('GET /v1/processes/{process}/instances/{businessKey}', () => {
  it('falls back to search attributes when no worker answers the status query', async () => {
    await startInstance('SO-2001');
    const response = await api.request('GET', instancesPath('SO-2001'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      process,
      processVersion: '1.0.0',
      businessKey: 'SO-2001',
      workflowId: 'order-to-cash:SO-2001',
      status: 'RUNNING',
      stage: 'started',
      closedAt: null,
      openTasks: [],
      result: null,
      stateSource: 'visibility',
    });
    expect(Date.parse(response.body.startedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('reports a terminated instance as FAILED with its close time and the reason it was ended', async () => {
    await startInstance('SO-2002');
    await handleOf('SO-2002').terminate('stopped by operations: duplicate order');
    const response = await api.request('GET', instancesPath('SO-2002'));
    expect(response.body).toMatchObject({
      status: 'FAILED',
      closedAt: expect.any(String),
      failure: { type: 'TerminatedFailure', message: 'stopped by operations: duplicate order' },
    });
  });

  it('answers 404 for an absent instance and 400 for a malformed key', async () => {
    const absent = await api.request('GET', instancesPath('SO-NOPE'));
    expect(absent.status).toBe(404);
    expect(absent.body.error).toBe('instance_not_found');
    const malformed = await api.request('GET', instancesPath(encodeURIComponent('bad key!')));
    expect(malformed.status).toBe(400);
    expect(detailPaths(malformed.body)).toEqual(['businessKey']);
  });
});

describe('GET /v1/processes/{process}/instances', () => {
  it('pages through visibility with opaque tokens and filters by status', async () => {
    for (const key of ['LST-1', 'LST-2', 'LST-3']) await startInstance(key);
    await handleOf('LST-3').terminate('test');
    const query = `OrdoProcess = 'order-to-cash' AND WorkflowId STARTS_WITH 'order-to-cash:LST-'`;
    await eventually(async () => ((await api.client.workflow.count(query)).count === 3 ? true : undefined));
    await eventually(async () => {
      const failed = await api.client.workflow.count(`${query} AND ExecutionStatus = 'Terminated'`);
      return failed.count === 1 ? true : undefined;
    });

    const failed = await api.request('GET', `${instancesPath()}?status=FAILED`);
    expect(failed.status).toBe(200);
    expect(failed.body.items.map((item: { businessKey: string }) => item.businessKey)).toContain('LST-3');
    expect(failed.body.items.every((item: { status: string }) => item.status === 'FAILED')).toBe(true);

    const seen: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const page = await api.request(
        'GET',
        `${instancesPath()}?status=RUNNING&pageSize=2${token ? `&pageToken=${token}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      for (const item of page.body.items) {
        expect(item).toEqual({
          businessKey: expect.any(String),
          workflowId: `order-to-cash:${item.businessKey}`,
          status: 'RUNNING',
          stage: 'started',
          startedAt: expect.any(String),
          closedAt: null,
        });
        seen.push(item.businessKey);
      }
      token = page.body.nextPageToken;
      pages += 1;
    } while (token && pages < 20);
    expect(seen).toEqual(expect.arrayContaining(['LST-1', 'LST-2']));
    expect(seen).not.toContain('LST-3');
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBeGreaterThan(1);
  });

  it('rejects bad query parameters naming each, and a token from another listing', async () => {
    const bad = await api.request('GET', `${instancesPath()}?status=DONE&pageSize=500`);
    expect(bad.status).toBe(400);
    expect(detailPaths(bad.body).sort()).toEqual(['pageSize', 'status']);

    const garbage = await api.request('GET', `${instancesPath()}?pageToken=not-a-token`);
    expect(garbage.status).toBe(400);
    expect(detailPaths(garbage.body)).toEqual(['pageToken']);

    const page = await eventually(async () => {
      const response = await api.request('GET', `${instancesPath()}?pageSize=1`);
      return response.body.nextPageToken ? response : undefined;
    });
    const reused = await api.request('GET', `${instancesPath()}?status=RUNNING&pageToken=${page.body.nextPageToken}`);
    expect(reused.status).toBe(400);
    expect(reused.body.details[0]).toMatchObject({
      path: 'pageToken',
      message: expect.stringContaining('different listing'),
    });
  });
});

describe('POST …/tasks/{taskId}/complete', () => {
  it('rejects a bad body naming the field, and changes nothing', async () => {
    await startInstance('TSK-1');
    const before = await historyLength('TSK-1');
    const response = await api.request('POST', `${instancesPath('TSK-1')}/tasks/approval-1/complete`, {
      token: 'dev-manager',
      body: { decision: '', note: 'x' },
    });
    expect(response.status).toBe(400);
    expect(detailPaths(response.body).sort()).toEqual(['decision', 'note']);
    expect(await historyLength('TSK-1')).toBe(before);
  });

  it('answers 404 for an absent instance and 409 for a closed one', async () => {
    const body = { decision: 'approve' };
    const absent = await api.request('POST', `${instancesPath('TSK-NONE')}/tasks/approval-1/complete`, { body });
    expect(absent.status).toBe(404);
    expect(absent.body.error).toBe('instance_not_found');

    await startInstance('TSK-2');
    await handleOf('TSK-2').terminate('test');
    const closed = await api.request('POST', `${instancesPath('TSK-2')}/tasks/approval-1/complete`, { body });
    expect(closed.status).toBe(409);
    expect(closed.body).toMatchObject({ error: 'instance_closed', message: expect.stringContaining('FAILED') });
  });

  it('gives up with 504 when no worker accepts the update in time', async () => {
    await startInstance('TSK-3');
    const started = Date.now();
    const response = await api.request('POST', `${instancesPath('TSK-3')}/tasks/approval-1/complete`, {
      body: { decision: 'approve' },
    });
    expect(response.status).toBe(504);
    expect(response.body.error).toBe('temporal_timeout');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('POST …/events/{event}', () => {
  it('delivers a valid event as an update the process must accept: without a worker it is a 504, and history holds nothing', async () => {
    await startInstance('EVT-1');
    const before = await historyLength('EVT-1');
    const response = await api.request('POST', `${instancesPath('EVT-1')}/events/payment-received`, {
      token: 'dev-accounts-receivable',
      body: { amount: 20, currency: 'EUR', reference: 'BANK-1' },
    });
    expect(response.status).toBe(504);
    expect(response.body.error).toBe('temporal_timeout');
    expect(await historyLength('EVT-1')).toBe(before);
  });

  it('refuses an event from a role that may not send it with 403 naming the senders, before Temporal', async () => {
    await startInstance('EVT-4');
    const before = await historyLength('EVT-4');
    const response = await api.request('POST', `${instancesPath('EVT-4')}/events/payment-received`, {
      token: 'dev-hr',
      body: { amount: 20, currency: 'EUR', reference: 'BANK-4' },
    });
    expect(response.status).toBe(403);
    expect(response.body.message).toContain('accounts-receivable, payment-provider');
    expect(await historyLength('EVT-4')).toBe(before);
  });

  it('rejects a bad payload with the event schema, and an unknown event with 404; history unchanged', async () => {
    await startInstance('EVT-2');
    const before = await historyLength('EVT-2');
    const bad = await api.request('POST', `${instancesPath('EVT-2')}/events/payment-received`, {
      token: 'dev-accounts-receivable',
      body: { amount: -5, currency: 'eur', reference: 'BANK-2' },
    });
    expect(bad.status).toBe(400);
    expect(detailPaths(bad.body).sort()).toEqual(['amount', 'currency']);

    const unknown = await api.request('POST', `${instancesPath('EVT-2')}/events/refund-issued`, { body: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'unknown_event', details: [{ path: 'event' }] });
    expect(await historyLength('EVT-2')).toBe(before);
  });

  it('answers 409 for an event to a closed instance', async () => {
    await startInstance('EVT-3');
    await handleOf('EVT-3').terminate('test');
    const response = await api.request('POST', `${instancesPath('EVT-3')}/events/restocked`, { body: {} });
    expect(response.status).toBe(409);
    expect(response.body.error).toBe('instance_closed');
  });
});

describe('POST …/cancel', () => {
  it('requires a reason and changes nothing without one', async () => {
    await startInstance('CNL-1');
    const before = await historyLength('CNL-1');
    const response = await api.request('POST', `${instancesPath('CNL-1')}/cancel`, { body: { reason: '   ' } });
    expect(response.status).toBe(400);
    expect(detailPaths(response.body)).toEqual(['reason']);
    expect(await historyLength('CNL-1')).toBe(before);
    expect((await handleOf('CNL-1').describe()).status.name).toBe('RUNNING');
  });
});

describe('GET /v1/tasks', () => {
  it('refuses a role the caller does not hold and an assignee other than the caller', async () => {
    const role = await api.request('GET', '/v1/tasks?role=cfo', { token: 'dev-manager' });
    expect(role.status).toBe(403);
    expect(role.body).toMatchObject({ error: 'forbidden', details: [{ path: 'role' }] });
    const assignee = await api.request('GET', '/v1/tasks?assignee=cfo', { token: 'dev-manager' });
    expect(assignee.status).toBe(403);
    expect(detailPaths(assignee.body)).toEqual(['assignee']);
    const malformed = await api.request('GET', `/v1/tasks?role=${encodeURIComponent("x' OR 1=1")}`, {
      token: 'dev-manager',
    });
    expect(malformed.status).toBe(400);
    expect(detailPaths(malformed.body)).toEqual(['role']);
  });

  it('finds candidate instances through the open-task search attributes', async () => {
    // Started directly with the attributes a process mirrors for an open approval task.
    await api.client.workflow.start('orderToCash', {
      workflowId: workflowIdFor(process, 'INBOX-1'),
      taskQueue: 'ordo-processes',
      args: [{}],
      typedSearchAttributes: [
        { key: searchAttributes.process, value: process },
        { key: searchAttributes.openTaskRoles, value: ['manager'] },
      ],
    });
    await eventually(async () =>
      (await api.client.workflow.count(`OrdoOpenTaskRoles = 'manager'`)).count === 1 ? true : undefined,
    );

    // No worker can answer for its tasks: the inbox says it is partial rather than failing, once its index has
    // polled visibility (within the poll bound).
    const manager = await eventually(async () => {
      const response = await api.request('GET', '/v1/tasks', { token: 'dev-manager' });
      return response.body?.partial === true ? response : undefined;
    }, 5_000);
    expect(manager.status).toBe(200);
    expect(manager.body).toEqual({ items: [], nextPageToken: null, partial: true });
    const clerk = await api.request('GET', '/v1/tasks', { token: 'dev-clerk' });
    expect(clerk.body).toEqual({ items: [], nextPageToken: null, partial: false });
  });
});

describe('observability endpoints', () => {
  it('exposes start outcomes and request durations by route template on /metrics', async () => {
    await api.request('POST', instancesPath(), { body: { businessKey: 'MET-1', input: {} } });
    const response = await api.request('GET', '/metrics', { token: null });
    // Prometheus' text format 0.0.4 (Express reorders the parameters prom-client gives).
    const contentType = response.headers.get('content-type') ?? '';
    expect(
      contentType
        .split(';')
        .map((part) => part.trim())
        .sort(),
    ).toEqual(['charset=utf-8', 'text/plain', 'version=0.0.4']);
    const started = /ordo_api_process_starts_total\{process="order-to-cash",outcome="started"\} (\d+)/.exec(
      response.text,
    );
    const rejected = /ordo_api_process_starts_total\{process="order-to-cash",outcome="rejected_input"\} (\d+)/.exec(
      response.text,
    );
    const existing = /ordo_api_process_starts_total\{process="order-to-cash",outcome="existing"\} (\d+)/.exec(
      response.text,
    );
    expect(Number(started?.[1])).toBeGreaterThanOrEqual(10);
    expect(Number(rejected?.[1])).toBeGreaterThanOrEqual(2);
    expect(Number(existing?.[1])).toBe(1);
    expect(response.text).toMatch(
      /ordo_api_http_request_duration_seconds_count\{method="GET",route="\/v1\/processes\/:process\/instances\/:businessKey",status="200"\} \d+/,
    );
    expect(response.text).not.toContain('SO-2001');
    expect(response.text).toContain('process_cpu_user_seconds_total');
  });

  it('reports Temporal as up on /health and /health/ready', async () => {
    for (const path of ['/health', '/health/ready']) {
      const response = await api.request('GET', path, { token: null });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'ok', info: { temporal: { status: 'up' } } });
    }
  });

  it('serves the OpenAPI document with request bodies from the zod schemas', async () => {
    const ui = await api.request('GET', '/docs', { token: null });
    expect(ui.text).toContain('swagger');
    const document = (await api.request('GET', '/docs-json', { token: null })).body;
    const start = document.paths['/v1/processes/{process}/instances'].post;
    const body = start.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['businessKey', 'input']));
    expect(body.properties.businessKey.pattern).toBeDefined();
    // One input schema per catalog process, told apart by title.
    const orderInput = body.properties.input.oneOf.find(
      (variant: { title: string }) => variant.title === 'order-to-cash input',
    );
    expect(orderInput.properties.lines.type).toBe('array');
    expect(body.properties.input.oneOf.map((variant: { title: string }) => variant.title)).toContain(
      'employee-onboarding input',
    );
    const complete = document.paths['/v1/processes/{process}/instances/{businessKey}/tasks/{taskId}/complete'].post;
    expect(complete.requestBody.content['application/json'].schema.required).toEqual(['decision']);
    expect(document.paths['/v1/tasks'].get).toBeDefined();
    expect(document.components.securitySchemes.bearer).toBeDefined();
    expect(document.paths['/metrics']).toBeUndefined();
  });
});

describe('visibility gauges on /metrics', () => {
  // After the listing and inbox tests: the instances started here carry stages and roles those tests do not expect.
  async function refreshedScrape(): Promise<string> {
    await api.app.get(VisibilityGauges).refresh();
    return (await api.request('GET', '/metrics', { token: null })).text;
  }

  /** Starts an instance no worker runs, with the search attributes a process would mirror. */
  async function startWithAttributes(
    businessKey: string,
    stage: string,
    roles: string[],
    dueAt?: Date,
    money?: { amount: number; currency: string; outstanding?: number; keptIn?: 'memo' | 'search-attributes' },
  ): Promise<void> {
    // Instances keep their value in the encrypted memo; those begun before that, in search attributes.
    const inMemo = money !== undefined && money.keptIn !== 'search-attributes';
    await api.client.workflow.start('orderToCash', {
      workflowId: workflowIdFor(process, businessKey),
      taskQueue: 'ordo-gauge-tests',
      args: [{}],
      ...(inMemo
        ? {
            memo: {
              [valueMemoKey]: {
                amount: money.amount,
                currency: money.currency,
                ...(money.outstanding === undefined ? {} : { amountOutstanding: money.outstanding }),
              },
            },
          }
        : {}),
      typedSearchAttributes: [
        { key: searchAttributes.process, value: process },
        { key: searchAttributes.status, value: 'RUNNING' },
        { key: searchAttributes.stage, value: stage },
        ...(roles.length > 0 ? [{ key: searchAttributes.openTaskRoles, value: roles }] : []),
        ...(dueAt ? [{ key: searchAttributes.nextTaskDueAt, value: dueAt }] : []),
        ...(money ? [{ key: searchAttributes.currency, value: money.currency }] : []),
        ...(money && !inMemo
          ? [
              { key: searchAttributes.amount, value: money.amount },
              ...(money.outstanding === undefined
                ? []
                : [{ key: searchAttributes.amountOutstanding, value: money.outstanding }]),
            ]
          : []),
      ],
    });
  }

  it('count running instances per stage, open and overdue tasks per role, and past-due receivables', async () => {
    const before = await refreshedScrape();
    const hour = 60 * 60 * 1000;
    await startWithAttributes('GAUGE-1', 'approval', ['manager'], new Date(Date.now() - hour));
    await startWithAttributes('GAUGE-2', 'approval', ['cfo', 'manager'], new Date(Date.now() + 48 * hour));
    await startWithAttributes('GAUGE-3', 'dunning', []);
    await startWithAttributes('GAUGE-4', 'collections', ['collections'], new Date(Date.now() + 120 * hour));
    await startInstance('GAUGE-5');

    const change = (scrape: string, name: string, labels: Record<string, string>) =>
      metricSample(scrape, name, labels) - metricSample(before, name, labels);
    const inFlight = (stage: string) => ({ process, stage });
    const after = await eventually(async () => {
      const scrape = await refreshedScrape();
      return change(scrape, 'ordo_processes_in_flight', inFlight('started')) === 1 &&
        change(scrape, 'ordo_processes_in_flight', inFlight('collections')) === 1
        ? scrape
        : undefined;
    });

    expect(change(after, 'ordo_processes_in_flight', inFlight('approval'))).toBe(2);
    expect(change(after, 'ordo_processes_in_flight', inFlight('dunning'))).toBe(1);
    expect(change(after, 'ordo_processes_in_flight', inFlight('awaiting-payment'))).toBe(0);
    expect(change(after, 'ordo_open_task_instances', { role: 'manager' })).toBe(2);
    expect(change(after, 'ordo_open_task_instances', { role: 'cfo' })).toBe(1);
    expect(change(after, 'ordo_open_task_instances', { role: 'collections' })).toBe(1);
    expect(change(after, 'ordo_overdue_task_instances', { role: 'manager' })).toBe(1);
    expect(change(after, 'ordo_overdue_task_instances', { role: 'cfo' })).toBe(0);
    expect(change(after, 'ordo_overdue_task_instances', { role: 'collections' })).toBe(0);
    expect(change(after, 'ordo_overdue_receivable_instances', { process, dunning_stage: 'reminders' })).toBe(1);
    expect(change(after, 'ordo_overdue_receivable_instances', { process, dunning_stage: 'collections' })).toBe(1);
    // Every stage of the catalog has its series, at zero when nothing is there; 'closed' is not a running stage.
    expect(after).toContain(`ordo_processes_in_flight{process="${process}",stage="posting-receipt"} 0`);
    expect(after).not.toContain('stage="closed"');
    expect(after).not.toContain('GAUGE-');
    expect(metricSample(after, 'ordo_visibility_refresh_failures_total', {})).toBe(0);
  });

  it('sum the amounts of running instances per stage and currency, and what is outstanding per dunning stage', async () => {
    const before = await refreshedScrape();
    await startWithAttributes('VALUE-1', 'approval', [], undefined, { amount: 1_200.1, currency: 'EUR' });
    await startWithAttributes('VALUE-2', 'approval', [], undefined, {
      amount: 0.2,
      currency: 'EUR',
      keptIn: 'search-attributes',
    });
    await startWithAttributes('VALUE-3', 'approval', [], undefined, { amount: 99, currency: 'GBP' });
    await startWithAttributes('VALUE-4', 'dunning', [], undefined, {
      amount: 500,
      currency: 'EUR',
      outstanding: 320.5,
    });
    await startWithAttributes('VALUE-5', 'awaiting-payment', [], undefined, {
      amount: 80,
      currency: 'EUR',
      outstanding: 80,
      keptIn: 'search-attributes',
    });
    await startWithAttributes('VALUE-6', 'awaiting-payment', [], undefined, {
      amount: 40,
      currency: 'EUR',
      outstanding: 40,
    });
    await handleOf('VALUE-6').terminate('closed instances are not in flight');

    const change = (scrape: string, name: string, labels: Record<string, string>) =>
      metricSample(scrape, name, labels) - metricSample(before, name, labels);
    const value = (stage: string, currency = 'EUR') => ({ process, stage, currency });
    const outstanding = (dunningStage: string) => ({ process, currency: 'EUR', dunning_stage: dunningStage });
    const after = await eventually(async () => {
      const scrape = await refreshedScrape();
      return change(scrape, 'ordo_process_value_in_flight', value('approval', 'GBP')) === 99 &&
        change(scrape, 'ordo_process_value_in_flight', value('awaiting-payment')) === 80
        ? scrape
        : undefined;
    });

    expect(change(after, 'ordo_process_value_in_flight', value('approval'))).toBeCloseTo(1_200.3, 9);
    expect(change(after, 'ordo_process_value_in_flight', value('dunning'))).toBe(500);
    expect(change(after, 'ordo_receivables_outstanding', outstanding('reminders'))).toBe(320.5);
    expect(change(after, 'ordo_receivables_outstanding', outstanding('not_due'))).toBe(80);
    // Every running stage has its series in each currency seen, at zero when nothing is there.
    expect(after).toContain(
      `ordo_process_value_in_flight{process="${process}",stage="posting-receipt",currency="GBP"} 0`,
    );
    expect(after).toContain(
      `ordo_receivables_outstanding{process="${process}",currency="GBP",dunning_stage="collections"} 0`,
    );
    expect(after).not.toContain('VALUE-');

    // An instance that closes leaves the sums; its stage's series stays.
    await handleOf('VALUE-4').terminate('paid elsewhere');
    const closed = await eventually(async () => {
      const scrape = await refreshedScrape();
      return change(scrape, 'ordo_process_value_in_flight', value('dunning')) === 0 ? scrape : undefined;
    });
    expect(change(closed, 'ordo_receivables_outstanding', outstanding('reminders'))).toBe(0);
    expect(closed).toMatch(
      new RegExp(`^ordo_process_value_in_flight\\{process="${process}",stage="dunning",currency="EUR"\\} `, 'm'),
    );
    expect(metricSample(closed, 'ordo_visibility_value_sums_incomplete_total', {})).toBe(0);
  });

  it('leave the value gauges out, and count it, when more instances carry an amount than one refresh reads', async () => {
    const app = await startApp(
      { temporal: { address: api.env.address, namespace: 'default' } },
      { visibilityGauges: { enabled: true, intervalMs: 600_000, maxSummedInstances: 2 } },
    );
    try {
      await app.get(VisibilityGauges).refresh();
      const scrape = (await httpRequest(await app.getUrl(), 'GET', '/metrics', { token: null })).text;
      expect(metricSample(scrape, 'ordo_visibility_value_sums_incomplete_total', {})).toBeGreaterThanOrEqual(1);
      expect(scrape).not.toMatch(/^ordo_process_value_in_flight\{/m);
      expect(scrape).not.toMatch(/^ordo_receivables_outstanding\{/m);
      // The counts do not depend on the listing, and nothing failed.
      expect(scrape).toMatch(/^ordo_processes_in_flight\{/m);
      expect(metricSample(scrape, 'ordo_visibility_refresh_failures_total', {})).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('count a failed refresh, and keep the values of the last one', async () => {
    // The apps of this file share prom-client's registry, so the failing app's gauges are the ones the main app set.
    const before = await refreshedScrape();
    const seriesOf = (scrape: string) =>
      scrape.split('\n').filter((line) => /^ordo_(processes_in_flight|process_value_in_flight)\{/.test(line));
    expect(seriesOf(before).length).toBeGreaterThan(0);
    const failures = (scrape: string) => metricSample(scrape, 'ordo_visibility_refresh_failures_total', {});
    // A namespace Temporal does not know makes every count fail at once.
    const app = await startApp(
      { temporal: { address: api.env.address, namespace: 'no-such-namespace' } },
      { visibilityGauges: { enabled: true, intervalMs: 600_000 } },
    );
    try {
      const url = await app.getUrl();
      await expect(app.get(VisibilityGauges).refresh()).rejects.toThrow(/no-such-namespace/);
      const scrape = await eventually(async () => {
        const response = await httpRequest(url, 'GET', '/metrics', { token: null });
        // The refresh at start-up failed in the background; the explicit one above is not counted.
        return failures(response.text) - failures(before) === 1 ? response.text : undefined;
      });
      expect(seriesOf(scrape)).toEqual(seriesOf(before));
    } finally {
      await app.close();
    }
  });
});
