import { ApplicationFailure } from '@temporalio/common';
import {
  assertAssignTaskRequest,
  assertCompleteTaskRequest,
  assertMayAssign,
  assertMayClaim,
  assertMayComplete,
  assertMayRelease,
  escalatedRoles,
  fourEyesFor,
  inboxFields,
  priorityRank,
} from '../src/lib/human-task';
import { type CompleteTaskRequest, taskPriorities, type TaskView } from '../src/lib/process-contract';

function task(overrides: Partial<TaskView> = {}): TaskView {
  return {
    taskId: 'approval-1',
    type: 'approval',
    title: 'Approve',
    candidateRoles: ['manager'],
    decisions: ['approve', 'reject'],
    status: 'OPEN',
    createdAt: '2025-01-01T00:00:00.000Z',
    dueAt: '2025-01-03T00:00:00.000Z',
    escalationLevel: 0,
    remindersSent: 0,
    data: {},
    ...overrides,
  };
}

function request(overrides: Partial<CompleteTaskRequest> = {}): CompleteTaskRequest {
  return { taskId: 'approval-1', actor: { id: 'mia', roles: ['manager'] }, decision: 'approve', ...overrides };
}

function rejectionType(check: () => void): string | undefined {
  try {
    check();
  } catch (error) {
    if (error instanceof ApplicationFailure) return error.type ?? undefined;
    throw error;
  }
  return undefined;
}

describe('task completion rules', () => {
  test('a candidate role with an allowed decision may complete', () => {
    expect(rejectionType(() => assertMayComplete(task(), request()))).toBeUndefined();
  });

  test('an assignment lends no role: the assignee without a candidate role may not complete, with one they may', () => {
    const delegated = task({ candidateRoles: ['cfo'], assignee: 'mia' });
    expect(rejectionType(() => assertMayComplete(delegated, request()))).toBe('Forbidden');
    expect(
      rejectionType(() => assertMayComplete(delegated, request({ actor: { id: 'mia', roles: ['cfo'] } }))),
    ).toBeUndefined();
    expect(rejectionType(() => assertMayComplete(delegated, request({ actor: { id: 'max', roles: ['cfo'] } })))).toBe(
      'Forbidden',
    );
  });

  test('a person the process named for the task completes it without a candidate role', () => {
    const named = task({
      candidateRoles: ['manager'],
      candidateActorIds: ['ola'],
      assignee: 'ola',
      assigneeVerified: true,
    });
    expect(
      rejectionType(() => assertMayComplete(named, request({ actor: { id: 'ola', roles: ['engineer'] } }))),
    ).toBeUndefined();
  });

  test('refusals come in order: not found, not open, forbidden, invalid decision', () => {
    expect(rejectionType(() => assertMayComplete(undefined, request()))).toBe('TaskNotFound');
    expect(
      rejectionType(() => assertMayComplete(task({ status: 'COMPLETED' }), request({ actor: { id: 'x', roles: [] } }))),
    ).toBe('TaskNotOpen');
    expect(rejectionType(() => assertMayComplete(task({ status: 'CANCELLED' }), request()))).toBe('TaskNotOpen');
    expect(
      rejectionType(() =>
        assertMayComplete(task(), request({ actor: { id: 'x', roles: ['clerk'] }, decision: 'nope' })),
      ),
    ).toBe('Forbidden');
    expect(rejectionType(() => assertMayComplete(task(), request({ decision: 'nope' })))).toBe('InvalidDecision');
  });

  test('malformed requests are refused as invalid payloads', () => {
    for (const malformed of [
      null,
      {},
      { taskId: 'a', decision: 'b', actor: { id: 'c' } },
      { taskId: 'a', decision: 'b', actor: { id: '', roles: [] } },
    ]) {
      expect(rejectionType(() => assertCompleteTaskRequest(malformed))).toBe('InvalidPayload');
    }
    expect(rejectionType(() => assertCompleteTaskRequest(request({ comment: 'ok' })))).toBeUndefined();
  });
});

