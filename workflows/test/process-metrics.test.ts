/**
 * The business metrics order-to-cash reports through the workflow `metricMeter`, read from the SDK's
 * buffered metrics exporter while the time-skipping server moves through escalations and dunning.
 */
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, MetricsBuffer, Runtime } from '@temporalio/worker';
import { processMetricNames as names } from '../src/lib/metrics';
import { completeTaskUpdate, cancelUpdate } from '../src/lib/process-contract';
import { paymentReceivedSignal } from '../src/order-to-cash/contract';
import { customerRepliedSignal, supportTicketProcess } from '../src/support-ticket/contract';
import { startTestStack, type TestStack } from './support/environment';
import { createMailRecorder } from './support/process-mail-activities';
import { createRecordingActivities } from './support/recording-activities';
import { actor, DAY, eventually, HOUR, orderOf, reachedStage, startOrder } from './support/orders';
import { completeTask, openTask, startProcess, statusWhen } from './support/processes';

interface Recorded {
  name: string;
  value: number;
  tags: Record<string, string>;
}

const buffer = new MetricsBuffer();
const recorded: Recorded[] = [];
const recording = createRecordingActivities();
const mail = createMailRecorder();
let stack: TestStack;

/** Moves what the SDK buffered into `recorded`, keeping only Ordo's own metrics. */
function drain(): Recorded[] {
  for (const update of buffer.retrieveUpdates()) {
    if (!update.metric.name.startsWith('ordo_')) continue;
    const tags = Object.fromEntries(Object.entries(update.attributes).map(([key, value]) => [key, String(value)]));
    recorded.push({ name: update.metric.name, value: update.value, tags });
  }
  return recorded;
}

function matching(name: string, tags: Record<string, string> = {}): Recorded[] {
  return drain().filter(
    (entry) => entry.name === name && Object.entries(tags).every(([key, value]) => entry.tags[key] === value),
  );
}

/** Sum of counter deltas with these tags. */
function total(name: string, tags: Record<string, string> = {}): number {
  return matching(name, tags).reduce((sum, entry) => sum + entry.value, 0);
}

beforeAll(async () => {
  // Installed before the stack so that the worker's runtime exports into the buffer.
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { metrics: { buffer } } });
  stack = await startTestStack('metrics-tests', { ...recording.activities, ...mail.activities });
});

afterAll(async () => {
  await stack?.teardown();
});

beforeEach(() => {
  drain();
  recorded.length = 0;
});

const labels = { process: 'order-to-cash', version: '1.0.0' };

test('an escalated approval, a missed due date and a reminder are counted, and the paid order closes COMPLETED', async () => {
  const handle = await startOrder(stack, 'O-MET-1', orderOf(5_000, { paymentTermsDays: 0 }));
  await reachedStage(handle, 'approval');
  await stack.env.sleep(49 * HOUR);
  await eventually(async () => expect(total(names.taskEscalations)).toBe(1));
  await handle.executeUpdate(completeTaskUpdate, {
    args: [{ taskId: 'approval-1', actor: actor('cfo', 'clara'), decision: 'approve' }],
  });
  // Payment terms of 0 days: the invoice is due when issued, so the order goes straight into dunning.
  await reachedStage(handle, 'dunning');
  await stack.env.sleep(DAY + HOUR);
  await eventually(async () => expect(total(names.dunningReminders)).toBe(1));
  await handle.signal(paymentReceivedSignal, { amount: 5_000, currency: 'EUR', reference: 'SEPA-M1' });
  expect((await handle.result()).status).toBe('COMPLETED');
  await eventually(async () => expect(total(names.completed)).toBe(1));

  expect(total(names.started, labels)).toBe(1);
  expect(total(names.completed, { ...labels, outcome: 'COMPLETED' })).toBe(1);
  expect(total(names.taskEscalations, { ...labels, task_type: 'approval', from_role: 'manager', to_role: 'cfo' })).toBe(
    1,
  );
  expect(total(names.slaBreaches, { ...labels, sla: 'task_due' })).toBe(1);
  expect(total(names.slaBreaches, { ...labels, sla: 'payment_due' })).toBe(1);
  expect(total(names.dunningReminders, { ...labels, level: '1' })).toBe(1);
  for (const flow of ['ordered', 'invoiced', 'collected']) {
    expect(total(names.moneyCents, { ...labels, currency: 'EUR', flow })).toBe(500_000);
  }
  expect(total(names.moneyCents, { flow: 'refunded' })).toBe(0);

  const [wait] = matching(names.taskWait, { ...labels, task_type: 'approval', role: 'cfo', decision: 'approve' });
  expect(wait?.value).toBeGreaterThanOrEqual(49 * 3600);
  expect(wait?.value).toBeLessThan(50 * 3600);
  const [cycle] = matching(names.cycleTime, { ...labels, outcome: 'COMPLETED' });
  expect(cycle?.value).toBeGreaterThanOrEqual((49 + 25) * 3600);

  const steps = new Set(matching(names.stepDuration, labels).map((entry) => entry.tags.step));
  expect([...steps]).toEqual(
    expect.arrayContaining([
      'credit-check',
      'approval',
      'approval-reminder',
      'reserve-stock',
      'create-invoice',
      'dunning-reminder',
      'post-receipt',
    ]),
  );
  const approvalStep = matching(names.stepDuration, { step: 'approval' });
  expect(approvalStep[0]?.value).toBeGreaterThanOrEqual(49 * 3600);

  // Bounded labels: neither the business key nor any id or payment reference appears anywhere.
  for (const entry of recorded) {
    for (const value of Object.values(entry.tags)) expect(value).not.toMatch(/O-MET-1|SEPA-M1|approval-1/);
  }
});

