/**
 * The human-task helper in a running workflow on the time-skipping server: claim, release, assign and
 * complete through real updates, escalation chains, reminders and follow-ups at their workflow times,
 * and the four-eyes rule; the open tasks mirrored into the memo for the inbox after each of them.
 */
import { ApplicationFailure } from '@temporalio/common';
import { type WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import {
  type Actor,
  assignTaskUpdate,
  claimTaskUpdate,
  completeTaskUpdate,
  inboxTaskOf,
  openTasksMemoKey,
  releaseTaskUpdate,
  statusQuery,
  type TaskView,
} from '../src/lib/process-contract';
import { searchAttributes } from '../src/lib/search-attributes';
import { fourEyesFor } from '../src/lib/human-task';
import { useTestStack } from './support/environment';
import { DAY, eventually, expectElapsed, HOUR } from './support/orders';
import type { ProbeTaskSpec, taskProbe } from './support/task-probe.workflow';

const stack = useTestStack(
  'human-task-tests',
  {},
  {
    workflowsPath: require.resolve('./support/task-probe.workflow'),
  },
);

type ProbeHandle = WorkflowHandle<typeof taskProbe>;

const person = (id: string, ...roles: string[]): Actor => ({ id, roles });
const mia = person('mia', 'manager');
const max = person('max', 'manager');
const dora = person('dora', 'director');
const clerk = person('carl', 'clerk');

let started = 0;

async function startProbe(spec: Partial<ProbeTaskSpec>, requestedBy = 'rita'): Promise<ProbeHandle> {
  started += 1;
  const businessKey = `T-${started}`;
  const handle = await stack().env.client.workflow.start<typeof taskProbe>('taskProbe', {
    workflowId: `task-probe:${businessKey}`,
    taskQueue: stack().taskQueue,
    args: [
      {
        businessKey,
        requestedBy,
        input: {
          spec: {
            type: 'approval',
            title: 'Approve the thing',
            candidateRoles: ['manager'],
            decisions: ['approve', 'reject'],
            due: '2 days',
            ...spec,
          },
        },
      },
    ],
  });
  await eventually(async () => expect((await handle.query(statusQuery)).openTasks).toHaveLength(1));
  return handle;
}

async function openTask(handle: ProbeHandle): Promise<TaskView> {
  const [task] = (await handle.query(statusQuery)).openTasks;
  if (!task) throw new Error('no open task');
  return task;
}

/**
 * The memo holds exactly the open tasks the status query shows, without their audit (nothing when none is open).
 * Both are read from the workflow's current state, so no wait for visibility is needed.
 */
async function expectMemoMirrorsOpenTasks(handle: ProbeHandle): Promise<void> {
  const { openTasks } = await handle.query(statusQuery);
  const { memo } = await handle.describe();
  if (openTasks.length === 0) expect(memo ?? {}).not.toHaveProperty(openTasksMemoKey);
  else expect(memo?.[openTasksMemoKey]).toEqual(openTasks.map(inboxTaskOf));
}

/** The ApplicationFailure an update was rejected with. */
async function rejectionOf(update: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await update;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) return error.cause;
    throw error;
  }
  throw new Error('expected the update to be rejected');
}

/** Updates the workflow accepted: a validator's rejection never gets this far. */
async function acceptedUpdates(handle: ProbeHandle): Promise<number> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes).length;
}

const claim = (handle: ProbeHandle, actor: Actor) =>
  handle.executeUpdate(claimTaskUpdate, { args: [{ taskId: 'approval-1', actor }] });
const release = (handle: ProbeHandle, actor: Actor) =>
  handle.executeUpdate(releaseTaskUpdate, { args: [{ taskId: 'approval-1', actor }] });
const assign = (handle: ProbeHandle, actor: Actor, assignee: string, comment?: string) =>
  handle.executeUpdate(assignTaskUpdate, {
    args: [{ taskId: 'approval-1', actor, assignee, ...(comment ? { comment } : {}) }],
  });
const complete = (handle: ProbeHandle, actor: Actor, decision = 'approve') =>
  handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: 'approval-1', actor, decision }] });

