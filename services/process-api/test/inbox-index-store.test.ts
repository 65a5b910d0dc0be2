/** The inbox index's store alone: what it holds, and its order against the page tokens' order. */
import type { InboxTaskView } from '@ordo/workflows';
import { comparePositions } from '../src/tasks/inbox-page-token';
import { InboxIndex } from '../src/tasks/inbox-index/inbox-index';
import { indexedTasksOf } from '../src/tasks/inbox-index/indexed-task';

function task(taskId: string, dueAt: string, status: InboxTaskView['status'] = 'OPEN'): InboxTaskView {
  return {
    taskId,
    type: 'approval',
    title: taskId,
    status,
    candidateRoles: ['manager'],
    decisions: ['approve'],
    dueAt,
    openedAt: '2025-01-01T00:00:00.000Z',
  } as InboxTaskView;
}

const instance = (workflowId: string, runId: string, tasks: InboxTaskView[]) => ({
  kind: 'tasks' as const,
  workflowId,
  runId,
  tasks: indexedTasksOf({ process: 'order-to-cash', businessKey: workflowId, workflowId }, tasks),
});

describe('InboxIndex', () => {
  test('orders by due time, workflow id, task id, as page tokens compare positions; leaves closed tasks out', () => {
    const index = new InboxIndex();
    index.put(instance('b', 'r1', [task('t-2', '2025-01-02T00:00:00Z'), task('t-1', '2025-01-02T00:00:00Z')]));
    index.put(
      instance('a', 'r1', [task('t-9', '2025-01-02T00:00:00Z'), task('t-0', '2025-01-03T00:00:00Z', 'COMPLETED')]),
    );
    index.put(instance('ab', 'r1', [task('t-1', '2025-01-02T00:00:00Z')]));
    index.put(instance('c', 'r1', [task('t-1', '2025-01-01T23:59:59Z')]));
    const ordered = index.tasksInOrder();
    expect(ordered.map(({ position }) => position.slice(1).join('/'))).toEqual([
      'c/t-1',
      'a/t-9',
      'ab/t-1',
      'b/t-1',
      'b/t-2',
    ]);
    const byPositions = [...ordered].sort((x, y) => comparePositions(x.position, y.position));
    expect(byPositions).toEqual(ordered);
    expect(index.openTasks).toBe(5);
    expect(index.firstAfter(ordered[1]!.key)).toBe(2);
    expect(index.firstAfter('')).toBe(0);
    expect(index.firstAfter(ordered.at(-1)!.key)).toBe(5);
  });

  test('a close removes only the run it names; an instance with nothing open leaves; unread ones are kept apart', () => {
    const index = new InboxIndex();
    index.put(instance('w', 'run-2', [task('t-1', '2025-01-02T00:00:00Z')]));
    index.remove('w', 'run-1');
    expect(index.openTasks).toBe(1);
    index.put({ kind: 'unread', workflowId: 'u', runId: 'r', roles: ['manager'], assignees: [] });
    expect(index.unreadInstances().map(({ workflowId }) => workflowId)).toEqual(['u']);
    index.put(instance('u', 'r', []));
    expect(index.unreadInstances()).toEqual([]);
    expect(index.size).toBe(1);
    index.remove('w', 'run-2');
    expect([index.size, index.openTasks, index.tasksInOrder().length]).toEqual([0, 0, 0]);
  });
});
