/**
 * Tries, as an attacker inside the company would, what the process contracts forbid, against the real stack
 * (API, dev server, worker, sandbox). Every refusal must leave the instance as it was.
 */
import { apiCaller, eventually, type Json, startTestStack, type RunningStack } from './stack-fixture';

jest.setTimeout(300_000);

/** Persons with distinct ids: four-eyes and delegation are about persons, and every dev token's id is its role. */
const people: Record<string, { id: string; roles: string[] }> = {
  'tok-cleo': { id: 'cleo', roles: ['clerk'] },
  'tok-fran': { id: 'fran', roles: ['cfo'] },
  'tok-finn': { id: 'finn', roles: ['cfo'] },
  'tok-arturo': { id: 'arturo', roles: ['accounts-receivable'] },
  'tok-hanna': { id: 'hanna', roles: ['hr'] },
  'tok-sam': { id: 'sam', roles: ['support-l1'] },
  'tok-audrey': { id: 'audrey', roles: ['auditor'] },
  'tok-rita': { id: 'rita', roles: ['clerk', 'manager'] },
  'tok-mo': { id: 'mo', roles: ['manager'] },
  'tok-dora': { id: 'dora', roles: ['director'] },
};

const orders = '/v1/processes/order-to-cash/instances';
const documents = '/v1/processes/document-approval/instances';
const run = Date.now();

function orderOf(total: number, overrides: Json = {}): Json {
  return {
    customerId: 'C-100',
    lines: [{ sku: 'SKU-A', quantity: 1, unitPrice: total }],
    currency: 'EUR',
    paymentTermsDays: 30,
    ...overrides,
  };
}

