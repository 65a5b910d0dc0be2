import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type Actor,
  type ProcessDefinition,
  type ProcessResult,
  type ProcessStatus,
  type ProcessStatusView,
  searchAttributes,
  statusQuery,
  workflowIdFor,
} from '@ordo/workflows';
import {
  Client,
  type WorkflowExecutionDescription,
  WorkflowFailedError,
  type WorkflowHandle,
  WorkflowNotFoundError,
} from '@temporalio/client';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';
import { describeRule, mayRead, type Participation, readRuleOf } from '../access/actor-rules';
import { forbidden, notFound } from '../errors/api-error';
import { businessStatusOf } from '../temporal/visibility';
import type { InstanceFailure, InstanceView } from './process-instance.schemas';

/** Temporal's close statuses that leave no return value, only a failure. */
const endedWithoutResult = new Set(['FAILED', 'TERMINATED', 'TIMED_OUT']);

/** What Temporal knows about an instance without asking its workflow code. */
export interface InstanceFacts {
  handle: WorkflowHandle;
  description: WorkflowExecutionDescription;
  status: ProcessStatus;
  /** The workflow's return value, when it completed. */
  result?: ProcessResult;
  /** Why the workflow ended without a result, when it failed, was terminated or timed out. */
  failure?: InstanceFailure;
  /** Who takes part in the instance, as its search attributes say. */
  participation: Participation;
}

/** Where the API serves an instance's document: behind the same right as the instance, never at the source's URL. */
export function documentPath(definition: ProcessDefinition, businessKey: string, documentId: string): string {
  return `/v1/processes/${definition.name}/instances/${encodeURIComponent(businessKey)}/documents/${encodeURIComponent(documentId)}`;
}

function participationOf(description: WorkflowExecutionDescription): Participation {
  const attributes = description.typedSearchAttributes;
  const requestedBy = attributes.get(searchAttributes.requestedBy);
  return {
    ...(requestedBy === undefined ? {} : { requestedBy }),
    openTaskRoles: attributes.get(searchAttributes.openTaskRoles) ?? [],
    openTaskAssignees: attributes.get(searchAttributes.openTaskAssignees) ?? [],
  };
}

/** Reads process instances: Temporal's description for times and lifecycle, the status query for the rest. */
@Injectable()
export class ProcessInstanceReader {
  private readonly logger = new Logger(ProcessInstanceReader.name);

  constructor(
    private readonly client: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Describes the instance; undefined when there is none. */
  async facts(definition: ProcessDefinition, businessKey: string): Promise<InstanceFacts | undefined> {
    const handle = this.client.workflow.getHandle(workflowIdFor(definition.name, businessKey));
    let description: WorkflowExecutionDescription;
    try {
      description = await handle.describe();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
    const recorded = description.typedSearchAttributes.get(searchAttributes.status) as ProcessStatus | undefined;
    const participation = participationOf(description);
    if (description.status.name !== 'COMPLETED') {
      const status = businessStatusOf(description.status.name, recorded);
      const failure = endedWithoutResult.has(description.status.name) ? await this.failureOf(handle) : undefined;
      return { handle, description, status, participation, ...(failure && { failure }) };
    }
    // A completed workflow's own result says whether it COMPLETED, was REJECTED or CANCELLED.
    const result = await this.withQueryDeadline(() => handle.result() as Promise<ProcessResult>);
    return { handle, description, status: result.status, result, participation };
  }

  /** The instance's facts when the actor may read it: 404 when there is none, 403 when it is not theirs to see. */
  async readableFacts(definition: ProcessDefinition, businessKey: string, actor: Actor): Promise<InstanceFacts> {
    const facts = await this.facts(definition, businessKey);
    if (!facts) throw this.instanceNotFound(definition, businessKey);
    if (!mayRead(definition, actor, facts.participation)) {
      throw forbidden(
        `Reading ${definition.name} instances needs ${describeRule(readRuleOf(definition))}, or taking part in the instance`,
        [{ path: 'authorization', message: `${actor.id} may not read this instance` }],
      );
    }
    return facts;
  }

  async get(definition: ProcessDefinition, businessKey: string, actor: Actor): Promise<InstanceView> {
    const facts = await this.readableFacts(definition, businessKey, actor);
    const { description, status, result } = facts;
    const view = await this.queryStatus(facts.handle);
    const attributes = description.typedSearchAttributes;
    const closed = description.status.name !== 'RUNNING';
    return {
      process: definition.name,
      processVersion: view?.processVersion ?? attributes.get(searchAttributes.processVersion) ?? null,
      businessKey,
      workflowId: description.workflowId,
      status: closed ? status : (view?.status ?? status),
      stage: view?.stage ?? attributes.get(searchAttributes.stage) ?? null,
      startedAt: description.startTime.toISOString(),
      closedAt: description.closeTime?.toISOString() ?? null,
      openTasks: closed ? [] : (view?.openTasks ?? []),
      steps: view?.steps ?? [],
      documents: (view?.documents ?? []).map((document) => ({
        ...document,
        url: documentPath(definition, businessKey, document.documentId),
      })),
      decisions: view?.decisions ?? result?.decisions ?? [],
      result: result ?? view?.result ?? null,
      failure: facts.failure ?? null,
      stateSource: view ? 'workflow' : 'visibility',
    };
  }

  instanceNotFound(definition: ProcessDefinition, businessKey: string) {
    return notFound('instance_not_found', `No ${definition.name} instance with business key '${businessKey}'`, [
      { path: 'businessKey', message: 'has no instance' },
    ]);
  }

  /**
   * The workflow's own status view, or undefined when no worker answers in time
   * (the caller then falls back to search attributes).
   */
  async queryStatus(handle: WorkflowHandle): Promise<ProcessStatusView | undefined> {
    try {
      return await this.withQueryDeadline(() => handle.query(statusQuery));
    } catch (error) {
      this.logger.warn(
        `Status query of ${handle.workflowId} unanswered: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
  }

  /** The failure Temporal recorded as the close event; the deepest cause names what actually went wrong. */
  private async failureOf(handle: WorkflowHandle): Promise<InstanceFailure | undefined> {
    try {
      await this.withQueryDeadline(() => handle.result());
      return undefined;
    } catch (error) {
      if (!(error instanceof WorkflowFailedError)) return undefined;
      let cause: Error = error;
      while (cause.cause instanceof Error) cause = cause.cause;
      // An ApplicationFailure carries the workflow's own error type; Temporal's failures are told by their class.
      const applicationType = (cause as { type?: unknown }).type;
      return { type: typeof applicationType === 'string' ? applicationType : cause.name, message: cause.message };
    }
  }

  private withQueryDeadline<T>(read: () => Promise<T>): Promise<T> {
    return this.client.withDeadline(Date.now() + this.config.queryTimeoutMs, read);
  }
}
