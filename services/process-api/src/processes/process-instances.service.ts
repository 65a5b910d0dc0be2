import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type Actor,
  cancelUpdate,
  completeTaskUpdate,
  type ProcessDefinition,
  type ProcessStart,
  searchAttributes,
  searchAttributesAtStart,
  type TaskView,
  workflowIdFor,
} from '@ordo/workflows';
import { Client, type WorkflowHandle, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';
import { type ApiError, conflict, notFound } from '../errors/api-error';
import { ApiMetrics } from '../metrics/api-metrics.service';
import { businessStatusOf, listExecutionPage, literal, statusCondition } from '../temporal/visibility';
import { parseWith } from '../validation/zod-validation';
import { type ListingScope, ListingPageTokens } from './page-token';
import { ProcessInstanceReader } from './process-instance-reader.service';
import {
  type CancelInstanceBody,
  type CompleteTaskBody,
  type InstancePage,
  type ListInstancesQuery,
  startInstanceBodySchema,
  type StartedInstanceView,
} from './process-instance.schemas';

/** Starts, lists and drives process instances through Temporal. */
@Injectable()
export class ProcessInstancesService {
  private readonly logger = new Logger(ProcessInstancesService.name);
  private readonly pageTokens: ListingPageTokens;

  constructor(
    private readonly client: Client,
    private readonly reader: ProcessInstanceReader,
    private readonly metrics: ApiMetrics,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {
    this.pageTokens = new ListingPageTokens(config.pageTokenSecret);
  }

  /** Starts the instance for a business key, or returns the one that already has it (never a duplicate). */
  async start(definition: ProcessDefinition, body: unknown, actor: Actor): Promise<StartedInstanceView> {
    let request: { businessKey: string; input: unknown };
    try {
      request = parseWith(startInstanceBodySchema(definition), body);
    } catch (error) {
      this.metrics.countProcessStart(definition.name, 'rejected_input');
      throw error;
    }
    const { businessKey } = request;
    const workflowId = workflowIdFor(definition.name, businessKey);
    const start: ProcessStart<unknown> = { businessKey, input: request.input, requestedBy: actor.id };
    try {
      const handle = await this.client.workflow.start(definition.workflowType, {
        workflowId,
        taskQueue: definition.taskQueue,
        args: [start],
        // A closed instance's key is never reused: the key names one business transaction for good.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: searchAttributesAtStart(definition, businessKey),
      });
      this.metrics.countProcessStart(definition.name, 'started');
      const runId = handle.firstExecutionRunId;
      this.logger.log({ workflowId, runId, process: definition.name, requestedBy: actor.id }, 'process instance started');
      return { process: definition.name, businessKey, workflowId, runId, created: true, status: 'RUNNING' };
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    const existing = await this.reader.facts(definition, businessKey);
    if (!existing) throw new Error(`${workflowId} was reported as started but cannot be described`);
    this.metrics.countProcessStart(definition.name, 'existing');
    this.logger.log(
      { workflowId, runId: existing.description.runId, process: definition.name, requestedBy: actor.id },
      'process instance already existed; returned it',
    );
    return {
      process: definition.name,
      businessKey,
      workflowId,
      runId: existing.description.runId,
      created: false,
      status: existing.status,
    };
  }

  async list(definition: ProcessDefinition, query: ListInstancesQuery): Promise<InstancePage> {
    const scope: ListingScope = { process: definition.name, status: query.status ?? null };
    const cursor = query.pageToken === undefined ? undefined : this.pageTokens.decode(query.pageToken, scope);
    const conditions = [
      `${searchAttributes.process.name} = ${literal(definition.name)}`,
      // An instance that continued as new is listed once, by its latest run.
      `ExecutionStatus != 'ContinuedAsNew'`,
      ...(query.status ? [statusCondition(query.status)] : []),
    ];
    const page = await this.client.withDeadline(Date.now() + this.config.queryTimeoutMs, () =>
      listExecutionPage(this.client, conditions.join(' AND '), query.pageSize, cursor),
    );
    return {
      items: page.executions.map((execution) => ({
        businessKey: execution.businessKey ?? execution.workflowId.slice(definition.name.length + 1),
        workflowId: execution.workflowId,
        status: businessStatusOf(execution.temporalStatus, execution.recordedStatus),
        stage: execution.stage ?? null,
        startedAt: execution.startedAt,
        closedAt: execution.closedAt,
      })),
      nextPageToken: page.nextPageToken ? this.pageTokens.encode(scope, page.nextPageToken) : null,
    };
  }

  async completeTask(
    definition: ProcessDefinition,
    businessKey: string,
    taskId: string,
    body: CompleteTaskBody,
    actor: Actor,
  ): Promise<TaskView> {
    const task = await this.act(definition, businessKey, (handle) =>
      this.withUpdateDeadline(() =>
        handle.executeUpdate(completeTaskUpdate, {
          args: [{ taskId, actor, decision: body.decision, ...(body.comment ? { comment: body.comment } : {}) }],
        }),
      ),
    );
    this.logger.log(
      { workflowId: workflowIdFor(definition.name, businessKey), taskId, decision: body.decision, actor: actor.id },
      'task completed',
    );
    return task;
  }

  async cancel(definition: ProcessDefinition, businessKey: string, body: CancelInstanceBody, actor: Actor): Promise<void> {
    await this.act(definition, businessKey, (handle) =>
      this.withUpdateDeadline(() => handle.executeUpdate(cancelUpdate, { args: [{ actor, reason: body.reason }] })),
    );
    this.logger.log({ workflowId: workflowIdFor(definition.name, businessKey), actor: actor.id }, 'cancellation accepted');
  }

  /** Validates the payload with the event's schema, then signals it; an event the process does not declare is a 404. */
  async sendEvent(definition: ProcessDefinition, businessKey: string, eventName: string, body: unknown): Promise<void> {
    const event = Object.hasOwn(definition.events, eventName) ? definition.events[eventName] : undefined;
    if (!event) {
      const known = Object.keys(definition.events).join(', ') || 'none';
      throw notFound('unknown_event', `${definition.name} accepts no event '${eventName}'; events: ${known}`, [
        { path: 'event', message: 'is not an event of this process' },
      ]);
    }
    const payload = parseWith(event.schema, body);
    await this.act(definition, businessKey, (handle) => handle.signal(event.signal, payload));
    this.logger.log({ workflowId: workflowIdFor(definition.name, businessKey), event: eventName }, 'event delivered');
  }

  /**
   * Runs a signal or update against the instance. Temporal answers "not found" both for an absent
   * workflow and a closed one; a describe tells the two apart (404 vs 409).
   */
  private async act<T>(definition: ProcessDefinition, businessKey: string, action: (handle: WorkflowHandle) => Promise<T>): Promise<T> {
    const handle = this.client.workflow.getHandle(workflowIdFor(definition.name, businessKey));
    try {
      return await action(handle);
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

  private withUpdateDeadline<T>(run: () => Promise<T>): Promise<T> {
    return this.client.withDeadline(Date.now() + this.config.updateTimeoutMs, run);
  }
}