describe('who may do what: every hole of the attack report, tried against the real stack', () => {
  let stack: RunningStack & { dispose(): Promise<void> };

  const call = apiCaller(() => stack.urls.api);

  const state = async (path: string, key: string) => (await call('GET', `${path}/${key}`, 'tok-audrey')).json;
  const task = (path: string, key: string, taskId: string, action: string, token: string, body: Json = {}) =>
    call('POST', `${path}/${key}/tasks/${taskId}/${action}`, token, body);
  const openTask = (path: string, key: string, taskId: string) =>
    eventually(async () => (await state(path, key)).openTasks?.find((open: Json) => open.taskId === taskId), {
      what: `${key} ${taskId}`,
    });
  /** What a refused request must not have changed. */
  const footprint = async (path: string, key: string) => {
    const current = await state(path, key);
    return JSON.stringify({
      status: current.status,
      stage: current.stage,
      steps: current.steps,
      openTasks: current.openTasks,
    });
  };
  const startOrder = async (key: string, token: string, total: number) => {
    const started = await call('POST', orders, token, { businessKey: key, input: orderOf(total) });
    expect(started.status).toBe(201);
  };
  const ledgerOf = async (key: string): Promise<Json[]> => {
    const ledger = (await (await fetch(`${stack.urls.sandbox}/ledger?orderId=${key}`)).json()) as Json;
    return Array.isArray(ledger) ? ledger : ledger.entries;
  };

  beforeAll(async () => {
    stack = await startTestStack({ env: { ORDO_API_TOKENS: JSON.stringify(people) } });
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('delegation lends no role: a cfo cannot hand the requester their own approval, nor to an unknown id', async () => {
    const key = `SO-AUTH-1-${run}`;
    await startOrder(key, 'tok-cleo', 12_000);
    await openTask(orders, key, 'approval-1');
    expect((await task(orders, key, 'approval-1', 'claim', 'tok-fran')).status).toBe(200);
    const before = await footprint(orders, key);

    const toRequester = await task(orders, key, 'approval-1', 'assign', 'tok-fran', { assignee: 'cleo' });
    expect(toRequester.status).toBe(403);
    const toUnqualified = await task(orders, key, 'approval-1', 'assign', 'tok-fran', { assignee: 'arturo' });
    expect(toUnqualified).toMatchObject({ status: 403, json: { message: expect.stringContaining('cfo') } });
    const toPhantom = await task(orders, key, 'approval-1', 'assign', 'tok-fran', { assignee: 'Clerk' });
    expect(toPhantom).toMatchObject({ status: 400, json: { details: [{ path: 'assignee' }] } });
    expect((await task(orders, key, 'approval-1', 'complete', 'tok-cleo', { decision: 'approve' })).status).toBe(403);
    expect(await footprint(orders, key)).toBe(before);

    expect((await task(orders, key, 'approval-1', 'assign', 'tok-fran', { assignee: 'finn' })).status).toBe(200);
    expect((await task(orders, key, 'approval-1', 'complete', 'tok-fran', { decision: 'approve' })).status).toBe(403);
    expect((await task(orders, key, 'approval-1', 'complete', 'tok-finn', { decision: 'approve' })).status).toBe(200);
  });

  it('four-eyes in order-to-cash: a cfo who started an order may neither claim nor approve it, nor see it in the inbox', async () => {
    const key = `SO-AUTH-2-${run}`;
    await startOrder(key, 'tok-fran', 12_000);
    const approval = await openTask(orders, key, 'approval-1');
    expect(approval.excludedActorIds).toEqual(['fran']);
    const before = await footprint(orders, key);
    const own = await task(orders, key, 'approval-1', 'complete', 'tok-fran', { decision: 'approve' });
    expect(own).toMatchObject({ status: 403, json: { message: expect.stringContaining('four-eyes') } });
    expect((await task(orders, key, 'approval-1', 'claim', 'tok-fran')).status).toBe(403);
    expect(await footprint(orders, key)).toBe(before);
    const inbox = await call('GET', '/v1/tasks?process=order-to-cash', 'tok-fran');
    expect(inbox.json.items.map((item: Json) => item.businessKey)).not.toContain(key);
    const colleague = await eventually(async () => {
      const items = (await call('GET', '/v1/tasks?process=order-to-cash', 'tok-finn')).json.items as Json[];
      return items.find((item) => item.businessKey === key);
    });
    expect(colleague.taskId).toBe('approval-1');
    expect((await task(orders, key, 'approval-1', 'complete', 'tok-finn', { decision: 'reject' })).status).toBe(200);
  });

  it('payments only from accounts receivable, never above what is owed nor in another currency; cancelling needs its role', async () => {
    const key = `SO-AUTH-3-${run}`;
    await startOrder(key, 'tok-cleo', 800);
    await eventually(async () => ((await state(orders, key)).stage === 'awaiting-payment' ? true : undefined), {
      what: 'awaiting-payment',
    });
    const before = await footprint(orders, key);
    const pay = (token: string, amount: number, currency: string, reference: string) =>
      call('POST', `${orders}/${key}/events/payment-received`, token, { amount, currency, reference });

    expect(await pay('tok-hanna', 800, 'EUR', 'PAY-HR')).toMatchObject({
      status: 403,
      json: { message: expect.stringContaining('accounts-receivable') },
    });
    expect((await call('POST', `${orders}/${key}/cancel`, 'tok-sam', { reason: 'just because' })).status).toBe(403);
    expect(await pay('tok-arturo', 999_999, 'EUR', 'PAY-BIG')).toMatchObject({
      status: 422,
      json: { details: [{ path: 'amount' }] },
    });
    expect(await pay('tok-arturo', 800, 'USD', 'PAY-USD')).toMatchObject({
      status: 422,
      json: { details: [{ path: 'currency' }] },
    });
    expect(await footprint(orders, key)).toBe(before);

    expect((await pay('tok-arturo', 500, 'EUR', 'PAY-A')).status).toBe(202);
    expect((await pay('tok-arturo', 500, 'EUR', 'pay-a')).status).toBe(202);
    expect(await pay('tok-arturo', 500, 'EUR', 'PAY-B')).toMatchObject({
      status: 422,
      json: { details: [{ path: 'amount' }] },
    });
    expect((await pay('tok-arturo', 300, 'EUR', 'PAY-B')).status).toBe(202);
    const done = await eventually(async () => {
      const current = await state(orders, key);
      return current.status === 'COMPLETED' && current.closedAt ? current : undefined;
    });
    expect(done.result.summary).toMatchObject({ orderTotal: 800, amountPaid: 800 });
    const receipts = (await ledgerOf(key)).filter((entry) => entry.action === 'receipt.posted');
    expect(receipts).toHaveLength(1);
  });

  it('reads follow the read rule: another department lists nothing and reads nothing; requester and auditor read', async () => {
    const key = `SO-AUTH-4-${run}`;
    await startOrder(key, 'tok-cleo', 12_000);
    await openTask(orders, key, 'approval-1');
    expect((await call('GET', `${orders}/${key}`, 'tok-hanna')).status).toBe(403);
    expect((await call('GET', `${orders}/${key}`, 'tok-cleo')).status).toBe(200);
    expect((await call('GET', `${orders}/${key}`, 'tok-audrey')).status).toBe(200);
    // A cfo is one of the process's readers; a manager is not offered this order's task, yet reads orders by role.
    expect((await call('GET', `${orders}/${key}`, 'tok-mo')).status).toBe(200);
    const listed = await eventually(async () => {
      const page = await call('GET', orders, 'tok-audrey');
      return page.json.items.some((item: Json) => item.businessKey === key) ? page : undefined;
    });
    expect(listed.status).toBe(200);
    expect((await call('GET', orders, 'tok-hanna')).json.items).toEqual([]);
  });

  it('bad money and unknown customers: 400 naming the field, nothing started; a customer the CRM lacks ends REJECTED', async () => {
    const tiny = await call('POST', orders, 'tok-cleo', { businessKey: `SO-AUTH-5a-${run}`, input: orderOf(0.001) });
    expect(tiny).toMatchObject({ status: 400, json: { details: [{ path: 'input.lines.0.unitPrice' }] } });
    const fake = await call('POST', orders, 'tok-cleo', {
      businessKey: `SO-AUTH-5b-${run}`,
      input: orderOf(100, { currency: 'ZZZ' }),
    });
    expect(fake).toMatchObject({ status: 400, json: { details: [{ path: 'input.currency' }] } });
    expect((await call('GET', `${orders}/SO-AUTH-5a-${run}`, 'tok-audrey')).status).toBe(404);
    expect(
      (await call('POST', orders, 'tok-hanna', { businessKey: `SO-AUTH-5c-${run}`, input: orderOf(100) })).status,
    ).toBe(403);
    expect((await call('GET', `${orders}/SO-AUTH-5c-${run}`, 'tok-audrey')).status).toBe(404);

    const key = `SO-AUTH-5d-${run}`;
    expect(
      (await call('POST', orders, 'tok-cleo', { businessKey: key, input: orderOf(100, { customerId: 'C-999' }) }))
        .status,
    ).toBe(201);
    const rejected = await eventually(async () => {
      const current = await state(orders, key);
      return current.closedAt ? current : undefined;
    });
    expect(rejected).toMatchObject({ status: 'REJECTED', result: { reason: 'customer C-999 not found in CRM' } });
  });

  it('document approval: the requester never decides; delegation to a role-less person and resubmission by others are refused', async () => {
    const key = `DOC-AUTH-${run}`;
    const document = {
      documentType: 'purchase-order',
      title: 'Laptops',
      amount: 500,
      currency: 'EUR',
      category: 'operational',
      department: 'sales',
    };
    expect((await call('POST', documents, 'tok-rita', { businessKey: key, input: document })).status).toBe(201);
    await openTask(documents, key, 'approval-1');
    expect((await task(documents, key, 'approval-1', 'complete', 'tok-rita', { decision: 'approve' })).status).toBe(
      403,
    );
    expect((await task(documents, key, 'approval-1', 'claim', 'tok-mo')).status).toBe(200);
    expect((await task(documents, key, 'approval-1', 'assign', 'tok-mo', { assignee: 'hanna' })).status).toBe(403);
    expect(
      (await task(documents, key, 'approval-1', 'complete', 'tok-mo', { decision: 'return', comment: 'add a quote' }))
        .status,
    ).toBe(200);
    await eventually(async () => ((await state(documents, key)).stage === 'awaiting-resubmission' ? true : undefined));

    const revision = { document: { ...document, title: 'Laptops (with quote)' }, note: 'quote attached' };
    expect((await call('POST', `${documents}/${key}/events/resubmitted`, 'tok-dora', revision)).status).toBe(403);
    expect((await call('POST', `${documents}/${key}/events/resubmitted`, 'tok-rita', revision)).status).toBe(202);
    const again = await openTask(documents, key, 'approval-2');
    expect(again.data).toMatchObject({ title: 'Laptops (with quote)', level: 1 });
  });
});
