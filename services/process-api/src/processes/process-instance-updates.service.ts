import { Inject, Injectable } from '@nestjs/common';
import { type ProcessDefinition, workflowIdFor } from '@ordo/workflows';
import { Client, type UpdateDefinition, WorkflowNotFoundError } from '@temporalio/client';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';
import { type ApiError, conflict } from '../errors/api-error';
import { ProcessInstanceReader } from './process-instance-reader.service';

/**
 * Every change to a running instance (task action, event, cancellation) is an Update, so the workflow's validator can
 * refuse it before it reaches the history; the error filter translates those refusals. What is left to map here is
 * the one failure Temporal reports ambiguously.
 */
@Injectable()
export class ProcessInstanceUpdates {
  constructor(
    private readonly client: Client,
    private readonly reader: ProcessInstanceReader,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Temporal answers "not found" for an absent and for a closed workflow alike; a describe tells them apart (404 vs 409). */
  async execute<Result, Request>(
    definition: ProcessDefinition,
    businessKey: string,
    update: UpdateDefinition<Result, [Request]>,
    request: Request,
  ): Promise<Result> {
    const handle = this.client.workflow.getHandle(workflowIdFor(definition.name, businessKey));
    try {
      return await this.client.withDeadline(Date.now() + this.config.updateTimeoutMs, () =>
        handle.executeUpdate(update, { args: [request] }),
      );
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw await this.notFoundOrClosed(definition, businessKey);
      throw error;
    }
  }

  private async notFoundOrClosed(definition: ProcessDefinition, businessKey: string): Promise<ApiError> {
    const facts = await this.reader.facts(definition, businessKey);
    if (!facts) return this.reader.instanceNotFound(definition, businessKey);
    return conflict('instance_closed', `The ${definition.name} instance '${businessKey}' is closed (${facts.status})`, [
      { path: 'businessKey', message: `instance is ${facts.status}` },
    ]);
  }
}
