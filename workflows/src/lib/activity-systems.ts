import type { OnboardingActivities } from '../onboarding/activities-contract';
import type { OrderToCashActivities } from '../order-to-cash/activities-contract';
import type { PurchaseRequisitionActivities } from '../purchase-requisition/activities-contract';
import type { ProcessMailActivities } from './process-mail';

/** Every activity a process may call, by its Temporal activity type (the method name of its activities contract). */
type EveryActivityType = keyof (OrderToCashActivities &
  OnboardingActivities &
  PurchaseRequisitionActivities &
  ProcessMailActivities);

/**
 * The external system each activity acts on (the folder of `@ordo/activities` that implements it). Process
 * intelligence names it as the resource of the activity's events. Keyed by every activity of every contract, so a new
 * activity without its system does not compile.
 */
export const externalSystemOfActivity: Readonly<Record<EveryActivityType, string>> = {
  getCustomerCredit: 'crm',
  reserveStock: 'erp',
  checkStock: 'erp',
  releaseStock: 'erp',
  bookReturn: 'erp',
  createShipment: 'carrier',
  createInvoice: 'accounting',
  renderInvoicePdf: 'accounting',
  voidInvoice: 'accounting',
  writeOffInvoice: 'accounting',
  postReceipt: 'accounting',
  refundPayment: 'payments',
  sendMail: 'mail',
  sendProcessMail: 'mail',
  getHrisEmployee: 'hris',
  createDirectoryAccount: 'directory',
  deleteDirectoryAccount: 'directory',
  enrolInPayroll: 'payroll',
  removeFromPayroll: 'payroll',
  createPurchaseOrder: 'erp',
  cancelPurchaseOrder: 'erp',
  approveInvoiceForPayment: 'erp',
  openSupplierDispute: 'erp',
};
