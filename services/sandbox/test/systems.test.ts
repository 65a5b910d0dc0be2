import { useSandbox } from './support';

describe('crm, carrier, accounting, payments and mail', () => {
  const sandbox = useSandbox();
  let keys = 0;
  const key = () => `systems-test-${++keys}`;
  const post = (url: string, body?: unknown) => sandbox.call('POST', url, { idempotencyKey: key(), body });
  const invoiceBody = {
    orderId: 'O-1',
    customerId: 'C-100',
    lines: [{ sku: 'SKU-A', quantity: 2, unitPrice: 150 }],
    amount: 300,
    currency: 'EUR',
    issuedAt: '2030-03-01T10:00:00.000Z',
    dueDate: '2030-03-31',
  };

  it('crm serves customers with credit standing, 404 for unknown ones', async () => {
    expect((await sandbox.call('GET', '/crm/customers/C-100')).body).toEqual({
      customerId: 'C-100',
      name: expect.any(String),
      email: expect.stringContaining('@'),
      creditLimit: 100_000,
      exposure: 0,
      available: 100_000,
    });
    expect((await sandbox.call('GET', '/crm/customers/C-200')).body).toMatchObject({
      creditLimit: 500,
      available: 500,
    });
    const missing = await sandbox.call('GET', '/crm/customers/C-999');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'customer_not_found', customerId: 'C-999' });
  });

  it('carrier ships and takes one return per shipment', async () => {
    const shipped = await post('/carrier/shipments', {
      orderId: 'O-1',
      customerId: 'C-100',
      lines: [{ sku: 'SKU-A', quantity: 1 }],
    });
    expect(shipped.status).toBe(201);
    expect(shipped.body).toEqual({
      shipmentId: expect.any(String),
      trackingNumber: expect.any(String),
      status: 'created',
    });

    const returned = await post(`/carrier/shipments/${shipped.body.shipmentId}/returns`);
    const twice = await post(`/carrier/shipments/${shipped.body.shipmentId}/returns`);
    const unknown = await post('/carrier/shipments/SHP-NOPE/returns');

    expect(returned.status).toBe(201);
    expect(returned.body).toEqual({ returnId: expect.any(String), shipmentId: shipped.body.shipmentId });
    expect(twice.body.error).toBe('return_already_created');
    expect(unknown.body.error).toBe('shipment_not_found');
    expect((await sandbox.ledger('?system=carrier')).map((entry) => entry.action)).toEqual([
      'shipment.created',
      'return.created',
    ]);
  });

  it('accounting issues invoices that count as customer exposure until paid', async () => {
    const issued = await post('/accounting/invoices', invoiceBody);
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({
      invoiceId: expect.any(String),
      invoiceNumber: expect.stringMatching(/^2030-\d{6}$/),
    });
    expect((await sandbox.call('GET', '/crm/customers/C-100')).body).toMatchObject({
      exposure: 300,
      available: 99_700,
    });

    const receipt = await post('/accounting/receipts', {
      orderId: 'O-1',
      invoiceId: issued.body.invoiceId,
      amount: 100,
      currency: 'EUR',
    });
    expect(receipt.status).toBe(201);
    expect(receipt.body).toMatchObject({ receiptId: expect.any(String), status: 'partially-paid', balance: 200 });

    const writeOff = await post(`/accounting/invoices/${issued.body.invoiceId}/write-off`, {
      amount: 200,
      currency: 'EUR',
    });
    expect(writeOff.body).toMatchObject({ status: 'written-off', balance: 0 });
    expect((await sandbox.call('GET', '/crm/customers/C-100')).body).toMatchObject({ exposure: 0 });

    const tooMuch = await post(`/accounting/invoices/${issued.body.invoiceId}/write-off`, {
      amount: 1,
      currency: 'EUR',
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toBe('amount_exceeds_balance');
  });

  it('accounting refuses a receipt on a voided invoice', async () => {
    const { invoiceId } = (await post('/accounting/invoices', invoiceBody)).body;
    const voided = await post(`/accounting/invoices/${invoiceId}/void`);
    const receipt = await post('/accounting/receipts', { orderId: 'O-1', invoiceId, amount: 300, currency: 'EUR' });
    const voidAgain = await post(`/accounting/invoices/${invoiceId}/void`);

    expect(voided.body).toEqual({ invoiceId, status: 'voided' });
    expect(receipt.status).toBe(409);
    expect(receipt.body).toEqual({ error: 'invoice_voided', invoiceId });
    expect(voidAgain.body.error).toBe('invoice_voided');
    expect((await sandbox.call('GET', `/accounting/invoices/${invoiceId}`)).body).toMatchObject({
      status: 'voided',
      amountPaid: 0,
    });
    expect((await sandbox.ledger('?system=accounting')).map((entry) => entry.action)).toEqual([
      'invoice.created',
      'invoice.voided',
    ]);
  });

  it('accounting stores and serves the invoice PDF', async () => {
    const { invoiceId } = (await post('/accounting/invoices', invoiceBody)).body;
    // The sandbox only checks the PDF signature; rendering real PDFs is the activities' job (tested there).
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
      'latin1',
    );

    const missing = await sandbox.call('GET', `/accounting/invoices/${invoiceId}/document`);
    const notPdf = await sandbox.call('PUT', `/accounting/invoices/${invoiceId}/document`, {
      idempotencyKey: key(),
      body: Buffer.from('hello'),
      contentType: 'application/pdf',
    });
    const stored = await sandbox.call('PUT', `/accounting/invoices/${invoiceId}/document`, {
      idempotencyKey: key(),
      body: pdf,
      contentType: 'application/pdf',
    });
    const served = await sandbox.call('GET', `/accounting/invoices/${invoiceId}/document`);

    expect(missing.body.error).toBe('document_not_found');
    expect(notPdf.status).toBe(400);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ invoiceId, bytes: pdf.length });
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.compare(served.body, Buffer.from(pdf))).toBe(0);
    expect(await sandbox.ledger('?action=invoice.document-stored')).toHaveLength(1);
  });

  it('payments charges and refunds no more than was charged', async () => {
    const charge = await post('/payments/charges', { orderId: 'O-1', amount: 50, currency: 'EUR', reference: 'PAY-1' });
    const duplicate = await post('/payments/charges', {
      orderId: 'O-1',
      amount: 50,
      currency: 'EUR',
      reference: 'PAY-1',
    });
    const refund = await post('/payments/refunds', {
      orderId: 'O-1',
      paymentReference: 'PAY-1',
      amount: 30,
      currency: 'EUR',
    });
    const tooMuch = await post('/payments/refunds', {
      orderId: 'O-1',
      paymentReference: 'PAY-1',
      amount: 30,
      currency: 'EUR',
    });
    const bankTransfer = await post('/payments/refunds', {
      orderId: 'O-1',
      paymentReference: 'BANK-7',
      amount: 10,
      currency: 'EUR',
    });

    expect(charge.status).toBe(201);
    expect(duplicate.body.error).toBe('duplicate_reference');
    expect(refund.body).toEqual({ refundId: expect.any(String), status: 'succeeded' });
    expect(tooMuch.body).toEqual({ error: 'refund_exceeds_charge', paymentReference: 'PAY-1', refundable: 20 });
    expect(bankTransfer.status).toBe(201);
    expect((await sandbox.ledger('?system=payments')).map((entry) => entry.action)).toEqual([
      'charge.created',
      'refund.created',
      'refund.created',
    ]);
  });

  it('mail keeps an outbox filterable by order', async () => {
    const sent = await post('/mail/messages', {
      orderId: 'O-1',
      to: 'cfo@ordo.local',
      subject: 'Invoice',
      body: 'Attached',
      attachmentUrl: 'http://localhost:4000/accounting/invoices/INV-000001/document',
    });
    await post('/mail/messages', { to: 'ops@ordo.local', subject: 'Daily digest', body: '' });
    const badAddress = await post('/mail/messages', { to: 'not-an-address', subject: 'x', body: 'y' });

    expect(sent.status).toBe(201);
    expect(badAddress.body).toMatchObject({ error: 'invalid_request', field: 'to' });
    expect((await sandbox.call('GET', '/mail/outbox')).body.messages).toHaveLength(2);
    expect((await sandbox.call('GET', '/mail/outbox?orderId=O-1')).body.messages).toEqual([
      expect.objectContaining({
        messageId: sent.body.messageId,
        to: 'cfo@ordo.local',
        subject: 'Invoice',
        sentAt: expect.any(String),
      }),
    ]);
  });
});
