import { cancelUpdate, processEventUpdate, statusQuery } from '../src/lib/process-contract';
import { workflowIdFor } from '../src/lib/process-definition';
import { documentApprovalProcess } from '../src/document-approval/contract';
import { type PurchaseRequisitionInput, purchaseRequisitionProcess } from '../src/purchase-requisition/contract';
import { replayScenario } from './replay';
import { useTestStack } from './support/environment';
import { actor, DAY, HOUR, stepNamed, stepNames, updateRejection } from './support/orders';
import { createPurchaseOrderSystems } from './support/purchase-order-activities';
import {
  completeTask,
  openTask,
  type ProcessHandle,
  startProcess,
  statusOfProcess,
  statusWhen,
} from './support/processes';

const systems = createPurchaseOrderSystems();
const stack = useTestStack('purchase-requisition-tests', systems.activities);

/** Two lines: 10 × 120.00 + 4 × 250.00 = 2,200.00 EUR (one manager approves). */
function requisitionOf(overrides: Partial<PurchaseRequisitionInput> = {}): PurchaseRequisitionInput {
  return {
    title: 'Monitors and docks for the new team',
    department: 'engineering',
    category: 'it',
    supplierId: 'SUP-100',
    currency: 'EUR',
    neededBy: '2026-03-31',
    lines: [
      { sku: 'MON-27', description: '27" monitor', quantity: 10, unitPrice: 120 },
      { sku: 'DOCK-USB', description: 'USB-C dock', quantity: 4, unitPrice: 250 },
    ],
    ...overrides,
  };
}

const start = (key: string, input: PurchaseRequisitionInput = requisitionOf(), requestedBy = 'rita') =>
  startProcess(stack(), purchaseRequisitionProcess, key, input, requestedBy);

/** The document-approval child that signs off requisition `key`. */
function approvalOf(key: string): ProcessHandle {
  return stack().env.client.workflow.getHandle(
    workflowIdFor(documentApprovalProcess.name, `${key}.approval`),
  ) as ProcessHandle;
}

async function approveAll(key: string, approvers: Array<[role: string, id: string]>): Promise<void> {
  const approval = approvalOf(key);
  for (const [index, [role, id]] of approvers.entries()) {
    await openTask(approval, `approval-${index + 1}`);
    await completeTask(approval, { taskId: `approval-${index + 1}`, actor: actor(role, id), decision: 'approve' });
  }
}

const event = (
  handle: ProcessHandle,
  name: string,
  payload: unknown,
  sender = actor(name === 'goods-received' ? 'warehouse' : 'accounts-payable', 'wes'),
) => handle.executeUpdate(processEventUpdate, { args: [{ event: name, payload, actor: sender }] });
const received = (
  handle: ProcessHandle,
  receiptId: string,
  lines: Array<{ line: number; quantity: number }>,
  complete?: boolean,
) =>
  event(
    handle,
    'goods-received',
    { receiptId, lines, ...(complete === undefined ? {} : { complete }) },
    actor('warehouse', 'wes'),
  );
const invoiced = (
  handle: ProcessHandle,
  invoiceNumber: string,
  lines: Array<{ line: number; quantity: number; unitPrice: number }>,
  currency = 'EUR',
) =>
  event(
    handle,
    'invoice-received',
    { invoiceNumber, invoiceDate: '2026-03-20', currency, lines },
    actor('accounts-payable', 'ana'),
  );

const fullInvoice = [
  { line: 1, quantity: 10, unitPrice: 120 },
  { line: 2, quantity: 4, unitPrice: 250 },
];

const stage = (handle: ProcessHandle, expected: string) =>
  statusWhen(handle, (status) => expect(status.stage).toBe(expected));

