// The Process API's answers, typed once: the API's controllers return these and every client reads them, so the
// compiler, not a review, notices when the two disagree. Types only (nothing here runs), so a browser bundle that
// imports them carries no workflow code.
import type {
  DecisionRecord,
  DocumentView,
  InboxTaskView,
  ProcessDefinition,
  ProcessResult,
  ProcessStatus,
  StepView,
  TaskView,
} from '@ordo/workflows';

export type {
  DecisionRecord,
  DocumentView,
  InboxTaskView,
  ProcessResult,
  ProcessStatus,
  StepView,
  TaskAuditEntry,
  TaskPriority,
  TaskView,
} from '@ordo/workflows';

/** A JSON Schema document as the catalog publishes it (draft 2020-12). */
export type JsonSchema = Record<string, unknown>;

/** The answer to a start: the instance that now exists for the business key. */
export interface StartedInstanceView {
  process: string;
  businessKey: string;
  workflowId: string;
  runId: string;
  /** false when the business key already had an instance: that one is returned, nothing new is started. */
  created: boolean;
  status: ProcessStatus;
}

export interface InstanceFailure {
  /** The workflow's error type, or Temporal's failure class (TerminatedFailure, TimeoutFailure). */
  type: string;
  message: string;
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
  /** Why the instance ended without a result (FAILED: failed, terminated or timed out); null otherwise. */
  failure: InstanceFailure | null;
  /** `workflow` when the process answered its status query, `visibility` when only search attributes were available. */
  stateSource: 'workflow' | 'visibility';
}

export interface InstanceSummaryView {
  businessKey: string;
  workflowId: string;
  status: ProcessStatus;
  stage: string | null;
  startedAt: string | null;
  closedAt: string | null;
}

export interface InstancePage {
  items: InstanceSummaryView[];
  nextPageToken: string | null;
}

/** A task without its audit (the instance's status has it), with where it lives. */
export type InboxItem = { process: string; businessKey: string; workflowId: string } & InboxTaskView;

export interface Inbox {
  items: InboxItem[];
  /** Pass as `pageToken` (with the same filters) for the next page; null on the last page. */
  nextPageToken: string | null;
  /** True when some instances could not be read (no worker answered) or the scan limit was reached. */
  partial: boolean;
}

/** A catalog entry: what a process is, who owns it, and the schemas its start and its events accept. */
export interface ProcessDescription {
  name: string;
  version: string;
  ownerTeam: string;
  description: string;
  sla: ProcessDefinition['sla'];
  inputSchema: JsonSchema;
  events: Array<{ name: string; description: string; schema: JsonSchema }>;
  taskTypes: ProcessDefinition['taskTypes'];
  /** The decision tables the process evaluates, with their rules, as this process version uses them. */
  decisionTables: DecisionTableView[];
}

type PublishedTable = NonNullable<ProcessDefinition['decisionTables']>[number];

/** A decision table as the catalog publishes it: the table file's content (rules as written, not compiled). */
export interface DecisionTableView extends Pick<
  PublishedTable,
  'name' | 'version' | 'description' | 'hitPolicy' | 'aggregation' | 'inputs' | 'outputs'
> {
  rules: Array<Pick<PublishedTable['rules'][number], 'id' | 'description' | 'when' | 'then'>>;
}
export type * from './mining';

/** `GET /v1/overview`: one row per process the reader oversees (analysts, auditors, the process's owner team). */
export interface Overview {
  /** When the counts were taken (ISO 8601). */
  asOf: string;
  /** When the value in flight was summed (the API's visibility gauges, every 15 s by default); null: not summed. */
  valuesAsOf: string | null;
  processes: ProcessOverview[];
}

export interface ProcessOverview {
  process: string;
  version: string;
  ownerTeam: string;
  /** The catalog's SLA completion target (ISO 8601 duration). */
  slaTarget: string;
  /** Running instances. */
  inFlight: number;
  /** Instances that completed since midnight UTC (not rejected or cancelled ones). */
  completedToday: number;
  /** Running instances older than the SLA target; null when the target is not a fixed length. */
  openPastSla: number | null;
  /** Open tasks of the process past their due time (the inbox index). */
  overdueTasks: number;
  /** Cycle time in seconds of the closed instances of the catalog's version (process intelligence); null: none yet. */
  cycleTime: { p50: number; p95: number; closed: number } | null;
  /** Share of those closed instances that took longer than the SLA target. */
  slaBreachRate: number | null;
  /** Amounts of running instances per currency; null when not summed (gauges off, or too many instances). */
  valueInFlight: Array<{ currency: string; amount: number }> | null;
  /** The Grafana dashboard of the process, when ORDO_GRAFANA_URL is set. */
  dashboardUrl: string | null;
}
