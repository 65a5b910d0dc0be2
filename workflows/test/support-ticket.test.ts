import { cancelUpdate } from '../src/lib/process-contract';
import { customerRepliedSignal, type SupportTicketInput, supportTicketProcess } from '../src/support-ticket/contract';
import { replayScenario } from './replay';
import { useTestStack } from './support/environment';
import { actor, DAY, expectElapsed, HOUR, stepNamed, updateRejection } from './support/orders';
import { createMailRecorder } from './support/process-mail-activities';
import {
  completeTask,
  openTask,
  type ProcessHandle,
  startProcess,
  statusOfProcess,
  statusWhen,
} from './support/processes';

const mail = createMailRecorder();
const stack = useTestStack('support-ticket-tests', mail.activities);

function ticketOf(overrides: Partial<SupportTicketInput> = {}): SupportTicketInput {
  return {
    customerId: 'C-100',
    customerEmail: 'help@acme.test',
    customerTier: 'standard',
    channel: 'email',
    category: 'billing',
    subject: 'Invoice shows the wrong address',
    description: 'Our invoice 2025-000123 has our old address.',
    ...overrides,
  };
}

const start = (key: string, input: SupportTicketInput) =>
  startProcess(stack(), supportTicketProcess, key, input, 'portal');
const act = (handle: ProcessHandle, taskId: string, role: string, decision: string, comment?: string) =>
  completeTask(handle, { taskId, actor: actor(role, `${role}-agent`), decision, ...(comment ? { comment } : {}) });

