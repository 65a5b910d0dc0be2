import type { PurchaseRequisitionActivities } from '@ordo/workflows';
import { writeOptions } from '../activity-context';
import type { ExternalClients } from '../clients';

/**
 * The activities over the ERP's purchasing routes: the purchase order of a requisition, its cancellation, the
 * supplier invoice's approval for payment and disputes. Each change is keyed `<workflowId>:<step>`; besides, the ERP
 * keeps one purchase order per PO number, so a creation under any key never makes a second one.
 */
export function createPurchaseOrderActivities({ purchaseOrders }: Pick<ExternalClients, 'purchaseOrders'>) {
  return {
    async createPurchaseOrder({ step, poNumber, requisitionId, supplierId, department, currency, neededBy, lines }) {
      const order = await purchaseOrders.createOrReturn(
        poNumber,
        { requisitionId, supplierId, department, currency, neededBy, lines },
        writeOptions(step),
      );
      return { poNumber: order.poNumber, amount: order.amount, created: order.created };
    },

    async cancelPurchaseOrder({ step, poNumber, reason }) {
      await purchaseOrders.cancel(poNumber, reason, writeOptions(step));
    },

    async approveInvoiceForPayment({ step, poNumber, invoiceNumber, amount, currency, approvedBy, exception }) {
      const approval = await purchaseOrders.approveInvoice(
        poNumber,
        {
          invoiceNumber,
          amount,
          currency,
          ...(approvedBy === undefined ? {} : { approvedBy }),
          ...(exception === undefined ? {} : { exception }),
        },
        writeOptions(step),
      );
      return { approvalId: approval.approvalId };
    },

    async openSupplierDispute({ step, poNumber, invoiceNumber, reason, lines }) {
      const { disputeId } = await purchaseOrders.openDispute(
        poNumber,
        { invoiceNumber, reason, lines },
        writeOptions(step),
      );
      return { disputeId };
    },
  } satisfies Omit<PurchaseRequisitionActivities, 'sendProcessMail'>;
}
