import { Injectable, Logger } from '@nestjs/common';
import {
  type Actor,
  assignTaskUpdate,
  claimTaskUpdate,
  completeTaskUpdate,
  type ProcessDefinition,
  releaseTaskUpdate,
  type TaskView,
  workflowIdFor,
} from '@ordo/workflows';
import type { UpdateDefinition } from '@temporalio/client';
import { ActorDirectory } from '../access/actor-directory.service';
import { RequestValidationError } from '../errors/api-error';
import { ProcessInstanceUpdates } from '../processes/process-instance-updates.service';
import type { AssignTaskBody, CompleteTaskBody, TaskActionBody } from './task-actions.schemas';

type TaskOutcome = 'completed' | 'claimed' | 'released' | 'assigned';

/**
 * Complete, claim, release and assign: each an Update whose validator decides who may do it, so a refusal
 * (403/404/409/400) never reaches the instance's history.
 */
@Injectable()
export class TaskActionsService {
  private readonly logger = new Logger(TaskActionsService.name);

  constructor(
    private readonly updates: ProcessInstanceUpdates,
    private readonly directory: ActorDirectory,
  ) {}

  complete(
    definition: ProcessDefinition,
    businessKey: string,
    taskId: string,
    body: CompleteTaskBody,
    actor: Actor,
  ): Promise<TaskView> {
    const request = { taskId, actor, decision: body.decision, ...withComment(body) };
    return this.run(definition, businessKey, completeTaskUpdate, request, 'completed', { decision: body.decision });
  }

  claim(
    definition: ProcessDefinition,
    businessKey: string,
    taskId: string,
    body: TaskActionBody,
    actor: Actor,
  ): Promise<TaskView> {
    return this.run(definition, businessKey, claimTaskUpdate, { taskId, actor, ...withComment(body) }, 'claimed');
  }

  release(
    definition: ProcessDefinition,
    businessKey: string,
    taskId: string,
    body: TaskActionBody,
    actor: Actor,
  ): Promise<TaskView> {
    return this.run(definition, businessKey, releaseTaskUpdate, { taskId, actor, ...withComment(body) }, 'released');
  }

  /**
   * Where the directory knows the assignee, their roles go with the request so the task only goes to someone who could
   * complete it; an id the whole directory does not know is refused (no phantom assignee locks a task).
   */
  assign(
    definition: ProcessDefinition,
    businessKey: string,
    taskId: string,
    body: AssignTaskBody,
    actor: Actor,
  ): Promise<TaskView> {
    const entry = this.directory.lookup(body.assignee);
    if (!entry.known && entry.complete) {
      throw new RequestValidationError([{ path: 'assignee', message: `'${body.assignee}' is not a known actor` }]);
    }
    const assigneeRoles = entry.known ? { assigneeRoles: entry.roles } : {};
    const request = { taskId, actor, assignee: body.assignee, ...assigneeRoles, ...withComment(body) };
    return this.run(definition, businessKey, assignTaskUpdate, request, 'assigned');
  }

  private async run<Request extends { taskId: string; actor: Actor }>(
    definition: ProcessDefinition,
    businessKey: string,
    update: UpdateDefinition<TaskView, [Request]>,
    request: Request,
    outcome: TaskOutcome,
    logged: Record<string, unknown> = {},
  ): Promise<TaskView> {
    const task = await this.updates.execute(definition, businessKey, update, request);
    const workflowId = workflowIdFor(definition.name, businessKey);
    this.logger.log(
      { workflowId, taskId: request.taskId, actor: request.actor.id, assignee: task.assignee ?? null, ...logged },
      `task ${outcome}`,
    );
    return task;
  }
}

function withComment(body: { comment?: string | undefined }): { comment?: string } {
  return body.comment ? { comment: body.comment } : {};
}
