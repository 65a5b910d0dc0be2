// Bundle entry for the worker: exports every workflow function.
export { orderToCash } from './order-to-cash/workflow';
export { documentApproval } from './document-approval/workflow';
export { supportTicket } from './support-ticket/workflow';
export { employeeOnboarding } from './onboarding/workflow';
export { purchaseRequisition } from './purchase-requisition/workflow';
