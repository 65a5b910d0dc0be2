import type { Duration } from '@temporalio/common';
import type { Actor, TaskView } from '../process-contract';

/** Side effects of a task's timers, supplied by the process (typically mails). */
export interface TaskHooks {
  /** At half of the due time while the task is still open; `step` is a unique idempotency step. */
  onReminder?(task: TaskView, step: string): Promise<void>;
  /** After the task moved to other roles because it was past due. */
  onEscalated?(task: TaskView, previousRoles: string[], step: string): Promise<void>;
  /** Past due with nowhere to escalate: the task stays open, marked overdue. */
  onOverdue?(task: TaskView, step: string): Promise<void>;
}

export interface TaskSpec {
  /** Also the prefix of task ids: the n-th task of type `approval` is `approval-n`. */
  type: string;
  title: string;
  candidateRoles: string[];
  assignee?: string;
  decisions: string[];
  /** Time allowed to act, from opening and again from each escalation (workflow time). */
  due: Duration;
  /** Where an overdue task goes, role by role (e.g. manager → cfo); roles without a target stay. */
  escalationTargets?: Readonly<Record<string, string>>;
  data?: Record<string, unknown>;
  hooks?: TaskHooks;
}

export interface TaskOutcome {
  taskId: string;
  decision: string;
  actor: Actor;
  comment?: string;
  completedAt: string;
}

export interface OpenedTask {
  taskId: string;
  /**
   * Resolves when a person completes the task. It never settles for a task cancelled by the
   * process, and rejects when the scope that opened the task is cancelled.
   */
  completion: Promise<TaskOutcome>;
}
