export { processMetricBuckets, processMetricHelp, processMetricNames } from './metric-names';
export { normalizeStepName } from './step-names';
export {
  type MoneyFlow,
  ProcessMetrics,
  type ProcessMetricsIdentity,
  type ProcessOutcome,
  type SlaKind,
  type TaskMetrics,
} from './process-metrics';
