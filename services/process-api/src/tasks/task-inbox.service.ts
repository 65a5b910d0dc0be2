import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Actor, type ProcessStatusView, searchAttributes, statusQuery, type TaskView } from '@ordo/workflows';
import { Client } from '@temporalio/client';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';
import { forbidden } from '../errors/api-error';
import { type ListedExecution, listExecutionPage, literal, literalList } from '../temporal/visibility';
import type { Inbox, InboxItem, InboxQuery } from './tasks.schemas';

/** Upper bound of instances one inbox request reads, so a huge backlog cannot stall the API. */
const maxInstancesScanned = 200;
const visibilityPageSize = 100;
/** Status queries in flight at once: each one may wake a worker to replay history. */
const queryConcurrency = 4;

/** The open human tasks a caller may act on, across every process. */
@Injectable()
export class TaskInboxService {
  private readonly logger = new Logger(TaskInboxService.name);

  constructor(
    private readonly client: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async inbox(actor: Actor, query: InboxQuery): Promise<Inbox> {
    if (query.role !== undefined && !actor.roles.includes(query.role)) {
      throw forbidden(`You do not hold the role '${query.role}'`, [{ path: 'role', message: 'is not one of your roles' }]);
    }
    if (query.assignee !== undefined && query.assignee !== actor.id) {
      throw forbidden('You may only list tasks assigned to yourself', [{ path: 'assignee', message: 'is not you' }]);
    }
    const { executions, limitReached } = await this.candidateInstances(actor, query);
    const views = await mapWithConcurrency(executions, queryConcurrency, (execution) => this.openTasksOf(execution));
    const items = views
      .flatMap((view) => view ?? [])
      .filter((item) => mayAct(actor, item) && matchesFilter(item, query))
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
    return { items, partial: limitReached || views.some((view) => view === undefined) };
  }

  /** Running instances whose mirrored search attributes say they hold a task for this caller. */
  private async candidateInstances(actor: Actor, query: InboxQuery) {
    const roles = searchAttributes.openTaskRoles.name;
    const assignees = searchAttributes.openTaskAssignees.name;
    const conditions = [`ExecutionStatus = 'Running'`];
    if (query.role !== undefined) conditions.push(`${roles} = ${literal(query.role)}`);
    if (query.assignee !== undefined) conditions.push(`${assignees} = ${literal(query.assignee)}`);
    if (query.role === undefined && query.assignee === undefined) {
      conditions.push(`(${roles} IN ${literalList(actor.roles)} OR ${assignees} = ${literal(actor.id)})`);
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

function mayAct(actor: Actor, task: TaskView): boolean {
  return task.assignee === actor.id || task.candidateRoles.some((role) => actor.roles.includes(role));
}

function matchesFilter(task: TaskView, query: InboxQuery): boolean {
  if (query.role !== undefined && !task.candidateRoles.includes(query.role)) return false;
  if (query.assignee !== undefined && task.assignee !== query.assignee) return false;
  return true;
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
