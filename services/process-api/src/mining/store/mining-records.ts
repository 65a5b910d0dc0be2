/**
 * What the event log holds: one {@link MiningCase} per process instance (Temporal run) and its
 * {@link MiningEvent}s. Plain data, shared by the extractor that writes it, every store implementation and the exports.
 */

export type EventLifecycle = 'start' | 'complete';

/** What produced an event: an activity on an external system, a person's task, an event sent in, the process itself. */
export type EventKind = 'activity' | 'task' | 'event' | 'system';

/** A business object an event touches (OCEL 2.0): the case's own object, an invoice, a shipment, a payment, a task. */
export interface RelatedObject {
  type: string;
  id: string;
  /** How the event relates to it, e.g. `creates`, `pays`, `decides`. */
  qualifier: string;
}

export interface MiningEvent {
  process: string;
  version: string;
  /** The business key. */
  caseId: string;
  workflowId: string;
  runId: string;
  /** Position in the case: events ordered by time, ties kept in history order. */
  sequence: number;
  /** Business name, e.g. `credit-check`, `approval`, `payment-received`, `dunning-reminder-1`. */
  activity: string;
  /** Ties the start and complete event of one activity instance together (e.g. `activity-12`, `task-approval-1`). */
  activityInstance: string;
  kind: EventKind;
  lifecycle: EventLifecycle;
  /** Epoch milliseconds (UTC). */
  timestampMs: number;
  /** Actor id for human work and events sent in, the external system for activities, `system` for the process. */
  resource: string;
  /** The role a person acted in (tasks), else null. */
  role: string | null;
  /** Complete events: scheduled → started (activities, retries' backoff included), created → first action (tasks). */
  waitingSeconds: number | null;
  /** Complete events: started → completed (activities), first action → completion (tasks). */
  workingSeconds: number | null;
  /** Complete events: `completed`, `failed`, `timed-out`, `cancelled`. */
  outcome: string | null;
  /** A person's decision (`approve`, `reject`…), else null. */
  decision: string | null;
  objects: RelatedObject[];
}

export interface MiningCase {
  process: string;
  version: string;
  caseId: string;
  workflowId: string;
  runId: string;
  startedMs: number;
  /** Null while the instance runs. */
  closedMs: number | null;
  /** The history's length when it was read: a running instance is read again only when visibility shows it grew. */
  historyLength: number;
  /** `COMPLETED`, `REJECTED`, `CANCELLED` (the process's own result), `FAILED`, `TERMINATED`, `TIMED_OUT`; null while running. */
  outcome: string | null;
  amount: number | null;
  /** A coarse bracket of `amount` (`<1k`, `1k-10k`, `10k-100k`, `>=100k`), safe to group by. */
  amountBand: string | null;
  currency: string | null;
  customer: string | null;
  requestedBy: string | null;
  /** The decision-table rules the instance's result records, e.g. `order-approval:above-10000`. */
  ruleFired: string | null;
}

/** Which cases an analysis covers: a process, optionally one version, optionally those started in a window. */
export interface CaseFilter {
  process: string;
  version?: string;
  /** Epoch ms: cases started at or after. */
  fromMs?: number;
  /** Epoch ms: cases started at or before. */
  toMs?: number;
}

/** Of the filtered cases' events, only these: an analysis that needs a few events reads only those. */
export interface EventSelection {
  kind?: MiningEvent['kind'];
  lifecycle?: MiningEvent['lifecycle'];
}

/** What the extractor remembers of a run it has stored. */
export interface StoredRun {
  runId: string;
  closed: boolean;
  historyLength: number;
}
