import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type Actor,
  cancelUpdate,
  type ProcessDefinition,
  processEventUpdate,
  takenEventKey,
  takenEventKeysQuery,
  type ProcessStart,
  searchAttributes,
  searchAttributesAtStart,
  workflowIdFor,
} from '@ordo/workflows';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';
import { ProcessAccess } from '../access/process-access.service';
import { ApiError, conflict, notFound } from '../errors/api-error';
import { ApiMetrics } from '../metrics/api-metrics.service';
import { businessStatusOf, listExecutionPage, literal, statusCondition } from '../temporal/visibility';
import { parseWith } from '../validation/zod-validation';
import { type ListingScope, ListingPageTokens } from './page-token';
import { ProcessInstanceReader } from './process-instance-reader.service';
import { ProcessInstanceUpdates } from './process-instance-updates.service';
import {
  type CancelInstanceBody,
  type InstancePage,
  type ListInstancesQuery,
  startInstanceBodySchema,
  type StartedInstanceView,
} from './process-instance.schemas';

/** The memo key holding a digest of the start input, so a repeated start can tell a retry from other input. */
const inputDigestMemoKey = 'OrdoInputDigest';

/** Parsed input has its keys in schema order, so the same input always serialises alike. */
function digestOf(input: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(input) ?? 'undefined')
    .digest('base64url');
}

export interface FetchedDocument {
  name: string;
  contentType: string;
  content: Buffer;
}

/** Starts and lists process instances, delivers their events, cancels them and serves their documents. */
@Injectable()
export class ProcessInstancesService {
  private readonly logger = new Logger(ProcessInstancesService.name);
  private readonly pageTokens: ListingPageTokens;

