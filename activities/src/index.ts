import type { ActivitiesConfig } from './config';
import { createDocumentApprovalActivities } from './document-approval/activities';
import { createOnboardingActivities } from './onboarding/activities';
import { createOrderToCashActivities } from './order-to-cash/activities';

export { loadActivitiesConfig, type ActivitiesConfig } from './config';
export { createOrderToCashActivities } from './order-to-cash/activities';
export { createDocumentApprovalActivities } from './document-approval/activities';
export { createOnboardingActivities } from './onboarding/activities';
export { ExternalSystemUnavailableError, type RejectionDetails } from './http/errors';
export { externalSystems, type ExternalSystem } from './external-systems';
export { externalCallDurationBuckets, externalCallDurationMetric } from './http/call-metrics';

/** Every activity of every process, for the worker to register. */
export function createActivities(config: ActivitiesConfig) {
  return {
    ...createOrderToCashActivities(config),
    // Support tickets only send process mail, which document approval's activities provide.
    ...createDocumentApprovalActivities(config),
    ...createOnboardingActivities(config),
  };
}

export type Activities = ReturnType<typeof createActivities>;
