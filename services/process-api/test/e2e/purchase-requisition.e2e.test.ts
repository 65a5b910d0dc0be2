import { apiCaller, eventually, type Json, startTestStack, type RunningStack } from './stack-fixture';

jest.setTimeout(300_000);

/** People with distinct ids: the requester, an approver, the warehouse clerk, accounts payable, an auditor. */
const people: Record<string, { id: string; roles: string[] }> = {
  'tok-rita': { id: 'rita', roles: ['clerk'] },
  'tok-mo': { id: 'mo', roles: ['manager'] },
  'tok-wes': { id: 'wes', roles: ['warehouse'] },
  'tok-ana': { id: 'ana', roles: ['accounts-payable'] },
  'tok-audrey': { id: 'audrey', roles: ['auditor'] },
};

describe('purchase requisition end to end: REST start, approval, ERP purchase order, receipts, invoice, review', () => {
  let stack: RunningStack & { dispose(): Promise<void> };
  const run = Date.now();

  const call = apiCaller(() => stack.urls.api);

  const requisitions = '/v1/processes/purchase-requisition/instances';
  const requisition = (key: string) => `${requisitions}/${key}`;
  const approvalOf = (key: string) => `/v1/processes/document-approval/instances/${key}.approval`;
  const read = async (path: string) => (await call('GET', path, 'tok-audrey')).json;
  const openTask = (path: string, taskId: string) =>
    eventually(async () => (await read(path)).openTasks?.find((task: Json) => task.taskId === taskId), {
      what: `task ${taskId} of ${path}`,
    });
  const atStage = (key: string, stage: string) =>
    eventually(async () => ((await read(requisition(key))).stage === stage ? true : undefined), {
      what: `${key} at ${stage}`,
    });
  const closed = (key: string) =>
    eventually(
      async () => {
        const current = await read(requisition(key));
        return current.status !== 'RUNNING' && current.closedAt ? current : undefined;
      },
      { what: `${key} closed` },
    );
  const purchaseOrder = async (key: string): Promise<Json> =>
    (await (await fetch(`${stack.urls.sandbox}/erp/purchase-orders/PO-${key}`)).json()) as Json;
  const ledger = async (key: string): Promise<Json[]> =>
    ((await (await fetch(`${stack.urls.sandbox}/ledger?orderId=${key}`)).json()) as Json).entries;
  const event = (key: string, name: string, token: string, payload: unknown) =>
    call('POST', `${requisition(key)}/events/${name}`, token, payload);

  const input = {
    title: 'Monitors for the new team',
    department: 'engineering',
    category: 'it',
    supplierId: 'SUP-100',
    currency: 'EUR',
    neededBy: '2026-03-31',
    lines: [
      { sku: 'MON-27', description: '27" monitor', quantity: 10, unitPrice: 120 },
      { sku: 'DOCK-USB', description: 'USB-C dock', quantity: 4, unitPrice: 250 },
    ],
  };

  /** Starts a requisition as rita and has mo approve it on its document-approval instance. */
  async function startApproved(key: string): Promise<void> {
    const started = await call('POST', requisitions, 'tok-rita', { businessKey: key, input });
    expect(started.status).toBe(201);
    expect(started.json).toMatchObject({ workflowId: `purchase-requisition:${key}`, created: true });
    await openTask(approvalOf(key), 'approval-1');
    expect(
      (await call('POST', `${approvalOf(key)}/tasks/approval-1/complete`, 'tok-mo', { decision: 'approve' })).status,
    ).toBe(200);
    await atStage(key, 'awaiting-goods');
  }

  beforeAll(async () => {
    stack = await startTestStack({ env: { ORDO_API_TOKENS: JSON.stringify(people) } });
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('is in the catalog with its events, senders and task type', async () => {
    const { json } = await call('GET', '/v1/processes', 'tok-rita');
    const entry = (json.items as Json[]).find((item) => item.name === 'purchase-requisition');
    expect(entry).toMatchObject({
      version: '1.0.0',
      ownerTeam: 'procurement',
      decisionTables: [
        { name: 'document-approval-chain', version: '1' },
        { name: 'purchase-order-match-tolerance', version: '1' },
      ],
      taskTypes: [{ type: 'invoice-review', roles: ['accounts-payable', 'cfo'], decisions: ['approve', 'reject'] }],
    });
    expect(entry!.events.map((item: Json) => item.name)).toEqual(['goods-received', 'invoice-received']);
  });

  it('runs a requisition through approval, one PO, two partial receipts and an invoice approved anyway after review', async () => {
    const key = `PR-E2E-${run}`;
    expect(
      (await call('POST', requisitions, 'tok-rita', { businessKey: key, input: { ...input, lines: [] } })).status,
    ).toBe(400);
    const started = await call('POST', requisitions, 'tok-rita', { businessKey: key, input });
    expect(started.status).toBe(201);
    expect((await call('POST', requisitions, 'tok-rita', { businessKey: key, input })).json).toMatchObject({
      created: false,
    });

    // The approval is a document-approval instance, in the approver's inbox; the requisition itself waits.
    const task = await openTask(approvalOf(key), 'approval-1');
    expect(task).toMatchObject({
      candidateRoles: ['manager'],
      data: expect.objectContaining({ amount: 2200, requestedBy: 'rita' }),
    });
    const inbox = await eventually(
      async () =>
        ((await call('GET', '/v1/tasks', 'tok-mo')).json.items as Json[] | undefined)?.find(
          (item) => item.businessKey === `${key}.approval`,
        ),
      { what: 'the approval in the manager inbox' },
    );
    expect(inbox).toMatchObject({ process: 'document-approval', taskId: 'approval-1' });
    expect((await call('GET', requisition(key), 'tok-rita')).json).toMatchObject({
      status: 'RUNNING',
      stage: 'approval',
    });
    expect((await call('GET', approvalOf(key), 'tok-rita')).status).toBe(200); // the requester reads her approval
    expect(
      (await call('POST', `${approvalOf(key)}/tasks/approval-1/complete`, 'tok-mo', { decision: 'approve' })).status,
    ).toBe(200);
    await atStage(key, 'awaiting-goods');

    const created = (await ledger(key)).filter((entry) => entry.system === 'erp');
    expect(created.map((entry) => `${entry.action} ${entry.details.poNumber} ${entry.idempotencyKey}`)).toEqual([
      `purchase-order.created PO-${key} purchase-requisition:${key}:purchase-order`,
    ]);
    const po = await purchaseOrder(key);
    expect(po).toMatchObject({
      status: 'open',
      amount: 2200,
      supplierId: 'SUP-100',
      lines: [expect.objectContaining({ line: 1, sku: 'MON-27' }), expect.objectContaining({ line: 2 })],
    });

    // Only the warehouse reports receipts; they add up and never exceed what was ordered.
    expect(
      (await event(key, 'goods-received', 'tok-ana', { receiptId: 'GR-1', lines: [{ line: 1, quantity: 6 }] })).status,
    ).toBe(403);
    expect(
      (await event(key, 'goods-received', 'tok-wes', { receiptId: 'GR-1', lines: [{ line: 1, quantity: 6 }] })).status,
    ).toBe(202);
    expect(
      (await event(key, 'goods-received', 'tok-wes', { receiptId: 'GR-1', lines: [{ line: 1, quantity: 6 }] })).status,
    ).toBe(202);
    const over = await event(key, 'goods-received', 'tok-wes', {
      receiptId: 'GR-2',
      lines: [{ line: 1, quantity: 5 }],
    });
    expect(over.status).toBe(422);
    expect(over.json.message).toContain('exceed the 10 ordered (6 received so far)');
    // The invoice may come before the rest of the goods; only accounts payable books it.
    const invoice = {
      invoiceNumber: 'INV-501',
      invoiceDate: '2026-03-20',
      currency: 'EUR',
      lines: [
        { line: 1, quantity: 10, unitPrice: 120 },
        { line: 2, quantity: 4, unitPrice: 275 },
      ],
    };
    expect((await event(key, 'invoice-received', 'tok-wes', invoice)).status).toBe(403);
    expect((await event(key, 'invoice-received', 'tok-ana', { ...invoice, currency: 'USD' })).status).toBe(422);
    expect((await event(key, 'invoice-received', 'tok-ana', invoice)).status).toBe(202);
    expect((await read(requisition(key))).stage).toBe('awaiting-goods');
    expect(
      (
        await event(key, 'goods-received', 'tok-wes', {
          receiptId: 'GR-2',
          lines: [
            { line: 1, quantity: 4 },
            { line: 2, quantity: 4 },
          ],
        })
      ).status,
    ).toBe(202);

    // 275.00 against 250.00 ordered is beyond the 2% tolerance: accounts payable review it.
    const review = await openTask(requisition(key), 'invoice-review-1');
    expect(review).toMatchObject({
      candidateRoles: ['accounts-payable'],
      data: expect.objectContaining({ mismatch: 'line 2 (DOCK-USB): unit price 275.00, ordered at 250.00' }),
    });
    const reviewUrl = `${requisition(key)}/tasks/invoice-review-1/complete`;
    const noReason = await call('POST', reviewUrl, 'tok-ana', { decision: 'approve' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.json)).toContain('comment');
    expect((await call('POST', reviewUrl, 'tok-wes', { decision: 'approve', comment: 'looks fine' })).status).toBe(403);
    expect(
      (await call('POST', reviewUrl, 'tok-ana', { decision: 'approve', comment: 'price rise announced in January' }))
        .status,
    ).toBe(200);

    const done = await closed(key);
    expect(done).toMatchObject({
      status: 'COMPLETED',
      result: {
        summary: {
          poNumber: `PO-${key}`,
          approval: {
            workflowId: `document-approval:${key}.approval`,
            status: 'COMPLETED',
            approvals: [{ role: 'manager', approvedBy: 'mo' }],
          },
          receipts: [
            { receiptId: 'GR-1', receivedBy: 'wes' },
            { receiptId: 'GR-2', receivedBy: 'wes' },
          ],
          invoice: { invoiceNumber: 'INV-501', amount: 2300 },
          match: { matched: false },
          invoiceApproval: { approvedBy: 'ana', exception: 'price rise announced in January' },
        },
      },
    });
    expect((await ledger(key)).filter((entry) => entry.system === 'erp').map((entry) => entry.action)).toEqual([
      'purchase-order.created',
      'invoice.approved-for-payment',
    ]);
    expect((await purchaseOrder(key)).status).toBe('closed');
  });

  it('cancelled by its requester before the goods came, the PO is cancelled in the ERP; after a receipt, cancelling is refused', async () => {
    const key = `PR-E2E-C-${run}`;
    await startApproved(key);
    expect((await call('POST', `${requisition(key)}/cancel`, 'tok-wes', { reason: 'not mine' })).status).toBe(403);
    expect(
      (await call('POST', `${requisition(key)}/cancel`, 'tok-rita', { reason: 'project stopped' })).status,
    ).toBeLessThan(300);
    const done = await closed(key);
    expect(done).toMatchObject({ status: 'CANCELLED', result: { reason: 'project stopped' } });
    expect((await ledger(key)).filter((entry) => entry.system === 'erp').map((entry) => entry.action)).toEqual([
      'purchase-order.created',
      'purchase-order.cancelled',
    ]);
    expect((await purchaseOrder(key)).status).toBe('cancelled');

    const delivered = `PR-E2E-D-${run}`;
    await startApproved(delivered);
    expect(
      (await event(delivered, 'goods-received', 'tok-wes', { receiptId: 'GR-1', lines: [{ line: 1, quantity: 1 }] }))
        .status,
    ).toBe(202);
    expect((await call('POST', `${requisition(delivered)}/cancel`, 'tok-rita', { reason: 'too late' })).status).toBe(
      409,
    );
  });
});
