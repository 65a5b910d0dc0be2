import type { Duration } from '@temporalio/common';
import type { Actor, TaskPriority, TaskView } from '../process-contract';

/** Side effects of a task's timers, supplied by the process (typically mails). */
export interface TaskHooks {
  /** At each reminder time while the task is still open; `step` is a unique idempotency step. */
  onReminder?(task: TaskView, step: string): Promise<void>;
  /** At the follow-up time while the task is still open. */
  onFollowUp?(task: TaskView, step: string): Promise<void>;
  /** After the task moved to other roles because it was past due. */
  onEscalated?(task: TaskView, previousRoles: string[], step: string): Promise<void>;
  /** Past due with nowhere to escalate: the task stays open, marked overdue. */
  onOverdue?(task: TaskView, step: string): Promise<void>;
}

/** One level of an escalation chain. */
export interface EscalationLevel {
  /** The candidate roles from this level on; the assignee is cleared. */
  toRoles: string[];
  /** When this level applies, counted from the previous level (or opening); defaults to the task's `due`. */
  after?: Duration;
}

export interface TaskSpec {
  /** Also the prefix of task ids: the n-th task of type `approval` is `approval-n`. */
  type: string;
  title: string;
  candidateRoles: string[];
  assignee?: string;
  decisions: string[];
  /** Decisions taken only with a non-empty comment (e.g. approving an invoice that does not match): 400 naming `comment`. */
  commentRequiredFor?: readonly string[];
  /** Time allowed to act, from opening and again from each escalation (workflow time). */
  due: Duration;
  /** Where an overdue task goes, role by role (e.g. manager → cfo); roles without a target stay. Ignored when `escalation` is given. */
  escalationTargets?: Readonly<Record<string, string>>;
  /** A chain of levels (e.g. manager → director → cfo), each applying when the previous one is past due. */
  escalation?: readonly EscalationLevel[];
  /** Default `normal`. */
  priority?: TaskPriority;
  /** A single follow-up, counted from opening; ignored unless it falls before the first due time. */
  followUp?: Duration;
  /** Reminder offsets, counted from opening and again from each escalation; default: one at half the due time. */
  reminders?: readonly Duration[];
  /** Roles that may assign or release the task for others (supervisors). */
  assignableBy?: readonly string[];
  /** Persons who may never complete (nor claim, nor be assigned) the task, besides the requester; see `fourEyesFor`. */
  fourEyes?: { excludedActorIds: readonly string[] };
  /**
   * The requester may act on this task too: for work that is not a decision on their own request (a checklist item,
   * a ticket reply). Decisions (approvals, reviews) never set it.
   */
  requesterMayAct?: boolean;
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
