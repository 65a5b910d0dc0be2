import { documentApprovalProcess } from './document-approval/contract';
import type { ProcessDefinition } from './lib/process-definition';
import { onboardingProcess } from './onboarding/contract';
import { orderToCashProcess } from './order-to-cash/contract';
import { approvalTable } from './order-to-cash/approval-table';
import { supportTicketProcess } from './support-ticket/contract';

/** Order-to-cash's contract predates `decisionTables`: its table versions are added here, from the loaded table. */
const orderToCash: ProcessDefinition = {
  ...(orderToCashProcess as ProcessDefinition),
  decisionTables: [{ name: approvalTable.name, version: approvalTable.version }],
};

/** The process catalog: every process Ordo runs, by name. */
export const processCatalog: ReadonlyMap<string, ProcessDefinition> = new Map<string, ProcessDefinition>(
  [orderToCash, documentApprovalProcess, onboardingProcess, supportTicketProcess]
    .map((definition) => definition as ProcessDefinition)
    .map((definition) => [definition.name, definition]),
);
