import { Inject, Injectable } from '@nestjs/common';
import { type ProcessDefinition, workflowIdFor } from '@ordo/workflows';
import { Client, type UpdateDefinition, type WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
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
    const handle = this.handleOf(definition, businessKey);
    try {
      return await this.run(handle, update, request);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw await this.notFoundOrClosed(definition, businessKey);
      throw error;
    }
  }

  /**
   * Like `execute`, for a request that may be a retry: a closed instance that `takenBefore` says already took it is an
   * answer, not a 409 (the first attempt went through and closed the instance, and its answer was lost).
   */
  async executeOnce<Request>(
    definition: ProcessDefinition,
    businessKey: string,
    update: UpdateDefinition<unknown, [Request]>,
    request: Request,
    takenBefore: (handle: WorkflowHandle) => Promise<boolean>,
  ): Promise<void> {
    const handle = this.handleOf(definition, businessKey);
    try {
      await this.run(handle, update, request);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      const refusal = await this.notFoundOrClosed(definition, businessKey);
      if (refusal.code === 'instance_closed' && (await this.askClosed(() => takenBefore(handle)))) return;
      throw refusal;
    }
  }

  private handleOf(definition: ProcessDefinition, businessKey: string): WorkflowHandle {
    return this.client.workflow.getHandle(workflowIdFor(definition.name, businessKey));
  }

  private run<Result, Request>(
    handle: WorkflowHandle,
    update: UpdateDefinition<Result, [Request]>,
    request: Request,
  ): Promise<Result> {
    return this.client.withDeadline(Date.now() + this.config.updateTimeoutMs, () =>
      handle.executeUpdate(update, { args: [request] }),
    );
  }

  /** A closed instance answers queries by replaying its history on a worker; without one, it counts as not taken. */
  private async askClosed(ask: () => Promise<boolean>): Promise<boolean> {
    try {
      return await this.client.withDeadline(Date.now() + this.config.queryTimeoutMs, ask);
    } catch {
      return false;
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
