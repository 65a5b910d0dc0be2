/**
 * GET /v1/audit against a real dev server and worker: actions taken through the API come back from the instances'
 * histories with who, what, when and the comment; filters, roles, validation and the CSV export; refused attempts
 * are logged once as `security.refused`.
 */
import { type ApiHarness, type ApiResponse, eventually } from './support/api-harness';
import { ApiWithWorker } from './support/api-with-worker';
import { createFakeProcessWorker } from './support/fake-process-worker';

const instances = '/v1/processes/order-to-cash/instances';
const input = {
  customerId: 'C-9',
  lines: [{ sku: 'SKU-9', quantity: 2, unitPrice: 10 }],
  currency: 'EUR',
  paymentTermsDays: 14,
};
const completeRoute = '/v1/processes/:process/instances/:businessKey/tasks/:taskId/complete';

let stack: ApiWithWorker;
let api: ApiHarness;
/** The API's JSON log lines, captured instead of printed. */
const logLines: string[] = [];
const logEntries = () => logLines.map((line) => JSON.parse(line) as Record<string, any>);
const refusals = () => logEntries().filter((entry) => entry.event === 'security.refused');

const audit = (query = '', token: string | null = 'dev-auditor') => api.request('GET', `/v1/audit${query}`, { token });

/** Visibility is eventually consistent: waits until the audit holds `count` actions. */
const auditWith = (count: number, query = ''): Promise<ApiResponse> =>
  eventually(async () => {
    const response = await audit(query);
    return response.status === 200 && response.body.items.length >= count ? response : undefined;
  });

