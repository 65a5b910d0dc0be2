export * from './lib/search-attributes';
export * from './lib/process-contract';
export * from './lib/process-definition';
export * from './order-to-cash/contract';
export type * from './order-to-cash/activities-contract';
export { roleMailbox } from './order-to-cash/activities-contract';
export * from './catalog';
export { processMetricBuckets, processMetricNames } from './lib/metrics/metric-names';
