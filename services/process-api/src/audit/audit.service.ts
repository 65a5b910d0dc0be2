import { Inject, Injectable, Logger } from '@nestjs/common';
import { searchAttributes } from '@ordo/workflows';
import { Client, isGrpcServiceError } from '@temporalio/client';
import { ProcessCatalogService } from '../catalog/process-catalog.service';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';
import { RequestValidationError } from '../errors/api-error';
import { type ListedExecution, listExecutionsUpTo, literal, literalList } from '../temporal/visibility';
import type { AuditPage, AuditQuery } from './audit.schemas';
import { type AuditEntry, auditEntriesOf, decodeUpdateHistory } from './history-audit';
import { mapWithConcurrency } from '../concurrency/map-with-concurrency';

/**
 * Most instances one audit request reads, the most recent first (visibility lists running instances, then closed
 * ones by close time): each costs a history fetch, so a wide window over a large namespace answers `partial`.
 */
export const maxAuditedInstances = 500;
/** Histories fetched at once. */
const historyConcurrency = 4;
/** gRPC NOT_FOUND: the instance went (retention) between listing and fetching; it has nothing left to audit. */
const grpcNotFound = 5;

/**
 * The audit of human actions, read from Temporal: the instances of the catalog's processes that overlap the window
 * come from visibility, their actions from their histories (the updates people and systems sent through the API).
 * Nothing is stored besides Temporal (DESIGN decision 1).
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(
    private readonly client: Client,
    private readonly catalog: ProcessCatalogService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async audit(query: AuditQuery): Promise<AuditPage> {
    const names = this.catalog.names();
    if (query.process !== undefined && !names.includes(query.process)) {
      throw new RequestValidationError([
        { path: 'process', message: `is not in the process catalog (${names.join(', ')})` },
      ]);
    }
    const from = query.from === undefined ? undefined : Date.parse(query.from);
    const to = query.to === undefined ? undefined : Date.parse(query.to);
    const { executions, complete } = await listExecutionsUpTo(
      this.client,
      overlappingInstances(query.process === undefined ? names : [query.process], from, to),
      maxAuditedInstances,
      (call) => this.client.withDeadline(Date.now() + this.config.queryTimeoutMs, call),
    );
    const perInstance = await mapWithConcurrency(executions, historyConcurrency, (execution) =>
      this.entriesOf(execution),
    );
    const items = perInstance
      .flatMap((entries) => entries ?? [])
      .filter((entry) => {
        const at = Date.parse(entry.at);
        return (
          (query.actor === undefined || entry.actor === query.actor) &&
          (from === undefined || at >= from) &&
          (to === undefined || at <= to)
        );
      })
      // Stable: one instance's actions at the same millisecond keep their history order.
      .sort((a, b) => compare(a.at, b.at) || compare(a.workflowId, b.workflowId) || compare(a.runId, b.runId));
    return { items, partial: !complete || perInstance.some((entries) => entries === undefined) };
  }

  /** The instance's audit entries; undefined when its history could not be read or decoded. */
  private async entriesOf(execution: ListedExecution): Promise<AuditEntry[] | undefined> {
    const { workflowId, runId } = execution;
    try {
      const history = await this.client.withDeadline(Date.now() + this.config.queryTimeoutMs, () =>
        this.client.workflow.getHandle(workflowId, runId).fetchHistory(),
      );
      const decoded = await decodeUpdateHistory(history, this.client.options.loadedDataConverter, {
        type: 'workflow',
        namespace: this.client.options.namespace,
        workflowId,
      });
      const [processOfId, ...keyParts] = workflowId.split(':');
      return auditEntriesOf(
        {
          workflowId,
          runId,
          process: execution.process ?? processOfId ?? '',
          businessKey: execution.businessKey ?? keyParts.join(':'),
        },
        decoded,
      );
    } catch (error) {
      if (isGrpcServiceError(error) && error.code === grpcNotFound) return [];
      this.logger.warn(
        { workflowId, runId },
        `Audit of ${workflowId} unreadable: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
  }
}

/**
 * The visibility query of the instances that may hold an action within [from, to]: started by `to`, and still running
 * or closed no earlier than `from` (an instance only takes updates while it runs).
 */
export function overlappingInstances(
  processes: readonly string[],
  from: number | undefined,
  to: number | undefined,
): string {
  const conditions = [`${searchAttributes.process.name} IN ${literalList(processes)}`];
  if (to !== undefined) conditions.push(`StartTime <= ${literal(new Date(to).toISOString())}`);
  if (from !== undefined)
    conditions.push(`(ExecutionStatus = 'Running' OR CloseTime >= ${literal(new Date(from).toISOString())})`);
  return conditions.join(' AND ');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
