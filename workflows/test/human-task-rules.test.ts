import { ApplicationFailure } from '@temporalio/common';
import { assertCompleteTaskRequest, assertMayComplete, escalatedRoles, inboxFields } from '../src/lib/human-task';
import type { CompleteTaskRequest, TaskView } from '../src/lib/process-contract';

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

  test('the assignee may complete without the role; others without it may not', () => {
    const assigned = task({ candidateRoles: ['cfo'], assignee: 'mia' });
    expect(rejectionType(() => assertMayComplete(assigned, request()))).toBeUndefined();
    expect(rejectionType(() => assertMayComplete(assigned, request({ actor: { id: 'max', roles: ['manager'] } })))).toBe('Forbidden');
  });

  test('refusals come in order: not found, not open, forbidden, invalid decision', () => {
    expect(rejectionType(() => assertMayComplete(undefined, request()))).toBe('TaskNotFound');
    expect(rejectionType(() => assertMayComplete(task({ status: 'COMPLETED' }), request({ actor: { id: 'x', roles: [] } })))).toBe('TaskNotOpen');
    expect(rejectionType(() => assertMayComplete(task({ status: 'CANCELLED' }), request()))).toBe('TaskNotOpen');
    expect(rejectionType(() => assertMayComplete(task(), request({ actor: { id: 'x', roles: ['clerk'] }, decision: 'nope' })))).toBe('Forbidden');
    expect(rejectionType(() => assertMayComplete(task(), request({ decision: 'nope' })))).toBe('InvalidDecision');
  });

  test('malformed requests are refused as invalid payloads', () => {
    for (const malformed of [null, {}, { taskId: 'a', decision: 'b', actor: { id: 'c' } }, { taskId: 'a', decision: 'b', actor: { id: '', roles: [] } }]) {
      expect(rejectionType(() => assertCompleteTaskRequest(malformed))).toBe('InvalidPayload');
    }
    expect(rejectionType(() => assertCompleteTaskRequest(request({ comment: 'ok' })))).toBeUndefined();
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
        task({ taskId: 'collections-1', candidateRoles: ['collections', 'manager'], assignee: 'cole', dueAt: '2025-01-02T00:00:00.000Z' }),
      ]),
    ).toEqual({ roles: ['collections', 'manager'], assignees: ['cole'], nextDueAt: '2025-01-02T00:00:00.000Z' });
    expect(inboxFields([])).toEqual({ roles: [], assignees: [] });
  });
});
