import { type Actor, processErrors, type TaskView } from '../process-contract';
import { refuse as reject } from '../process-lifecycle';

// Refusals of task requests are the process's refusals.
export { reject };

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export function isActor(value: unknown): value is Actor {
  const actor = value as Partial<Actor> | null | undefined;
  return (
    typeof actor === 'object' &&
    actor !== null &&
    typeof actor.id === 'string' &&
    actor.id.length > 0 &&
    isStringArray(actor.roles)
  );
}

export function isOptionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === 'string';
}

export function isOptionalStringArray(value: unknown): value is string[] | undefined {
  return value === undefined || isStringArray(value);
}

/** The task exists and is open; every action on a task is refused in this order first. */
export function assertOpenTask(task: TaskView | undefined, taskId: string): asserts task is TaskView {
  if (!task) reject(processErrors.taskNotFound, `task ${taskId} does not exist`);
  if (task.status !== 'OPEN') reject(processErrors.taskNotOpen, `task ${task.taskId} is ${task.status.toLowerCase()}`);
}

export function isExcluded(task: TaskView, actorId: string): boolean {
  return task.excludedActorIds?.includes(actorId) ?? false;
}

export function assertNotExcluded(task: TaskView, actorId: string, what: string): void {
  if (isExcluded(task, actorId)) {
    reject(
      processErrors.forbidden,
      `four-eyes principle: ${actorId} may not ${what} task ${task.taskId} (they requested it or decided an earlier level)`,
    );
  }
}

export function hasCandidateRole(task: TaskView, roles: readonly string[]): boolean {
  return roles.some((role) => task.candidateRoles.includes(role));
}

/** Could complete the task on their own standing: a candidate role, or named by the process. */
export function isCandidate(task: TaskView, actorId: string, roles: readonly string[]): boolean {
  return hasCandidateRole(task, roles) || (task.candidateActorIds?.includes(actorId) ?? false);
}

export function assertCandidate(task: TaskView, actor: Actor, what: string): void {
  if (!isCandidate(task, actor.id, actor.roles)) {
    reject(
      processErrors.forbidden,
      `${actor.id} may not ${what} task ${task.taskId}: it needs one of the roles ${task.candidateRoles.join(', ')}`,
    );
  }
}

export function isSupervisor(task: TaskView, actor: Actor): boolean {
  return actor.roles.some((role) => task.assignableBy?.includes(role) ?? false);
}
