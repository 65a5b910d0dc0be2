import { inboxTaskOf, type ProcessStatusView, statusQuery } from '@ordo/workflows';
import type { Client } from '@temporalio/client';
import { mapWithConcurrency } from '../../concurrency/map-with-concurrency';
import type { InboxIndex, UnreadInstance } from './inbox-index';
import { indexedTasksOf } from './indexed-task';

/** Status queries in flight at once: each may wake a worker to replay history. */
const queryConcurrency = 4;
/** An instance whose query went unanswered is asked again no sooner than this. */
const retryAfterMs = 10_000;

/**
 * Reads the open tasks of the index's unread instances (no usable memo) through their status query, in the
 * background: a request never waits for a worker. Rare by design, since every helper writes the memo.
 */
export class UnreadInstanceReader {
  private readonly lastAsked = new Map<string, number>();
  private reading?: Promise<void>;

  constructor(
    private readonly client: Client,
    private readonly index: InboxIndex,
    /** Wraps each query with its deadline and the shutdown's abort. */
    private readonly withinLimits: <T>(call: () => Promise<T>) => Promise<T>,
  ) {}

  /** Starts a round unless one is under way; `settled()` waits for it. */
  readInBackground(now = Date.now()): void {
    if (this.reading) return;
    const unread = this.index.unreadInstances();
    for (const [workflowId, askedAt] of this.lastAsked) {
      if (now - askedAt >= retryAfterMs) this.lastAsked.delete(workflowId);
    }
    const due = unread.filter((instance) => !this.lastAsked.has(instance.workflowId));
    if (due.length === 0) return;
    for (const instance of due) this.lastAsked.set(instance.workflowId, now);
    this.reading = mapWithConcurrency(due, queryConcurrency, (instance) => this.read(instance))
      .then(() => undefined)
      .finally(() => {
        this.reading = undefined;
      });
  }

  async settled(): Promise<void> {
    await this.reading;
  }

  private async read(instance: UnreadInstance): Promise<void> {
    let view: ProcessStatusView;
    try {
      view = await this.withinLimits(() =>
        this.client.workflow.getHandle(instance.workflowId, instance.runId).query(statusQuery),
      );
    } catch {
      return; // Still unread: asked again after retryAfterMs; inboxes it could belong to stay partial.
    }
    const held = this.index.get(instance.workflowId);
    // A poll may have replaced it meanwhile with something newer than this answer.
    if (held?.kind !== 'unread' || held.runId !== instance.runId) return;
    const { workflowId, runId } = instance;
    const tasks = indexedTasksOf(
      { process: view.process, businessKey: view.businessKey, workflowId },
      view.openTasks.map(inboxTaskOf),
    );
    this.index.put({ kind: 'tasks', workflowId, runId, tasks });
  }
}
