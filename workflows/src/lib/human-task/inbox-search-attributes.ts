import { type SearchAttributeUpdatePair } from '@temporalio/common';
import type { TaskView } from '../process-contract';
import { searchAttributes } from '../search-attributes';
import { priorityRank } from './priority';

/** What the inbox filters on, derived from the open tasks of an instance. */
export interface InboxFields {
  roles: string[];
  assignees: string[];
  nextDueAt?: string;
  /** Rank of the highest open priority (see `priorityRank`). */
  highestPriority?: number;
}

export function inboxFields(openTasks: readonly TaskView[]): InboxFields {
  const roles = [...new Set(openTasks.flatMap((task) => task.candidateRoles))].sort();
  const assignees = [...new Set(openTasks.flatMap((task) => (task.assignee ? [task.assignee] : [])))].sort();
  const dueTimes = openTasks.map((task) => task.dueAt).sort();
  const ranks = openTasks.map((task) => priorityRank(task.priority));
  return {
    roles,
    assignees,
    ...(dueTimes[0] ? { nextDueAt: dueTimes[0] } : {}),
    ...(ranks.length > 0 ? { highestPriority: Math.max(...ranks) } : {}),
  };
}

/** Empty fields are removed (null) rather than written empty, so "has open tasks" queries stay simple. */
export function inboxSearchAttributeUpdates(fields: InboxFields): SearchAttributeUpdatePair[] {
  return [
    { key: searchAttributes.openTaskRoles, value: fields.roles.length > 0 ? fields.roles : null },
    { key: searchAttributes.openTaskAssignees, value: fields.assignees.length > 0 ? fields.assignees : null },
    { key: searchAttributes.nextTaskDueAt, value: fields.nextDueAt ? new Date(fields.nextDueAt) : null },
    { key: searchAttributes.openTaskPriority, value: fields.highestPriority ?? null },
  ];
}

/** The `patched()` id under which the human-task helper stamps each change of the open tasks. */
export const inboxChangeTimePatch = 'inbox-change-time';

/**
 * Stamps when the open tasks changed, so a reader can ask visibility for what changed since it last looked
 * (visibility has no modification time of its own). Written with every change and never removed.
 */
export function inboxChangeTimeUpdate(changedAt: Date): SearchAttributeUpdatePair {
  return { key: searchAttributes.openTasksChangedAt, value: changedAt };
}
