import { documentApprovalProcess } from './document-approval/contract';
import type { ProcessDefinition } from './lib/process-definition';
import { onboardingProcess } from './onboarding/contract';
import { orderToCashProcess } from './order-to-cash/contract';
import { purchaseRequisitionProcess } from './purchase-requisition/contract';
import { supportTicketProcess } from './support-ticket/contract';

/** The process catalog: every process Ordo runs, by name. */
export const processCatalog: ReadonlyMap<string, ProcessDefinition> = new Map<string, ProcessDefinition>(
  [orderToCashProcess, documentApprovalProcess, onboardingProcess, supportTicketProcess, purchaseRequisitionProcess]
    .map((definition) => definition as ProcessDefinition)
    .map((definition) => [definition.name, definition]),
);
