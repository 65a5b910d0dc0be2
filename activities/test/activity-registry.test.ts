import {
  createActivities,
  createDocumentApprovalActivities,
  createOnboardingActivities,
  createOrderToCashActivities,
  createPurchaseRequisitionActivities,
  loadActivitiesConfig,
} from '../src';

/** Workflows call activities by name: the worker must keep registering exactly these. */
describe('the activities the worker registers', () => {
  const config = loadActivitiesConfig({});

  it('are every process’s, under their contract names', () => {
    expect(Object.keys(createActivities(config)).sort()).toEqual([
      'approveInvoiceForPayment',
      'bookReturn',
      'cancelPurchaseOrder',
      'checkStock',
      'createDirectoryAccount',
      'createInvoice',
      'createPurchaseOrder',
      'createShipment',
      'deleteDirectoryAccount',
      'enrolInPayroll',
      'getCustomerCredit',
      'getHrisEmployee',
      'mailReport',
      'openSupplierDispute',
      'postReceipt',
      'refundPayment',
      'releaseStock',
      'removeFromPayroll',
      'renderInvoicePdf',
      'renderReport',
      'reserveStock',
      'sendMail',
      'sendProcessMail',
      'voidInvoice',
      'writeOffInvoice',
    ]);
  });

  it('come in one set per process', () => {
    expect(Object.keys(createDocumentApprovalActivities(config))).toEqual(['sendProcessMail']);
    expect(Object.keys(createOnboardingActivities(config)).sort()).toEqual([
      'createDirectoryAccount',
      'deleteDirectoryAccount',
      'enrolInPayroll',
      'getHrisEmployee',
      'removeFromPayroll',
      'sendProcessMail',
    ]);
    expect(Object.keys(createOrderToCashActivities(config))).toHaveLength(13);
    expect(Object.keys(createPurchaseRequisitionActivities(config)).sort()).toEqual([
      'approveInvoiceForPayment',
      'cancelPurchaseOrder',
      'createPurchaseOrder',
      'openSupplierDispute',
      'sendProcessMail',
    ]);
  });
});
