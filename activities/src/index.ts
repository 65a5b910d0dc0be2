import type { ActivitiesConfig } from './config';
import { createOrderToCashActivities } from './order-to-cash/activities';

export { loadActivitiesConfig, type ActivitiesConfig } from './config';
export { createOrderToCashActivities } from './order-to-cash/activities';
export { ExternalSystemUnavailableError, type RejectionDetails } from './http/errors';
export { externalSystems, type ExternalSystem } from './external-systems';
export { externalCallDurationBuckets, externalCallDurationMetric } from './http/call-metrics';

/** Every activity of every process, for the worker to register. */
export function createActivities(config: ActivitiesConfig) {
  return {
    ...createOrderToCashActivities(config),
  };
}

export type Activities = ReturnType<typeof createActivities>;
