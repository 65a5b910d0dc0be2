import { type CompleteTaskRequest, completeTaskUpdate, statusQuery } from '../src/lib/process-contract';
import { valueMemoKey } from '../src/lib/process-contract';
import { searchAttributes } from '../src/lib/search-attributes';
import { paymentReceivedSignal } from '../src/order-to-cash/contract';
import { replayScenario } from './replay';
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

const recording = createRecordingActivities();
const stack = useTestStack('approval-tests', recording.activities);

describe('order-to-cash approval routing', () => {
  test('a small order is approved automatically and runs to cash', async () => {
    const handle = await startOrder(stack(), 'O-AUTO-1', orderOf(400));
    const awaiting = await reachedStage(handle, 'awaiting-payment');
    expect(awaiting.openTasks).toEqual([]);
    expect(awaiting.decisions).toEqual([
      { table: 'order-approval', version: '1', output: { approverRole: null, rule: 'default' } },
    ]);
    expect(stepNamed(awaiting, 'approval')).toMatchObject({ status: 'COMPLETED' });
    expect(awaiting.documents).toEqual([
      expect.objectContaining({ type: 'invoice', url: 'http://documents.test/INV-O-AUTO-1.pdf' }),
    ]);

    await handle.signal(paymentReceivedSignal, { amount: 400, currency: 'EUR', reference: 'BANK-1' });
    const result = await handle.result();

    expect(result).toEqual({
      status: 'COMPLETED',
      decisions: awaiting.decisions,
      summary: {
        orderTotal: 400,
        currency: 'EUR',
        amountPaid: 400,
        amountRefunded: 0,
        amountWrittenOff: 0,
        invoiceId: 'INV-O-AUTO-1',
        invoiceNumber: '2025-O-AUTO-1',
        shipmentId: 'SHP-O-AUTO-1',
        receiptId: 'RCP-O-AUTO-1',
      },
    });
    const calls = recording.callsOf(handle.workflowId);
    expect(calls.map((call) => call.name)).toEqual([
      'getCustomerCredit',
      'reserveStock',
      'createShipment',
      'createInvoice',
      'renderInvoicePdf',
      'sendMail',
      'postReceipt',
    ]);
    expect(calls.find((call) => call.name === 'sendMail')?.request).toMatchObject({
      to: 'billing@acme.test',
      attachmentUrl: 'http://documents.test/INV-O-AUTO-1.pdf',
    });
    const invoiceRequest = calls.find((call) => call.name === 'createInvoice')!.request;
    const termsMs = Date.parse(String(invoiceRequest.dueDate)) - Date.parse(String(invoiceRequest.issuedAt));
    expect(termsMs).toBe(14 * DAY);

    const closed = await handle.query(statusQuery);
    expect(closed).toMatchObject({
      process: 'order-to-cash',
      processVersion: '1.0.0',
      businessKey: 'O-AUTO-1',
      status: 'COMPLETED',
      stage: 'closed',
      result,
    });

    const described = await handle.describe();
    expect(described.typedSearchAttributes.get(searchAttributes.status)).toBe('COMPLETED');
    expect(described.memo?.[valueMemoKey]).toEqual({
      amount: expect.any(Number),
      currency: 'EUR',
      amountOutstanding: 0,
    });

    await replayScenario(handle, 'order-to-cash', 'auto-approved-paid');
  });

  test('an order above 10,000 waits for the CFO; the validator turns away wrong actors and decisions', async () => {
    const handle = await startOrder(stack(), 'O-CFO-1', orderOf(25_000));
    const waiting = await reachedStage(handle, 'approval');
    expect(waiting.decisions[0]).toEqual({
      table: 'order-approval',
      version: '1',
      output: { approverRole: 'cfo', rule: 'above-10000' },
    });
    expect(waiting.openTasks).toHaveLength(1);
    const [task] = waiting.openTasks;
    expect(task).toMatchObject({
      taskId: 'approval-1',
      type: 'approval',
      candidateRoles: ['cfo'],
      decisions: ['approve', 'reject'],
      status: 'OPEN',
    });
    expect(Date.parse(task!.dueAt) - Date.parse(task!.createdAt)).toBe(48 * HOUR);

    const described = await handle.describe();
    expect(described.typedSearchAttributes.get(searchAttributes.openTaskRoles)).toEqual(['cfo']);
    expect(described.typedSearchAttributes.get(searchAttributes.nextTaskDueAt)?.toISOString()).toBe(task!.dueAt);
    expect(described.typedSearchAttributes.get(searchAttributes.stage)).toBe('approval');
    expect(described.memo?.[valueMemoKey]).toEqual({ amount: 25_000, currency: 'EUR', amountOutstanding: 25_000 });
    expect(described.typedSearchAttributes.get(searchAttributes.amount)).toBeUndefined();
    expect(described.typedSearchAttributes.get(searchAttributes.currency)).toBe('EUR');

    // Typed loosely on purpose: one request below is malformed.
    const complete = (request: unknown) =>
      handle.executeUpdate(completeTaskUpdate, { args: [request as CompleteTaskRequest] });
    expect(
      await updateRejection(complete({ taskId: 'approval-1', actor: actor('manager'), decision: 'approve' })),
    ).toBe('Forbidden');
    expect(await updateRejection(complete({ taskId: 'approval-1', actor: actor('cfo'), decision: 'maybe' }))).toBe(
      'InvalidDecision',
    );
    expect(await updateRejection(complete({ taskId: 'approval-9', actor: actor('cfo'), decision: 'approve' }))).toBe(
      'TaskNotFound',
    );
    expect(await updateRejection(complete({ taskId: 'approval-1', actor: { id: 'cfo' }, decision: 'approve' }))).toBe(
      'InvalidPayload',
    );

    const completed = await complete({
      taskId: 'approval-1',
      actor: actor('cfo', 'clara'),
      decision: 'approve',
      comment: 'fine',
    });
    expect(completed).toMatchObject({
      taskId: 'approval-1',
      status: 'COMPLETED',
      completedBy: 'clara',
      decision: 'approve',
      comment: 'fine',
    });
    expect(await updateRejection(complete({ taskId: 'approval-1', actor: actor('cfo'), decision: 'reject' }))).toBe(
      'TaskNotOpen',
    );

    // Rejected updates never reach history: only the accepted completion does.
    const history = await handle.fetchHistory();
    const acceptedUpdates = (history.events ?? []).filter(
      (event) => event.workflowExecutionUpdateAcceptedEventAttributes,
    );
    expect(acceptedUpdates).toHaveLength(1);

    const afterApproval = await reachedStage(handle, 'awaiting-payment');
    expect(afterApproval.openTasks).toEqual([]);
    expect((await handle.describe()).typedSearchAttributes.get(searchAttributes.openTaskRoles)).toBeUndefined();

    await handle.signal(paymentReceivedSignal, { amount: 25_000, currency: 'EUR', reference: 'WIRE-77' });
    const result = await handle.result();
    expect(result.status).toBe('COMPLETED');
    expect(result.summary).toMatchObject({ approvedBy: 'clara', amountPaid: 25_000 });
    await replayScenario(handle, 'order-to-cash', 'cfo-approved-paid');
  });

  test('an unattended manager task is reminded at 24 h and escalated to the CFO at 48 h', async () => {
    const handle = await startOrder(stack(), 'O-ESC-1', orderOf(5_000));
    const opened = await reachedStage(handle, 'approval');
    expect(opened.openTasks[0]).toMatchObject({ taskId: 'approval-1', candidateRoles: ['manager'], remindersSent: 0 });
    const mailsTo = (to: string) =>
      recording.callsOf(handle.workflowId).filter((call) => call.name === 'sendMail' && call.request.to === to);

    await stack().env.sleep(23 * HOUR);
    await eventually(async () => expect((await statusOf(handle)).openTasks[0]?.remindersSent).toBe(0));
    expect(mailsTo('manager@ordo.local')).toHaveLength(0);

    await stack().env.sleep(2 * HOUR);
    const reminded = await eventually(async () => {
      const status = await statusOf(handle);
      expect(stepNamed(status, 'approval-1-reminder-1').status).toBe('COMPLETED');
      return status;
    });
    expect(reminded.openTasks[0]).toMatchObject({ candidateRoles: ['manager'], remindersSent: 1, escalationLevel: 0 });
    expect(mailsTo('manager@ordo.local')).toEqual([
      expect.objectContaining({
        request: expect.objectContaining({ step: 'approval-1-reminder-1', orderId: 'O-ESC-1' }),
      }),
    ]);
    expectElapsed(opened.openTasks[0]!.createdAt, stepNamed(reminded, 'approval-1-reminder-1').startedAt, 24 * HOUR);

    await stack().env.sleep(24 * HOUR);
    const escalated = await eventually(async () => {
      const status = await statusOf(handle);
      expect(status.openTasks[0]?.escalationLevel).toBe(1);
      expect(stepNamed(status, 'approval-1-escalation-1-mail').status).toBe('COMPLETED');
      return status;
    });
    const task = escalated.openTasks[0]!;
    expect(task.candidateRoles).toEqual(['cfo']);
    const escalatedAt = stepNamed(escalated, 'approval-1-escalation-1').completedAt!;
    expectElapsed(task.createdAt, escalatedAt, 48 * HOUR);
    expect(Date.parse(task.dueAt) - Date.parse(escalatedAt)).toBe(48 * HOUR);
    expect(stepNamed(escalated, 'approval-1-escalation-1').detail).toBe('manager → cfo');
    expect(mailsTo('cfo@ordo.local')).toHaveLength(1);
    expect((await handle.describe()).typedSearchAttributes.get(searchAttributes.openTaskRoles)).toEqual(['cfo']);

    const manager = handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: 'approval-1', actor: actor('manager'), decision: 'approve' }],
    });
    expect(await updateRejection(manager)).toBe('Forbidden');
    await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: 'approval-1', actor: actor('cfo'), decision: 'approve' }],
    });
    await reachedStage(handle, 'awaiting-payment');
    await handle.signal(paymentReceivedSignal, { amount: 5_000, currency: 'EUR', reference: 'SEPA-5' });
    expect((await handle.result()).summary).toMatchObject({ approvedBy: 'cfo' });
    await replayScenario(handle, 'order-to-cash', 'manager-escalated-to-cfo');
  });

  test('an order above the available credit goes to a credit controller, whose rejection ends it', async () => {
    const handle = await startOrder(stack(), 'O-CREDIT-1', orderOf(800, { customerId: 'C-200' }));
    const review = await reachedStage(handle, 'credit-review');
    expect(review.openTasks).toEqual([
      expect.objectContaining({
        taskId: 'credit-review-1',
        candidateRoles: ['credit-controller'],
        data: expect.objectContaining({ available: 300, creditLimit: 1_000, total: 800 }),
      }),
    ]);
    await handle.executeUpdate(completeTaskUpdate, {
      args: [
        {
          taskId: 'credit-review-1',
          actor: actor('credit-controller', 'cody'),
          decision: 'reject',
          comment: 'over limit',
        },
      ],
    });
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'REJECTED', reason: 'credit review rejected by cody: over limit' });
    expect(recording.callsOf(handle.workflowId).map((call) => call.name)).toEqual(['getCustomerCredit']);
    expect((await statusOf(handle)).stage).toBe('closed');
    await replayScenario(handle, 'order-to-cash', 'credit-review-rejected');
  });

  test('a manager rejects a medium order', async () => {
    const handle = await startOrder(stack(), 'O-REJ-1', orderOf(2_000));
    await reachedStage(handle, 'approval');
    await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: 'approval-1', actor: actor('manager', 'mia'), decision: 'reject' }],
    });
    expect(await handle.result()).toMatchObject({ status: 'REJECTED', reason: 'approval rejected by mia' });
    expect(recording.callsOf(handle.workflowId).some((call) => call.name === 'reserveStock')).toBe(false);
    await replayScenario(handle, 'order-to-cash', 'manager-rejected');
  });

  test("Temporal's own cancellation while approval is pending cancels the task and the order", async () => {
    const handle = await startOrder(stack(), 'O-TCANCEL-1', orderOf(3_000));
    await reachedStage(handle, 'approval');
    await handle.cancel();
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'CANCELLED', reason: 'cancellation requested through Temporal' });
    const status = await statusOf(handle);
    expect(status.openTasks).toEqual([]);
    expect(stepNamed(status, 'approval-1')).toMatchObject({ status: 'SKIPPED' });
    expect(stepNames(status)).not.toContain('approval-1-reminder-1');
    await replayScenario(handle, 'order-to-cash', 'cancelled-through-temporal');
  });
});