describe('support ticket routing', () => {
  test('an outage is urgent for second level; respond, customer reply, resolve', async () => {
    const handle = await start('T-1', ticketOf({ category: 'outage', subject: 'API returns 503', channel: 'web' }));
    const task = await openTask(handle, 'ticket-1');
    expect(task).toMatchObject({
      candidateRoles: ['support-l2'],
      priority: 'urgent',
      decisions: ['respond', 'resolve'],
    });
    expect(Date.parse(task.dueAt) - Date.parse(task.createdAt)).toBe(HOUR);
    const classified = await statusOfProcess(handle);
    expect(classified.decisions).toEqual([
      {
        table: 'support-ticket-classification',
        version: '1',
        output: { priority: 'urgent', team: 'support-l2', rule: 'outage' },
      },
    ]);

    expect(await updateRejection(act(handle, 'ticket-1', 'support-l1', 'respond'))).toBe('Forbidden');
    await act(handle, 'ticket-1', 'support-l2', 'respond', 'We are on it.');
    await statusWhen(handle, (status) => expect(status.stage).toBe('awaiting-customer'));
    expect(mail.mailsOf(handle.workflowId)).toEqual([
      expect.objectContaining({ step: 'response-1', to: 'help@acme.test', body: 'We are on it.' }),
    ]);

    await handle.signal(customerRepliedSignal, { message: 'Still failing for EU customers' });
    const requeued = await openTask(handle, 'ticket-2');
    expect(requeued).toMatchObject({
      candidateRoles: ['support-l2'],
      data: expect.objectContaining({ firstResponse: false, customerReplies: 1 }),
    });
    // After the first response, the ticket is due at the resolution deadline: 8 hours from arrival.
    expectElapsed(task.createdAt, requeued.dueAt, 8 * HOUR);

    await act(handle, 'ticket-2', 'support-l2', 'resolve', 'Failover fixed.');
    const result = await handle.result();
    expect(result).toMatchObject({
      status: 'COMPLETED',
      reason: 'resolved by support-l2-agent',
      summary: {
        priority: 'urgent',
        team: 'support-l2',
        firstResponseWithinSla: true,
        resolutionWithinSla: true,
        closedBy: 'resolution',
        resolution: 'Failover fixed.',
        agentResponses: 1,
        customerReplies: 1,
      },
    });
    expect(mail.mailsOf(handle.workflowId).at(-1)).toMatchObject({ step: 'resolution', body: 'Failover fixed.' });
    await replayScenario(handle, 'support-ticket', 'outage-resolved');
  });

  test('a missed first response escalates l1 → l2 → manager; a missed resolution SLA is recorded; quiet tickets close', async () => {
    const handle = await start('T-2', ticketOf());
    const task = await openTask(handle, 'ticket-1');
    expect(task).toMatchObject({ candidateRoles: ['support-l1'], priority: 'normal' });
    expect(Date.parse(task.dueAt) - Date.parse(task.createdAt)).toBe(8 * HOUR);

    await stack().env.sleep(4 * HOUR + 60_000);
    await statusWhen(handle, (status) => expect(stepNamed(status, 'ticket-1-reminder-1').status).toBe('COMPLETED'));
    await stack().env.sleep(4 * HOUR);
    const toL2 = await statusWhen(handle, (status) =>
      expect(status.openTasks[0]?.candidateRoles).toEqual(['support-l2']),
    );
    expectElapsed(task.createdAt, stepNamed(toL2, 'ticket-1-escalation-1').completedAt!, 8 * HOUR);
    await stack().env.sleep(8 * HOUR);
    const toManager = await statusWhen(handle, (status) =>
      expect(status.openTasks[0]?.candidateRoles).toEqual(['manager']),
    );
    expectElapsed(task.createdAt, stepNamed(toManager, 'ticket-1-escalation-2').completedAt!, 16 * HOUR);

    await act(handle, 'ticket-1', 'manager', 'respond', 'Corrected, new invoice attached.');
    await statusWhen(handle, (status) => expect(status.stage).toBe('awaiting-customer'));

    // The resolution SLA (3 days for normal) passes while the ticket waits for the customer.
    await stack().env.sleep(3 * DAY);
    const breached = await statusWhen(handle, (status) =>
      expect(stepNamed(status, 'resolution-sla-breached').status).toBe('COMPLETED'),
    );
    expectElapsed(task.createdAt, stepNamed(breached, 'resolution-sla-breached').completedAt!, 3 * DAY);
    expect(mail.mailsOf(handle.workflowId).map((message) => message.to)).toContain('manager@ordo.local');

    const result = await handle.result();
    expect(result).toMatchObject({
      status: 'COMPLETED',
      reason: 'closed after 5 days without a customer reply',
      summary: {
        firstResponseWithinSla: false,
        resolutionWithinSla: false,
        closedBy: 'quiet-period',
        agentResponses: 1,
        customerReplies: 0,
      },
    });
    const closedAt = (await handle.describe()).closeTime!.toISOString();
    expectElapsed(stepNamed(await statusOfProcess(handle), 'response-1').completedAt!, closedAt, 5 * DAY);
    await replayScenario(handle, 'support-ticket', 'escalated-sla-missed-closed');
  });

  test('a ticket open at its resolution deadline is handed to the support manager', async () => {
    const handle = await start('T-3', ticketOf({ subject: 'URGENT: cannot log in', category: 'account' }));
    const first = await openTask(handle, 'ticket-1');
    expect(first).toMatchObject({ candidateRoles: ['support-l2'], priority: 'high' });
    await act(handle, 'ticket-1', 'support-l2', 'respond', 'Reset link sent.');
    await statusWhen(handle, (status) => expect(status.stage).toBe('awaiting-customer'));
    await handle.signal(customerRepliedSignal, { message: 'The link expired' });
    await openTask(handle, 'ticket-2');

    await stack().env.sleep(DAY);
    const handedOver = await statusWhen(handle, (status) =>
      expect(status.openTasks.map((task) => task.taskId)).toEqual(['ticket-3']),
    );
    expect(handedOver.openTasks[0]).toMatchObject({ candidateRoles: ['manager'] });
    expect(stepNamed(handedOver, 'ticket-2')).toMatchObject({ status: 'SKIPPED' });
    expectElapsed(first.createdAt, stepNamed(handedOver, 'resolution-sla-breached').completedAt!, DAY);

    await act(handle, 'ticket-3', 'manager', 'resolve', 'Account unlocked.');
    expect((await handle.result()).summary).toMatchObject({
      resolutionWithinSla: false,
      handledBy: ['manager'],
      customerReplies: 1,
    });
    await replayScenario(handle, 'support-ticket', 'handed-to-manager');
  });

  test('a withdrawn ticket is cancelled with its open task', async () => {
    const handle = await start('T-4', ticketOf());
    await openTask(handle, 'ticket-1');
    await handle.executeUpdate(cancelUpdate, {
      args: [{ actor: actor('support-l1', 'sam'), reason: 'duplicate of T-1' }],
    });
    expect(await handle.result()).toMatchObject({
      status: 'CANCELLED',
      reason: 'duplicate of T-1',
      summary: { closedBy: 'cancellation' },
    });
    expect((await statusOfProcess(handle)).openTasks).toEqual([]);
    await replayScenario(handle, 'support-ticket', 'withdrawn');
  });
});
