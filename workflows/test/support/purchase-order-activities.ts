import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type {
  PurchaseOrderRequest,
  PurchaseRequisitionActivities,
} from '../../src/purchase-requisition/activities-contract';
import { createMailRecorder } from './process-mail-activities';

export interface ErpCall {
  name: keyof PurchaseRequisitionActivities;
  workflowId: string;
  request: Record<string, unknown>;
}

interface StoredOrder {
  request: Omit<PurchaseOrderRequest, 'step'>;
  status: 'open' | 'cancelled' | 'closed';
}

/**
 * An in-memory ERP for purchase requisition tests, keeping one order per PO number as the sandbox does, with the mail
 * system the document-approval child uses; records every call by workflow. `SUP-404` is a supplier it does not know.
 */
export function createPurchaseOrderSystems() {
  const mail = createMailRecorder();
  const calls: ErpCall[] = [];
  const orders = new Map<string, StoredOrder>();
  let approvals = 0;
  let disputes = 0;
  /** Creations that fail after the order was stored, as an answer lost on the way back (by PO number). */
  const lostAnswers = new Map<string, number>();
  const record = (name: keyof PurchaseRequisitionActivities, request: object) =>
    calls.push({
      name,
      workflowId: Context.current().info.workflowExecution?.workflowId ?? '',
      request: { ...request },
    });

  const activities: PurchaseRequisitionActivities & { sendProcessMail: typeof mail.activities.sendProcessMail } = {
    sendProcessMail: mail.activities.sendProcessMail,
    async createPurchaseOrder({ step: _step, ...request }) {
      record('createPurchaseOrder', request);
      if (request.supplierId === 'SUP-404')
        throw ApplicationFailure.nonRetryable(`supplier ${request.supplierId} not found`, 'SupplierNotFound');
      const existing = orders.get(request.poNumber);
      const amount =
        request.lines.reduce((sum, line) => sum + Math.round(line.quantity * line.unitPrice * 100), 0) / 100;
      if (!existing) orders.set(request.poNumber, { request: structuredClone(request), status: 'open' });
      const lose = lostAnswers.get(request.poNumber) ?? 0;
      if (lose > 0) {
        lostAnswers.set(request.poNumber, lose - 1);
        throw new Error('ERP answer lost');
      }
      return { poNumber: request.poNumber, amount, created: !existing };
    },
    async cancelPurchaseOrder(request) {
      record('cancelPurchaseOrder', request);
      const order = orders.get(request.poNumber);
      if (order) order.status = 'cancelled';
    },
    async approveInvoiceForPayment(request) {
      record('approveInvoiceForPayment', request);
      const order = orders.get(request.poNumber)!;
      order.status = 'closed';
      approvals += 1;
      return { approvalId: `IAP-${approvals}` };
    },
    async openSupplierDispute(request) {
      record('openSupplierDispute', request);
      disputes += 1;
      return { disputeId: `DSP-${disputes}` };
    },
  };
  return {
    activities,
    orders,
    /** The next `times` creations of `poNumber` store the order and then fail (retried by Temporal). */
    loseAnswers(poNumber: string, times: number) {
      lostAnswers.set(poNumber, times);
    },
    mailsOf: mail.mailsOf,
    callsOf: (workflowId: string) => calls.filter((call) => call.workflowId === workflowId),
  };
}
