import { type CompleteTaskRequest, processErrors, type TaskView } from '../process-contract';
import { assertNotExcluded, assertOpenTask, hasCandidateRole, isActor, isOptionalString, reject } from './rejection';

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
  if (!wellFormed) reject(processErrors.invalidPayload, 'expected { taskId, actor: { id, roles[] }, decision, comment? }');
}

/**
 * Why a completion request must be refused, checked in the order a person would want to hear it:
 * the task exists, is still open, is theirs to act on, and the decision is one the task accepts.
 * A task with an assignee is theirs alone; four-eyes exclusions hold even for an assignee.
 */
export function assertMayComplete(task: TaskView | undefined, request: CompleteTaskRequest): asserts task is TaskView {
  assertOpenTask(task, request.taskId);
  assertNotExcluded(task, request.actor.id, 'complete');
  if (task.assignee !== undefined && task.assignee !== request.actor.id) {
    reject(processErrors.forbidden, `task ${task.taskId} is assigned to ${task.assignee}; ${request.actor.id} may not complete it`);
  }
  if (task.assignee === undefined && !hasCandidateRole(task, request.actor)) {
    reject(
      processErrors.forbidden,
      `${request.actor.id} may not act on task ${task.taskId}: it needs one of the roles ${task.candidateRoles.join(', ')}`,
    );
  }
  if (!task.decisions.includes(request.decision)) {
    reject(
      processErrors.invalidDecision,
      `decision "${request.decision}" is not one of ${task.decisions.join(', ')} for task ${task.taskId}`,
    );
  }
}
