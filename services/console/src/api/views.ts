/**
 * Response shapes of the API's routes whose OpenAPI document describes the answer in prose only (see
 * `generated/ordo-api.ts`: the routes with a response schema are typed from there). They mirror the API's view types
 * (services/process-api/src/processes/process-instance.schemas.ts, tasks/tasks.schemas.ts,
 * catalog/process-catalog.service.ts); replace each by its generated type once the API publishes its schema.
 */

export type ProcessStatus = 'RUNNING' | 'COMPLETED' | 'REJECTED' | 'CANCELLED' | 'FAILED';
export const processStatuses: readonly ProcessStatus[] = ['RUNNING', 'COMPLETED', 'REJECTED', 'CANCELLED', 'FAILED'];

export type TaskPriority = 'low' | 'normal' | 'high' | 'urgent';

export interface TaskAuditEntry {
  action: string;
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
  status: 'OPEN' | 'COMPLETED' | 'CANCELLED';
  createdAt: string;
  dueAt: string;
  escalationLevel: number;
  remindersSent: number;
  overdue?: boolean;
  data: Record<string, unknown>;
  completedAt?: string;
  completedBy?: string;
  decision?: string;
  comment?: string;
  priority?: TaskPriority;
  assignableBy?: string[];
  excludedActorIds?: string[];
  candidateActorIds?: string[];
  audit?: TaskAuditEntry[];
}

export type InboxItem = { process: string; businessKey: string; workflowId: string } & Omit<TaskView, 'audit'>;

export interface InboxPage {
  items: InboxItem[];
  nextPageToken: string | null;
  partial: boolean;
}

export interface StepView {
  name: string;
  status: 'RUNNING' | 'COMPLETED' | 'FAILED' | 'COMPENSATED' | 'SKIPPED';
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

export interface ProcessResult {
  status: ProcessStatus;
  reason?: string;
  decisions: DecisionRecord[];
  summary: Record<string, unknown>;
}

export interface InstanceView {
  process: string;
  processVersion: string | null;
  businessKey: string;
  workflowId: string;
  status: ProcessStatus;
  stage: string | null;
  startedAt: string;
  closedAt: string | null;
  openTasks: TaskView[];
  steps: StepView[];
  documents: DocumentView[];
  decisions: DecisionRecord[];
  result: ProcessResult | null;
  stateSource: 'workflow' | 'visibility';
}

export interface InstanceSummary {
  businessKey: string;
  workflowId: string;
  status: ProcessStatus;
  stage: string | null;
  startedAt: string | null;
  closedAt: string | null;
}

export interface InstancePage {
  items: InstanceSummary[];
  nextPageToken: string | null;
}

export interface StartedInstance {
  process: string;
  businessKey: string;
  workflowId: string;
  runId: string;
  created: boolean;
  status: ProcessStatus;
}

export type JsonSchema = Record<string, unknown>;

export interface ProcessDescription {
  name: string;
  version: string;
  ownerTeam: string;
  description: string;
  sla: Record<string, unknown>;
  inputSchema: JsonSchema;
  events: Array<{ name: string; description: string; schema: JsonSchema }>;
  taskTypes: unknown;
  decisionTables: Array<{ name: string; version: string }>;
}