describe('claiming, releasing, assigning and completing', () => {
  test('rejections are refused before history; the assignee alone completes; every action is audited', async () => {
    const handle = await startProbe({ assignableBy: ['director'], priority: 'urgent' });
    await expectMemoMirrorsOpenTasks(handle);
    const opened = (await handle.describe()).memo?.[openTasksMemoKey];
    expect(opened).toEqual([
      expect.objectContaining({
        taskId: 'approval-1',
        candidateRoles: ['manager'],
        priority: 'urgent',
        decisions: ['approve', 'reject'],
      }),
    ]);
    expect((await rejectionOf(claim(handle, clerk))).type).toBe('Forbidden');
    expect((await rejectionOf(release(handle, mia))).type).toBe('Forbidden');
    expect((await rejectionOf(release(handle, dora))).type).toBe('NotClaimed');
    expect((await rejectionOf(assign(handle, mia, 'max'))).type).toBe('Forbidden');
    expect((await rejectionOf(assign(handle, dora, 'not a person id'))).type).toBe('InvalidPayload');
    expect(
      (await rejectionOf(handle.executeUpdate(claimTaskUpdate, { args: [{ taskId: 'approval-1' } as never] }))).type,
    ).toBe('InvalidPayload');
    expect(
      (await rejectionOf(claim(handle, person('x', 'manager')).then(() => claim(handle, person('y', 'manager'))))).type,
    ).toBe('AlreadyClaimed');
    // x's claim succeeded; undo it so the story below starts from an unassigned task.
    await release(handle, dora);
    expect(await acceptedUpdates(handle)).toBe(2); // only x's claim and dora's release were accepted

    expect(await claim(handle, mia)).toMatchObject({ assignee: 'mia' });
    const described = await handle.describe();
    expect(described.typedSearchAttributes.get(searchAttributes.openTaskAssignees)).toEqual(['mia']);
    expect(described.typedSearchAttributes.get(searchAttributes.openTaskPriority)).toBe(4);
    expect(described.memo?.[openTasksMemoKey]).toEqual([expect.objectContaining({ assignee: 'mia' })]);
    await expectMemoMirrorsOpenTasks(handle);

    const beforeRefusals = await acceptedUpdates(handle);
    expect((await rejectionOf(claim(handle, max))).message).toContain('already claimed by mia');
    expect((await rejectionOf(complete(handle, max))).type).toBe('Forbidden');
    expect((await rejectionOf(complete(handle, dora))).message).toContain('assigned to mia');
    expect((await rejectionOf(assign(handle, max, 'max'))).type).toBe('Forbidden');
    expect(await acceptedUpdates(handle)).toBe(beforeRefusals);

    expect(await claim(handle, mia)).toMatchObject({ assignee: 'mia' }); // claiming one's own task again is harmless
    expect(await assign(handle, mia, 'zoe', 'on holiday')).toMatchObject({ assignee: 'zoe' }); // delegation by the assignee
    expect(await release(handle, person('zoe'))).not.toHaveProperty('assignee'); // the assignee needs no role to give it back
    expect(await assign(handle, dora, 'max')).toMatchObject({ assignee: 'max' }); // a supervisor assigns
    expect((await handle.describe()).memo?.[openTasksMemoKey]).toEqual([expect.objectContaining({ assignee: 'max' })]);
    await expectMemoMirrorsOpenTasks(handle);
    const completed = await complete(handle, max);
    expect(completed).toMatchObject({
      status: 'COMPLETED',
      completedBy: 'max',
      decision: 'approve',
      priority: 'urgent',
    });
    expect((await handle.describe()).memo ?? {}).not.toHaveProperty(openTasksMemoKey);

    const story = completed.audit!.map(({ action, actor, comment, detail }) => ({ action, actor, comment, detail }));
    expect(story).toEqual([
      { action: 'opened', actor: undefined, comment: undefined, detail: 'for manager' },
      { action: 'claimed', actor: 'x', comment: undefined, detail: undefined },
      { action: 'released', actor: 'dora', comment: undefined, detail: 'from x' },
      { action: 'claimed', actor: 'mia', comment: undefined, detail: undefined },
      { action: 'assigned', actor: 'mia', comment: 'on holiday', detail: 'from mia to zoe' },
      { action: 'released', actor: 'zoe', comment: undefined, detail: 'from zoe' },
      { action: 'assigned', actor: 'dora', comment: undefined, detail: 'to max' },
      { action: 'completed', actor: 'max', comment: undefined, detail: 'approve' },
    ]);

    expect(await handle.result()).toMatchObject({
      status: 'COMPLETED',
      summary: { decision: 'approve', completedBy: 'max' },
    });
    const closed = await handle.describe();
    expect(closed.typedSearchAttributes.get(searchAttributes.openTaskPriority)).toBeUndefined();
    expect(closed.typedSearchAttributes.get(searchAttributes.openTaskAssignees)).toBeUndefined();
  });
});

