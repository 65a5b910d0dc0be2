import type { IndexedTask } from '../tasks/inbox-index/indexed-task';
import { isOverdue } from '../tasks/inbox-index/inbox-filters';

/** Open tasks past their due time at `now`, per process, from the inbox index (the same rule as the inbox's filter). */
export function overdueTasksByProcess(tasks: Iterable<IndexedTask>, now: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { item } of tasks) {
    if (isOverdue(item, now)) counts.set(item.process, (counts.get(item.process) ?? 0) + 1);
  }
  return counts;
}
