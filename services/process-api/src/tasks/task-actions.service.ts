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
import { conflict } from '../errors/api-error';
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

  assign(definition: ProcessDefinition, businessKey: string, taskId: string, body: AssignTaskBody, actor: Actor): Promise<TaskView> {
    return this.run(definition, businessKey, taskId, actor, 'assigned', (handle) =>
      handle.executeUpdate(assignTaskUpdate, { args: [{ taskId, actor, assignee: body.assignee, ...withComment(body) }] }),
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
