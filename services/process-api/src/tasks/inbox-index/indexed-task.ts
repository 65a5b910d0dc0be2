import type { InboxTaskView } from '@ordo/workflows';
import type { InboxPosition } from '../inbox-page-token';
import type { InboxItem } from '../tasks.schemas';

/** One open task as the index holds it: the inbox row, and its place in the inbox's order. */
export interface IndexedTask {
  item: InboxItem;
  position: InboxPosition;
  /**
   * The position as one string that sorts as the position's parts do one after the other (see `positionKey`), so
   * sorting and finding where a page token points compare one string instead of three.
   */
  key: string;
}

/**
 * Joins the parts with NUL, which sorts before every character the parts can hold (ISO times, workflow and task
 * ids), so comparing keys compares due times first, then workflow ids, then task ids, as `comparePositions` does.
 */
export function positionKey(position: InboxPosition): string {
  return position.join('\u0000');
}

export function positionOf(item: InboxItem): InboxPosition {
  return [new Date(item.dueAt).toISOString(), item.workflowId, item.taskId];
}

/** The instance's open tasks as index entries; closed ones in the list (a query's answer holds them) are left out. */
export function indexedTasksOf(
  instance: { process: string; businessKey: string; workflowId: string },
  tasks: readonly InboxTaskView[],
): IndexedTask[] {
  return tasks
    .filter((task) => task.status === 'OPEN')
    .map((task) => {
      const item: InboxItem = { ...instance, ...task };
      const position = positionOf(item);
      return { item, position, key: positionKey(position) };
    });
}
