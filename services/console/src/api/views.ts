/**
 * The API's answers, typed from @ordo/api-views: the same types the API's controllers return, so a change on either
 * side fails the Console's type check. Type-only imports: nothing of them reaches the browser bundle.
 */
import type { ProcessStatus } from '@ordo/api-views';

export type {
  DecisionRecord,
  DocumentView,
  Inbox as InboxPage,
  InboxItem,
  InstancePage,
  InstanceSummaryView as InstanceSummary,
  InstanceView,
  JsonSchema,
  ProcessDescription,
  ProcessResult,
  ProcessStatus,
  StartedInstanceView as StartedInstance,
  StepView,
  TaskAuditEntry,
  TaskPriority,
  TaskView,
} from '@ordo/api-views';

export const processStatuses: readonly ProcessStatus[] = ['RUNNING', 'COMPLETED', 'REJECTED', 'CANCELLED', 'FAILED'];
