import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type Actor,
  type InboxTaskView,
  inboxTaskOf,
  type ProcessStatusView,
  searchAttributes,
  statusQuery,
  taskPriorities,
} from '@ordo/workflows';
import { Client } from '@temporalio/client';
import { ProcessCatalogService } from '../catalog/process-catalog.service';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';
import { forbidden, RequestValidationError } from '../errors/api-error';
import { type ListedExecution, listExecutionsUpTo, literal, literalList } from '../temporal/visibility';
import { comparePositions, decodeInboxToken, encodeInboxToken, type InboxPosition } from './inbox-page-token';
import type { Inbox, InboxItem, InboxQuery } from './tasks.schemas';
import { mapWithConcurrency } from '../concurrency/map-with-concurrency';

/**
 * Upper bound of instances one inbox request reads, so a huge backlog cannot stall the API. Visibility cannot
 * sort by due time, so every request reads all candidates up to here. Measured on the dev server's SQLite (two
 * cores): about 0.25 s per 1,000 instances for one request alone, several times that with four at once.
 */
const maxInstancesScanned = 3000;
/** Status queries in flight at once, for instances without tasks in their memo: each may wake a worker to replay history. */
const queryConcurrency = 4;

/**
 * The open human tasks a caller may act on, across every process. Visibility narrows the instances
 * through the search attributes the human-task helper mirrors and returns each one's open tasks from
 * the memo the helper keeps beside them; the tasks are filtered exactly and sorted by due time. Only an
 * instance whose memo lacks its tasks is asked through its status query. No second store.
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
      throw forbidden(`You do not hold the role '${query.role}'`, [
        { path: 'role', message: 'is not one of your roles' },
      ]);
    }
    if (query.assignee !== undefined && query.assignee !== actor.id) {
      throw forbidden('You may only list tasks assigned to yourself', [{ path: 'assignee', message: 'is not you' }]);
    }
    if (query.process !== undefined && !this.catalog.names().includes(query.process)) {
      throw new RequestValidationError([
        { path: 'process', message: `is not in the process catalog (${this.catalog.names().join(', ')})` },
      ]);
    }
    const filters = filterSignature(query);
    const after = query.pageToken === undefined ? undefined : decodeInboxToken(query.pageToken, filters);
    const now = Date.now();

    const { executions, complete } = await this.candidateInstances(actor, query, now);
    const tasksByInstance = await mapWithConcurrency(executions, queryConcurrency, (execution) =>
      this.openTasksOf(execution),
    );
    const matching = tasksByInstance
      .flatMap((tasks) => tasks ?? [])
      // The inbox answers "overdue" as its filter does, at the time of the request, not when the workflow's timer fired.
      .map((item) => ({ ...item, overdue: isOverdue(item, now) }))
      .filter((item) => mayAct(actor, item) && matchesFilter(item, query, now))
      // Positions once per item, not per comparison: a scan yields thousands.
      .map((item) => ({ item, position: positionOf(item) }))
      .filter(({ position }) => after === undefined || comparePositions(position, after) > 0)
      .sort((a, b) => comparePositions(a.position, b.position));
    const page = matching.slice(0, query.pageSize);
    const last = page.at(-1);
    return {
      items: page.map(({ item }) => item),
      nextPageToken: matching.length > page.length && last ? encodeInboxToken(filters, last.position) : null,
      partial: !complete || tasksByInstance.some((tasks) => tasks === undefined),
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
    if (query.dueBefore !== undefined)
      conditions.push(`${nextDue} < ${literal(new Date(query.dueBefore).toISOString())}`);
    if (query.overdue === true) conditions.push(`${nextDue} < ${literal(new Date(now).toISOString())}`);
    if (query.priority !== undefined) {
      conditions.push(`${searchAttributes.openTaskPriority.name} >= ${taskPriorities.indexOf(query.priority) + 1}`);
    }
    // Each page has the query timeout, and none starts past half of it: when visibility is slow, part of the
    // inbox (partial) beats a timeout.
    const lastPageStart = Date.now() + this.config.queryTimeoutMs / 2;
    return listExecutionsUpTo(
      this.client,
      conditions.join(' AND '),
      maxInstancesScanned,
      (call) => this.client.withDeadline(Date.now() + this.config.queryTimeoutMs, call),
      () => Date.now() < lastPageStart,
    );
  }

  /** The instance's open tasks with where they live: from its memo, else its status query; undefined when that goes unanswered. */
  private async openTasksOf(execution: ListedExecution): Promise<InboxItem[] | undefined> {
    const { openTasks, process, businessKey, workflowId } = execution;
    if (openTasks && process !== undefined && businessKey !== undefined)
      return itemsOf(process, businessKey, workflowId, openTasks);
    return this.queriedOpenTasks(execution);
  }

  private async queriedOpenTasks(execution: ListedExecution): Promise<InboxItem[] | undefined> {
    let view: ProcessStatusView;
    try {
      view = await this.client.withDeadline(Date.now() + this.config.queryTimeoutMs, () =>
        this.client.workflow.getHandle(execution.workflowId).query(statusQuery),
      );
    } catch (error) {
      this.logger.warn(
        `Tasks of ${execution.workflowId} unreadable: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
    return itemsOf(view.process, view.businessKey, execution.workflowId, view.openTasks.map(inboxTaskOf));
  }
}

function itemsOf(
  process: string,
  businessKey: string,
  workflowId: string,
  tasks: readonly InboxTaskView[],
): InboxItem[] {
  return tasks.filter((task) => task.status === 'OPEN').map((task) => ({ process, businessKey, workflowId, ...task }));
}

/** Who may act now or after claiming: the assignee, or a candidate role; never someone the four-eyes rule excludes. */
function mayAct(actor: Actor, task: InboxTaskView): boolean {
  if (task.excludedActorIds?.includes(actor.id)) return false;
  return task.assignee === actor.id || task.candidateRoles.some((role) => actor.roles.includes(role));
}

export function isOverdue(task: InboxTaskView, now: number): boolean {
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
