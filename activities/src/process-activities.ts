import type {
  DocumentApprovalActivities,
  OnboardingActivities,
  OrderToCashActivities,
  PurchaseRequisitionActivities,
} from '@ordo/workflows';
import { createAccountingActivities } from './accounting/activities';
import { createCarrierActivities } from './carrier/activities';
import { createExternalClients, type ExternalClients } from './clients';
import type { ActivitiesConfig } from './config';
import { createCrmActivities } from './crm/activities';
import { createDirectoryActivities } from './directory/activities';
import { createErpActivities } from './erp/activities';
import { createPurchaseOrderActivities } from './erp/purchase-order-activities';
import { createHrisActivities } from './hris/activities';
import { createMailActivities } from './mail/activities';
import { createPaymentsActivities } from './payments/activities';
import { createPayrollActivities } from './payroll/activities';
import { createProcessMailActivities } from './process-mail/activities';

/*
 * Each process's activities, put together from the systems' folders; `satisfies` checks each set against the
 * contract its workflow declares (`workflows/src/<process>/activities-contract.ts`). The adapters come from
 * `createExternalClients`: built from the config unless given (`createActivities` builds them once for all sets).
 */

/** Order-to-cash over CRM, ERP, carrier, accounting, the payment provider and mail. */
export function createOrderToCashActivities(
  config: ActivitiesConfig,
  clients: ExternalClients = createExternalClients(config),
) {
  return {
    ...createCrmActivities(clients),
    ...createErpActivities(clients),
    ...createCarrierActivities(clients),
    ...createAccountingActivities(clients),
    ...createPaymentsActivities(clients),
    ...createMailActivities(clients),
  } satisfies OrderToCashActivities;
}

/** Document approval only notifies people: process mail. */
export function createDocumentApprovalActivities(
  config: ActivitiesConfig,
  clients: ExternalClients = createExternalClients(config),
) {
  return createProcessMailActivities(clients) satisfies DocumentApprovalActivities;
}

/** Employee onboarding over HRIS, directory and payroll, with process mail. */
export function createOnboardingActivities(
  config: ActivitiesConfig,
  clients: ExternalClients = createExternalClients(config),
) {
  return {
    ...createProcessMailActivities(clients),
    ...createHrisActivities(clients),
    ...createDirectoryActivities(clients),
    ...createPayrollActivities(clients),
  } satisfies OnboardingActivities;
}

/** Purchase requisition over the ERP's purchasing routes, with process mail (the approval child's mails are its own). */
export function createPurchaseRequisitionActivities(
  config: ActivitiesConfig,
  clients: ExternalClients = createExternalClients(config),
) {
  return {
    ...createProcessMailActivities(clients),
    ...createPurchaseOrderActivities(clients),
  } satisfies PurchaseRequisitionActivities;
}