beforeAll(async () => {
  stack = await ApiWithWorker.start({
    runtimeLogLevel: 'WARN',
    config: { queryTimeoutMs: 5000, updateTimeoutMs: 10_000 },
    appOptions: { logLevel: 'info', logDestination: { write: (line: string) => void logLines.push(line) } },
    createWorker: createFakeProcessWorker,
  });
  api = stack.api;

  // Three actions by people and a system, one refused attempt in between.
  for (const businessKey of ['A-1', 'A-2']) {
    expect((await api.request('POST', instances, { body: { businessKey, input } })).status).toBe(201);
  }
  const refused = await api.request('POST', `${instances}/A-1/tasks/approval-1/complete`, {
    token: 'dev-clerk',
    body: { decision: 'approve' },
  });
  expect(refused.status).toBe(403);
  const completed = await api.request('POST', `${instances}/A-1/tasks/approval-1/complete`, {
    token: 'dev-manager',
    body: { decision: 'approve', comment: 'checked, "all" fine' },
  });
  expect(completed.status).toBe(200);
  const paid = await api.request('POST', `${instances}/A-1/events/payment-received`, {
    token: 'dev-accounts-receivable',
    body: { amount: 20, currency: 'EUR', reference: 'PAY-A1' },
  });
  expect(paid.status).toBe(202);
  const cancelled = await api.request('POST', `${instances}/A-2/cancel`, {
    token: 'dev-manager',
    body: { reason: 'customer withdrew' },
  });
  expect(cancelled.status).toBe(202);
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

it('lists exactly the accepted actions, oldest first, with actor, roles, what, when and comment', async () => {
  const response = await auditWith(3);
  expect(response.body.partial).toBe(false);
  expect(response.body.items).toEqual([
    expect.objectContaining({
      process: 'order-to-cash',
      businessKey: 'A-1',
      workflowId: 'order-to-cash:A-1',
      actor: 'manager',
      roles: ['manager'],
      action: 'complete',
      taskId: 'approval-1',
      decision: 'approve',
      comment: 'checked, "all" fine',
      outcome: 'accepted',
      failure: null,
    }),
    expect.objectContaining({
      businessKey: 'A-1',
      actor: 'accounts-receivable',
      roles: ['accounts-receivable'],
      action: 'event',
      event: 'payment-received',
      comment: null,
      outcome: 'accepted',
    }),
    expect.objectContaining({
      businessKey: 'A-2',
      actor: 'manager',
      action: 'cancel',
      comment: 'customer withdrew',
      outcome: 'accepted',
    }),
  ]);
  const times = response.body.items.map((item: { at: string }) => item.at);
  for (const at of times) expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  expect([...times].sort()).toEqual(times);
});

it('filters by actor, by process and by time window', async () => {
  const all = (await auditWith(3)).body.items as Array<{ at: string; action: string }>;

  const byManager = await audit('?actor=manager');
  expect(byManager.status).toBe(200);
  expect(byManager.body.items.map((item: { action: string }) => item.action)).toEqual(['complete', 'cancel']);
  expect((await audit('?actor=nobody')).body.items).toEqual([]);

  expect((await audit('?process=order-to-cash')).body.items).toHaveLength(3);
  expect((await audit('?process=support-ticket')).body.items).toEqual([]);

  const fromSecond = await audit(`?from=${encodeURIComponent(all[1]!.at)}`);
  expect(fromSecond.body.items.map((item: { action: string }) => item.action)).toEqual(['event', 'cancel']);
  const toSecond = await audit(`?to=${encodeURIComponent(all[1]!.at)}`);
  expect(toSecond.body.items.map((item: { action: string }) => item.action)).toEqual(['complete', 'event']);
  const onlySecond = await audit(`?from=${encodeURIComponent(all[1]!.at)}&to=${encodeURIComponent(all[1]!.at)}`);
  expect(onlySecond.body.items.map((item: { action: string }) => item.action)).toEqual(['event']);

  // A window before anything happened: no instance overlaps it.
  const before = await audit('?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z');
  expect(before.body).toEqual({ items: [], partial: false });
});

it('answers only auditors: 403 naming the role, 401 without a token', async () => {
  const clerk = await audit('', 'dev-clerk');
  expect(clerk.status).toBe(403);
  expect(clerk.body).toMatchObject({ error: 'forbidden', message: expect.stringContaining('auditor') });
  // The role check comes before validation: a non-auditor learns nothing about the parameters.
  expect((await audit('?from=yesterday', 'dev-manager')).status).toBe(403);

  const anonymous = await audit('', null);
  expect(anonymous.status).toBe(401);
  expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
});

it('answers 400 naming a bad parameter', async () => {
  const badFrom = await audit('?from=yesterday');
  expect(badFrom.status).toBe(400);
  expect(badFrom.body).toMatchObject({
    error: 'validation_failed',
    details: [{ path: 'from', message: expect.stringContaining('ISO 8601') }],
  });

  const reversed = await audit('?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z');
  expect(reversed.status).toBe(400);
  expect(reversed.body.details).toEqual([{ path: 'from', message: 'must not be after to' }]);

  const unknownProcess = await audit('?process=payroll');
  expect(unknownProcess.status).toBe(400);
  expect(unknownProcess.body.details).toEqual([
    { path: 'process', message: expect.stringContaining('not in the process catalog') },
  ]);

  expect((await audit('?actor=no%20spaces')).body.details).toEqual([{ path: 'actor', message: expect.any(String) }]);
  expect((await audit('?format=xml')).body.details).toEqual([
    { path: 'format', message: expect.stringContaining('json, csv') },
  ]);
  expect((await audit('?limit=5')).body.details).toEqual([{ path: 'limit', message: 'is not an allowed field' }]);
});

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; rows end with CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index++;
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

it('exports CSV (format=csv or Accept: text/csv) that parses back to the same actions', async () => {
  const json = (await auditWith(3)).body.items as Array<Record<string, any>>;
  const response = await audit('?format=csv');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
  expect(response.headers.get('content-disposition')).toContain('ordo-audit.csv');
  const [header, ...rows] = parseCsv(response.text);
  // The published column order, spelt out: a change to it must change this line too.
  expect(header?.join(',')).toBe(
    'at,process,businessKey,actor,roles,action,taskId,decision,event,assignee,comment,outcome',
  );
  expect(rows).toEqual(
    json.map((item) => [
      item.at,
      item.process,
      item.businessKey,
      item.actor,
      item.roles.join(' '),
      item.action,
      item.taskId ?? '',
      item.decision ?? '',
      item.event ?? '',
      item.assignee ?? '',
      item.comment ?? '',
      item.outcome,
    ]),
  );
  expect(rows[0]![10]).toBe('checked, "all" fine');

  const negotiated = await fetch(`${api.baseUrl.replace('[::1]', '127.0.0.1')}/v1/audit?actor=manager`, {
    headers: { authorization: 'Bearer dev-auditor', accept: 'text/csv' },
  });
  expect(negotiated.headers.get('content-type')).toMatch(/^text\/csv/);
  expect(parseCsv(await negotiated.text())).toHaveLength(3);
  // An explicit format wins over the Accept header.
  const explicit = await fetch(`${api.baseUrl.replace('[::1]', '127.0.0.1')}/v1/audit?format=json`, {
    headers: { authorization: 'Bearer dev-auditor', accept: 'text/csv' },
  });
  expect(explicit.headers.get('content-type')).toMatch(/^application\/json/);
});

it('logs each refused attempt once as security.refused, with the actor and never the token', async () => {
  // The clerk's completion, refused by the workflow's validator before anything reached history.
  const completion = refusals().filter((entry) => entry.route === completeRoute);
  expect(completion).toEqual([
    expect.objectContaining({
      level: 40,
      event: 'security.refused',
      status: 403,
      code: 'forbidden',
      actor: 'clerk',
      roles: ['clerk'],
      method: 'POST',
      message: expect.stringContaining('clerk'),
    }),
  ]);

  const before = refusals().length;
  expect((await audit('', 'dev-clerk')).status).toBe(403);
  expect((await audit('', null)).status).toBe(401);
  expect((await audit('', 'dev-not-a-token')).status).toBe(401);
  const added = refusals().slice(before);
  expect(added).toEqual([
    expect.objectContaining({
      status: 403,
      code: 'forbidden',
      actor: 'clerk',
      roles: ['clerk'],
      method: 'GET',
      route: '/v1/audit',
    }),
    expect.objectContaining({
      status: 401,
      code: 'unauthorized',
      actor: null,
      roles: [],
      route: '/v1/audit',
      message: expect.stringContaining('Missing'),
    }),
    expect.objectContaining({ status: 401, code: 'unauthorized', actor: null, roles: [], route: '/v1/audit' }),
  ]);
  expect(added.map((entry) => JSON.stringify(entry)).join('\n')).not.toMatch(/dev-clerk|dev-not-a-token/);
});

it('is documented in the OpenAPI document, with its filters and both formats', async () => {
  const document = (await api.request('GET', '/docs-json', { token: null })).body;
  const operation = document.paths['/v1/audit'].get;
  expect(operation.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual([
    'actor',
    'format',
    'from',
    'process',
    'to',
  ]);
  expect(Object.keys(operation.responses['200'].content)).toEqual(
    expect.arrayContaining(['application/json', 'text/csv']),
  );
  expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '403']));
});
