import { useSandbox } from './support';

describe('erp purchase orders', () => {
  const sandbox = useSandbox();
  let keys = 0;
  const key = () => `po-test-${++keys}`;
  const order = {
    requisitionId: 'PR-1',
    supplierId: 'SUP-100',
    department: 'engineering',
    currency: 'EUR',
    neededBy: '2026-03-31',
    lines: [
      { line: 1, sku: 'MON-27', description: '27" monitor', quantity: 10, unitPrice: 120 },
      { line: 2, sku: 'DOCK-USB', description: 'USB-C dock', quantity: 3, unitPrice: 0.1 },
    ],
  };
  const put = (body: unknown, idempotencyKey = key(), poNumber = 'PO-PR-1') =>
    sandbox.call('PUT', `/erp/purchase-orders/${poNumber}`, { idempotencyKey, body });
  const post = (path: string, body: unknown) =>
    sandbox.call('POST', `/erp/purchase-orders/PO-PR-1${path}`, { idempotencyKey: key(), body });

  it('creates one order per PO number, whatever key a retry carries; other content under the number is refused', async () => {
    const first = await put(order, 'k-1');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      poNumber: 'PO-PR-1',
      status: 'open',
      amount: 1200.3,
      currency: 'EUR',
      disputes: [],
    });

    const replayed = await put(order, 'k-1');
    expect([replayed.status, replayed.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    // A new key, the same order (keys in another order): the existing order, no second one.
    const again = await put(
      {
        ...order,
        lines: order.lines.map(({ unitPrice, quantity, description, sku, line }) => ({
          unitPrice,
          quantity,
          description,
          sku,
          line,
        })),
      },
      'k-2',
    );
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);

    const other = await put({ ...order, supplierId: 'SUP-200' }, 'k-3');
    expect(other.status).toBe(409);
    expect(other.body).toEqual({ error: 'purchase_order_conflict', poNumber: 'PO-PR-1', requisitionId: 'PR-1' });
    expect(
      (await sandbox.ledger('?system=erp')).map((entry) => `${entry.action} ${entry.orderId} ${entry.idempotencyKey}`),
    ).toEqual(['purchase-order.created PR-1 k-1']);
    expect((await sandbox.call('GET', '/erp/purchase-orders/PO-PR-1')).body).toMatchObject({
      poNumber: 'PO-PR-1',
      requisitionId: 'PR-1',
      lines: order.lines,
    });
  });

  it('refuses an unknown supplier, unnumbered lines, and answers 404 for an unknown order', async () => {
    expect((await put({ ...order, supplierId: 'SUP-404' })).body).toEqual({
      error: 'supplier_not_found',
      supplierId: 'SUP-404',
    });
    const unnumbered = await put({ ...order, lines: [{ ...order.lines[0], line: 2 }] });
    expect([unnumbered.status, unnumbered.body.field]).toEqual([400, 'lines']);
    expect((await sandbox.call('GET', '/erp/purchase-orders/PO-NOPE')).body).toEqual({
      error: 'purchase_order_not_found',
      poNumber: 'PO-NOPE',
    });
    expect(await sandbox.ledger()).toEqual([]);
  });

  it('cancels an open order once (again changes nothing); a cancelled order takes no invoice approval or dispute', async () => {
    await put(order);
    expect((await post('/cancel', { reason: 'project stopped' })).body).toEqual({
      poNumber: 'PO-PR-1',
      status: 'cancelled',
    });
    expect((await post('/cancel', { reason: 'again' })).body).toEqual({ poNumber: 'PO-PR-1', status: 'cancelled' });
    expect(
      (await post('/invoice-approvals', { invoiceNumber: 'INV-1', amount: 1200.3, currency: 'EUR' })).body,
    ).toEqual({
      error: 'purchase_order_cancelled',
      poNumber: 'PO-PR-1',
    });
    expect((await post('/disputes', { invoiceNumber: 'INV-1', reason: 'x', lines: [1] })).status).toBe(409);
    expect((await sandbox.ledger('?system=erp')).map((entry) => entry.action)).toEqual([
      'purchase-order.created',
      'purchase-order.cancelled',
    ]);
  });

  it('approves one invoice for payment, closing the order; the same invoice again is answered, another refused', async () => {
    await put(order);
    expect(
      (await post('/invoice-approvals', { invoiceNumber: 'INV-1', amount: 1200.3, currency: 'USD' })).body.error,
    ).toBe('currency_mismatch');
    const approved = await post('/invoice-approvals', {
      invoiceNumber: 'INV-1',
      amount: 1250,
      currency: 'EUR',
      approvedBy: 'ana',
      exception: 'freight agreed',
    });
    expect(approved.status).toBe(201);
    expect(approved.body).toEqual({
      approvalId: expect.stringMatching(/^IAP-/),
      poNumber: 'PO-PR-1',
      invoiceNumber: 'INV-1',
      amount: 1250,
      currency: 'EUR',
      approvedBy: 'ana',
      exception: 'freight agreed',
      status: 'approved-for-payment',
    });
    expect(
      (await post('/invoice-approvals', { invoiceNumber: 'INV-1', amount: 1250, currency: 'EUR' })).body.approvalId,
    ).toBe(approved.body.approvalId);
    expect((await post('/invoice-approvals', { invoiceNumber: 'INV-2', amount: 1, currency: 'EUR' })).body).toEqual({
      error: 'invoice_already_approved',
      poNumber: 'PO-PR-1',
      invoiceNumber: 'INV-1',
    });
    expect((await post('/cancel', { reason: 'too late' })).body).toEqual({
      error: 'purchase_order_closed',
      poNumber: 'PO-PR-1',
      invoiceNumber: 'INV-1',
    });
    expect((await sandbox.call('GET', '/erp/purchase-orders/PO-PR-1')).body).toMatchObject({
      status: 'closed',
      invoiceApproval: { invoiceNumber: 'INV-1' },
    });
    expect((await sandbox.ledger('?action=invoice.approved-for-payment')).map((entry) => entry.details)).toEqual([
      expect.objectContaining({ invoiceNumber: 'INV-1', amount: 1250, approvedBy: 'ana', exception: 'freight agreed' }),
    ]);
  });

  it('opens a dispute with the supplier about an invoice', async () => {
    await put(order);
    const dispute = await post('/disputes', {
      invoiceNumber: 'INV-9',
      reason: 'billed 2 monitors we never got',
      lines: [1],
    });
    expect(dispute.status).toBe(201);
    expect(dispute.body).toEqual({
      disputeId: expect.stringMatching(/^DSP-/),
      poNumber: 'PO-PR-1',
      supplierId: 'SUP-100',
      invoiceNumber: 'INV-9',
      reason: 'billed 2 monitors we never got',
      lines: [1],
      status: 'open',
    });
    expect((await sandbox.call('GET', '/erp/purchase-orders/PO-PR-1')).body.disputes).toEqual([
      expect.objectContaining({ disputeId: dispute.body.disputeId }),
    ]);
  });

  it('forgets orders on reset', async () => {
    await put(order);
    await sandbox.call('POST', '/reset');
    expect((await sandbox.call('GET', '/erp/purchase-orders/PO-PR-1')).status).toBe(404);
  });
});