describe('claim, release and assign rules', () => {
  const mia = { id: 'mia', roles: ['manager'] };
  const boss = { id: 'bea', roles: ['director'] };
  const supervised = (overrides: Partial<TaskView> = {}) => task({ assignableBy: ['director'], ...overrides });

  test('a candidate role claims an unassigned task; someone else holding it is a conflict; others are forbidden', () => {
    expect(rejectionType(() => assertMayClaim(supervised(), { taskId: 'approval-1', actor: mia }))).toBeUndefined();
    expect(
      rejectionType(() => assertMayClaim(supervised({ assignee: 'mia' }), { taskId: 'approval-1', actor: mia })),
    ).toBeUndefined();
    expect(
      rejectionType(() => assertMayClaim(supervised({ assignee: 'max' }), { taskId: 'approval-1', actor: mia })),
    ).toBe('AlreadyClaimed');
    expect(rejectionType(() => assertMayClaim(supervised(), { taskId: 'approval-1', actor: boss }))).toBe('Forbidden');
    expect(rejectionType(() => assertMayClaim(undefined, { taskId: 'approval-1', actor: mia }))).toBe('TaskNotFound');
  });

  test('release by the assignee or a supervisor, of an assigned task only', () => {
    expect(
      rejectionType(() => assertMayRelease(supervised({ assignee: 'mia' }), { taskId: 'approval-1', actor: mia })),
    ).toBeUndefined();
    expect(
      rejectionType(() => assertMayRelease(supervised({ assignee: 'max' }), { taskId: 'approval-1', actor: boss })),
    ).toBeUndefined();
    const claimedByMax = supervised({ assignee: 'max', assigneeVerified: true });
    expect(rejectionType(() => assertMayRelease(claimedByMax, { taskId: 'approval-1', actor: mia }))).toBe('Forbidden');
    expect(rejectionType(() => assertMayRelease(supervised(), { taskId: 'approval-1', actor: boss }))).toBe(
      'NotClaimed',
    );
  });

  test('a candidate role takes back a task whose assignee is not known to be able to complete it', () => {
    const delegatedToUnknown = task({ assignee: 'someone-from-sso' });
    expect(
      rejectionType(() => assertMayRelease(delegatedToUnknown, { taskId: 'approval-1', actor: mia })),
    ).toBeUndefined();
    expect(
      rejectionType(() =>
        assertMayRelease(delegatedToUnknown, { taskId: 'approval-1', actor: { id: 'cy', roles: ['clerk'] } }),
      ),
    ).toBe('Forbidden');
  });

  test('assignment goes only to someone who could complete the task, where their roles are known', () => {
    const assign = (assigneeRoles?: string[]) => ({
      taskId: 'approval-1',
      actor: boss,
      assignee: 'zoe',
      ...(assigneeRoles ? { assigneeRoles } : {}),
    });
    expect(rejectionType(() => assertMayAssign(supervised(), assign(['clerk'])))).toBe('Forbidden');
    expect(rejectionType(() => assertMayAssign(supervised(), assign(['manager'])))).toBeUndefined();
    expect(rejectionType(() => assertMayAssign(supervised(), assign()))).toBeUndefined();
    expect(rejectionType(() => assertAssignTaskRequest({ ...assign(), assigneeRoles: 'manager' }))).toBe(
      'InvalidPayload',
    );
  });

  test('assign by the assignee or a supervisor, never to an excluded person; the assignee must be a person id', () => {
    const request = (actor: typeof mia, assignee = 'zoe') => ({ taskId: 'approval-1', actor, assignee });
    expect(rejectionType(() => assertMayAssign(supervised({ assignee: 'mia' }), request(mia)))).toBeUndefined();
    expect(rejectionType(() => assertMayAssign(supervised(), request(boss)))).toBeUndefined();
    expect(rejectionType(() => assertMayAssign(supervised(), request(mia)))).toBe('Forbidden');
    expect(rejectionType(() => assertMayAssign(task({ assignee: 'max' }), request(boss)))).toBe('Forbidden');
    expect(rejectionType(() => assertMayAssign(supervised({ excludedActorIds: ['zoe'] }), request(boss)))).toBe(
      'Forbidden',
    );
    expect(rejectionType(() => assertAssignTaskRequest(request(boss, '')))).toBe('InvalidPayload');
    expect(rejectionType(() => assertAssignTaskRequest({ taskId: 'approval-1', actor: boss }))).toBe('InvalidPayload');
  });

  test('four-eyes: the requester never completes, even as assignee', () => {
    const guarded = task({ excludedActorIds: fourEyesFor({ requestedBy: 'mia' }).excludedActorIds });
    expect(rejectionType(() => assertMayComplete(guarded, request()))).toBe('Forbidden');
    expect(rejectionType(() => assertMayComplete({ ...guarded, assignee: 'mia' }, request()))).toBe('Forbidden');
    expect(
      rejectionType(() => assertMayComplete(guarded, request({ actor: { id: 'max', roles: ['manager'] } }))),
    ).toBeUndefined();
  });
});

describe('escalation', () => {
  test('roles with a target move on; the others stay; duplicates collapse', () => {
    expect(escalatedRoles(['manager'], { manager: 'cfo' })).toEqual(['cfo']);
    expect(escalatedRoles(['manager', 'cfo'], { manager: 'cfo' })).toEqual(['cfo']);
    expect(escalatedRoles(['manager', 'clerk'], { manager: 'cfo' })).toEqual(['cfo', 'clerk']);
  });

  test('no target means no further escalation', () => {
    expect(escalatedRoles(['cfo'], { manager: 'cfo' })).toBeUndefined();
    expect(escalatedRoles(['collections'])).toBeUndefined();
    expect(escalatedRoles(['toString'], {})).toBeUndefined();
  });
});

describe('inbox fields', () => {
  test('union of roles and assignees, earliest due time', () => {
    expect(
      inboxFields([
        task({ candidateRoles: ['manager'], dueAt: '2025-01-05T00:00:00.000Z' }),
        task({
          taskId: 'collections-1',
          candidateRoles: ['collections', 'manager'],
          assignee: 'cole',
          dueAt: '2025-01-02T00:00:00.000Z',
        }),
      ]),
    ).toEqual({
      roles: ['collections', 'manager'],
      assignees: ['cole'],
      nextDueAt: '2025-01-02T00:00:00.000Z',
      highestPriority: 2,
    });
    expect(inboxFields([])).toEqual({ roles: [], assignees: [] });
  });

  test('the highest open priority is mirrored as its rank; a task without one counts as normal', () => {
    expect(inboxFields([task({ priority: 'low' })]).highestPriority).toBe(1);
    expect(inboxFields([task({ priority: 'low' }), task({ priority: 'high' }), task()]).highestPriority).toBe(3);
    expect(taskPriorities.map(priorityRank)).toEqual([1, 2, 3, 4]);
  });
});
