// Bundle entry for the worker: every workflow type, by the name the worker registers.
//
// In the SDK's reusable V8 context every module a workflow loads is evaluated again for each cached execution, so
// each execution holds its own copy of those modules' state: contracts' zod schemas, loaded decision tables. An
// entry that imported every process eagerly made each cached order also hold every other process's schemas and
// tables (about half of its memory). Each process's code is therefore loaded when one of its executions starts;
// `webpackMode: "eager"` keeps every process in the one bundle (no chunk to fetch): the import is a module
// evaluation inside the bundle, resolved in the same activation, so it is deterministic.
import type { documentApproval as DocumentApproval } from './document-approval/workflow';
import type { miningExtraction as MiningExtraction } from './mining/workflow';
import type { employeeOnboarding as EmployeeOnboarding } from './onboarding/workflow';
import type { orderToCash as OrderToCash } from './order-to-cash/workflow';
import type { purchaseRequisition as PurchaseRequisition } from './purchase-requisition/workflow';
import type { scheduledReport as ScheduledReport } from './reports/workflow';
import type { supportTicket as SupportTicket } from './support-ticket/workflow';

type Workflow = (...args: never[]) => Promise<unknown>;

/**
 * A workflow function that loads its module on first call and then runs the real one with the same arguments. It
 * carries the workflow type's name, as clients that start a workflow by function read the type from `.name`.
 */
function loadedOnStart<W extends Workflow>(name: string, load: () => Promise<W>): W {
  const workflow = async (...args: Parameters<W>) => (await load())(...args);
  return Object.defineProperty(workflow, 'name', { value: name }) as unknown as W;
}

export const orderToCash = loadedOnStart<typeof OrderToCash>(
  'orderToCash',
  async () => (await import(/* webpackMode: "eager" */ './order-to-cash/workflow')).orderToCash,
);
export const documentApproval = loadedOnStart<typeof DocumentApproval>(
  'documentApproval',
  async () => (await import(/* webpackMode: "eager" */ './document-approval/workflow')).documentApproval,
);
export const supportTicket = loadedOnStart<typeof SupportTicket>(
  'supportTicket',
  async () => (await import(/* webpackMode: "eager" */ './support-ticket/workflow')).supportTicket,
);
export const employeeOnboarding = loadedOnStart<typeof EmployeeOnboarding>(
  'employeeOnboarding',
  async () => (await import(/* webpackMode: "eager" */ './onboarding/workflow')).employeeOnboarding,
);
export const purchaseRequisition = loadedOnStart<typeof PurchaseRequisition>(
  'purchaseRequisition',
  async () => (await import(/* webpackMode: "eager" */ './purchase-requisition/workflow')).purchaseRequisition,
);
// Not a process: process intelligence's extraction run, started by its Schedule (mining/contract.ts).
export const miningExtraction = loadedOnStart<typeof MiningExtraction>(
  'miningExtraction',
  async () => (await import(/* webpackMode: "eager" */ './mining/workflow')).miningExtraction,
);
// Not a process: a scheduled report's run, started by its Schedule (reports/contract.ts).
export const scheduledReport = loadedOnStart<typeof ScheduledReport>(
  'scheduledReport',
  async () => (await import(/* webpackMode: "eager" */ './reports/workflow')).scheduledReport,
);
