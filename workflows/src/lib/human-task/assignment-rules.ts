import {
  type AssignTaskRequest,
  type ClaimTaskRequest,
  processErrors,
  type ReleaseTaskRequest,
  type TaskView,
} from '../process-contract';
import {
  assertCandidate,
  assertNotExcluded,
  assertOpenTask,
  hasCandidateRole,
  isActor,
  isCandidate,
  isOptionalString,
  isOptionalStringArray,
  isSupervisor,
  reject,
} from './rejection';

/** Person ids as the API and tokens carry them. */
const personIdPattern = /^[A-Za-z0-9._@-]{1,128}$/;

function isTaskRequest(request: unknown): request is ClaimTaskRequest {
  const candidate = request as Partial<ClaimTaskRequest> | null | undefined;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.taskId === 'string' &&
    isOptionalString(candidate.comment) &&
    isActor(candidate.actor)
  );
}

export function assertClaimTaskRequest(request: unknown): asserts request is ClaimTaskRequest {
  if (!isTaskRequest(request))
    reject(processErrors.invalidPayload, 'expected { taskId, actor: { id, roles[] }, comment? }');
}

export function assertReleaseTaskRequest(request: unknown): asserts request is ReleaseTaskRequest {
  if (!isTaskRequest(request))
    reject(processErrors.invalidPayload, 'expected { taskId, actor: { id, roles[] }, comment? }');
}

export function assertAssignTaskRequest(request: unknown): asserts request is AssignTaskRequest {
  const { assignee, assigneeRoles } = (request as Partial<AssignTaskRequest> | null | undefined) ?? {};
  if (
    !isTaskRequest(request) ||
    typeof assignee !== 'string' ||
    !personIdPattern.test(assignee) ||
    !isOptionalStringArray(assigneeRoles)
  ) {
    reject(
      processErrors.invalidPayload,
      'expected { taskId, actor: { id, roles[] }, assignee: a person id, assigneeRoles?: string[], comment? }',
    );
  }
}

/** Claiming takes an unassigned task for oneself; claiming one's own task again changes nothing. */
export function assertMayClaim(task: TaskView | undefined, request: ClaimTaskRequest): asserts task is TaskView {
  assertOpenTask(task, request.taskId);
  assertNotExcluded(task, request.actor.id, 'claim');
  assertCandidate(task, request.actor, 'claim');
  if (task.assignee !== undefined && task.assignee !== request.actor.id) {
    reject(processErrors.alreadyClaimed, `task ${task.taskId} is already claimed by ${task.assignee}`);
  }
}

/**
 * The assignee or a supervisor gives the task back to its candidate roles. So may any holder of a candidate role
 * when the assignee is not known to be able to complete it: a task delegated to an unknown id is never locked.
 */
export function assertMayRelease(task: TaskView | undefined, request: ReleaseTaskRequest): asserts task is TaskView {
  assertOpenTask(task, request.taskId);
  const isAssignee = task.assignee !== undefined && task.assignee === request.actor.id;
  const takesBack =
    task.assignee !== undefined && !task.assigneeVerified && hasCandidateRole(task, request.actor.roles);
  if (!isAssignee && !isSupervisor(task, request.actor) && !takesBack) {
    reject(
      processErrors.forbidden,
      `${request.actor.id} may not release task ${task.taskId}: only its assignee, a supervisor, or a candidate role when the assignee cannot complete it may`,
    );
  }
  if (task.assignee === undefined) reject(processErrors.notClaimed, `task ${task.taskId} is not assigned to anyone`);
}

/**
 * The assignee delegates, or a supervisor assigns; only to someone who could complete it where their roles are known,
 * and never to someone the four-eyes rule excludes.
 */
export function assertMayAssign(task: TaskView | undefined, request: AssignTaskRequest): asserts task is TaskView {
  assertOpenTask(task, request.taskId);
  const isAssignee = task.assignee !== undefined && task.assignee === request.actor.id;
  if (!isAssignee && !isSupervisor(task, request.actor)) {
    const supervisors = task.assignableBy?.length ? `, or one of the roles ${task.assignableBy.join(', ')}` : '';
    reject(
      processErrors.forbidden,
      `${request.actor.id} may not assign task ${task.taskId}: only its assignee${supervisors} may`,
    );
  }
  assertNotExcluded(task, request.assignee, 'be assigned');
  if (request.assigneeRoles !== undefined && !isCandidate(task, request.assignee, request.assigneeRoles)) {
    reject(
      processErrors.forbidden,
      `${request.assignee} could not complete task ${task.taskId}: it needs one of the roles ${task.candidateRoles.join(', ')}`,
    );
  }
}

/** After an assignment: whether the new assignee is known to be able to complete the task. */
export function assignmentIsVerified(task: TaskView, request: AssignTaskRequest): boolean {
  return request.assigneeRoles !== undefined && isCandidate(task, request.assignee, request.assigneeRoles);
}
