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
}

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
} as const;

export const statusQuery = defineQuery<ProcessStatusView>('ordo.status');
export const completeTaskUpdate = defineUpdate<TaskView, [CompleteTaskRequest]>('ordo.completeTask');
export const cancelUpdate = defineUpdate<{ accepted: true }, [CancelRequest]>('ordo.cancel');
