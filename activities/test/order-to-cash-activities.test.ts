import { PDFDocument } from 'pdf-lib';
import { createActivities, loadActivitiesConfig } from '../src';
import { ActivityRunner, asReportedFailure, rejectionOf } from './support/activity-harness';
import { startSandboxProcess, type SandboxProcess } from '@ordo/testing';

describe('order-to-cash activities against a real sandbox', () => {
  let sandbox: SandboxProcess;
  let activities: ReturnType<typeof createActivities>;
  let orders = 0;
  let orderId: string;
  let workflowId: string;
  const env = () => new ActivityRunner(workflowId);
  const lines = [
    { sku: 'SKU-A', quantity: 2, unitPrice: 120 },
    { sku: 'SKU-B', quantity: 1, unitPrice: 60 },
  ];

  beforeAll(async () => {
    sandbox = await startSandboxProcess();
    activities = createActivities(
      loadActivitiesConfig({ ORDO_SANDBOX_URL: sandbox.url, ORDO_HTTP_TIMEOUT_MS: '2000' }),
    );
  }, 120_000);
  afterAll(() => sandbox?.stop());
  beforeEach(async () => {
    await sandbox.call('POST', '/reset');
    orderId = `O-${++orders}`;
    workflowId = `order-to-cash:${orderId}`;
  });

  async function invoice(step = 'create-invoice') {
    return env().run(activities.createInvoice, {
      orderId,
      step,
      customerId: 'C-100',
      lines,
      amount: 300,
      currency: 'EUR',
      issuedAt: '2030-05-01T09:30:00.000Z',
      dueDate: '2030-05-31',
    });
  }

  it('reads customer credit, and an unknown customer is a non-retryable CustomerNotFound', async () => {
    const credit = await env().run(activities.getCustomerCredit, { customerId: 'C-200' });
    const failure = asReportedFailure(
      await rejectionOf(env().run(activities.getCustomerCredit, { customerId: 'C-404' })),
    );

    expect(credit).toEqual({
      customerId: 'C-200',
      name: expect.any(String),
      email: expect.any(String),
      creditLimit: 500,
      exposure: 0,
      available: 500,
    });
    expect(failure).toMatchObject({ type: 'CustomerNotFound', nonRetryable: true });
    expect(failure.details[0]).toMatchObject({ system: 'crm', status: 404, error: 'customer_not_found' });
  });

  it('sends <workflowId>:<step> as the idempotency key, so a retried step has one effect', async () => {
    const first = await env().run(activities.reserveStock, { orderId, step: 'reserve-stock', lines });
    const retried = await env().run(activities.reserveStock, { orderId, step: 'reserve-stock', lines });

    expect(retried).toEqual(first);
    expect(await sandbox.ledger(`?orderId=${orderId}`)).toEqual([
      expect.objectContaining({ action: 'reservation.created', idempotencyKey: `${workflowId}:reserve-stock` }),
    ]);
  });

  it('has one effect when the sandbox answered 503 after recording it (failAfterEffect)', async () => {
    await sandbox.call('PUT', '/faults/erp', { errorRate: 1, failAfterEffect: true });
    const failure = asReportedFailure(
      await rejectionOf(env().run(activities.reserveStock, { orderId, step: 'reserve-stock', lines })),
    );
    expect(failure).toMatchObject({ type: 'ExternalSystemUnavailableError', nonRetryable: false });
    expect(await sandbox.ledger(`?orderId=${orderId}&action=reservation.created`)).toHaveLength(1);

    await sandbox.call('DELETE', '/faults');
    const retried = await env().run(activities.reserveStock, { orderId, step: 'reserve-stock', lines });

    const effects = await sandbox.ledger(`?orderId=${orderId}&action=reservation.created`);
    expect(effects).toHaveLength(1);
    expect(effects[0]?.details.reservationId).toBe(retried.reservationId);
    const stock = await sandbox.call('GET', '/erp/stock/SKU-A');
    expect(stock).toEqual({ sku: 'SKU-A', available: 998, reserved: 2 });
  });

  it('treats 5xx as retryable and 4xx as non-retryable with a meaningful type', async () => {
    await sandbox.call('PUT', '/faults/crm', { errorRate: 1 });
    const unavailable = asReportedFailure(
      await rejectionOf(env().run(activities.getCustomerCredit, { customerId: 'C-100' })),
    );
    const outOfStock = asReportedFailure(
      await rejectionOf(
        env().run(activities.reserveStock, {
          orderId,
          step: 'reserve-stock',
          lines: [{ sku: 'SKU-OOS', quantity: 1, unitPrice: 5 }],
        }),
      ),
    );
    const unknownShipment = asReportedFailure(
      await rejectionOf(
        env().run(activities.bookReturn, {
          orderId,
          step: 'book-return',
          shipmentId: 'SHP-NONE',
          reservationId: 'RES-NONE',
        }),
      ),
    );
    const invalid = asReportedFailure(
      await rejectionOf(
        env().run(activities.sendMail, { orderId, step: 'mail', to: 'nobody', subject: 'x', body: 'y' }),
      ),
    );

    expect(unavailable).toMatchObject({ type: 'ExternalSystemUnavailableError', nonRetryable: false });
    expect(unavailable.message).toContain('503');
    expect(outOfStock).toMatchObject({ type: 'OutOfStock', nonRetryable: true });
    expect(outOfStock.details[0]).toMatchObject({ system: 'erp', status: 409, skus: ['SKU-OOS'] });
    expect(unknownShipment).toMatchObject({ type: 'ShipmentNotFound', nonRetryable: true });
    expect(invalid).toMatchObject({ type: 'MailRejected', nonRetryable: true });
    expect(invalid.details[0]).toMatchObject({ status: 400, field: 'to' });
  });

  it('treats a timeout as retryable, and the retry does not repeat the effect left behind', async () => {
    await sandbox.call('PUT', '/faults/carrier', { hangMs: 10_000 });
    const started = Date.now();
    const timedOut = asReportedFailure(
      await rejectionOf(env().run(activities.createShipment, { orderId, step: 'ship', customerId: 'C-100', lines })),
    );
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(timedOut).toMatchObject({ type: 'ExternalSystemUnavailableError', nonRetryable: false });
    expect(timedOut.message).toContain('no answer within 2000 ms');

    await sandbox.call('DELETE', '/faults');
    const shipment = await env().run(activities.createShipment, { orderId, step: 'ship', customerId: 'C-100', lines });

    const effects = await sandbox.ledger(`?orderId=${orderId}&action=shipment.created`);
    expect(effects).toHaveLength(1);
    expect(effects[0]?.details).toMatchObject({
      shipmentId: shipment.shipmentId,
      lines: [
        { sku: 'SKU-A', quantity: 2 },
        { sku: 'SKU-B', quantity: 1 },
      ],
    });
  });

  it('treats an unreachable system as retryable', async () => {
    const unreachable = createActivities(
      loadActivitiesConfig({
        ORDO_SANDBOX_URL: sandbox.url,
        ORDO_PAYMENTS_URL: 'http://127.0.0.1:9/payments',
        ORDO_HTTP_TIMEOUT_MS: '2000',
      }),
    );
    const failure = asReportedFailure(
      await rejectionOf(
        env().run(unreachable.refundPayment, {
          orderId,
          step: 'refund',
          paymentReference: 'P-1',
          amount: 5,
          currency: 'EUR',
        }),
      ),
    );

    expect(failure).toMatchObject({ type: 'ExternalSystemUnavailableError', nonRetryable: false });
    expect(failure.message).toContain('network error');
  });

  it('checks stock without changing it', async () => {
    expect(await env().run(activities.checkStock, { lines })).toEqual({ available: true, shortSkus: [] });
    expect(
      await env().run(activities.checkStock, {
        lines: [
          ...lines,
          { sku: 'SKU-OOS', quantity: 1, unitPrice: 1 },
          { sku: 'SKU-GHOST', quantity: 1, unitPrice: 1 },
        ],
      }),
    ).toEqual({ available: false, shortSkus: ['SKU-OOS', 'SKU-GHOST'] });
    expect(await sandbox.ledger()).toEqual([]);
  });

  it('releases a reservation', async () => {
    const { reservationId } = await env().run(activities.reserveStock, { orderId, step: 'reserve-stock', lines });
    await env().run(activities.releaseStock, { orderId, step: 'release-stock', reservationId });
    await env().run(activities.releaseStock, { orderId, step: 'release-stock', reservationId });

    expect(await sandbox.call('GET', '/erp/stock/SKU-A')).toEqual({ sku: 'SKU-A', available: 1000, reserved: 0 });
    expect((await sandbox.ledger(`?orderId=${orderId}`)).map((entry) => entry.action)).toEqual([
      'reservation.created',
      'reservation.released',
    ]);
  });

  it('books a return at the carrier and in the ERP, each under its own key', async () => {
    const { reservationId } = await env().run(activities.reserveStock, { orderId, step: 'reserve-stock', lines });
    const { shipmentId } = await env().run(activities.createShipment, {
      orderId,
      step: 'ship',
      customerId: 'C-100',
      lines,
    });
    const booked = await env().run(activities.bookReturn, { orderId, step: 'book-return', shipmentId, reservationId });
    const again = await env().run(activities.bookReturn, { orderId, step: 'book-return', shipmentId, reservationId });

    expect(again).toEqual(booked);
    expect(
      (await sandbox.ledger(`?orderId=${orderId}`)).map((entry) => `${entry.action} ${entry.idempotencyKey}`),
    ).toEqual([
      `reservation.created ${workflowId}:reserve-stock`,
      `shipment.created ${workflowId}:ship`,
      `return.created ${workflowId}:book-return:carrier`,
      `return.booked ${workflowId}:book-return:erp`,
    ]);
    expect(await sandbox.call('GET', '/erp/stock/SKU-A')).toEqual({ sku: 'SKU-A', available: 1000, reserved: 0 });
  });

  it('renders the invoice PDF, stores it in accounting and links to it', async () => {
    const { invoiceId, invoiceNumber } = await invoice();
    const request = {
      orderId,
      step: 'invoice-pdf',
      invoiceId,
      invoiceNumber,
      customer: { customerId: 'C-100', name: 'Acme Industrial Supplies GmbH' },
      lines,
      amount: 300,
      currency: 'EUR',
      issuedAt: '2030-05-01T09:30:00.000Z',
      dueDate: '2030-05-31',
    };
    const document = await env().run(activities.renderInvoicePdf, request);
    // A retry renders again: the bytes must be identical, or the key would count as reused.
    const retried = await env().run(activities.renderInvoicePdf, request);

    expect(document).toEqual({
      documentId: expect.stringMatching(/^invoice-[0-9a-f]{32}$/),
      type: 'invoice',
      name: `invoice-${invoiceNumber}.pdf`,
      contentType: 'application/pdf',
      url: `${sandbox.url}/accounting/invoices/${invoiceId}/document`,
    });
    expect(retried).toEqual(document);
    const response = await fetch(document.url);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = await PDFDocument.load(new Uint8Array(await response.arrayBuffer()));
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(pdf.getTitle()).toBe(`Invoice ${invoiceNumber}`);
    expect(await sandbox.ledger(`?orderId=${orderId}&action=invoice.document-stored`)).toHaveLength(1);
  });

  it('posts receipts, writes off, and refuses a receipt on a voided invoice as InvoiceVoided', async () => {
    const open = await invoice('invoice-1');
    const receipt = await env().run(activities.postReceipt, {
      orderId,
      step: 'receipt-1',
      invoiceId: open.invoiceId,
      amount: 250,
      currency: 'EUR',
    });
    await env().run(activities.writeOffInvoice, {
      orderId,
      step: 'write-off',
      invoiceId: open.invoiceId,
      amount: 50,
      currency: 'EUR',
    });
    expect(receipt.receiptId).toEqual(expect.any(String));
    expect(await sandbox.call('GET', `/accounting/invoices/${open.invoiceId}`)).toMatchObject({
      status: 'written-off',
      balance: 0,
    });

    const voided = await invoice('invoice-2');
    await env().run(activities.voidInvoice, { orderId, step: 'void', invoiceId: voided.invoiceId });
    const failure = asReportedFailure(
      await rejectionOf(
        env().run(activities.postReceipt, {
          orderId,
          step: 'receipt-2',
          invoiceId: voided.invoiceId,
          amount: 300,
          currency: 'EUR',
        }),
      ),
    );
    expect(failure).toMatchObject({ type: 'InvoiceVoided', nonRetryable: true });
  });

  it('refunds a payment and sends mail with an attachment link', async () => {
    const { refundId } = await env().run(activities.refundPayment, {
      orderId,
      step: 'refund',
      paymentReference: 'BANK-1',
      amount: 40,
      currency: 'EUR',
    });
    const { messageId } = await env().run(activities.sendMail, {
      orderId,
      step: 'mail-invoice',
      to: 'accounts@acme.example',
      subject: 'Your invoice',
      body: 'Please find your invoice attached.',
      attachmentUrl: `${sandbox.url}/accounting/invoices/INV-1/document`,
    });

    expect(refundId).toEqual(expect.any(String));
    expect((await sandbox.call('GET', `/mail/outbox?orderId=${orderId}`)).messages).toEqual([
      expect.objectContaining({
        messageId,
        to: 'accounts@acme.example',
        attachmentUrl: `${sandbox.url}/accounting/invoices/INV-1/document`,
      }),
    ]);
    expect((await sandbox.ledger(`?orderId=${orderId}`)).map((entry) => entry.action)).toEqual([
      'refund.created',
      'message.sent',
    ]);
  });
});
