import { cancelUpdate, completeTaskUpdate } from '../src/lib/process-contract';
import { valueMemoKey } from '../src/lib/process-contract';
import { searchAttributes } from '../src/lib/search-attributes';
import { paymentReceivedSignal } from '../src/order-to-cash/contract';
import { useTestStack } from './support/environment';
import { createRecordingActivities } from './support/recording-activities';
import {
  actor,
  DAY,
  eventually,
  expectElapsed,
  HOUR,
  orderOf,
  reachedStage,
  startOrder,
  statusOf,
  stepNamed,
  stepNames,
  updateRejection,
} from './support/orders';
import { replayScenario } from './replay';

const recording = createRecordingActivities();
const stack = useTestStack('payment-tests', recording.activities);

function mailSteps(workflowId: string): string[] {
  return recording
    .callsOf(workflowId)
    .filter((call) => call.name === 'sendMail')
    .map((call) => String(call.request.step));
}

describe('order-to-cash payment collection', () => {
  test('30-day terms: reminders 1, 7 and 14 days after due, collections at 30, keep chasing, then write-off', async () => {
    const handle = await startOrder(stack(), 'O-DUN-1', orderOf(600, { paymentTermsDays: 30 }));
    const invoiced = await reachedStage(handle, 'awaiting-payment');
    const dueDate = String(
      recording.callsOf(handle.workflowId).find((call) => call.name === 'createInvoice')!.request.dueDate,
    );
    expectElapsed(stepNamed(invoiced, 'create-invoice').startedAt, dueDate, 30 * DAY, 0);

    // A partial payment does not stop dunning; the reminders mention what is left.
    await handle.signal(paymentReceivedSignal, { amount: 100, currency: 'EUR', reference: 'PART-1' });
    await stack().env.sleep(30 * DAY + 1 * DAY + HOUR);
    await eventually(async () => expect(mailSteps(handle.workflowId)).toEqual(['mail-invoice', 'dunning-reminder-1']));
    // Past due and not yet with collections: the order is in dunning (what the overdue-receivables gauge counts).
    expect((await statusOf(handle)).stage).toBe('dunning');
    await stack().env.sleep(6 * DAY);
    await eventually(async () => expect(mailSteps(handle.workflowId)).toContain('dunning-reminder-2'));
    await stack().env.sleep(7 * DAY);
    const reminded = await eventually(async () => {
      const status = await statusOf(handle);
      expect(stepNamed(status, 'dunning-reminder-3').status).toBe('COMPLETED');
      return status;
    });
    for (const [step, days] of [
      ['dunning-reminder-1', 1],
      ['dunning-reminder-2', 7],
      ['dunning-reminder-3', 14],
    ] as const) {
      expectElapsed(dueDate, stepNamed(reminded, step).startedAt, days * DAY);
    }
    const thirdReminder = recording
      .callsOf(handle.workflowId)
      .find((call) => call.request.step === 'dunning-reminder-3')!;
    expect(thirdReminder.request).toMatchObject({
      to: 'billing@acme.test',
      attachmentUrl: 'http://documents.test/INV-O-DUN-1.pdf',
    });
    expect(String(thirdReminder.request.body)).toContain('500.00 EUR is still outstanding');
    expect(reminded.openTasks).toEqual([]);

    await stack().env.sleep(16 * DAY);
    const collections = await reachedStage(handle, 'collections');
    expect(collections.openTasks).toEqual([
      expect.objectContaining({
        taskId: 'collections-1',
        candidateRoles: ['collections'],
        decisions: ['write-off', 'keep-chasing'],
        data: expect.objectContaining({ outstanding: 500, invoiceNumber: '2025-O-DUN-1' }),
      }),
    ]);
    expectElapsed(dueDate, collections.openTasks[0]!.createdAt, 30 * DAY);
    expect((await handle.describe()).typedSearchAttributes.get(searchAttributes.openTaskRoles)).toEqual([
      'collections',
    ]);

    // Collections has nowhere to escalate: past due, the task stays open and is marked overdue.
    await stack().env.sleep(5 * DAY + HOUR);
    const overdue = await eventually(async () => {
      const status = await statusOf(handle);
      expect(status.openTasks[0]?.overdue).toBe(true);
      return status;
    });
    expect(overdue.openTasks[0]).toMatchObject({
      taskId: 'collections-1',
      status: 'OPEN',
      escalationLevel: 0,
      remindersSent: 1,
    });
    expect(stepNames(overdue)).toEqual(expect.arrayContaining(['collections-1-reminder-1', 'collections-1-overdue']));
    expect(mailSteps(handle.workflowId)).toEqual(
      expect.arrayContaining(['collections-1-reminder-1', 'collections-1-overdue-mail']),
    );

    await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: 'collections-1', actor: actor('collections', 'cole'), decision: 'keep-chasing' }],
    });
    // Still past due between collections rounds.
    await reachedStage(handle, 'dunning');
    await stack().env.sleep(30 * DAY + HOUR);
    const secondRound = await reachedStage(handle, 'collections');
    expect(secondRound.openTasks.map((task) => task.taskId)).toEqual(['collections-2']);

    await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: 'collections-2', actor: actor('collections', 'cole'), decision: 'write-off' }],
    });
    const result = await handle.result();
    expect(result).toMatchObject({
      status: 'COMPLETED',
      reason: '500.00 EUR written off by cole',
      summary: expect.objectContaining({ amountPaid: 100, amountWrittenOff: 500, amountRefunded: 0 }),
    });
    const writeOffs = recording.callsOf(handle.workflowId).filter((call) => call.name === 'writeOffInvoice');
    expect(writeOffs.map((call) => call.request)).toEqual([
      { orderId: 'O-DUN-1', step: 'write-off-invoice', invoiceId: 'INV-O-DUN-1', amount: 500, currency: 'EUR' },
    ]);
    expect(recording.callsOf(handle.workflowId).some((call) => call.name === 'postReceipt')).toBe(false);
    expect(mailSteps(handle.workflowId).filter((step) => step.startsWith('dunning-'))).toEqual([
      'dunning-reminder-1',
      'dunning-reminder-2',
      'dunning-reminder-3',
    ]);
    await replayScenario(handle, 'order-to-cash', 'dunning-collections-write-off');
  });

  test('partial, duplicate, foreign-currency and over-payments add up to one receipt', async () => {
    const handle = await startOrder(stack(), 'O-PAY-1', orderOf(500));
    await reachedStage(handle, 'awaiting-payment');
    await handle.signal(paymentReceivedSignal, { amount: 200, currency: 'EUR', reference: 'TX-1' });
    await handle.signal(paymentReceivedSignal, { amount: 200, currency: 'EUR', reference: 'TX-1' });
    await handle.signal(paymentReceivedSignal, { amount: 300, currency: 'USD', reference: 'TX-2' });
    const partial = await eventually(async () => {
      const status = await statusOf(handle);
      expect(status.steps.filter((step) => step.name.startsWith('payment-'))).toHaveLength(3);
      return status;
    });
    expect(
      partial.steps
        .filter((step) => step.name.startsWith('payment-'))
        .map(({ name, status, detail }) => ({ name, status, detail })),
    ).toEqual([
      { name: 'payment-TX-1', status: 'COMPLETED', detail: '200.00 EUR received; outstanding 300.00 EUR' },
      { name: 'payment-TX-1', status: 'SKIPPED', detail: 'reference TX-1 already booked; ignored' },
      { name: 'payment-TX-2', status: 'SKIPPED', detail: '300.00 USD does not match order currency EUR; ignored' },
    ]);
    expect(partial.stage).toBe('awaiting-payment');
    expect((await handle.describe()).memo?.[valueMemoKey]).toMatchObject({ amountOutstanding: 300 });

    await handle.signal(paymentReceivedSignal, { amount: 350, currency: 'EUR', reference: 'TX-3' });
    const result = await handle.result();
    expect(result.summary).toMatchObject({ amountPaid: 550, receiptId: 'RCP-O-PAY-1' });
    const receipts = recording.callsOf(handle.workflowId).filter((call) => call.name === 'postReceipt');
    expect(receipts.map((call) => call.request)).toEqual([
      { orderId: 'O-PAY-1', step: 'post-receipt', invoiceId: 'INV-O-PAY-1', amount: 550, currency: 'EUR' },
    ]);
    await replayScenario(handle, 'order-to-cash', 'partial-duplicate-foreign-payments');
  });

  test('cancelling after the invoice refunds, voids and takes the goods back, newest first', async () => {
    const handle = await startOrder(stack(), 'O-CANCEL-1', orderOf(500));
    await reachedStage(handle, 'awaiting-payment');
    await handle.signal(paymentReceivedSignal, { amount: 120, currency: 'EUR', reference: 'EARLY/1' });
    await handle.signal(paymentReceivedSignal, { amount: 80, currency: 'EUR', reference: 'EARLY-2' });
    await eventually(async () =>
      expect(
        (await statusOf(handle)).steps.filter(
          (step) => step.status === 'COMPLETED' && step.name.startsWith('payment-'),
        ),
      ).toHaveLength(2),
    );

    const emptyReason = handle.executeUpdate(cancelUpdate, { args: [{ actor: actor('clerk'), reason: '  ' }] });
    expect(await updateRejection(emptyReason)).toBe('InvalidPayload');
    expect(
      await handle.executeUpdate(cancelUpdate, {
        args: [{ actor: actor('clerk', 'cat'), reason: 'customer withdrew' }],
      }),
    ).toEqual({ accepted: true });

    const result = await handle.result();
    expect(result).toMatchObject({
      status: 'CANCELLED',
      reason: 'customer withdrew',
      summary: expect.objectContaining({ amountPaid: 200, amountRefunded: 200 }),
    });
    const calls = recording.callsOf(handle.workflowId);
    const afterInvoice = calls.slice(calls.findIndex((call) => call.name === 'createInvoice'));
    expect(afterInvoice.map((call) => [call.name, call.request.step])).toEqual([
      ['createInvoice', 'create-invoice'],
      ['renderInvoicePdf', 'render-invoice-pdf'],
      ['sendMail', 'mail-invoice'],
      ['refundPayment', 'refund-EARLY-2'],
      ['refundPayment', 'refund-EARLY%2F1'],
      ['voidInvoice', 'void-invoice'],
      ['bookReturn', 'book-return'],
    ]);
    expect(calls.find((call) => call.request.step === 'refund-EARLY%2F1')?.request).toMatchObject({
      paymentReference: 'EARLY/1',
      amount: 120,
    });
    expect(calls.some((call) => call.name === 'releaseStock')).toBe(false);

    const status = await statusOf(handle);
    expect(status).toMatchObject({ status: 'CANCELLED', stage: 'closed' });
    expect(stepNamed(status, 'cancel-requested').detail).toBe('by cat: customer withdrew');
    for (const undone of ['create-invoice', 'create-shipment', 'payment-EARLY%2F1', 'payment-EARLY-2']) {
      expect(stepNamed(status, undone).status).toBe('COMPENSATED');
    }
    expect((await handle.describe()).typedSearchAttributes.get(searchAttributes.status)).toBe('CANCELLED');
    await replayScenario(handle, 'order-to-cash', 'cancelled-after-invoice');
  });

  test('a fully paid order can no longer be cancelled', async () => {
    let releaseReceipt!: () => void;
    recording.systems.gates.set('O-PAID-1:postReceipt', new Promise<void>((resolve) => (releaseReceipt = resolve)));
    const handle = await startOrder(stack(), 'O-PAID-1', orderOf(500));
    await reachedStage(handle, 'awaiting-payment');
    await handle.signal(paymentReceivedSignal, { amount: 500, currency: 'EUR', reference: 'FULL-1' });
    await reachedStage(handle, 'posting-receipt');

    const cancel = handle.executeUpdate(cancelUpdate, { args: [{ actor: actor('manager'), reason: 'too late' }] });
    expect(await updateRejection(cancel)).toBe('NotCancellable');

    releaseReceipt();
    expect((await handle.result()).status).toBe('COMPLETED');
    expect(
      recording.callsOf(handle.workflowId).some((call) => call.name === 'refundPayment' || call.name === 'voidInvoice'),
    ).toBe(false);
    await replayScenario(handle, 'order-to-cash', 'paid-then-cancel-refused');
  });

  test('a cancellation that arrives while the invoice is being created still voids that invoice', async () => {
    let answerInvoice!: () => void;
    recording.systems.gates.set('O-CANCEL-2:createInvoice', new Promise<void>((resolve) => (answerInvoice = resolve)));
    const handle = await startOrder(stack(), 'O-CANCEL-2', orderOf(500));
    await eventually(async () =>
      expect(recording.callsOf(handle.workflowId).map((call) => call.name)).toContain('createInvoice'),
    );

    await handle.executeUpdate(cancelUpdate, { args: [{ actor: actor('clerk'), reason: 'duplicate order' }] });
    answerInvoice();

    expect(await handle.result()).toMatchObject({ status: 'CANCELLED', reason: 'duplicate order' });
    const names = recording.callsOf(handle.workflowId).map((call) => call.name);
    expect(names.slice(names.indexOf('createInvoice'))).toEqual(['createInvoice', 'voidInvoice', 'bookReturn']);
    await replayScenario(handle, 'order-to-cash', 'cancelled-during-invoicing');
  });
});
