import { createActivities, loadActivitiesConfig } from '../src';
import { ActivityRunner, asReportedFailure, rejectionOf } from './support/activity-harness';
import { startSandboxProcess, type SandboxProcess } from '@ordo/testing';

describe('purchase requisition activities against a real sandbox ERP', () => {
  let sandbox: SandboxProcess;
  let activities: ReturnType<typeof createActivities>;
  const env = () => new ActivityRunner('purchase-requisition:PR-1');
  const order = {
    poNumber: 'PO-PR-1',
    requisitionId: 'PR-1',
    supplierId: 'SUP-100',
    department: 'engineering',
    currency: 'EUR',
    neededBy: '2026-03-31',
    lines: [{ line: 1, sku: 'MON-27', description: '27" monitor', quantity: 10, unitPrice: 120 }],
  };

  beforeAll(async () => {
    sandbox = await startSandboxProcess();
    activities = createActivities(
      loadActivitiesConfig({ ORDO_SANDBOX_URL: sandbox.url, ORDO_HTTP_TIMEOUT_MS: '2000' }),
    );
  }, 120_000);
  afterAll(() => sandbox?.stop());
  beforeEach(() => sandbox.call('POST', '/reset'));

  it('creates the purchase order once: a retry under the same step, or even under another, finds the same order', async () => {
    expect(await env().run(activities.createPurchaseOrder, { ...order, step: 'purchase-order' })).toEqual({
      poNumber: 'PO-PR-1',
      amount: 1200,
      created: true,
    });
    expect(await env().run(activities.createPurchaseOrder, { ...order, step: 'purchase-order' })).toEqual({
      poNumber: 'PO-PR-1',
      amount: 1200,
      created: false,
    });
    expect(await env().run(activities.createPurchaseOrder, { ...order, step: 'purchase-order-again' })).toEqual({
      poNumber: 'PO-PR-1',
      amount: 1200,
      created: false,
    });
    expect((await sandbox.ledger('?system=erp')).map((entry) => `${entry.action} ${entry.idempotencyKey}`)).toEqual([
      'purchase-order.created purchase-requisition:PR-1:purchase-order',
    ]);
  });

  it("names the ERP's purchasing refusals: unknown supplier, another order under the number, a cancelled order", async () => {
    const unknown = asReportedFailure(
      await rejectionOf(env().run(activities.createPurchaseOrder, { ...order, supplierId: 'SUP-404', step: 'a' })),
    );
    expect(unknown).toMatchObject({
      type: 'SupplierNotFound',
      nonRetryable: true,
      details: [expect.objectContaining({ system: 'erp', status: 404, supplierId: 'SUP-404' })],
    });

    await env().run(activities.createPurchaseOrder, { ...order, step: 'b' });
    const other = asReportedFailure(
      await rejectionOf(env().run(activities.createPurchaseOrder, { ...order, department: 'sales', step: 'c' })),
    );
    expect(other).toMatchObject({ type: 'PurchaseOrderConflict', nonRetryable: true });

    await env().run(activities.cancelPurchaseOrder, { step: 'cancel', poNumber: 'PO-PR-1', reason: 'project stopped' });
    await env().run(activities.cancelPurchaseOrder, { step: 'cancel-again', poNumber: 'PO-PR-1', reason: 'again' });
    const approval = {
      step: 'approve-invoice',
      poNumber: 'PO-PR-1',
      invoiceNumber: 'INV-1',
      amount: 1200,
      currency: 'EUR',
    };
    expect(
      asReportedFailure(await rejectionOf(env().run(activities.approveInvoiceForPayment, approval))),
    ).toMatchObject({ type: 'PurchaseOrderCancelled', nonRetryable: true });
    expect((await sandbox.ledger('?system=erp')).map((entry) => entry.action)).toEqual([
      'purchase-order.created',
      'purchase-order.cancelled',
    ]);
  });

  it('approves an invoice for payment (with the exception that let it through) and opens a supplier dispute', async () => {
    await env().run(activities.createPurchaseOrder, { ...order, step: 'purchase-order' });
    const dispute = await env().run(activities.openSupplierDispute, {
      step: 'supplier-dispute',
      poNumber: 'PO-PR-1',
      invoiceNumber: 'INV-0',
      reason: 'wrong prices',
      lines: [1],
    });
    expect(dispute.disputeId).toMatch(/^DSP-/);
    const approved = await env().run(activities.approveInvoiceForPayment, {
      step: 'approve-invoice',
      poNumber: 'PO-PR-1',
      invoiceNumber: 'INV-1',
      amount: 1230,
      currency: 'EUR',
      approvedBy: 'ana',
      exception: 'freight agreed',
    });
    expect(approved.approvalId).toMatch(/^IAP-/);
    const stored = await sandbox.call('GET', '/erp/purchase-orders/PO-PR-1');
    expect(stored).toMatchObject({
      status: 'closed',
      invoiceApproval: { invoiceNumber: 'INV-1', approvedBy: 'ana', exception: 'freight agreed' },
      disputes: [{ disputeId: dispute.disputeId }],
    });
    const late = asReportedFailure(
      await rejectionOf(
        env().run(activities.cancelPurchaseOrder, { step: 'cancel', poNumber: 'PO-PR-1', reason: 'late' }),
      ),
    );
    expect(late).toMatchObject({ type: 'PurchaseOrderClosed', nonRetryable: true });
  });
});
