import { searchAttributes } from '@ordo/workflows';
import { type ListedExecution, literal } from '../../temporal/visibility';
import type { IndexedInstance } from './inbox-index';
import { indexedTasksOf } from './indexed-task';

const hasOpenTaskAttributes = `(${searchAttributes.openTaskRoles.name} IS NOT NULL OR ${searchAttributes.openTaskAssignees.name} IS NOT NULL)`;

/** What a full rebuild reads: every running instance whose search attributes say it has an open task. */
export const instancesWithOpenTasksQuery = `ExecutionStatus = 'Running' AND ${hasOpenTaskAttributes}`;

/**
 * What a poll reads: instances whose open tasks changed since `since` (the helper stamps every change), and, as
 * neither stamps anything, instances started with open-task attributes or closed while still carrying them
 * (terminated, timed out) since then.
 */
export function changedSinceQuery(since: Date): string {
  const at = literal(since.toISOString());
  return (
    `(${searchAttributes.openTasksChangedAt.name} >= ${at}` +
    ` OR ((StartTime >= ${at} OR CloseTime >= ${at}) AND ${hasOpenTaskAttributes}))`
  );
}

/**
 * What the index holds for a listed execution, undefined when it holds nothing (closed, or nothing open). Open
 * tasks come from the memo; without one (or without the attributes that place its rows) the instance is unread.
 */
export function indexedInstanceOf(execution: ListedExecution): IndexedInstance | undefined {
  if (execution.temporalStatus !== 'RUNNING') return undefined;
  const { workflowId, runId, process, businessKey, openTasks } = execution;
  if (openTasks && process !== undefined && businessKey !== undefined) {
    const tasks = indexedTasksOf({ process, businessKey, workflowId }, openTasks);
    return tasks.length > 0 ? { kind: 'tasks', workflowId, runId, tasks } : undefined;
  }
  const roles = execution.openTaskRoles ?? [];
  const assignees = execution.openTaskAssignees ?? [];
  if (roles.length === 0 && assignees.length === 0) return undefined;
  return { kind: 'unread', workflowId, runId, ...(process === undefined ? {} : { process }), roles, assignees };
}
