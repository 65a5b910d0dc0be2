/**
 * Scheduled reports (docs/ARCHITECTURE.md "Scheduled reports"): a Temporal Schedule per report starts
 * {@link scheduledReportWorkflowType} on the Ordo task queue. The figures are collected, and the documents stored, by
 * activities on {@link reportsTaskQueue}, which only the Process API serves (it holds the Temporal client, the inbox's
 * visibility and the mining store); the documents are rendered and mailed by the main worker's activities. Not a
 * business process: it is not in the catalog, and the API never lists it as an instance.
 */

/** The task queue of the collecting and storing activities, served by an activity-only worker inside the Process API. */
export const reportsTaskQueue = 'ordo-reports';

export const scheduledReportWorkflowType = 'scheduledReport';

/** The reports Ordo produces, each with its own Schedule. */
export const reportKinds = ['ar-aging', 'sla'] as const;
export type ReportKind = (typeof reportKinds)[number];

/** Schedule id of each report: also the name the API's `/v1/reports/{schedule}/…` routes take. */
export const reportScheduleIds: Record<ReportKind, string> = {
  'ar-aging': 'ordo-report-ar-aging',
  sla: 'ordo-report-sla',
};

export function reportKindOfSchedule(scheduleId: string): ReportKind | undefined {
  return reportKinds.find((kind) => reportScheduleIds[kind] === scheduleId);
}

export interface ReportRequest {
  report: ReportKind;
  /**
   * The instant the report describes (ISO 8601). A Schedule leaves it out: the run's start time is taken. Given, it
   * re-creates a report as of another date (a month-end aging asked for later).
   */
  asOf?: string;
}

/** Ageing buckets of open receivables, by whole days past the invoice's due date (not yet due counts as 0). */
export const agingBuckets = ['0-30', '31-60', '61-90', '90+'] as const;
export type AgingBucket = (typeof agingBuckets)[number];

/** What one customer owes in one currency, split by age. */
export interface AgingRow {
  customerId: string;
  currency: string;
  buckets: Record<AgingBucket, number>;
  total: number;
  invoices: number;
}

export interface AgingFigures {
  asOf: string;
  /** Customers by id, then currency. */
  rows: AgingRow[];
  /** One row per currency: amounts of different currencies are never added. */
  totals: Array<{ currency: string; buckets: Record<AgingBucket, number>; total: number; invoices: number }>;
  /** Open order-to-cash instances whose invoice could not be read (no worker answered, an older shape): not counted. */
  unreadable: string[];
}

export interface SlaBottleneck {
  activity: string;
  role: string | null;
  count: number;
  /** Median wait before the activity started, seconds. */
  waitingP50Seconds: number;
  /** Its share of the cycle time of the cases covered (0–1). */
  shareOfCycleTime: number;
}

export interface SlaProcessRow {
  process: string;
  /** The catalog's completion target (ISO 8601 duration) and what it says. */
  completionTarget: string;
  targetDescription: string;
  /** Instances that closed in the period after longer than the target. */
  closedInPeriod: number;
  breachedClosed: number;
  /** Instances still running longer than the target at `asOf`. */
  breachedRunning: number;
  /** Open human tasks past their due time at `asOf`. */
  overdueTasks: number;
  /** The three activities with the longest median wait, from process intelligence's store. */
  bottlenecks: SlaBottleneck[];
}

export interface SlaFigures {
  asOf: string;
  /** The period the closed instances and bottlenecks cover: [from, asOf]. */
  from: string;
  processes: SlaProcessRow[];
}

export type ReportFigures = { report: 'ar-aging'; figures: AgingFigures } | { report: 'sla'; figures: SlaFigures };

/** The rendered documents; the PDF in base64, since a payload holds JSON. */
export interface RenderedReport {
  title: string;
  pdfBase64: string;
  csv: string;
}

export interface StoredReport {
  reportId: string;
  /** Absolute URLs of the API's token-guarded downloads, for the mail. */
  pdfUrl: string;
  csvUrl: string;
}

/** Implemented by the Process API (`services/process-api/src/reports/`), on {@link reportsTaskQueue}. */
export interface ReportCollectorActivities {
  collectAgingFigures(request: { asOf: string }): Promise<AgingFigures>;
  collectSlaFigures(request: { asOf: string; periodDays: number }): Promise<SlaFigures>;
  /** Idempotent per report id: a retried store writes the same files again. */
  storeReport(request: {
    reportId: string;
    schedule: string;
    report: ReportKind;
    asOf: string;
    title: string;
    summary: string;
    pdfBase64: string;
    csv: string;
  }): Promise<StoredReport>;
}

/** Implemented by `@ordo/activities` (`activities/src/reports/`), on the main worker. */
export interface ReportDocumentActivities {
  renderReport(request: { reportId: string } & ReportFigures): Promise<RenderedReport>;
  /** Mails the report's links; the idempotency key `<workflowId>:<step>` makes a retry send nothing twice. */
  mailReport(request: { step: string; to: string; subject: string; body: string; attachmentUrl: string }): Promise<{
    messageId: string;
  }>;
}

/** Who gets each report: a role mailbox (lib/mailboxes.ts). */
export const reportRecipients: Record<ReportKind, string> = {
  'ar-aging': 'accounts-receivable',
  sla: 'process-analyst',
};

/** The SLA report covers the week before its run. */
export const slaReportPeriodDays = 7;

export interface ReportRunResult {
  reportId: string;
  messageId: string;
  summary: string;
}
