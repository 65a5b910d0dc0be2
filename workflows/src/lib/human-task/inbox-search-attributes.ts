import { type SearchAttributeUpdatePair } from '@temporalio/common';
import type { TaskView } from '../process-contract';
import { searchAttributes } from '../search-attributes';

/** What the inbox filters on, derived from the open tasks of an instance. */
export interface InboxFields {
  roles: string[];
  assignees: string[];
  nextDueAt?: string;
}

export function inboxFields(openTasks: readonly TaskView[]): InboxFields {
  const roles = [...new Set(openTasks.flatMap((task) => task.candidateRoles))].sort();
  const assignees = [...new Set(openTasks.flatMap((task) => (task.assignee ? [task.assignee] : [])))].sort();
  const dueTimes = openTasks.map((task) => task.dueAt).sort();
  return { roles, assignees, ...(dueTimes[0] ? { nextDueAt: dueTimes[0] } : {}) };
}

/** Empty fields are removed (null) rather than written empty, so "has open tasks" queries stay simple. */
export function inboxSearchAttributeUpdates(fields: InboxFields): SearchAttributeUpdatePair[] {
  return [
    { key: searchAttributes.openTaskRoles, value: fields.roles.length > 0 ? fields.roles : null },
    { key: searchAttributes.openTaskAssignees, value: fields.assignees.length > 0 ? fields.assignees : null },
    { key: searchAttributes.nextTaskDueAt, value: fields.nextDueAt ? new Date(fields.nextDueAt) : null },
  ];
}
