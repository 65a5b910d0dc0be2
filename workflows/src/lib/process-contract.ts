import { defineQuery, defineUpdate } from '@temporalio/workflow';

/**
 * What every Ordo process shares with the API: how it is started, how its state is read,
 * how people act on it. Process-specific contracts (input schema, events) live next to the process.
 */

export const processStatuses = ['RUNNING', 'COMPLETED', 'REJECTED', 'CANCELLED', 'FAILED'] as const;
export type ProcessStatus = (typeof processStatuses)[number];

export interface Actor {
  id: string;
  roles: string[];
}

/** The single argument of every process workflow. */
export interface ProcessStart<Input> {
  businessKey: string;
  input: Input;
  requestedBy: string;
}

export type TaskStatus = 'OPEN' | 'COMPLETED' | 'CANCELLED';

/** Lowest first; the inbox mirrors the highest open one as its rank (1..4). */
export const taskPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof taskPriorities)[number];

export type TaskAuditAction =
  | 'opened'
  | 'claimed'
  | 'released'
  | 'assigned'
  | 'reminded'
  | 'followed-up'
  | 'escalated'
  | 'overdue'
  | 'completed'
  | 'cancelled';

/** One thing that happened to a task, by a person (`actor`) or by the process's clock (no actor). */
export interface TaskAuditEntry {
  action: TaskAuditAction;
  actor?: string;
  at: string;
  comment?: string;
  detail?: string;
}

export interface TaskView {
  taskId: string;
  type: string;
  title: string;
  candidateRoles: string[];
  assignee?: string;
  decisions: string[];
  status: TaskStatus;
  createdAt: string;
  dueAt: string;
  /** 0 until the task escalates; each escalation adds one. */
  escalationLevel: number;
  remindersSent: number;
  /** Set once the task is past due with no further escalation target; it stays open. */
  overdue?: boolean;
  /** Process-specific facts shown to the person acting (amount, customer, reason…). */
  data: Record<string, unknown>;
  completedAt?: string;
  completedBy?: string;
  decision?: string;
  comment?: string;
  /** Set by the human-task helper (default `normal`); absent only in hand-built views. */
  priority?: TaskPriority;
  /** When someone should look at the task again, before it is due. */
  followUpAt?: string;
  /** Roles that may assign or release the task on someone else's behalf (supervisors). */
  assignableBy?: string[];
  /** Persons who may never complete this task (four-eyes principle), e.g. the requester. */
  excludedActorIds?: string[];
  /** Persons the process itself named for the task: they may act on it without holding a candidate role. */
  candidateActorIds?: string[];
  /** The assignee is known to be able to complete the task (claimed it with a candidate role, or was assigned with known roles). */
  assigneeVerified?: boolean;
  /** Every action on the task, oldest first. */
  audit?: TaskAuditEntry[];
}

/** An open task as the inbox lists it: without its audit, which grows with every action (the instance's status has it). */
export type InboxTaskView = Omit<TaskView, 'audit'>;

export function inboxTaskOf(task: TaskView): InboxTaskView {
  const { audit: _audit, ...rest } = task;
  return rest;
}

/**
 * The memo key under which the human-task helper keeps the instance's open tasks (`InboxTaskView[]`), absent when
 * none is open. Visibility returns memos with every listed instance, so the inbox reads task details without
 * querying each instance; it is kept small, since every row carries it.
 */
export const openTasksMemoKey = 'OrdoOpenTasks';

/**
 * The instance's value in the memo under {@link valueMemoKey}: memos are encrypted by the codec, search attributes
 * are not, and what an order is worth is the business's secret. The value gauges read it from every listed instance.
 */
export interface InstanceValue {
  /** Monetary value of the instance in `currency` (order total, invoice amount…). */
  amount: number;
  /** ISO 4217 code of both amounts. */
  currency: string;
  /** Amount still to be collected, once an invoice is open. */
  amountOutstanding?: number;
}

export const valueMemoKey = 'OrdoValue';

export type StepStatus = 'RUNNING' | 'COMPLETED' | 'FAILED' | 'COMPENSATED' | 'SKIPPED';

export interface StepView {
  name: string;
  status: StepStatus;
  startedAt: string;
  completedAt?: string;
  detail?: string;
}

export interface DocumentView {
  documentId: string;
  type: string;
  name: string;
  contentType: string;
  url: string;
}

