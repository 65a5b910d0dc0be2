import { cancelUpdate } from '../src/lib/process-contract';
import { valueMemoKey } from '../src/lib/process-contract';
import { searchAttributes } from '../src/lib/search-attributes';
import {
  type DocumentApprovalInput,
  documentApprovalProcess,
  resubmittedSignal,
} from '../src/document-approval/contract';
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
const stack = useTestStack('document-approval-tests', mail.activities);

function documentOf(amount: number, overrides: Partial<DocumentApprovalInput> = {}): DocumentApprovalInput {
  return {
    documentType: 'purchase-order',
    title: 'Laptops for the sales team',
    amount,
    currency: 'EUR',
    category: 'it',
    department: 'sales',
    documentUrl: 'https://docs.example/po-1.pdf',
    ...overrides,
  };
}

const start = (key: string, document: DocumentApprovalInput, requestedBy = 'rita') =>
  startProcess(stack(), documentApprovalProcess, key, document, requestedBy);

const decide = (handle: ProcessHandle, taskId: string, role: string, id: string, decision: string, comment?: string) =>
  completeTask(handle, { taskId, actor: actor(role, id), decision, ...(comment ? { comment } : {}) });

describe('document approval', () => {
  test('a small purchase order needs one manager; the decision and the outcome mail are recorded', async () => {
    const handle = await start('PO-1', documentOf(800));
    const task = await openTask(handle, 'approval-1');
    expect(task).toMatchObject({ candidateRoles: ['manager'], decisions: ['approve', 'reject', 'return'] });
    expect(task.data).toMatchObject({
      level: 1,
      levels: 1,
      amount: 800,
      requestedBy: 'rita',
      documentType: 'purchase-order',
    });
    expect(Date.parse(task.dueAt) - Date.parse(task.createdAt)).toBe(2 * DAY);

    // Four-eyes: the requester holds the manager role, and still may not approve her own order.
    expect(await updateRejection(decide(handle, 'approval-1', 'manager', 'rita', 'approve'))).toBe('Forbidden');
    await decide(handle, 'approval-1', 'manager', 'mo', 'approve');
    const result = await handle.result();
    expect(result).toEqual({
      status: 'COMPLETED',
      decisions: [
        {
          table: 'document-approval-chain',
          version: '1',
          output: { outputs: [{ approverRole: 'manager' }], rules: ['line-manager'] },
        },
      ],
      summary: {
        documentType: 'purchase-order',
        title: 'Laptops for the sales team',
        amount: 800,
        currency: 'EUR',
        chain: ['manager'],
        approvals: [{ level: 1, role: 'manager', approvedBy: 'mo' }],
        revisions: 0,
      },
    });
    expect(mail.mailsOf(handle.workflowId)).toEqual([
      expect.objectContaining({ step: 'outcome', to: 'rita@ordo.local', reference: 'PO-1' }),
    ]);
    await replayScenario(handle, 'document-approval', 'one-level-approved');
  });

  test('a contract runs manager → legal → director; an unchanged resubmission resumes at the level that returned it', async () => {
    const handle = await start(
      'CT-1',
      documentOf(20_000, { documentType: 'contract', category: 'legal', title: 'Reseller contract' }),
    );
    await openTask(handle, 'approval-1');
    await decide(handle, 'approval-1', 'manager', 'mo', 'approve');
    const legal = await openTask(handle, 'approval-2');
    expect(legal).toMatchObject({ candidateRoles: ['legal'], data: expect.objectContaining({ level: 2, levels: 3 }) });
    expect(Date.parse(legal.dueAt) - Date.parse(legal.createdAt)).toBe(3 * DAY);

    await decide(handle, 'approval-2', 'legal', 'lou', 'return', 'liability clause missing');
    const waiting = await statusWhen(handle, (status) => expect(status.stage).toBe('awaiting-resubmission'));
    expect(waiting.openTasks).toEqual([]);
    expect(mail.mailsOf(handle.workflowId)).toContainEqual(
      expect.objectContaining({
        step: 'returned-1',
        to: 'rita@ordo.local',
        body: expect.stringContaining('liability clause missing'),
      }),
    );

    // The same document (the clause is in an annex the note points to): legal decides again, the manager's approval stands.
    await handle.signal(resubmittedSignal, {
      document: documentOf(20_000, { documentType: 'contract', category: 'legal', title: 'Reseller contract' }),
      note: 'clause added',
    });
    const again = await openTask(handle, 'approval-3');
    expect(again).toMatchObject({
      candidateRoles: ['legal'],
      data: expect.objectContaining({ level: 2, revision: 1, title: 'Reseller contract' }),
    });
    await decide(handle, 'approval-3', 'legal', 'lou', 'approve');
    await openTask(handle, 'approval-4');
    // Nobody approves two levels of one document, whatever roles they hold.
    const twoHats = completeTask(handle, {
      taskId: 'approval-4',
      actor: { id: 'mo', roles: ['manager', 'director'] },
      decision: 'approve',
    });
    expect(await updateRejection(twoHats)).toBe('Forbidden');
    await decide(handle, 'approval-4', 'director', 'dora', 'approve');
    const result = await handle.result();
    expect(result.status).toBe('COMPLETED');
    expect(result.summary).toMatchObject({
      title: 'Reseller contract',
      chain: ['manager', 'legal', 'director'],
      approvals: [
        { level: 1, role: 'manager', approvedBy: 'mo' },
        { level: 2, role: 'legal', approvedBy: 'lou' },
        { level: 3, role: 'director', approvedBy: 'dora' },
      ],
      revisions: 1,
    });
    expect(stepNamed(await statusOfProcess(handle), 'resubmission-1').detail).toBe('clause added');
    await replayScenario(handle, 'document-approval', 'three-levels-with-return');
  });

  test('a revision with changed content voids the approvals of those who saw the earlier content: level 1 decides again', async () => {
    const handle = await start(
      'CT-2',
      documentOf(20_000, { documentType: 'contract', category: 'legal', title: 'Reseller contract' }),
    );
    await openTask(handle, 'approval-1');
    await decide(handle, 'approval-1', 'manager', 'mo', 'approve');
    await openTask(handle, 'approval-2');
    await decide(handle, 'approval-2', 'legal', 'lou', 'return', 'liability clause missing');
    await statusWhen(handle, (status) => expect(status.stage).toBe('awaiting-resubmission'));
    await handle.signal(resubmittedSignal, {
      document: documentOf(20_000, { documentType: 'contract', category: 'legal', title: 'Reseller contract v2' }),
    });

    const again = await openTask(handle, 'approval-3');
    expect(again).toMatchObject({
      candidateRoles: ['manager'],
      data: expect.objectContaining({ level: 1, revision: 1, approvedSoFar: [] }),
    });
    await decide(handle, 'approval-3', 'manager', 'mo', 'approve');
    await openTask(handle, 'approval-4');
    await decide(handle, 'approval-4', 'legal', 'lou', 'approve');
    await openTask(handle, 'approval-5');
    await decide(handle, 'approval-5', 'director', 'dora', 'approve');
    expect((await handle.result()).summary).toMatchObject({
      title: 'Reseller contract v2',
      approvals: [
        { level: 1, role: 'manager', approvedBy: 'mo' },
        { level: 2, role: 'legal', approvedBy: 'lou' },
        { level: 3, role: 'director', approvedBy: 'dora' },
      ],
    });
    await replayScenario(handle, 'document-approval', 'revision-voids-approvals');
  });

  test('a revision that raises the amount into a higher band restarts the chain at level 1', async () => {
    const handle = await start('PO-2', documentOf(9_000));
    await openTask(handle, 'approval-1');
    await decide(handle, 'approval-1', 'manager', 'mo', 'return', 'add the docking stations');
    await statusWhen(handle, (status) => expect(status.stage).toBe('awaiting-resubmission'));
    await handle.signal(resubmittedSignal, { document: documentOf(12_000) });

    const restarted = await openTask(handle, 'approval-2');
    expect(restarted).toMatchObject({
      candidateRoles: ['manager'],
      data: expect.objectContaining({ level: 1, levels: 2, amount: 12_000 }),
    });
    const described = await handle.describe();
    expect([described.memo?.[valueMemoKey], described.typedSearchAttributes.get(searchAttributes.currency)]).toEqual([
      { amount: 12_000, currency: 'EUR' },
      'EUR',
    ]);
    const status = await statusOfProcess(handle);
    expect(status.decisions.map((decision) => decision.output.rules)).toEqual([
      ['line-manager'],
      ['line-manager', 'director-band'],
    ]);

    await decide(handle, 'approval-2', 'manager', 'mo', 'approve');
    await openTask(handle, 'approval-3');
    await decide(handle, 'approval-3', 'director', 'dora', 'reject', 'over budget');
    expect(await handle.result()).toMatchObject({
      status: 'REJECTED',
      reason: 'rejected at level 2 (director) by dora: over budget',
      summary: {
        amount: 12_000,
        chain: ['manager', 'director'],
        approvals: [{ level: 1, role: 'manager', approvedBy: 'mo' }],
        revisions: 1,
      },
    });
    expect(mail.mailsOf(handle.workflowId).at(-1)).toMatchObject({
      step: 'outcome',
      body: expect.stringContaining('over budget'),
    });
    await replayScenario(handle, 'document-approval', 'revision-restarts-chain');
  });

  test('an unattended manager level is reminded after 1 day and escalated to a director after 2', async () => {
    const handle = await start('PO-3', documentOf(500));
    const opened = await openTask(handle, 'approval-1');
    const mailsTo = (to: string) => mail.mailsOf(handle.workflowId).filter((message) => message.to === to);

    await stack().env.sleep(DAY + HOUR);
    const reminded = await statusWhen(handle, (status) =>
      expect(stepNamed(status, 'approval-1-reminder-1').status).toBe('COMPLETED'),
    );
    expectElapsed(opened.createdAt, stepNamed(reminded, 'approval-1-reminder-1').startedAt, DAY);
    expect(mailsTo('manager@ordo.local')).toHaveLength(1);

    await stack().env.sleep(DAY);
    const escalated = await statusWhen(handle, (status) =>
      expect(stepNamed(status, 'approval-1-escalation-1-mail').status).toBe('COMPLETED'),
    );
    expect(escalated.openTasks[0]).toMatchObject({
      taskId: 'approval-1',
      candidateRoles: ['director'],
      escalationLevel: 1,
    });
    expectElapsed(opened.createdAt, stepNamed(escalated, 'approval-1-escalation-1').completedAt!, 2 * DAY);
    expect(mailsTo('director@ordo.local')).toHaveLength(1);

    expect(await updateRejection(decide(handle, 'approval-1', 'manager', 'mo', 'approve'))).toBe('Forbidden');
    await decide(handle, 'approval-1', 'director', 'dora', 'approve');
    expect((await handle.result()).summary).toMatchObject({
      approvals: [{ level: 1, role: 'manager', approvedBy: 'dora' }],
    });
    await replayScenario(handle, 'document-approval', 'escalated-to-director');
  });

  test('a returned document that is not resubmitted within 14 days lapses', async () => {
    const handle = await start('PO-4', documentOf(300));
    await openTask(handle, 'approval-1');
    await decide(handle, 'approval-1', 'manager', 'mo', 'return');
    const returned = await statusWhen(handle, (status) => expect(status.stage).toBe('awaiting-resubmission'));
    await stack().env.sleep(13 * DAY);
    expect((await statusOfProcess(handle)).status).toBe('RUNNING');
    const result = await handle.result();
    expect(result).toMatchObject({
      status: 'REJECTED',
      reason: 'returned at level 1 and not resubmitted within 14 days',
    });
    const closed = await statusOfProcess(handle);
    expectElapsed(stepNamed(returned, 'returned-1').completedAt!, stepNamed(closed, 'outcome').startedAt, 14 * DAY);
    await replayScenario(handle, 'document-approval', 'return-lapsed');
  });

  test('the requester withdraws a pending document: open tasks are cancelled', async () => {
    const handle = await start('PO-5', documentOf(300));
    await openTask(handle, 'approval-1');
    const cancel = (reason: string) =>
      handle.executeUpdate(cancelUpdate, { args: [{ actor: actor('clerk', 'rita'), reason }] });
    expect(await updateRejection(cancel('  '))).toBe('InvalidPayload');
    await cancel('bought elsewhere');
    expect(await handle.result()).toMatchObject({ status: 'CANCELLED', reason: 'bought elsewhere' });
    const closed = await statusOfProcess(handle);
    expect(closed).toMatchObject({ status: 'CANCELLED', stage: 'closed', openTasks: [] });
    expect(stepNamed(closed, 'approval-1')).toMatchObject({ status: 'SKIPPED' });
    expect(mail.mailsOf(handle.workflowId)).toEqual([]);
    await replayScenario(handle, 'document-approval', 'withdrawn');
  });
});
