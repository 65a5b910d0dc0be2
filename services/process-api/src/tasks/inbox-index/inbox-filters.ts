import type { Actor, InboxTaskView } from '@ordo/workflows';
import type { InboxItem, InboxQuery } from '../tasks.schemas';

/** Who may act now or after claiming: the assignee, or a candidate role; never someone the four-eyes rule excludes. */
export function mayAct(actor: Actor, task: InboxTaskView): boolean {
  if (task.excludedActorIds?.includes(actor.id)) return false;
  return task.assignee === actor.id || task.candidateRoles.some((role) => actor.roles.includes(role));
}

/** Overdue at the time of the request, not only once the workflow's timer fired and said so. */
export function isOverdue(task: InboxTaskView, now: number): boolean {
  return task.overdue === true || Date.parse(task.dueAt) < now;
}

export function matchesFilter(item: InboxItem, query: InboxQuery, now: number): boolean {
  if (query.role !== undefined && !item.candidateRoles.includes(query.role)) return false;
  if (query.assignee !== undefined && item.assignee !== query.assignee) return false;
  if (query.process !== undefined && item.process !== query.process) return false;
  if (query.dueBefore !== undefined && !(Date.parse(item.dueAt) < Date.parse(query.dueBefore))) return false;
  if (query.overdue !== undefined && isOverdue(item, now) !== query.overdue) return false;
  if (query.priority !== undefined && (item.priority ?? 'normal') !== query.priority) return false;
  return true;
}