describe('the four-eyes principle', () => {
  test('the requester may neither complete, claim nor be assigned the task, whatever their roles', async () => {
    const handle = await startProbe(
      { fourEyes: fourEyesFor({ requestedBy: 'rita' }), assignableBy: ['director'] },
      'rita',
    );
    const rita = person('rita', 'manager', 'director');
    const refusal = await rejectionOf(complete(handle, rita));
    expect(refusal.type).toBe('Forbidden');
    expect(refusal.message).toMatch(/four-eyes/);
    expect((await rejectionOf(claim(handle, rita))).message).toMatch(/four-eyes/);
    expect((await rejectionOf(assign(handle, dora, 'rita'))).message).toMatch(/four-eyes/);
    expect(await acceptedUpdates(handle)).toBe(0);
    expect(await openTask(handle)).toMatchObject({ excludedActorIds: ['rita'], status: 'OPEN' });

    await complete(handle, mia, 'reject');
    expect(await handle.result()).toMatchObject({ summary: { decision: 'reject', completedBy: 'mia' } });
  });
});

describe('escalation chain', () => {
  test('three levels, each moving the task, clearing the assignee, restarting the due time, as a step and in the audit', async () => {
    const handle = await startProbe({
      due: '1 day',
      reminders: [],
      escalation: [{ toRoles: ['director'] }, { toRoles: ['vp'], after: '12 hours' }, { toRoles: ['cfo'] }],
    });
    await claim(handle, mia);
    const opened = await openTask(handle);
    expectElapsed(opened.createdAt, opened.dueAt, DAY, 0);

    await stack().env.sleep(DAY + HOUR);
    const level1 = await openTask(handle);
    expect(level1).toMatchObject({ escalationLevel: 1, candidateRoles: ['director'] });
    expect(level1).not.toHaveProperty('assignee');
    expect((await handle.describe()).memo?.[openTasksMemoKey]).toEqual([
      expect.objectContaining({ escalationLevel: 1, candidateRoles: ['director'], dueAt: level1.dueAt }),
    ]);
    await expectMemoMirrorsOpenTasks(handle);
    expect((await rejectionOf(complete(handle, mia))).type).toBe('Forbidden');

    await stack().env.sleep(12 * HOUR);
    const level2 = await openTask(handle);
    expect(level2).toMatchObject({ escalationLevel: 2, candidateRoles: ['vp'] });

    await stack().env.sleep(DAY);
    const level3 = await openTask(handle);
    expect(level3).toMatchObject({ escalationLevel: 3, candidateRoles: ['cfo'] });
    expect(level3.overdue).toBeUndefined();

    await stack().env.sleep(DAY);
    const status = await handle.query(statusQuery);
    expect(status.openTasks[0]).toMatchObject({ escalationLevel: 3, candidateRoles: ['cfo'], overdue: true });
    await expectMemoMirrorsOpenTasks(handle);
    const stepAt = (name: string) => {
      const step = status.steps.find((candidate) => candidate.name === name);
      if (!step?.completedAt) throw new Error(`no finished step ${name}`);
      return step;
    };
    expect(stepAt('approval-1-escalation-1').detail).toBe('manager → director');
    expect(stepAt('approval-1-escalation-2').detail).toBe('director → vp');
    expect(stepAt('approval-1-escalation-3').detail).toBe('vp → cfo');
    // Level 1 after the first due (1 day), level 2 after its `after` (12 hours), level 3 a due time later.
    expectElapsed(opened.createdAt, stepAt('approval-1-escalation-1').completedAt!, DAY);
    expectElapsed(
      stepAt('approval-1-escalation-1').completedAt!,
      stepAt('approval-1-escalation-2').completedAt!,
      12 * HOUR,
    );
    expectElapsed(stepAt('approval-1-escalation-2').completedAt!, stepAt('approval-1-escalation-3').completedAt!, DAY);
    expectElapsed(stepAt('approval-1-escalation-3').completedAt!, stepAt('approval-1-overdue').completedAt!, DAY);
    // Each level's due time restarts at its escalation: the next level's `after`, else the task's `due`.
    expectElapsed(stepAt('approval-1-escalation-1').completedAt!, level1.dueAt, 12 * HOUR, 0);
    expectElapsed(stepAt('approval-1-escalation-2').completedAt!, level2.dueAt, DAY, 0);
    expectElapsed(stepAt('approval-1-escalation-3').completedAt!, level3.dueAt, DAY, 0);

    const audit = status.openTasks[0]!.audit!;
    expect(audit.map((entry) => entry.action)).toEqual([
      'opened',
      'claimed',
      'escalated',
      'escalated',
      'escalated',
      'overdue',
    ]);
    expect(audit[2]!.detail).toBe('level 1: manager → director (unassigned from mia)');
    expect(audit[4]!.detail).toBe('level 3: vp → cfo');

    await complete(handle, person('carla', 'cfo'));
    expect(await handle.result()).toMatchObject({ summary: { completedBy: 'carla' } });
  });
});

