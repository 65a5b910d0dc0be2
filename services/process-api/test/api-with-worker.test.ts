/**
 * The API driving a real workflow: a stand-in process honouring the shared contract runs on a worker,
 * so queries, updates and their ApplicationFailure types travel through Temporal for real.
 */
import { workflowIdFor } from '@ordo/workflows';
import { type ApiHarness, eventually } from './support/api-harness';
import { ApiWithWorker } from './support/api-with-worker';
import { createFakeProcessWorker } from './support/fake-process-worker';

const instances = '/v1/processes/order-to-cash/instances';
const input = {
  customerId: 'C-7',
  lines: [{ sku: 'SKU-7', quantity: 1, unitPrice: 99 }],
  currency: 'EUR',
  paymentTermsDays: 14,
};

let stack: ApiWithWorker;
let api: ApiHarness;
/** The API's JSON log lines, captured instead of printed. */
const logLines: string[] = [];

beforeAll(async () => {
  stack = await ApiWithWorker.start({
    runtimeLogLevel: 'WARN',
    config: { queryTimeoutMs: 5000, updateTimeoutMs: 10_000 },
    appOptions: { logLevel: 'info', logDestination: { write: (line: string) => void logLines.push(line) } },
    createWorker: createFakeProcessWorker,
  });
  api = stack.api;
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

async function start(businessKey: string): Promise<void> {
  const response = await api.request('POST', instances, { body: { businessKey, input } });
  expect(response.status).toBe(201);
}

async function historyLength(businessKey: string): Promise<number> {
  return (await api.client.workflow.getHandle(workflowIdFor('order-to-cash', businessKey)).describe()).historyLength;
}

const complete = (businessKey: string, token: string, body: unknown, taskId = 'approval-1') =>
  api.request('POST', `${instances}/${businessKey}/tasks/${taskId}/complete`, { token, body });

it('shows the workflow-reported state and the open task, and lists the task in the right inboxes', async () => {
  await start('W-1');
  const state = await api.request('GET', `${instances}/W-1`);
  expect(state.status).toBe(200);
  expect(state.body).toMatchObject({
    status: 'RUNNING',
    stage: 'approval',
    stateSource: 'workflow',
    openTasks: [{ taskId: 'approval-1', candidateRoles: ['manager', 'cfo'], status: 'OPEN' }],
    steps: [{ name: 'approval', status: 'RUNNING' }],
  });

  const inbox = await eventually(async () => {
    const response = await api.request('GET', '/v1/tasks?role=manager', { token: 'dev-manager' });
    return response.body.items.some((item: { businessKey: string }) => item.businessKey === 'W-1')
      ? response
      : undefined;
  });
  expect(inbox.body.partial).toBe(false);
  expect(inbox.body.items.find((item: { businessKey: string }) => item.businessKey === 'W-1')).toMatchObject({
    process: 'order-to-cash',
    workflowId: 'order-to-cash:W-1',
    taskId: 'approval-1',
    type: 'approval',
    dueAt: expect.any(String),
  });
  const clerkInbox = await api.request('GET', '/v1/tasks', { token: 'dev-clerk' });
  expect(clerkInbox.body.items).toEqual([]);
});

it('maps the process’s update rejections to 403/400/404 without writing history, then completes and refuses a repeat', async () => {
  await start('W-2');
  await api.request('GET', `${instances}/W-2`); // first workflow task done: the history has settled
  const before = await historyLength('W-2');

  const wrongActor = await complete('W-2', 'dev-clerk', { decision: 'approve' });
  expect(wrongActor.status).toBe(403);
  expect(wrongActor.body).toMatchObject({ error: 'forbidden', message: expect.stringContaining('clerk') });

  const wrongDecision = await complete('W-2', 'dev-manager', { decision: 'maybe' });
  expect(wrongDecision.status).toBe(400);
  expect(wrongDecision.body).toMatchObject({ error: 'invalid_decision', details: [{ path: 'decision' }] });

  const wrongTask = await complete('W-2', 'dev-manager', { decision: 'approve' }, 'approval-9');
  expect(wrongTask.status).toBe(404);
  expect(wrongTask.body.error).toBe('task_not_found');
  expect(await historyLength('W-2')).toBe(before);

  const approved = await complete('W-2', 'dev-manager', { decision: 'approve', comment: 'fine' });
  expect(approved.status).toBe(200);
  expect(approved.body).toMatchObject({
    taskId: 'approval-1',
    status: 'COMPLETED',
    decision: 'approve',
    completedBy: 'manager',
    comment: 'fine',
  });

  const again = await complete('W-2', 'dev-cfo', { decision: 'reject' });
  expect(again.status).toBe(409);
  expect(again.body.error).toBe('task_not_open');

  const cancel = await api.request('POST', `${instances}/W-2/cancel`, { body: { reason: 'customer withdrew' } });
  expect(cancel.status).toBe(409);
  expect(cancel.body.error).toBe('not_cancellable');

  const paid = await api.request('POST', `${instances}/W-2/events/payment-received`, {
    token: 'dev-accounts-receivable',
    body: { amount: 99, currency: 'EUR', reference: 'PAY-1' },
  });
  expect(paid.status).toBe(202);
  const closed = await eventually(async () => {
    const response = await api.request('GET', `${instances}/W-2`);
    return response.body.closedAt ? response : undefined;
  });
  expect(closed.body).toMatchObject({
    status: 'COMPLETED',
    stage: 'closed',
    openTasks: [],
    result: { status: 'COMPLETED' },
  });
});

it('reports a rejected instance as REJECTED, finds it by that status and answers a late start with it', async () => {
  await start('W-3');
  expect((await complete('W-3', 'dev-cfo', { decision: 'reject', comment: 'credit risk' })).status).toBe(200);
  const rejected = await eventually(async () => {
    const response = await api.request('GET', `${instances}/W-3`);
    return response.body.closedAt ? response : undefined;
  });
  expect(rejected.body).toMatchObject({ status: 'REJECTED', result: { status: 'REJECTED', reason: 'credit risk' } });

  const listed = await eventually(async () => {
    const response = await api.request('GET', `${instances}?status=REJECTED`);
    return response.body.items.length > 0 ? response : undefined;
  });
  expect(listed.body.items).toEqual([
    expect.objectContaining({ businessKey: 'W-3', status: 'REJECTED', closedAt: expect.any(String) }),
  ]);

  const restart = await api.request('POST', instances, { body: { businessKey: 'W-3', input } });
  expect(restart.status).toBe(200);
  expect(restart.body).toMatchObject({ created: false, status: 'REJECTED' });
});

it('cancels an instance through the process’s cancel update', async () => {
  await start('W-4');
  const response = await api.request('POST', `${instances}/W-4/cancel`, {
    token: 'dev-manager',
    body: { reason: 'duplicate order' },
  });
  expect(response.status).toBe(202);
  expect(response.body).toEqual({ accepted: true });
  const cancelled = await eventually(async () => {
    const state = await api.request('GET', `${instances}/W-4`);
    return state.body.closedAt ? state : undefined;
  });
  expect(cancelled.body).toMatchObject({ status: 'CANCELLED', result: { reason: 'duplicate order' } });
});

it('logs each request as one JSON line with method, route template and status, and the handlers log the workflowId', () => {
  const entries = logLines.map((line) => JSON.parse(line) as Record<string, any>);
  const completeRoute = '/v1/processes/:process/instances/:businessKey/tasks/:taskId/complete';

  const completion = entries.find((entry) => entry.route === completeRoute && entry.status === 200);
  expect(completion).toMatchObject({
    level: 30,
    service: 'ordo-api',
    method: 'POST',
    msg: `POST ${completeRoute} 200`,
    responseTime: expect.any(Number),
    req: { id: expect.any(String), method: 'POST', url: `${instances}/W-2/tasks/approval-1/complete` },
  });
  // Refusals are warnings, with the same fields.
  expect(entries.find((entry) => entry.route === completeRoute && entry.status === 403)).toMatchObject({
    level: 40,
    method: 'POST',
  });

  const byMessage = (msg: string, workflowId: string) =>
    entries.find((entry) => entry.msg === msg && entry.workflowId === workflowId);
  expect(byMessage('process instance started', 'order-to-cash:W-1')).toMatchObject({
    runId: expect.any(String),
    context: 'ProcessInstancesService',
  });
  expect(byMessage('task completed', 'order-to-cash:W-2')).toMatchObject({
    taskId: 'approval-1',
    decision: 'approve',
    actor: 'manager',
  });
  expect(byMessage('event delivered', 'order-to-cash:W-2')).toMatchObject({ event: 'payment-received' });
  expect(byMessage('cancellation accepted', 'order-to-cash:W-4')).toMatchObject({ actor: 'manager' });
  // A handler's line carries the id of the request it served.
  expect(byMessage('task completed', 'order-to-cash:W-2')?.req?.id).toBe(completion?.req.id);

  expect(logLines.join('\n')).not.toMatch(/dev-manager|dev-clerk|[Bb]earer/);
});
