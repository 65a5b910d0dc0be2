import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type Actor,
  assignTaskUpdate,
  claimTaskUpdate,
  type ProcessDefinition,
  releaseTaskUpdate,
  type TaskView,
  workflowIdFor,
} from '@ordo/workflows';
import { Client, type WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';
import { ActorDirectory } from '../access/actor-directory.service';
import { conflict, RequestValidationError } from '../errors/api-error';
import { ProcessInstanceReader } from '../processes/process-instance-reader.service';
import type { AssignTaskBody, TaskActionBody } from './tasks.schemas';

type TaskAction = 'claimed' | 'released' | 'assigned';

/**
 * Claim, release and assign: each an Update whose validator decides who may do it, so a refusal
 * (403/404/409/400) never reaches the instance's history.
 */
@Injectable()
export class TaskActionsService {
  private readonly logger = new Logger(TaskActionsService.name);

  constructor(
    private readonly client: Client,
    private readonly reader: ProcessInstanceReader,
    private readonly directory: ActorDirectory,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  claim(definition: ProcessDefinition, businessKey: string, taskId: string, body: TaskActionBody, actor: Actor): Promise<TaskView> {
    return this.run(definition, businessKey, taskId, actor, 'claimed', (handle) =>
      handle.executeUpdate(claimTaskUpdate, { args: [{ taskId, actor, ...withComment(body) }] }),
    );
  }

  release(definition: ProcessDefinition, businessKey: string, taskId: string, body: TaskActionBody, actor: Actor): Promise<TaskView> {
    return this.run(definition, businessKey, taskId, actor, 'released', (handle) =>
      handle.executeUpdate(releaseTaskUpdate, { args: [{ taskId, actor, ...withComment(body) }] }),
    );
  }

  /**
   * Where the directory knows the assignee, their roles go with the request so the task only goes to someone who could
   * complete it; an id the whole directory does not know is refused (no phantom assignee locks a task).
   */
  assign(definition: ProcessDefinition, businessKey: string, taskId: string, body: AssignTaskBody, actor: Actor): Promise<TaskView> {
    const entry = this.directory.lookup(body.assignee);
    if (!entry.known && entry.complete) {
      throw new RequestValidationError([{ path: 'assignee', message: `'${body.assignee}' is not a known actor` }]);
    }
    const assigneeRoles = entry.known ? { assigneeRoles: entry.roles } : {};
    return this.run(definition, businessKey, taskId, actor, 'assigned', (handle) =>
      handle.executeUpdate(assignTaskUpdate, { args: [{ taskId, actor, assignee: body.assignee, ...assigneeRoles, ...withComment(body) }] }),
    );
  }

  /** Temporal answers "not found" for an absent and for a closed workflow alike; a describe tells them apart (404 vs 409). */
  private async run(
    definition: ProcessDefinition,
    businessKey: string,
    taskId: string,
    actor: Actor,
    action: TaskAction,
    update: (handle: WorkflowHandle) => Promise<TaskView>,
  ): Promise<TaskView> {
    const workflowId = workflowIdFor(definition.name, businessKey);
    const handle = this.client.workflow.getHandle(workflowId);
    let task: TaskView;
    try {
      task = await this.client.withDeadline(Date.now() + this.config.updateTimeoutMs, () => update(handle));
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      const facts = await this.reader.facts(definition, businessKey);
      if (!facts) throw this.reader.instanceNotFound(definition, businessKey);
      throw conflict('instance_closed', `The ${definition.name} instance '${businessKey}' is closed (${facts.status})`, [
        { path: 'businessKey', message: `instance is ${facts.status}` },
      ]);
    }
    this.logger.log({ workflowId, taskId, actor: actor.id, assignee: task.assignee ?? null }, `task ${action}`);
    return task;
  }
}

function withComment(body: TaskActionBody): { comment?: string } {
  return body.comment ? { comment: body.comment } : {};
}
