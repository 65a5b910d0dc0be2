import { type CompleteTaskRequest, processErrors, type TaskView } from '../process-contract';
import type { TaskSpec } from './types';
import { assertCandidate, assertNotExcluded, assertOpenTask, isActor, isOptionalString, reject } from './rejection';

/** Payloads come from outside the workflow: check their shape before trusting any field. */
export function assertCompleteTaskRequest(request: unknown): asserts request is CompleteTaskRequest {
  const candidate = request as Partial<CompleteTaskRequest> | null | undefined;
  const wellFormed =
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.taskId === 'string' &&
    typeof candidate.decision === 'string' &&
    isOptionalString(candidate.comment) &&
    isActor(candidate.actor);
  if (!wellFormed)
    reject(processErrors.invalidPayload, 'expected { taskId, actor: { id, roles[] }, decision, comment? }');
}

/**
 * Why a completion request must be refused, checked in the order a person would want to hear it: the task exists,
 * is still open, is theirs to act on, and the decision is one the task accepts. Whoever completes must hold a
 * candidate role at this moment (or be named by the process), whatever an assignment says: delegation never lends
 * a role. A task with an assignee is theirs alone; four-eyes exclusions hold for everyone.
 */
export function assertMayComplete(task: TaskView | undefined, request: CompleteTaskRequest): asserts task is TaskView {
  assertOpenTask(task, request.taskId);
  assertNotExcluded(task, request.actor.id, 'complete');
  if (task.assignee !== undefined && task.assignee !== request.actor.id) {
    reject(
      processErrors.forbidden,
      `task ${task.taskId} is assigned to ${task.assignee}; ${request.actor.id} may not complete it`,
    );
  }
  assertCandidate(task, request.actor, 'act on');
  if (!task.decisions.includes(request.decision)) {
    reject(
      processErrors.invalidDecision,
      `decision "${request.decision}" is not one of ${task.decisions.join(', ')} for task ${task.taskId}`,
    );
  }
}

/** A decision the task takes only with a reason (`commentRequiredFor`) comes with a non-empty comment. */
export function assertCommentGiven(
  spec: Pick<TaskSpec, 'commentRequiredFor'> | undefined,
  request: CompleteTaskRequest,
): void {
  if (!spec?.commentRequiredFor?.includes(request.decision) || (request.comment ?? '').trim() !== '') return;
  reject(
    processErrors.invalidPayload,
    `decision "${request.decision}" on task ${request.taskId} needs a comment saying why`,
    'comment',
  );
}
