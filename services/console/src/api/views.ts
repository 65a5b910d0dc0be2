/**
 * The API's answers, typed from @ordo/api-views: the same types the API's controllers return, so a change on either
 * side fails the Console's type check. Type-only imports: nothing of them reaches the browser bundle.
 */
import type { ProcessStatus } from '@ordo/api-views';

export type {
  ActivityBottleneck,
  ConformanceReport,
  DecisionRecord,
  DecisionTableView,
  DirectlyFollowsGraph,
  DocumentView,
  Inbox as InboxPage,
  InboxItem,
  InstancePage,
  InstanceSummaryView as InstanceSummary,
  InsightsAnswer,
  InstanceView,
  JsonSchema,
  Overview,
  ProcessDescription,
  ProcessOverview,
  ProcessResult,
  ProcessStatus,
  StartedInstanceView as StartedInstance,
  StepView,
  TaskAuditEntry,
  TaskPriority,
  TaskView,
  VersionSummary,
  WhatIfResponse,
} from '@ordo/api-views';

export const processStatuses: readonly ProcessStatus[] = ['RUNNING', 'COMPLETED', 'REJECTED', 'CANCELLED', 'FAILED'];