test('a cancellation after a payment closes CANCELLED and counts the refund under the refund family', async () => {
  const handle = await startOrder(stack, 'O-MET-2', orderOf(500));
  await reachedStage(handle, 'awaiting-payment');
  await handle.signal(paymentReceivedSignal, { amount: 120.5, currency: 'EUR', reference: 'PART/7' });
  await eventually(async () => expect(total(names.moneyCents, { flow: 'collected' })).toBe(12_050));
  await handle.executeUpdate(cancelUpdate, { args: [{ actor: actor('clerk'), reason: 'customer withdrew' }] });
  expect((await handle.result()).status).toBe('CANCELLED');
  await eventually(async () => expect(total(names.completed)).toBe(1));

  expect(total(names.completed, { ...labels, outcome: 'CANCELLED' })).toBe(1);
  expect(total(names.moneyCents, { ...labels, currency: 'EUR', flow: 'refunded' })).toBe(12_050);
  const steps = new Set(matching(names.stepDuration).map((entry) => entry.tags.step));
  expect([...steps]).toEqual(expect.arrayContaining(['refund', 'void-invoice', 'book-return']));
  expect([...steps].some((step) => step?.includes('PART'))).toBe(false);
});

test('a business failure of a step closes the instance FAILED', async () => {
  recording.systems.failures.set(
    'O-MET-3:createShipment',
    ApplicationFailure.nonRetryable('address rejected', 'CarrierRejected'),
  );
  const handle = await startOrder(stack, 'O-MET-3', orderOf(300));
  await expect(handle.result()).rejects.toThrow();
  await eventually(async () => expect(total(names.completed)).toBe(1));

  expect(total(names.completed, { ...labels, outcome: 'FAILED' })).toBe(1);
  expect(matching(names.cycleTime, { ...labels, outcome: 'FAILED' })).toHaveLength(1);
  expect(matching(names.stepDuration, { step: 'create-shipment' })).toHaveLength(1);
  expect(total(names.moneyCents, { flow: 'invoiced' })).toBe(0);
});

test('a support ticket past its resolution deadline counts a resolution_due breach, with or without an open task', async () => {
  const ticket = {
    customerId: 'C-100',
    customerEmail: 'help@acme.test',
    customerTier: 'standard',
    channel: 'email',
    category: 'account',
    subject: 'URGENT: cannot log in',
    description: 'Locked out since this morning.',
  };
  const tickets = { process: 'support-ticket', version: '1.0.0' };
  const waitingForCustomer = await startProcess(stack, supportTicketProcess, 'T-MET-1', ticket, 'portal');
  const withOpenTask = await startProcess(stack, supportTicketProcess, 'T-MET-2', ticket, 'portal');
  for (const handle of [waitingForCustomer, withOpenTask]) {
    await openTask(handle, 'ticket-1');
    await completeTask(handle, {
      taskId: 'ticket-1',
      actor: actor('support-l2', 'sam'),
      decision: 'respond',
      comment: 'Reset link sent.',
    });
    await statusWhen(handle, (status) => expect(status.stage).toBe('awaiting-customer'));
  }
  // The second ticket is back in the queue, its task due at the resolution deadline (1 day for high priority).
  await withOpenTask.signal(customerRepliedSignal, { message: 'The link expired' });
  await openTask(withOpenTask, 'ticket-2');

  await stack.env.sleep(DAY + HOUR);
  for (const handle of [waitingForCustomer, withOpenTask]) {
    await statusWhen(handle, (status) =>
      expect(status.steps.map((step) => step.name)).toContain('resolution-sla-breached'),
    );
  }
  // One per ticket: the first had no task whose due time could have stood in for its deadline.
  await eventually(async () => expect(total(names.slaBreaches, { ...tickets, sla: 'resolution_due' })).toBe(2));
  const kinds = new Set(matching(names.slaBreaches, tickets).map((entry) => entry.tags.sla));
  expect([...kinds].sort()).toEqual(['resolution_due', 'task_due']);
});
