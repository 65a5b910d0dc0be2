import { ApplicationFailure } from '@temporalio/common';
import { type CompleteTaskRequest, processErrors, type TaskView } from '../process-contract';

function reject(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Payloads come from outside the workflow: check their shape before trusting any field. */
export function assertCompleteTaskRequest(request: unknown): asserts request is CompleteTaskRequest {
  const candidate = request as Partial<CompleteTaskRequest> | null | undefined;
  const wellFormed =
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.taskId === 'string' &&
    typeof candidate.decision === 'string' &&
    (candidate.comment === undefined || typeof candidate.comment === 'string') &&
    typeof candidate.actor === 'object' &&
    candidate.actor !== null &&
    typeof candidate.actor.id === 'string' &&
    candidate.actor.id.length > 0 &&
    isStringArray(candidate.actor.roles);
  if (!wellFormed) reject(processErrors.invalidPayload, 'expected { taskId, actor: { id, roles[] }, decision, comment? }');
}

/**
 * Why a completion request must be refused, checked in the order a person would want to hear it:
 * the task exists, is still open, is theirs to act on, and the decision is one the task accepts.
 */
export function assertMayComplete(task: TaskView | undefined, request: CompleteTaskRequest): asserts task is TaskView {
  if (!task) reject(processErrors.taskNotFound, `task ${request.taskId} does not exist`);
  if (task.status !== 'OPEN') reject(processErrors.taskNotOpen, `task ${task.taskId} is ${task.status.toLowerCase()}`);
  const hasCandidateRole = request.actor.roles.some((role) => task.candidateRoles.includes(role));
  const isAssignee = task.assignee !== undefined && task.assignee === request.actor.id;
  if (!hasCandidateRole && !isAssignee) {
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
