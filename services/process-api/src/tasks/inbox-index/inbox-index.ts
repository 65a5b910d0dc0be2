import type { IndexedTask } from './indexed-task';

/** An instance with open tasks, read from its memo (or its status query). */
export interface InstanceWithTasks {
  kind: 'tasks';
  workflowId: string;
  runId: string;
  tasks: IndexedTask[];
}

/**
 * An instance whose search attributes say it has open tasks but whose memo did not give them (no memo, or one
 * that does not decrypt): its tasks are unknown until its status query answers, and an inbox that could hold
 * them says it is partial.
 */
export interface UnreadInstance {
  kind: 'unread';
  workflowId: string;
  runId: string;
  process?: string;
  roles: string[];
  assignees: string[];
}

export type IndexedInstance = InstanceWithTasks | UnreadInstance;

/**
 * The open tasks of every running instance that has some, in memory, in the inbox's order. It only stores: what
 * goes in comes from visibility (InboxIndexSync), and who sees what is decided per request (TaskInboxService).
 * The order is rebuilt lazily, once after a batch of changes rather than per change or per request.
 */
export class InboxIndex {
  private readonly instances = new Map<string, IndexedInstance>();
  /** Kept apart: every request asks for them, and they are rare. */
  private readonly unread = new Map<string, UnreadInstance>();
  private ordered: IndexedTask[] | undefined = [];
  private taskCount = 0;

  /** Replaces what the index holds for the instance. */
  put(instance: IndexedInstance): void {
    this.drop(instance.workflowId);
    if (instance.kind === 'tasks' && instance.tasks.length === 0) return;
    this.instances.set(instance.workflowId, instance);
    if (instance.kind === 'tasks') this.taskCount += instance.tasks.length;
    else this.unread.set(instance.workflowId, instance);
    this.ordered = undefined;
  }

  /**
   * Forgets the instance; given a run, only if the index holds that run, so the close of a run that continued as
   * new does not remove its successor.
   */
  remove(workflowId: string, runId?: string): void {
    const held = this.instances.get(workflowId);
    if (!held || (runId !== undefined && held.runId !== runId)) return;
    this.drop(workflowId);
  }

  /** Holds exactly these instances from now on (a full rebuild). */
  replaceAll(instances: Iterable<IndexedInstance>): void {
    this.instances.clear();
    this.unread.clear();
    this.taskCount = 0;
    this.ordered = undefined;
    for (const instance of instances) this.put(instance);
  }

  get(workflowId: string): IndexedInstance | undefined {
    return this.instances.get(workflowId);
  }

  /** Every open task, earliest due first (then workflow id, then task id): the inbox's order. */
  tasksInOrder(): readonly IndexedTask[] {
    if (!this.ordered) {
      const tasks: IndexedTask[] = [];
      for (const instance of this.instances.values()) if (instance.kind === 'tasks') tasks.push(...instance.tasks);
      this.ordered = tasks.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    }
    return this.ordered;
  }

  /** Index of the first task in `tasksInOrder()` whose key sorts after `key`: where the page after `key` starts. */
  firstAfter(key: string): number {
    const tasks = this.tasksInOrder();
    let low = 0;
    let high = tasks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (tasks[middle]!.key <= key) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  unreadInstances(): readonly UnreadInstance[] {
    return [...this.unread.values()];
  }

  get openTasks(): number {
    return this.taskCount;
  }

  get size(): number {
    return this.instances.size;
  }

  private drop(workflowId: string): void {
    const held = this.instances.get(workflowId);
    if (!held) return;
    this.instances.delete(workflowId);
    this.unread.delete(workflowId);
    if (held.kind === 'tasks') this.taskCount -= held.tasks.length;
    this.ordered = undefined;
  }
}
