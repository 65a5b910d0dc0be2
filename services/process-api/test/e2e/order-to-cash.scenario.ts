import { PDFDocument } from 'pdf-lib';
import { apiCaller, eventually, type Json, type RunningStack } from './stack-fixture';

/**
 * The order-to-cash scenario of the end-to-end tests, shared by every Temporal backend the stack runs on: a 15,000
 * order through cfo approval, shipment, invoice and two payments to COMPLETED, each external effect exactly once.
 */
export async function runOrderToCash(stack: RunningStack): Promise<void> {
  const businessKey = `SO-E2E-${Date.now()}`;
  const instanceUrl = () => `${stack.urls.api}/v1/processes/order-to-cash/instances/${businessKey}`;
  const call = apiCaller(() => stack.urls.api);
  const status = async () => (await call('GET', instanceUrl(), 'dev-clerk')).json;

  const order = {
    businessKey,
    input: {
      customerId: 'C-100',
      lines: [
        { sku: 'SKU-A', quantity: 10, unitPrice: 1000 },
        { sku: 'SKU-B', quantity: 5, unitPrice: 1000 },
      ],
      currency: 'EUR',
      paymentTermsDays: 30,
    },
  };
  const started = await call('POST', `${stack.urls.api}/v1/processes/order-to-cash/instances`, 'dev-clerk', order);
  expect(started.status).toBe(201);
  expect(started.json).toMatchObject({ businessKey, workflowId: `order-to-cash:${businessKey}`, created: true });

  const again = await call('POST', `${stack.urls.api}/v1/processes/order-to-cash/instances`, 'dev-clerk', order);
  expect(again.status).toBe(200);
  expect(again.json).toMatchObject({ created: false, runId: started.json.runId });

  const approval = await eventually(
    async () => (await status()).openTasks?.find((task: Json) => task.type === 'approval'),
    { what: 'the approval task' },
  );
  expect(approval.candidateRoles).toEqual(['cfo']);

  const inbox = await eventually(
    async () => {
      const tasks = (await call('GET', `${stack.urls.api}/v1/tasks`, 'dev-cfo')).json.items as Json[] | undefined;
      return tasks?.find((task) => task.businessKey === businessKey);
    },
    { what: 'the task in the cfo inbox' },
  );
  expect(inbox.taskId).toBe(approval.taskId);
  const managerInbox = (await call('GET', `${stack.urls.api}/v1/tasks`, 'dev-manager')).json.items as Json[];
  expect(managerInbox.some((task) => task.businessKey === businessKey)).toBe(false);

  const taskUrl = `${instanceUrl()}/tasks/${approval.taskId}/complete`;
  const byManager = await call('POST', taskUrl, 'dev-manager', { decision: 'approve' });
  expect(byManager.status).toBe(403);
  const byCfo = await call('POST', taskUrl, 'dev-cfo', { decision: 'approve', comment: 'strategic customer' });
  expect(byCfo.status).toBe(200);
  expect(byCfo.json).toMatchObject({ status: 'COMPLETED', decision: 'approve', completedBy: 'cfo' });
  expect((await call('POST', taskUrl, 'dev-cfo', { decision: 'approve' })).status).toBe(409);

  const invoiced = await eventually(
    async () => {
      const current = await status();
      return current.stage === 'awaiting-payment' && current.documents?.length ? current : undefined;
    },
    { what: 'the invoice' },
  );
  const invoice = invoiced.documents[0];
  expect(invoice).toMatchObject({ type: 'invoice', contentType: 'application/pdf' });
  // Served by the API behind the instance's read right, never at the accounting system's address.
  expect(invoice.url).toBe(
    `/v1/processes/order-to-cash/instances/${businessKey}/documents/${encodeURIComponent(invoice.documentId)}`,
  );
  expect((await fetch(`${stack.urls.api}${invoice.url}`)).status).toBe(401);
  expect((await fetch(`${stack.urls.api}${invoice.url}`, { headers: { authorization: 'Bearer dev-hr' } })).status).toBe(
    403,
  );
  const pdfResponse = await fetch(`${stack.urls.api}${invoice.url}`, {
    headers: { authorization: 'Bearer dev-clerk' },
  });
  expect(pdfResponse.status).toBe(200);
  expect(pdfResponse.headers.get('content-type')).toContain('application/pdf');
  const pdf = await PDFDocument.load(new Uint8Array(await pdfResponse.arrayBuffer()));
  expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);

  const pay = (amount: number, reference: string) =>
    call('POST', `${instanceUrl()}/events/payment-received`, 'dev-accounts-receivable', {
      amount,
      currency: 'EUR',
      reference,
    });
  expect((await pay(5_000, 'PAY-1')).status).toBe(202);
  expect((await pay(5_000, 'pay-1')).status).toBe(202); // duplicate reference (in any case): accepted, ignored by the process
  expect((await pay(10_000, 'PAY-2')).status).toBe(202);

  const completed = await eventually(
    async () => {
      const current = await status();
      // The process decides COMPLETED a moment before its execution closes: wait for both.
      return current.status === 'COMPLETED' && current.closedAt ? current : undefined;
    },
    { what: 'COMPLETED and closed' },
  );
  expect(completed.result.summary).toMatchObject({ orderTotal: 15_000, amountPaid: 15_000, approvedBy: 'cfo' });
  expect(completed.closedAt).toEqual(expect.any(String));
  expect(completed.decisions).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ table: 'order-approval', output: expect.objectContaining({ approverRole: 'cfo' }) }),
    ]),
  );

  // A payment retried after its answer was lost, once the first attempt has closed the order: taken, once.
  expect((await pay(10_000, 'pay-2')).status).toBe(202);
  const late = await pay(1, 'PAY-3');
  expect(late.status).toBe(409);
  expect(late.json).toMatchObject({ error: 'instance_closed' });

  const ledger = (await (await fetch(`${stack.urls.sandbox}/ledger?orderId=${businessKey}`)).json()) as Json;
  const entries: Json[] = Array.isArray(ledger) ? ledger : ledger.entries;
  const count = (action: string) => entries.filter((entry) => entry.action === action).length;
  expect(count('reservation.created')).toBe(1);
  expect(count('shipment.created')).toBe(1);
  expect(count('invoice.created')).toBe(1);
  expect(count('receipt.posted')).toBe(1);
  expect(count('refund.created')).toBe(0);
}
