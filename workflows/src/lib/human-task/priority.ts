import { type TaskPriority, taskPriorities } from '../process-contract';

/** low 1 … urgent 4: what `OrdoOpenTaskPriority` holds, so visibility can compare priorities. */
export function priorityRank(priority: TaskPriority | undefined): number {
  return taskPriorities.indexOf(priority ?? 'normal') + 1;
}
