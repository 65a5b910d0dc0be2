export * from './lib/search-attributes';
export * from './lib/process-contract';
export * from './lib/process-definition';
export * from './order-to-cash/contract';
export type * from './order-to-cash/activities-contract';
export { roleMailbox } from './order-to-cash/activities-contract';
export * from './catalog';
export { processMetricBuckets, processMetricHelp, processMetricNames } from './lib/metrics/metric-names';
export * from './document-approval/contract';
export type * from './document-approval/activities-contract';
export { personMailbox } from './document-approval/activities-contract';
export * from './onboarding/contract';
export type * from './onboarding/activities-contract';
export * from './support-ticket/contract';
export * from './purchase-requisition/contract';
export type * from './purchase-requisition/activities-contract';
export * from './mining/contract';
export { externalSystemOfActivity } from './lib/activity-systems';
export * from './reports/contract';
export { ageReceivables, agingBucketOf, daysPastDue, type OpenInvoice } from './reports/aging';
export { reportSummary } from './reports/summary';
// Process intelligence's what-if evaluates candidate tables exactly as the processes do, with the same load-time checks.
export {
  decide,
  DecisionTableDefinitionError,
  DecisionTableError,
  loadDecisionTable,
  type Decision,
  type DecisionTable,
  type DecisionTableSignature,
  type HitPolicy,
  type InputSchema,
  type OutputSchema,
} from './lib/decision-table';
export { approvalTable, approvalTableSignature } from './order-to-cash/approval-table';
