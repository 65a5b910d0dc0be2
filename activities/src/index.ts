import { createExternalClients } from './clients';
import type { ActivitiesConfig } from './config';
import { createProcessMailActivities } from './process-mail/activities';
import { createReportActivities } from './reports/activities';
import {
  createDocumentApprovalActivities,
  createOnboardingActivities,
  createOrderToCashActivities,
  createPurchaseRequisitionActivities,
} from './process-activities';

export { loadActivitiesConfig, type ActivitiesConfig } from './config';
export {
  createDocumentApprovalActivities,
  createOnboardingActivities,
  createOrderToCashActivities,
  createPurchaseRequisitionActivities,
} from './process-activities';
export { createExternalClients, type ExternalClients } from './clients';
export { ExternalSystemUnavailableError, type RejectionDetails } from './http/errors';
export { externalSystems, type ExternalSystem } from './external-systems';
export { externalCallDurationBuckets, externalCallDurationMetric } from './http/call-metrics';

/** Every activity of every process, for the worker to register; the adapters are built once and shared. */
export function createActivities(config: ActivitiesConfig) {
  const clients = createExternalClients(config);
  return {
    ...createOrderToCashActivities(config, clients),
    ...createDocumentApprovalActivities(config, clients),
    ...createOnboardingActivities(config, clients),
    ...createPurchaseRequisitionActivities(config, clients),
    // Process mail is every process's (support tickets send nothing else).
    ...createProcessMailActivities(clients),
    // Not a process's: the scheduled reports' rendering and mail (workflows/src/reports).
    ...createReportActivities(clients),
  };
}

export type Activities = ReturnType<typeof createActivities>;
