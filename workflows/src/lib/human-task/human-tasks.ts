import { msToNumber } from '@temporalio/common/lib/time';
import { condition, isCancellation, log, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { TaskMetrics } from '../metrics';
import { type CompleteTaskRequest, completeTaskUpdate, type TaskView } from '../process-contract';
import type { StepJournal } from '../process-tracker';
import { assertCompleteTaskRequest, assertMayComplete } from './completion-rules';
import { escalatedRoles } from './escalation';
import { inboxFields, inboxSearchAttributeUpdates } from './inbox-search-attributes';
import type { OpenedTask, TaskOutcome, TaskSpec } from './types';

interface TaskRecord {
  view: TaskView;
  spec: TaskSpec;
  outcome?: TaskOutcome;
}

/** The role someone acted in: the first of theirs the task asked for, or `assignee` when named personally. */
function actingRole(view: TaskView, request: CompleteTaskRequest): string {
  return request.actor.roles.find((role) => view.candidateRoles.includes(role)) ?? 'assignee';
}

function copyOf(view: TaskView): TaskView {
  return { ...view, candidateRoles: [...view.candidateRoles], decisions: [...view.decisions], data: { ...view.data } };
}

/**
 * Human tasks as workflow state (DESIGN.md decision 3). One instance per workflow: it serves
 * `completeTaskUpdate`, times reminders and escalations, and mirrors open tasks into the
 * inbox search attributes. Steps it records are named after the task id (`approval-1`,
 * `approval-1-reminder-1`, `approval-1-escalation-1`, `approval-1-overdue`).
 */
export class HumanTasks {
  private readonly tasks = new Map<string, TaskRecord>();
  private readonly openedByType = new Map<string, number>();
  private mirroredInbox = JSON.stringify(inboxFields([]));

  /** `metrics` receives task waits, escalations and missed due times (labels: task type, roles, decision). */
  constructor(
    private readonly journal: StepJournal,
    private readonly metrics?: TaskMetrics,
  ) {}

  /** Registers the completion update; call once, before the workflow's first await. */
  register(): void {
    setHandler(completeTaskUpdate, (request) => this.complete(request), {
      validator: (request) => {
        assertCompleteTaskRequest(request);
        assertMayComplete(this.tasks.get(request.taskId)?.view, request);
      },
    });
  }

  open(spec: TaskSpec): OpenedTask {
    const sequence = (this.openedByType.get(spec.type) ?? 0) + 1;
    this.openedByType.set(spec.type, sequence);
    const taskId = `${spec.type}-${sequence}`;
    const now = Date.now();
    const record: TaskRecord = {
      spec,
      view: {
        taskId,
        type: spec.type,
        title: spec.title,
        candidateRoles: [...spec.candidateRoles],
        ...(spec.assignee === undefined ? {} : { assignee: spec.assignee }),
        decisions: [...spec.decisions],
        status: 'OPEN',
        createdAt: new Date(now).toISOString(),
        dueAt: new Date(now + msToNumber(spec.due)).toISOString(),
        escalationLevel: 0,
        remindersSent: 0,
        data: { ...spec.data },
      },
    };
    this.tasks.set(taskId, record);
    this.journal.begin(taskId, `${spec.title}: waiting for ${record.view.candidateRoles.join(', ')}`);
    this.mirrorInbox();

    const completion = condition(() => record.view.status === 'COMPLETED').then(() => record.outcome!);
    // The caller may stop waiting (e.g. the order got paid); a later scope cancellation must not
    // surface as an unhandled rejection, while callers that await still see it.
    completion.catch(() => undefined);
    void this.supervise(record);
    return { taskId, completion };
  }

  isOpen(taskId: string): boolean {
    return this.tasks.get(taskId)?.view.status === 'OPEN';
  }

  outcomeOf(taskId: string): TaskOutcome | undefined {
    return this.tasks.get(taskId)?.outcome;
  }

  /** The process no longer needs the task (its purpose is gone); people can no longer complete it. */
  cancel(taskId: string, reason: string): void {
    const record = this.tasks.get(taskId);
    if (record?.view.status !== 'OPEN') return;
    record.view.status = 'CANCELLED';
    this.journal.finish(taskId, 'SKIPPED', `cancelled: ${reason}`);
    this.mirrorInbox();
  }

  cancelAll(reason: string): void {
    for (const taskId of this.tasks.keys()) this.cancel(taskId, reason);
  }

  openTasks(): TaskView[] {
    return [...this.tasks.values()].filter((record) => record.view.status === 'OPEN').map((record) => copyOf(record.view));
  }

  private complete(request: CompleteTaskRequest): TaskView {
    const record = this.tasks.get(request.taskId);
    // Validators do not run on replay; the handler re-checks so history alone decides the outcome.
    assertMayComplete(record?.view, request);
    const completedAt = new Date().toISOString();
    Object.assign(record.view, {
      status: 'COMPLETED',
      completedAt,
      completedBy: request.actor.id,
      decision: request.decision,
      ...(request.comment === undefined ? {} : { comment: request.comment }),
    });
    record.outcome = {
      taskId: request.taskId,
      decision: request.decision,
      actor: { id: request.actor.id, roles: [...request.actor.roles] },
      ...(request.comment === undefined ? {} : { comment: request.comment }),
      completedAt,
    };
    this.journal.finish(request.taskId, 'COMPLETED', `${request.decision} by ${request.actor.id}`);
    this.mirrorInbox();
    this.metrics?.taskCompleted({
      taskType: record.view.type,
      role: actingRole(record.view, request),
      decision: request.decision,
      waitSeconds: (Date.parse(completedAt) - Date.parse(record.view.createdAt)) / 1000,
    });
    return copyOf(record.view);
  }

  /** Reminder at half of the due time, escalation (or overdue) at the due time; repeats after each escalation. */
  private async supervise(record: TaskRecord): Promise<void> {
    const { view, spec } = record;
    const dueMs = msToNumber(spec.due);
    try {
      for (;;) {
        if (await this.closesWithin(record, Math.floor(dueMs / 2))) return;
        view.remindersSent += 1;
        const reminderStep = `${view.taskId}-reminder-${view.remindersSent}`;
        await this.runHook(reminderStep, () => spec.hooks?.onReminder?.(copyOf(view), reminderStep));

        if (await this.closesWithin(record, Date.parse(view.dueAt) - Date.now())) return;
        this.metrics?.slaBreached('task_due');
        const previousRoles = view.candidateRoles;
        const nextRoles = escalatedRoles(previousRoles, spec.escalationTargets);
        if (!nextRoles) {
          view.overdue = true;
          const overdueStep = `${view.taskId}-overdue`;
          this.journal.finish(overdueStep, 'COMPLETED', `past due ${view.dueAt}, no further escalation target`);
          await this.runHook(overdueStep, () => spec.hooks?.onOverdue?.(copyOf(view), overdueStep));
          return;
        }
        view.escalationLevel += 1;
        view.candidateRoles = nextRoles;
        // A new owner gets a fresh due time; a personal assignment does not carry over to other roles.
        delete view.assignee;
        view.dueAt = new Date(Date.now() + dueMs).toISOString();
        const targets = spec.escalationTargets ?? {};
        for (const fromRole of previousRoles.filter((role) => Object.hasOwn(targets, role))) {
          this.metrics?.taskEscalated({ taskType: view.type, fromRole, toRole: targets[fromRole]! });
        }
        const escalationStep = `${view.taskId}-escalation-${view.escalationLevel}`;
        this.journal.finish(escalationStep, 'COMPLETED', `${previousRoles.join(', ')} → ${nextRoles.join(', ')}`);
        this.mirrorInbox();
        await this.runHook(escalationStep, () => spec.hooks?.onEscalated?.(copyOf(view), previousRoles, escalationStep));
      }
    } catch (error) {
      if (isCancellation(error)) return;
      throw error;
    }
  }

  /** True when the task is closed within `ms` of workflow time. */
  private async closesWithin(record: TaskRecord, ms: number): Promise<boolean> {
    const closed = () => record.view.status !== 'OPEN';
    if (ms <= 0) return closed();
    return condition(closed, ms);
  }

  /** A failed reminder or escalation mail must not stop the task's clock. */
  private async runHook(step: string, hook: () => Promise<void> | undefined): Promise<void> {
    try {
      await hook();
    } catch (error) {
      if (isCancellation(error)) throw error;
      log.warn('human task hook failed', { step, error: error instanceof Error ? error.message : String(error) });
    }
  }

  private mirrorInbox(): void {
    const fields = inboxFields(this.openTasks());
    const signature = JSON.stringify(fields);
    if (signature === this.mirroredInbox) return;
    this.mirroredInbox = signature;
    upsertSearchAttributes(inboxSearchAttributeUpdates(fields));
  }
}