describe('reminders and follow-up', () => {
  test('explicit reminder offsets and the follow-up fire at their workflow times; the default reminds once at half the due time', async () => {
    const explicit = await startProbe({ due: '10 hours', reminders: ['2 hours', '6 hours'], followUp: '4 hours' });
    const byDefault = await startProbe({ due: '10 hours' });
    const opened = await openTask(explicit);
    expectElapsed(opened.createdAt, opened.followUpAt!, 4 * HOUR, 0);

    await stack().env.sleep(3 * HOUR);
    expect(await openTask(explicit)).toMatchObject({ remindersSent: 1 });
    await expectMemoMirrorsOpenTasks(explicit);

    await stack().env.sleep(8 * HOUR);
    const explicitTask = await openTask(explicit);
    expect(explicitTask).toMatchObject({ remindersSent: 2, overdue: true });
    await expectMemoMirrorsOpenTasks(explicit);
    const audit = explicitTask.audit!;
    expect(audit.map((entry) => entry.action)).toEqual(['opened', 'reminded', 'followed-up', 'reminded', 'overdue']);
    expectElapsed(opened.createdAt, audit[1]!.at, 2 * HOUR);
    expectElapsed(opened.createdAt, audit[2]!.at, 4 * HOUR);
    expectElapsed(opened.createdAt, audit[3]!.at, 6 * HOUR);
    expectElapsed(opened.createdAt, audit[4]!.at, 10 * HOUR);
    expect((await explicit.query(statusQuery)).steps.map((step) => step.name)).toEqual([
      'approval-1',
      'approval-1-overdue',
    ]);

    const defaultTask = await openTask(byDefault);
    expect(defaultTask.remindersSent).toBe(1);
    expect(defaultTask.audit!.map((entry) => entry.action)).toEqual(['opened', 'reminded', 'overdue']);
    expectElapsed(defaultTask.createdAt, defaultTask.audit![1]!.at, 5 * HOUR);

    await complete(explicit, mia);
    await complete(byDefault, mia);
    await Promise.all([explicit.result(), byDefault.result()]);
  });
});