describe('purchase requisition → purchase order', () => {
  test('happy path: the approval chain signs it off, one PO in the ERP, goods in, the invoice matches within tolerance and goes to payment', async () => {
    const handle = await start('PR-1');
    const waiting = await stage(handle, 'approval');
    expect(waiting.openTasks).toEqual([]);
    // The approval is a document-approval instance of its own, with the requisition as its document.
    const task = await openTask(approvalOf('PR-1'), 'approval-1');
    expect(task).toMatchObject({
      candidateRoles: ['manager'],
      data: expect.objectContaining({ amount: 2200, documentType: 'purchase-order', requestedBy: 'rita' }),
    });
    expect(task.data.summary).toContain('1. 10 × MON-27 27" monitor at 120.00');
    // Four-eyes, as in every document approval: the requester never signs off her own requisition.
    const own = completeTask(approvalOf('PR-1'), {
      taskId: 'approval-1',
      actor: { id: 'rita', roles: ['manager'] },
      decision: 'approve',
    });
    expect(await updateRejection(own)).toBe('Forbidden');
    // Nothing is received or invoiced before there is an order.
    expect(await updateRejection(received(handle, 'GR-0', [{ line: 1, quantity: 1 }]))).toBe('NotAcceptingEvent');
    await approveAll('PR-1', [['manager', 'mo']]);

    await stage(handle, 'awaiting-goods');
    expect(systems.orders.get('PO-PR-1')).toMatchObject({
      status: 'open',
      request: {
        requisitionId: 'PR-1',
        supplierId: 'SUP-100',
        lines: [expect.objectContaining({ line: 1, sku: 'MON-27' }), expect.objectContaining({ line: 2 })],
      },
    });
    await received(handle, 'GR-1', [
      { line: 1, quantity: 10 },
      { line: 2, quantity: 4 },
    ]);
    await stage(handle, 'awaiting-invoice');
    // 1.5% above the ordered price is within the 2% of an order up to 10,000.
    await invoiced(handle, 'INV-77', [
      { line: 1, quantity: 10, unitPrice: 121.8 },
      { line: 2, quantity: 4, unitPrice: 250 },
    ]);

    const result = await handle.result();
    expect(result).toMatchObject({
      status: 'COMPLETED',
      summary: {
        poNumber: 'PO-PR-1',
        amount: 2200,
        approval: {
          workflowId: 'document-approval:PR-1.approval',
          status: 'COMPLETED',
          chain: ['manager'],
          approvals: [{ role: 'manager', approvedBy: 'mo' }],
        },
        receipts: [{ receiptId: 'GR-1', receivedBy: 'wes' }],
        invoice: { invoiceNumber: 'INV-77', amount: 2218 },
        match: { matched: true },
        invoiceApproval: { approvalId: expect.stringMatching(/^IAP-/) },
      },
    });
    expect(result.decisions).toEqual([
      {
        table: 'document-approval-chain',
        version: '1',
        output: { outputs: [{ approverRole: 'manager' }], rules: ['line-manager'] },
      },
      {
        table: 'purchase-order-match-tolerance',
        version: '1',
        output: { pricePercent: 2, quantityPercent: 0, rule: 'up-to-10000' },
      },
    ]);
    expect(systems.callsOf(handle.workflowId).map((call) => call.name)).toEqual([
      'createPurchaseOrder',
      'approveInvoiceForPayment',
    ]);
    expect(systems.callsOf(handle.workflowId)[1]!.request).toEqual({
      step: 'approve-invoice',
      poNumber: 'PO-PR-1',
      invoiceNumber: 'INV-77',
      amount: 2218,
      currency: 'EUR',
    });
    const closed = await statusOfProcess(handle);
    expect(stepNames(closed)).toEqual([
      'approval',
      'purchase-order',
      'goods-receipt-1',
      'invoice-received',
      'three-way-match',
      'approve-invoice',
    ]);
    expect((await approvalOf('PR-1').result()).status).toBe('COMPLETED');
    await replayScenario(handle, 'purchase-requisition', 'matched-paid');
  });

  test('partial receipts add up (a repeated receipt counts once, more than ordered is refused); an early invoice waits for the goods', async () => {
    // The ERP's first answer is lost on the way back: the retried creation finds the order, and there is one.
    systems.loseAnswers('PO-PR-2', 1);
    const handle = await start('PR-2');
    await approveAll('PR-2', [['manager', 'mo']]);
    const ordered = await stage(handle, 'awaiting-goods');
    expect(systems.callsOf(handle.workflowId).filter((call) => call.name === 'createPurchaseOrder')).toHaveLength(2);
    expect(stepNamed(ordered, 'purchase-order').detail).toBe('PO-PR-2 (2200.00 EUR), existed already');

    await received(handle, 'GR-1', [{ line: 1, quantity: 6 }]);
    expect(await updateRejection(invoiced(handle, 'INV-0', [{ line: 1, quantity: 0, unitPrice: 120 }]))).toBe(
      'InvalidPayload',
    );
    await invoiced(handle, 'INV-9', fullInvoice);
    expect(await updateRejection(invoiced(handle, 'INV-10', fullInvoice))).toBe('NotAcceptingEvent');
    await invoiced(handle, 'inv-9', fullInvoice); // the same invoice again: accepted, no change
    await received(handle, 'gr-1', [{ line: 1, quantity: 6 }]); // the same receipt again: accepted, no change
    expect(await updateRejection(received(handle, 'GR-2', [{ line: 1, quantity: 5 }]))).toBe('Unprocessable');
    expect(await updateRejection(received(handle, 'GR-2', [{ line: 3, quantity: 1 }]))).toBe('Unprocessable');
    expect(await updateRejection(received(handle, 'GR-2', [{ line: 2, quantity: 0 }]))).toBe('InvalidPayload');
    await received(handle, 'GR-2', [{ line: 1, quantity: 1 }]);
    const partial = await statusOfProcess(handle);
    expect(partial.stage).toBe('awaiting-goods');
    expect(stepNamed(partial, 'goods-receipt-2').detail).toBe('GR-2 by wes; received 1: 7/10, 2: 0/4');

    await received(handle, 'GR-3', [
      { line: 1, quantity: 3 },
      { line: 2, quantity: 4 },
    ]);
    const result = await handle.result();
    expect(result).toMatchObject({
      status: 'COMPLETED',
      summary: {
        receipts: [{ receiptId: 'GR-1' }, { receiptId: 'GR-2' }, { receiptId: 'GR-3' }],
        match: {
          matched: true,
          lines: [
            expect.objectContaining({ line: 1, received: 10, invoiced: 10 }),
            expect.objectContaining({ line: 2, received: 4 }),
          ],
        },
      },
    });
    await replayScenario(handle, 'purchase-requisition', 'partial-receipts-early-invoice');
  });

  test('an invoice beyond tolerance goes to accounts payable, who approve it anyway with a comment', async () => {
    const handle = await start('PR-3');
    await approveAll('PR-3', [['manager', 'mo']]);
    await stage(handle, 'awaiting-goods');
    await received(handle, 'GR-1', [
      { line: 1, quantity: 10 },
      { line: 2, quantity: 4 },
    ]);
    expect(await updateRejection(invoiced(handle, 'INV-5', fullInvoice, 'USD'))).toBe('Unprocessable');
    // 5% above the ordered price of line 2.
    await invoiced(handle, 'INV-5', [
      { line: 1, quantity: 10, unitPrice: 120 },
      { line: 2, quantity: 4, unitPrice: 262.5 },
    ]);
    const review = await openTask(handle, 'invoice-review-1');
    expect(review).toMatchObject({
      candidateRoles: ['accounts-payable'],
      decisions: ['approve', 'reject'],
      priority: 'high',
      data: expect.objectContaining({
        poNumber: 'PO-PR-3',
        invoiceNumber: 'INV-5',
        mismatch: 'line 2 (DOCK-USB): unit price 262.50, ordered at 250.00',
      }),
    });
    expect(Date.parse(review.dueAt) - Date.parse(review.createdAt)).toBe(3 * DAY);
    expect((await statusOfProcess(handle)).stage).toBe('invoice-review');
    // Paying what does not match needs a reason; the requester may not decide on her own order.
    const decide = (id: string, decision: string, comment?: string) =>
      completeTask(handle, {
        taskId: 'invoice-review-1',
        actor: { id, roles: ['accounts-payable'] },
        decision,
        ...(comment === undefined ? {} : { comment }),
      });
    expect(await updateRejection(decide('ana', 'approve'))).toBe('InvalidPayload');
    expect(await updateRejection(decide('ana', 'approve', '  '))).toBe('InvalidPayload');
    expect(await updateRejection(decide('rita', 'approve', 'fine'))).toBe('Forbidden');
    expect(
      await updateRejection(
        completeTask(handle, {
          taskId: 'invoice-review-1',
          actor: actor('warehouse', 'wes'),
          decision: 'approve',
          comment: 'ok',
        }),
      ),
    ).toBe('Forbidden');
    await decide('ana', 'approve', 'freight surcharge agreed by phone');

    const result = await handle.result();
    expect(result).toMatchObject({
      status: 'COMPLETED',
      summary: {
        match: { matched: false },
        invoiceApproval: { approvedBy: 'ana', exception: 'freight surcharge agreed by phone' },
      },
    });
    expect(systems.callsOf(handle.workflowId).at(-1)!.request).toMatchObject({
      approvedBy: 'ana',
      exception: 'freight surcharge agreed by phone',
      amount: 2250,
    });
    await replayScenario(handle, 'purchase-requisition', 'mismatch-approved-anyway');
  });

  test('a short delivery invoiced in full is rejected by accounts payable into a supplier dispute; an unattended review escalates to the CFO', async () => {
    const handle = await start('PR-4');
    await approveAll('PR-4', [['manager', 'mo']]);
    await stage(handle, 'awaiting-goods');
    await received(
      handle,
      'GR-1',
      [
        { line: 1, quantity: 8 },
        { line: 2, quantity: 4 },
      ],
      true,
    );
    await invoiced(handle, 'INV-6', fullInvoice);
    await openTask(handle, 'invoice-review-1');

    await stack().env.sleep(3 * DAY + HOUR);
    const escalated = await statusWhen(handle, (status) =>
      expect(status.openTasks[0]?.candidateRoles).toEqual(['cfo']),
    );
    expect(escalated.openTasks[0]).toMatchObject({ escalationLevel: 1 });
    expect(systems.mailsOf(handle.workflowId).map((mail) => mail.to)).toEqual(
      expect.arrayContaining(['accounts-payable@ordo.local', 'cfo@ordo.local']),
    );
    await completeTask(handle, {
      taskId: 'invoice-review-1',
      actor: actor('cfo', 'carla'),
      decision: 'reject',
      comment: 'billed 2 monitors we never got',
    });

    const result = await handle.result();
    expect(result).toMatchObject({
      status: 'REJECTED',
      reason: 'invoice INV-6 rejected by carla: billed 2 monitors we never got; dispute DSP-1 opened with the supplier',
      summary: {
        disputeId: 'DSP-1',
        match: {
          matched: false,
          lines: [
            expect.objectContaining({ line: 1, received: 8, invoiced: 10, quantityMatches: false }),
            expect.objectContaining({ line: 2, quantityMatches: true }),
          ],
        },
      },
    });
    expect(
      systems.callsOf(handle.workflowId).find((call) => call.name === 'openSupplierDispute')!.request,
    ).toMatchObject({ lines: [1], reason: 'billed 2 monitors we never got' });
    // The order stands: its goods were received.
    expect(systems.orders.get('PO-PR-4')!.status).toBe('open');
    await replayScenario(handle, 'purchase-requisition', 'short-delivery-disputed');
  });

  test('a requisition the approval chain rejects ends REJECTED without a purchase order', async () => {
    // 30,000 EUR: manager, then director.
    const handle = await start(
      'PR-5',
      requisitionOf({ lines: [{ sku: 'SRV-1', description: 'Build server', quantity: 2, unitPrice: 15_000 }] }),
    );
    const approval = approvalOf('PR-5');
    await openTask(approval, 'approval-1');
    await completeTask(approval, { taskId: 'approval-1', actor: actor('manager', 'mo'), decision: 'approve' });
    await openTask(approval, 'approval-2');
    await completeTask(approval, {
      taskId: 'approval-2',
      actor: actor('director', 'dora'),
      decision: 'reject',
      comment: 'use the cloud',
    });

    const result = await handle.result();
    expect(result).toMatchObject({
      status: 'REJECTED',
      reason: 'not approved: rejected at level 2 (director) by dora: use the cloud',
      summary: { approval: { status: 'REJECTED', chain: ['manager', 'director'] } },
    });
    expect(result.summary.poNumber).toBeUndefined();
    expect(systems.callsOf(handle.workflowId)).toEqual([]);
    expect(systems.orders.has('PO-PR-5')).toBe(false);
    await replayScenario(handle, 'purchase-requisition', 'requisition-rejected');
  });

  test('a returned requisition resubmitted at another amount is not ordered: the approval counts only for what it saw', async () => {
    const handle = await start('PR-10');
    const approval = approvalOf('PR-10');
    const task = await openTask(approval, 'approval-1');
    await completeTask(approval, {
      taskId: 'approval-1',
      actor: actor('manager', 'mo'),
      decision: 'return',
      comment: 'only half the monitors',
    });
    await statusWhen(approval, (status) => expect(status.stage).toBe('awaiting-resubmission'));
    const document = {
      documentType: 'purchase-order',
      title: task.title,
      amount: 1600,
      currency: 'EUR',
      category: 'it',
      department: 'engineering',
    };
    await approval.executeUpdate(processEventUpdate, {
      args: [{ event: 'resubmitted', payload: { document }, actor: actor('clerk', 'rita') }],
    });
    await openTask(approval, 'approval-2');
    await completeTask(approval, { taskId: 'approval-2', actor: actor('manager', 'mo'), decision: 'approve' });

    expect(await handle.result()).toMatchObject({
      status: 'REJECTED',
      reason: 'approved for 1600.00 EUR, but the requisition is for 2200.00 EUR: raise a new requisition',
      summary: { approval: { status: 'COMPLETED' } },
    });
    expect(systems.callsOf(handle.workflowId)).toEqual([]);
  });

  test('cancelled while waiting for goods: the PO is cancelled in the ERP (compensation); once goods arrived, cancelling is refused', async () => {
    const handle = await start('PR-6');
    await approveAll('PR-6', [['manager', 'mo']]);
    await stage(handle, 'awaiting-goods');
    const cancel = (reason: string, by = actor('clerk', 'rita')) =>
      handle.executeUpdate(cancelUpdate, { args: [{ actor: by, reason }] });
    expect(await updateRejection(cancel(' '))).toBe('InvalidPayload');
    await cancel('project stopped');

    const result = await handle.result();
    expect(result).toMatchObject({ status: 'CANCELLED', reason: 'project stopped', summary: { poNumber: 'PO-PR-6' } });
    expect(systems.orders.get('PO-PR-6')!.status).toBe('cancelled');
    expect(systems.callsOf(handle.workflowId).at(-1)).toMatchObject({
      name: 'cancelPurchaseOrder',
      request: { step: 'cancel-purchase-order', poNumber: 'PO-PR-6', reason: 'project stopped' },
    });
    const closed = await statusOfProcess(handle);
    expect(stepNamed(closed, 'purchase-order').status).toBe('COMPENSATED');
    expect(closed).toMatchObject({ status: 'CANCELLED', stage: 'closed' });
    await replayScenario(handle, 'purchase-requisition', 'cancelled-awaiting-goods');

    const delivered = await start('PR-7');
    await approveAll('PR-7', [['manager', 'mo']]);
    await stage(delivered, 'awaiting-goods');
    await received(delivered, 'GR-1', [{ line: 1, quantity: 1 }]);
    expect(
      await updateRejection(
        delivered.executeUpdate(cancelUpdate, { args: [{ actor: actor('cfo'), reason: 'too late' }] }),
      ),
    ).toBe('NotCancellable');
    expect((await delivered.query(statusQuery)).status).toBe('RUNNING');
    await delivered.terminate('test over');
  });

  test('cancelled during approval: the approval instance is cancelled with it, no PO is created', async () => {
    const handle = await start('PR-8');
    await openTask(approvalOf('PR-8'), 'approval-1');
    await handle.executeUpdate(cancelUpdate, {
      args: [{ actor: actor('director', 'dora'), reason: 'duplicate of PR-1' }],
    });

    const result = await handle.result();
    expect(result).toMatchObject({
      status: 'CANCELLED',
      reason: 'duplicate of PR-1',
      summary: { approval: { status: 'CANCELLED' } },
    });
    expect(await approvalOf('PR-8').result()).toMatchObject({ status: 'CANCELLED' });
    expect((await statusOfProcess(approvalOf('PR-8'))).openTasks).toEqual([]);
    expect(systems.callsOf(handle.workflowId)).toEqual([]);
    await replayScenario(handle, 'purchase-requisition', 'cancelled-during-approval');
  });

  test('a supplier the ERP does not know ends the approved requisition REJECTED', async () => {
    const handle = await start('PR-9', requisitionOf({ supplierId: 'SUP-404' }));
    await approveAll('PR-9', [['manager', 'mo']]);
    expect(await handle.result()).toMatchObject({
      status: 'REJECTED',
      reason: 'supplier SUP-404 is not known to the ERP',
    });
    expect(stepNamed(await statusOfProcess(handle), 'purchase-order').status).toBe('FAILED');
  });
});
