import { msToNumber } from '@temporalio/common/lib/time';
import {
  condition,
  isCancellation,
  log,
  patched,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { TaskMetrics } from '../metrics';
import {
  type Actor,
  type AssignTaskRequest,
  assignTaskUpdate,
  type ClaimTaskRequest,
  claimTaskUpdate,
  type CompleteTaskRequest,
  completeTaskUpdate,
  inboxTaskOf,
  type ReleaseTaskRequest,
  releaseTaskUpdate,
  type TaskAuditEntry,
  type TaskView,
} from '../process-contract';
import type { StepJournal } from '../process-tracker';
import {
  assertAssignTaskRequest,
  assertClaimTaskRequest,
  assertMayAssign,
  assertMayClaim,
  assertMayRelease,
  assertReleaseTaskRequest,
  assignmentIsVerified,
} from './assignment-rules';
import { assertCommentGiven, assertCompleteTaskRequest, assertMayComplete } from './completion-rules';
import { assertOpenTask } from './rejection';
import { escalatedRoles } from './escalation';
import { inboxMemo } from './inbox-memo';
import {
  inboxChangeTimePatch,
  inboxChangeTimeUpdate,
  inboxFields,
  inboxSearchAttributeUpdates,
} from './inbox-search-attributes';
import type { OpenedTask, TaskOutcome, TaskSpec } from './types';

interface TaskRecord {
  view: TaskView & { audit: TaskAuditEntry[] };
  spec: TaskSpec;
  outcome?: TaskOutcome;
}

/** Something the task's clock does at a moment of the current escalation level. */
interface ClockEvent {
  at: number;
  kind: 'reminder' | 'follow-up';
}

/** The role someone acted in: the first of theirs the task asked for, or `assignee` when named personally. */
function actingRole(view: TaskView, actor: Actor): string {
  return actor.roles.find((role) => view.candidateRoles.includes(role)) ?? 'assignee';
}

function copyOf(view: TaskView): TaskView {
  return {
    ...view,
    candidateRoles: [...view.candidateRoles],
    decisions: [...view.decisions],
    data: { ...view.data },
    ...(view.assignableBy ? { assignableBy: [...view.assignableBy] } : {}),
    ...(view.excludedActorIds ? { excludedActorIds: [...view.excludedActorIds] } : {}),
    ...(view.candidateActorIds ? { candidateActorIds: [...view.candidateActorIds] } : {}),
    ...(view.audit ? { audit: view.audit.map((entry) => ({ ...entry })) } : {}),
  };
}

function nowIso(): string {
  return new Date().toISOString();
}

/** What every task of one process instance shares. */
export interface HumanTaskOptions {
  /**
   * The person who started the instance: excluded from every task (four-eyes) unless a task says
   * `requesterMayAct`. Left out only by processes whose requester is not a person.
   */
  requestedBy?: string;
}

function excludedActorIdsOf(spec: TaskSpec, options: HumanTaskOptions): string[] {
  const requester = options.requestedBy !== undefined && !spec.requesterMayAct ? [options.requestedBy] : [];
  return [...new Set([...requester, ...(spec.fourEyes?.excludedActorIds ?? [])])];
}

/**
 * Human tasks as workflow state (docs/ARCHITECTURE.md decision 3). One instance per workflow: it serves the
 * complete, claim, release and assign updates, times reminders, follow-ups and escalations, keeps
 * each task's audit and mirrors open tasks into the inbox search attributes (what the inbox filters on) and
 * the memo (what it lists). Steps it records are named after the task id (`approval-1`,
 * `approval-1-escalation-1`, `approval-1-overdue`); reminders and follow-ups are in the task's audit, and
 * hooks get step names for them (`approval-1-reminder-1`, `approval-1-follow-up`) to use as idempotency keys.
 */
export class HumanTasks {
  private readonly tasks = new Map<string, TaskRecord>();
  private readonly openedByType = new Map<string, number>();
  private mirroredInbox = JSON.stringify(inboxFields([]));
  private mirroredMemo = JSON.stringify([]);

  /** `metrics` receives task waits, escalations and missed due times (labels: task type, roles, decision). */
  constructor(
    private readonly journal: StepJournal,
    private readonly metrics?: TaskMetrics,
    private readonly options: HumanTaskOptions = {},
  ) {}

  /**
   * Registers the task updates; call once, before the workflow's first await. Who may act is decided by the
   * validators alone: they run before anything is written, and a rule tightened later must not make the handlers
   * refuse, on replay, an action that history already accepted.
   */
  register(): void {
    setHandler(completeTaskUpdate, (request) => this.complete(request), {
      validator: (request) => {
        assertCompleteTaskRequest(request);
        assertMayComplete(this.viewOf(request.taskId), request);
        assertCommentGiven(this.tasks.get(request.taskId)?.spec, request);
      },
    });
    setHandler(claimTaskUpdate, (request) => this.claim(request), {
      validator: (request) => {
        assertClaimTaskRequest(request);
        assertMayClaim(this.viewOf(request.taskId), request);
      },
    });
    setHandler(releaseTaskUpdate, (request) => this.release(request), {
      validator: (request) => {
        assertReleaseTaskRequest(request);
        assertMayRelease(this.viewOf(request.taskId), request);
      },
    });
    setHandler(assignTaskUpdate, (request) => this.assign(request), {
      validator: (request) => {
        assertAssignTaskRequest(request);
        assertMayAssign(this.viewOf(request.taskId), request);
      },
    });
  }

  open(spec: TaskSpec): OpenedTask {
    const sequence = (this.openedByType.get(spec.type) ?? 0) + 1;
    this.openedByType.set(spec.type, sequence);
    const taskId = `${spec.type}-${sequence}`;
    const now = Date.now();
    const firstWindow = this.windowMs(spec, 0);
    const followUpMs = spec.followUp === undefined ? undefined : msToNumber(spec.followUp);
    const excluded = excludedActorIdsOf(spec, this.options);
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
        dueAt: new Date(now + firstWindow).toISOString(),
        escalationLevel: 0,
        remindersSent: 0,
        data: { ...spec.data },
        priority: spec.priority ?? 'normal',
        ...(followUpMs !== undefined && followUpMs < firstWindow
          ? { followUpAt: new Date(now + followUpMs).toISOString() }
          : {}),
        ...(spec.assignableBy ? { assignableBy: [...spec.assignableBy] } : {}),
        ...(excluded.length > 0 ? { excludedActorIds: excluded } : {}),
        ...(spec.assignee === undefined ? {} : { candidateActorIds: [spec.assignee], assigneeVerified: true }),
        audit: [],
      },
    };
    const assigned = spec.assignee === undefined ? '' : `, assigned to ${spec.assignee}`;
    this.audit(record, { action: 'opened', detail: `for ${record.view.candidateRoles.join(', ')}${assigned}` });
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
    this.audit(record, { action: 'cancelled', detail: reason });
    this.journal.finish(taskId, 'SKIPPED', `cancelled: ${reason}`);
    this.mirrorInbox();
  }

  cancelAll(reason: string): void {
    for (const taskId of this.tasks.keys()) this.cancel(taskId, reason);
  }

  openTasks(): TaskView[] {
    return [...this.tasks.values()]
      .filter((record) => record.view.status === 'OPEN')
      .map((record) => copyOf(record.view));
  }

  private viewOf(taskId: string): TaskView | undefined {
    return this.tasks.get(taskId)?.view;
  }

  private complete(request: CompleteTaskRequest): TaskView {
    const record = this.tasks.get(request.taskId);
    assertOpenTask(record?.view, request.taskId);
    const completedAt = nowIso();
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
    this.audit(record, {
      action: 'completed',
      actor: request.actor.id,
      comment: request.comment,
      detail: request.decision,
    });
    this.journal.finish(request.taskId, 'COMPLETED', `${request.decision} by ${request.actor.id}`);
    this.mirrorInbox();
    this.metrics?.taskCompleted({
      taskType: record.view.type,
      role: actingRole(record.view, request.actor),
      decision: request.decision,
      waitSeconds: (Date.parse(completedAt) - Date.parse(record.view.createdAt)) / 1000,
    });
    return copyOf(record.view);
  }

  private claim(request: ClaimTaskRequest): TaskView {
    const record = this.tasks.get(request.taskId);
    assertOpenTask(record?.view, request.taskId);
    if (record.view.assignee !== request.actor.id) {
      record.view.assignee = request.actor.id;
      record.view.assigneeVerified = true;
      this.audit(record, { action: 'claimed', actor: request.actor.id, comment: request.comment });
      this.mirrorInbox();
    }
    return copyOf(record.view);
  }

  private release(request: ReleaseTaskRequest): TaskView {
    const record = this.tasks.get(request.taskId);
    assertOpenTask(record?.view, request.taskId);
    const previous = record.view.assignee;
    delete record.view.assignee;
    delete record.view.assigneeVerified;
    this.audit(record, {
      action: 'released',
      actor: request.actor.id,
      comment: request.comment,
      detail: `from ${previous}`,
    });
    this.mirrorInbox();
    return copyOf(record.view);
  }

  private assign(request: AssignTaskRequest): TaskView {
    const record = this.tasks.get(request.taskId);
    assertOpenTask(record?.view, request.taskId);
    const previous = record.view.assignee;
    const verified = assignmentIsVerified(record.view, request);
    record.view.assignee = request.assignee;
    if (verified) record.view.assigneeVerified = true;
    else delete record.view.assigneeVerified;
    const detail = previous === undefined ? `to ${request.assignee}` : `from ${previous} to ${request.assignee}`;
    this.audit(record, { action: 'assigned', actor: request.actor.id, comment: request.comment, detail });
    this.mirrorInbox();
    return copyOf(record.view);
  }

  /**
   * Per escalation level: reminders (and, on the first level, the follow-up) at their offsets, then
   * at the due time the next level of the chain, an escalation by targets, or overdue when neither is left.
   */
  private async supervise(record: TaskRecord): Promise<void> {
    const { view, spec } = record;
    try {
      for (;;) {
        const levelStart = Date.now();
        for (const event of this.clockEvents(record, levelStart)) {
          if (await this.closesWithin(record, event.at - Date.now())) return;
          if (event.kind === 'reminder') await this.remind(record);
          else await this.followUp(record);
        }
        if (await this.closesWithin(record, Date.parse(view.dueAt) - Date.now())) return;
        this.metrics?.slaBreached('task_due');
        const previousRoles = view.candidateRoles;
        const nextRoles = this.nextRoles(record);
        if (!nextRoles) {
          await this.markOverdue(record);
          return;
        }
        view.escalationLevel += 1;
        view.candidateRoles = nextRoles;
        // A new owner gets a fresh due time; a personal assignment does not carry over to other roles.
        const previousAssignee = view.assignee;
        delete view.assignee;
        delete view.assigneeVerified;
        delete view.candidateActorIds;
        view.dueAt = new Date(Date.now() + this.windowMs(spec, view.escalationLevel)).toISOString();
        this.countEscalation(record, previousRoles, nextRoles);
        const escalationStep = `${view.taskId}-escalation-${view.escalationLevel}`;
        const detail = `${previousRoles.join(', ')} → ${nextRoles.join(', ')}`;
        this.journal.finish(escalationStep, 'COMPLETED', detail);
        const unassigned = previousAssignee === undefined ? '' : ` (unassigned from ${previousAssignee})`;
        this.audit(record, { action: 'escalated', detail: `level ${view.escalationLevel}: ${detail}${unassigned}` });
        this.mirrorInbox();
        await this.runHook(escalationStep, () =>
          spec.hooks?.onEscalated?.(copyOf(view), previousRoles, escalationStep),
        );
      }
    } catch (error) {
      if (isCancellation(error)) return;
      throw error;
    }
  }

  /** Time the given escalation level has before the next one (or overdue): the next level's `after`, else `due`. */
  private windowMs(spec: TaskSpec, level: number): number {
    const next = spec.escalation?.[level];
    return msToNumber(next?.after ?? spec.due);
  }

  private clockEvents(record: TaskRecord, levelStart: number): ClockEvent[] {
    const { spec, view } = record;
    const window = Date.parse(view.dueAt) - levelStart;
    const offsets = spec.reminders
      ? spec.reminders.map((offset) => msToNumber(offset))
      : [Math.floor(msToNumber(spec.due) / 2)];
    const events: ClockEvent[] = offsets
      .filter((offset) => offset < window)
      .map((offset) => ({ at: levelStart + offset, kind: 'reminder' as const }));
    if (view.escalationLevel === 0 && view.followUpAt !== undefined) {
      events.push({ at: Date.parse(view.followUpAt), kind: 'follow-up' });
    }
    // Stable: a reminder and a follow-up due at the same moment fire in that order.
    return events.sort((a, b) => a.at - b.at);
  }

  private nextRoles(record: TaskRecord): string[] | undefined {
    const { spec, view } = record;
    if (spec.escalation) {
      const level = spec.escalation[view.escalationLevel];
      return level ? [...new Set(level.toRoles)] : undefined;
    }
    return escalatedRoles(view.candidateRoles, spec.escalationTargets);
  }

  private countEscalation(record: TaskRecord, previousRoles: string[], nextRoles: string[]): void {
    const { spec, view } = record;
    if (spec.escalation) {
      this.metrics?.taskEscalated({
        taskType: view.type,
        fromRole: previousRoles.join(','),
        toRole: nextRoles.join(','),
      });
      return;
    }
    const targets = spec.escalationTargets ?? {};
    for (const fromRole of previousRoles.filter((role) => Object.hasOwn(targets, role))) {
      this.metrics?.taskEscalated({ taskType: view.type, fromRole, toRole: targets[fromRole]! });
    }
  }

  private async remind(record: TaskRecord): Promise<void> {
    const { view, spec } = record;
    view.remindersSent += 1;
    const step = `${view.taskId}-reminder-${view.remindersSent}`;
    this.audit(record, { action: 'reminded', detail: `reminder ${view.remindersSent}` });
    this.mirrorInbox();
    await this.runHook(step, () => spec.hooks?.onReminder?.(copyOf(view), step));
  }

  private async followUp(record: TaskRecord): Promise<void> {
    const { view, spec } = record;
    const step = `${view.taskId}-follow-up`;
    this.audit(record, { action: 'followed-up' });
    await this.runHook(step, () => spec.hooks?.onFollowUp?.(copyOf(view), step));
  }

  private async markOverdue(record: TaskRecord): Promise<void> {
    const { view, spec } = record;
    view.overdue = true;
    const step = `${view.taskId}-overdue`;
    this.journal.finish(step, 'COMPLETED', `past due ${view.dueAt}, no further escalation target`);
    this.audit(record, { action: 'overdue', detail: `past due ${view.dueAt}` });
    this.mirrorInbox();
    await this.runHook(step, () => spec.hooks?.onOverdue?.(copyOf(view), step));
  }

  private audit(record: TaskRecord, entry: Omit<TaskAuditEntry, 'at'>): void {
    record.view.audit.push({
      action: entry.action,
      ...(entry.actor === undefined ? {} : { actor: entry.actor }),
      at: nowIso(),
      ...(entry.comment === undefined ? {} : { comment: entry.comment }),
      ...(entry.detail === undefined ? {} : { detail: entry.detail }),
    });
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

  /**
   * Each is written only when it changed: the search attributes when what the inbox filters on did, the memo
   * also when only what its items show did (reminders sent, overdue). The memo came before any release, so it
   * has no `patched()`; the change time came later and has one (docs/ARCHITECTURE.md decision 7): an execution
   * begun before it writes nothing new until it runs live code, then stamps every change from there on.
   */
  private mirrorInbox(): void {
    const openTasks = this.openTasks().map(inboxTaskOf);
    const fields = inboxFields(openTasks);
    const signature = JSON.stringify(fields);
    const memo = JSON.stringify(openTasks);
    const attributesChanged = signature !== this.mirroredInbox;
    const memoChanged = memo !== this.mirroredMemo;
    if (!attributesChanged && !memoChanged) return;
    this.mirroredInbox = signature;
    this.mirroredMemo = memo;
    // Asked only when something is written, so an unchanged inbox adds no marker to the history.
    const stampsChanges = patched(inboxChangeTimePatch);
    const updates = [
      ...(attributesChanged ? inboxSearchAttributeUpdates(fields) : []),
      ...(stampsChanges ? [inboxChangeTimeUpdate(new Date())] : []),
    ];
    if (updates.length > 0) upsertSearchAttributes(updates);
    if (memoChanged) upsertMemo(inboxMemo(openTasks));
  }
}