  constructor(
    private readonly client: Client,
    private readonly reader: ProcessInstanceReader,
    private readonly updates: ProcessInstanceUpdates,
    private readonly metrics: ApiMetrics,
    private readonly access: ProcessAccess,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {
    this.pageTokens = new ListingPageTokens(config.pageTokenSecret);
  }

  /** Starts the instance for a business key, or returns the one that already has it (never a duplicate). */
  async start(definition: ProcessDefinition, body: unknown, actor: Actor): Promise<StartedInstanceView> {
    this.access.assertMayStart(definition, actor);
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
    const inputDigest = digestOf(request.input);
    try {
      const handle = await this.client.workflow.start(definition.workflowType, {
        workflowId,
        taskQueue: definition.taskQueue,
        args: [start],
        // A closed instance's key is never reused: the key names one business transaction for good.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: searchAttributesAtStart(definition, businessKey, actor.id),
        memo: { [inputDigestMemoKey]: inputDigest },
      });
      this.metrics.countProcessStart(definition.name, 'started');
      const runId = handle.firstExecutionRunId;
      this.logger.log(
        { workflowId, runId, process: definition.name, requestedBy: actor.id },
        'process instance started',
      );
      return { process: definition.name, businessKey, workflowId, runId, created: true, status: 'RUNNING' };
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    const existing = await this.reader.facts(definition, businessKey);
    if (!existing) throw new Error(`${workflowId} was reported as started but cannot be described`);
    const existingDigest = existing.description.memo?.[inputDigestMemoKey];
    // A retry repeats the input; other input under the same key is another transaction that must not pass for this one.
    if (typeof existingDigest === 'string' && existingDigest !== inputDigest) {
      this.metrics.countProcessStart(definition.name, 'rejected_input');
      throw conflict(
        'business_key_conflict',
        `The ${definition.name} instance '${businessKey}' already exists with other input`,
        [{ path: 'businessKey', message: 'exists with other input; use a new business key for a new transaction' }],
      );
    }
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

  async list(definition: ProcessDefinition, query: ListInstancesQuery, actor: Actor): Promise<InstancePage> {
    const readable = this.access.listScope(definition, actor);
    // Each page applies the caller's own read scope, so someone else's page token shows nothing more.
    const scope: ListingScope = { process: definition.name, status: query.status ?? null };
    const cursor = query.pageToken === undefined ? undefined : this.pageTokens.decode(query.pageToken, scope);
    const conditions = [
      `${searchAttributes.process.name} = ${literal(definition.name)}`,
      // An instance that continued as new is listed once, by its latest run.
      `ExecutionStatus != 'ContinuedAsNew'`,
      ...(query.status ? [statusCondition(query.status)] : []),
      ...(readable ? [readable] : []),
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

  async cancel(
    definition: ProcessDefinition,
    businessKey: string,
    body: CancelInstanceBody,
    actor: Actor,
  ): Promise<void> {
    await this.access.assertMayCancel(definition, businessKey, actor);
    await this.updates.execute(definition, businessKey, cancelUpdate, { actor, reason: body.reason });
    this.logger.log(
      { workflowId: workflowIdFor(definition.name, businessKey), actor: actor.id },
      'cancellation accepted',
    );
  }

  /**
   * Validates the payload with the event's schema and the sender against the event's rule, then delivers it as an
   * Update whose validator applies the process's own rules (422 for a payment above what is owed); an event the process
   * does not declare is a 404.
   */
  async sendEvent(
    definition: ProcessDefinition,
    businessKey: string,
    eventName: string,
    body: unknown,
    actor: Actor,
  ): Promise<void> {
    const event = Object.hasOwn(definition.events, eventName) ? definition.events[eventName] : undefined;
    if (!event) {
      const known = Object.keys(definition.events).join(', ') || 'none';
      throw notFound('unknown_event', `${definition.name} accepts no event '${eventName}'; events: ${known}`, [
        { path: 'event', message: 'is not an event of this process' },
      ]);
    }
    await this.access.assertMaySend(definition, event, businessKey, actor);
    const payload = parseWith(event.schema, body);
    const request = { event: eventName, payload, actor };
    const key = event.idempotencyKey && (payload as Record<string, unknown>)[event.idempotencyKey];
    if (typeof key === 'string') {
      await this.updates.executeOnce(definition, businessKey, processEventUpdate, request, async (handle) =>
        (await handle.query(takenEventKeysQuery)).includes(takenEventKey(eventName, key)),
      );
    } else {
      await this.updates.execute(definition, businessKey, processEventUpdate, request);
    }
    this.logger.log(
      { workflowId: workflowIdFor(definition.name, businessKey), event: eventName, actor: actor.id },
      'event delivered',
    );
  }

  /** A document of an instance the actor may read, fetched from the system that holds it. */
  async document(
    definition: ProcessDefinition,
    businessKey: string,
    documentId: string,
    actor: Actor,
  ): Promise<FetchedDocument> {
    const facts = await this.reader.readableFacts(definition, businessKey, actor);
    const view = await this.reader.queryStatus(facts.handle);
    if (!view)
      throw new ApiError(
        503,
        'worker_unavailable',
        'The process did not answer in time (is a worker running?); try again',
      );
    const document = view.documents.find((candidate) => candidate.documentId === documentId);
    if (!document) {
      throw notFound(
        'document_not_found',
        `The ${definition.name} instance '${businessKey}' has no document '${documentId}'`,
        [{ path: 'documentId', message: 'is not a document of this instance' }],
      );
    }
    // The URL is the one the process recorded, never the caller's: no request can point the API elsewhere.
    let response: Response;
    try {
      response = await fetch(document.url, { signal: AbortSignal.timeout(this.config.queryTimeoutMs) });
    } catch (error) {
      this.logger.warn(
        { workflowId: facts.description.workflowId, documentId, error: String(error) },
        'document source unreachable',
      );
      throw new ApiError(
        502,
        'document_unavailable',
        `Document '${documentId}' cannot be fetched from its source right now`,
      );
    }
    if (!response.ok)
      throw new ApiError(
        502,
        'document_unavailable',
        `Document '${documentId}': its source answered ${response.status}`,
      );
    return {
      name: document.name,
      contentType: document.contentType,
      content: Buffer.from(await response.arrayBuffer()),
    };
  }
}