export interface DecisionRecord {
  table: string;
  version: string;
  output: Record<string, unknown>;
}

/** Read by the `ordo.status` query; the API adds what only Temporal knows (start/close times). */
export interface ProcessStatusView {
  process: string;
  processVersion: string;
  businessKey: string;
  status: ProcessStatus;
  stage: string;
  openTasks: TaskView[];
  steps: StepView[];
  documents: DocumentView[];
  decisions: DecisionRecord[];
  result?: ProcessResult;
}

/** What every process workflow returns; FAILED is never returned, it is a failed workflow. */
export interface ProcessResult {
  status: Exclude<ProcessStatus, 'RUNNING' | 'FAILED'>;
  reason?: string;
  decisions: DecisionRecord[];
  summary: Record<string, unknown>;
}

export interface CompleteTaskRequest {
  taskId: string;
  actor: Actor;
  decision: string;
  comment?: string;
}

/** An actor holding a candidate role takes the task: it becomes the assignee. */
export interface ClaimTaskRequest {
  taskId: string;
  actor: Actor;
  comment?: string;
}

/** The assignee, or a supervisor (a role of `assignableBy`), gives the task back to its candidate roles. */
export interface ReleaseTaskRequest {
  taskId: string;
  actor: Actor;
  comment?: string;
}

/** The assignee delegates, or a supervisor assigns, the task to a named person. */
export interface AssignTaskRequest {
  taskId: string;
  actor: Actor;
  assignee: string;
  /**
   * The assignee's roles where a directory knows them (the API's token directory): the task then goes only to
   * someone who could complete it. Absent when nobody can tell (JWT sign-in); completion checks the roles then.
   */
  assigneeRoles?: string[];
  comment?: string;
}

/** An event delivered by a person or a system through the API; the process's validator decides whether it is taken. */
export interface ProcessEventRequest {
  event: string;
  payload: unknown;
  actor: Actor;
}

export interface CancelRequest {
  actor: Actor;
  reason: string;
}

/**
 * `ApplicationFailure` types that update validators and handlers throw; the API maps them to HTTP.
 * A validator's rejection never reaches history.
 */
export const processErrors = {
  forbidden: 'Forbidden', // 403: actor lacks the role or is not the assignee
  taskNotFound: 'TaskNotFound', // 404
  taskNotOpen: 'TaskNotOpen', // 409: already completed or cancelled
  invalidDecision: 'InvalidDecision', // 400: decision not among the task's decisions
  invalidPayload: 'InvalidPayload', // 400
  notCancellable: 'NotCancellable', // 409: e.g. order already fully paid
  alreadyClaimed: 'AlreadyClaimed', // 409: someone else is the assignee
  notClaimed: 'NotClaimed', // 409: release of a task nobody holds
  unknownEvent: 'UnknownEvent', // 404: the process takes no such event
  unprocessable: 'Unprocessable', // 422: well-formed but against the process's rules (a payment above what is owed)
  notAcceptingEvent: 'NotAcceptingEvent', // 409: the instance is past the point where it takes this event
} as const;

export const statusQuery = defineQuery<ProcessStatusView>('ordo.status');
export const completeTaskUpdate = defineUpdate<TaskView, [CompleteTaskRequest]>('ordo.completeTask');
export const claimTaskUpdate = defineUpdate<TaskView, [ClaimTaskRequest]>('ordo.claimTask');
export const releaseTaskUpdate = defineUpdate<TaskView, [ReleaseTaskRequest]>('ordo.releaseTask');
export const assignTaskUpdate = defineUpdate<TaskView, [AssignTaskRequest]>('ordo.assignTask');
export const cancelUpdate = defineUpdate<{ accepted: true }, [CancelRequest]>('ordo.cancel');
export const processEventUpdate = defineUpdate<{ accepted: true }, [ProcessEventRequest]>('ordo.event');
/**
 * The idempotency keys (`<event>:<key>`, key in lower case) of the events an instance has taken; asked of a closed
 * instance too, so a retry whose first attempt closed it is answered as taken.
 */
export const takenEventKeysQuery = defineQuery<string[]>('ordo.takenEventKeys');

/** How an event's idempotency key is written in `takenEventKeysQuery`'s answer. */
export function takenEventKey(event: string, key: string): string {
  return `${event}:${key.toLowerCase()}`;
}
