import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Actor, type ProcessStatusView, searchAttributes, statusQuery, type TaskView, taskPriorities } from '@ordo/workflows';
import { Client } from '@temporalio/client';
import { ProcessCatalogService } from '../catalog/process-catalog.service';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';
import { forbidden, RequestValidationError } from '../errors/api-error';
import { type ListedExecution, listExecutionPage, literal, literalList } from '../temporal/visibility';
import { comparePositions, decodeInboxToken, encodeInboxToken, type InboxPosition } from './inbox-page-token';
import type { Inbox, InboxItem, InboxQuery } from './tasks.schemas';

/** Upper bound of instances one inbox request reads, so a huge backlog cannot stall the API. */
const maxInstancesScanned = 200;
const visibilityPageSize = 100;
/** Status queries in flight at once: each one may wake a worker to replay history. */
const queryConcurrency = 4;

/**
 * The open human tasks a caller may act on, across every process. Visibility narrows the instances
 * through the search attributes the human-task helper mirrors; each candidate's status query supplies
 * the task details, which are filtered exactly and sorted by due time. No second store.
 */
@Injectable()
export class TaskInboxService {
  private readonly logger = new Logger(TaskInboxService.name);

  constructor(
    private readonly client: Client,
    private readonly catalog: ProcessCatalogService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async inbox(actor: Actor, query: InboxQuery): Promise<Inbox> {
    if (query.role !== undefined && !actor.roles.includes(query.role)) {
      throw forbidden(`You do not hold the role '${query.role}'`, [{ path: 'role', message: 'is not one of your roles' }]);
    }
    if (query.assignee !== undefined && query.assignee !== actor.id) {
      throw forbidden('You may only list tasks assigned to yourself', [{ path: 'assignee', message: 'is not you' }]);
    }
    if (query.process !== undefined && !this.catalog.names().includes(query.process)) {
      throw new RequestValidationError([{ path: 'process', message: `is not in the process catalog (${this.catalog.names().join(', ')})` }]);
    }
    const filters = filterSignature(query);
    const after = query.pageToken === undefined ? undefined : decodeInboxToken(query.pageToken, filters);
    const now = Date.now();

    const { executions, limitReached } = await this.candidateInstances(actor, query, now);
    const views = await mapWithConcurrency(executions, queryConcurrency, (execution) => this.openTasksOf(execution));
    const matching = views
      .flatMap((view) => view ?? [])
      // The inbox answers "overdue" as its filter does, at the time of the request, not when the workflow's timer fired.
      .map((item) => ({ ...item, overdue: isOverdue(item, now) }))
      .filter((item) => mayAct(actor, item) && matchesFilter(item, query, now))
      .sort((a, b) => comparePositions(positionOf(a), positionOf(b)))
      .filter((item) => after === undefined || comparePositions(positionOf(item), after) > 0);
    const items = matching.slice(0, query.pageSize);
    const last = items.at(-1);
    return {
      items,
      nextPageToken: matching.length > items.length && last ? encodeInboxToken(filters, positionOf(last)) : null,
      partial: limitReached || views.some((view) => view === undefined),
    };
  }

  /** Running instances whose mirrored search attributes say they may hold a matching task for this caller. */
  private async candidateInstances(actor: Actor, query: InboxQuery, now: number) {
    const roles = searchAttributes.openTaskRoles.name;
    const assignees = searchAttributes.openTaskAssignees.name;
    const nextDue = searchAttributes.nextTaskDueAt.name;
    const conditions = [`ExecutionStatus = 'Running'`];
    if (query.role !== undefined) conditions.push(`${roles} = ${literal(query.role)}`);
    if (query.assignee !== undefined) conditions.push(`${assignees} = ${literal(query.assignee)}`);
    if (query.role === undefined && query.assignee === undefined) {
      conditions.push(`(${roles} IN ${literalList(actor.roles)} OR ${assignees} = ${literal(actor.id)})`);
    }
    if (query.process !== undefined) conditions.push(`${searchAttributes.process.name} = ${literal(query.process)}`);
    // The instance's earliest due time bounds its tasks': an instance whose earliest is later holds none.
    if (query.dueBefore !== undefined) conditions.push(`${nextDue} < ${literal(new Date(query.dueBefore).toISOString())}`);
    if (query.overdue === true) conditions.push(`${nextDue} < ${literal(new Date(now).toISOString())}`);
    if (query.priority !== undefined) {
      conditions.push(`${searchAttributes.openTaskPriority.name} >= ${taskPriorities.indexOf(query.priority) + 1}`);
    }
    const executions: ListedExecution[] = [];
    let cursor: Uint8Array | undefined;
    const deadline = Date.now() + this.config.queryTimeoutMs;
    do {
      const page = await this.client.withDeadline(deadline, () =>
        listExecutionPage(this.client, conditions.join(' AND '), visibilityPageSize, cursor),
      );
      executions.push(...page.executions);
      cursor = page.nextPageToken;
    } while (cursor && executions.length < maxInstancesScanned);
    return { executions: executions.slice(0, maxInstancesScanned), limitReached: executions.length >= maxInstancesScanned && cursor !== undefined };
  }

  /** The instance's open tasks with where they live; undefined when its worker does not answer. */
  private async openTasksOf(execution: ListedExecution): Promise<InboxItem[] | undefined> {
    let view: ProcessStatusView;
    try {
      view = await this.client.withDeadline(Date.now() + this.config.queryTimeoutMs, () =>
        this.client.workflow.getHandle(execution.workflowId).query(statusQuery),
      );
    } catch (error) {
      this.logger.warn(`Tasks of ${execution.workflowId} unreadable: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    return view.openTasks
      .filter((task) => task.status === 'OPEN')
      .map((task) => ({ process: view.process, businessKey: view.businessKey, workflowId: execution.workflowId, ...task }));
  }
}

/** Who may act now or after claiming: the assignee, or a candidate role; never someone the four-eyes rule excludes. */
function mayAct(actor: Actor, task: TaskView): boolean {
  if (task.excludedActorIds?.includes(actor.id)) return false;
  return task.assignee === actor.id || task.candidateRoles.some((role) => actor.roles.includes(role));
}

export function isOverdue(task: TaskView, now: number): boolean {
  return task.overdue === true || Date.parse(task.dueAt) < now;
}

function matchesFilter(item: InboxItem, query: InboxQuery, now: number): boolean {
  if (query.role !== undefined && !item.candidateRoles.includes(query.role)) return false;
  if (query.assignee !== undefined && item.assignee !== query.assignee) return false;
  if (query.process !== undefined && item.process !== query.process) return false;
  if (query.dueBefore !== undefined && !(Date.parse(item.dueAt) < Date.parse(query.dueBefore))) return false;
  if (query.overdue !== undefined && isOverdue(item, now) !== query.overdue) return false;
  if (query.priority !== undefined && (item.priority ?? 'normal') !== query.priority) return false;
  return true;
}

function positionOf(item: InboxItem): InboxPosition {
  return [new Date(item.dueAt).toISOString(), item.workflowId, item.taskId];
}

/** Everything that decides which items a listing holds: a page token is only valid for the same. */
function filterSignature(query: InboxQuery): string {
  const { role, assignee, process, overdue, dueBefore, priority } = query;
  return JSON.stringify([role, assignee, process, overdue, dueBefore, priority]);
}

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
