// Every answer of the API by the name the OpenAPI document gives its schema. The schemas are generated from these
// types (answer-schema-generator.ts → answer-schemas.json), and `@ApiAnswer(name)` checks at compile time that the
// route returns the type named, so the controllers, the document and the clients read one definition. Types only.
import type { HealthCheckResult } from '@nestjs/terminus';
import type {
  ActivityBottleneck,
  ConformanceReport,
  DirectlyFollowsGraph,
  Inbox,
  InsightsAnswer,
  InstancePage,
  InstanceView,
  Overview,
  ProcessDescription,
  StartedInstanceView,
  TaskView,
  VersionSummary,
  WhatIfResponse,
} from '@ordo/api-views';
import type { AuditPage } from '../audit/audit.schemas';
import type { CodecResponse } from '../codec/codec-payloads';
import type { ErrorBody } from '../errors/api-error';
import type { OcelLog } from '../mining/export/event-log-ocel';
import type { DmnAnswer } from '../mining/mining-insights.service';
import type { ReportScheduleView, ReportView, RunAnswer } from '../reports/reports.service';

/** `GET /v1/processes`. */
export interface ProcessCatalog {
  items: ProcessDescription[];
}

/** `GET /v1/mining/{process}/bottlenecks`. */
export interface BottleneckReport {
  activities: ActivityBottleneck[];
}

/** `GET /v1/mining/{process}/versions`. */
export interface VersionReport {
  /** The catalog's SLA completion target (ISO 8601 duration). */
  slaTarget: string;
  versions: VersionSummary[];
}

/** `GET /v1/reports`. */
export interface ReportList {
  reports: ReportView[];
}

/** `GET /v1/reports/schedules`. */
export interface ReportScheduleList {
  schedules: ReportScheduleView[];
}

/** An event or a cancellation the instance took: it acts on it asynchronously. */
export interface Accepted {
  accepted: true;
}

/** The body of every error answer (the exception filter renders each error so). */
export type ApiErrorBody = ErrorBody;

/** `GET /health…`: terminus's result, each check reduced to its status without a bearer token. */
export type HealthReport = HealthCheckResult;

/** The answers by schema name: the index the generator starts from and `@ApiAnswer` checks against. */
export interface AnswerTypes {
  Accepted: Accepted;
  ApiErrorBody: ApiErrorBody;
  AuditPage: AuditPage;
  BottleneckReport: BottleneckReport;
  CodecResponse: CodecResponse;
  ConformanceReport: ConformanceReport;
  DirectlyFollowsGraph: DirectlyFollowsGraph;
  DmnAnswer: DmnAnswer;
  HealthReport: HealthReport;
  Inbox: Inbox;
  InsightsAnswer: InsightsAnswer;
  InstancePage: InstancePage;
  InstanceView: InstanceView;
  OcelLog: OcelLog;
  Overview: Overview;
  ProcessCatalog: ProcessCatalog;
  ReportList: ReportList;
  ReportScheduleList: ReportScheduleList;
  ReportScheduleView: ReportScheduleView;
  RunAnswer: RunAnswer;
  StartedInstanceView: StartedInstanceView;
  TaskView: TaskView;
  VersionReport: VersionReport;
  WhatIfResponse: WhatIfResponse;
}
