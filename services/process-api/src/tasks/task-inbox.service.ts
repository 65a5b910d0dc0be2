import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@ordo/workflows';
import { ProcessCatalogService } from '../catalog/process-catalog.service';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../config/config.module';
import { ApiError, forbidden, RequestValidationError } from '../errors/api-error';
import { decodeInboxToken, encodeInboxToken } from './inbox-page-token';
import { isOverdue, matchesFilter, mayAct } from './inbox-index/inbox-filters';
import type { UnreadInstance } from './inbox-index/inbox-index';
import { InboxIndexSync } from './inbox-index/inbox-index-sync.service';
import { type IndexedTask, positionKey } from './inbox-index/indexed-task';
import type { Inbox, InboxQuery } from './tasks.schemas';

/**
 * The open human tasks a caller may act on, across every process, earliest due first. They are read from the
 * inbox index, which mirrors what visibility holds (the open tasks the human-task helper keeps in each instance's
 * memo) within the poll bound; here they are only filtered, scoped to the caller and paged. No second store, and
 * no call to Temporal per request.
 */
@Injectable()
export class TaskInboxService {
  constructor(
    private readonly sync: InboxIndexSync,
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
    // A replica that has not read visibility yet would answer an empty inbox as if it were the truth.
    if (!(await this.sync.isBuilt(this.config.queryTimeoutMs))) {
      throw new ApiError(503, 'inbox_not_ready', 'The inbox is still being read from Temporal; try again shortly');
    }
    const now = Date.now();
    const index = this.sync.index;
    const ordered = index.tasksInOrder();
    // One past the page tells whether another page follows.
    const matching: IndexedTask[] = [];
    for (let at = after === undefined ? 0 : index.firstAfter(positionKey(after)); at < ordered.length; at += 1) {
      const task = ordered[at]!;
      if (mayAct(actor, task.item) && matchesFilter(task.item, query, now)) matching.push(task);
      if (matching.length > query.pageSize) break;
    }
    const page = matching.slice(0, query.pageSize);
    const last = page.at(-1);
    return {
      // The inbox answers "overdue" as its filter does, at the time of the request, not when the workflow's timer fired.
      items: page.map(({ item }) => ({ ...item, overdue: isOverdue(item, now) })),
      nextPageToken: matching.length > page.length && last ? encodeInboxToken(filters, last.position) : null,
      partial: index.unreadInstances().some((instance) => mightHold(instance, actor, query)),
    };
  }
}

/**
 * Whether an instance whose tasks are still unread could hold a task of this listing, judged by its search
 * attributes as the listing's visibility query would: then the inbox says it is partial.
 */
function mightHold(instance: UnreadInstance, actor: Actor, query: InboxQuery): boolean {
  if (query.process !== undefined && instance.process !== query.process) return false;
  if (query.role !== undefined) return instance.roles.includes(query.role);
  if (query.assignee !== undefined) return instance.assignees.includes(query.assignee);
  return instance.roles.some((role) => actor.roles.includes(role)) || instance.assignees.includes(actor.id);
}

/** Everything that decides which items a listing holds: a page token is only valid for the same. */
function filterSignature(query: InboxQuery): string {
  const { role, assignee, process, overdue, dueBefore, priority } = query;
  return JSON.stringify([role, assignee, process, overdue, dueBefore, priority]);
}
