import type { ProcessMail } from '../lib/process-mail';

/** A line of a purchase order as the ERP keeps it: numbered from 1 in the requisition's order. */
export interface PurchaseOrderLine {
  line: number;
  sku: string;
  description: string;
  quantity: number;
  unitPrice: number;
}

export interface PurchaseOrderRequest {
  step: string;
  /** The PO's number in the ERP, derived from the business key: the ERP creates one order per number. */
  poNumber: string;
  requisitionId: string;
  supplierId: string;
  department: string;
  currency: string;
  neededBy: string;
  lines: PurchaseOrderLine[];
}

/**
 * The activities a purchase requisition calls, implemented in `@ordo/activities` (`erp/purchase-order-activities.ts`).
 * Calls that change a system take a `step`: `Idempotency-Key: <workflowId>:<step>`; on top of that the ERP keeps one
 * purchase order per `poNumber`, so even a creation under another key never makes a second order. 4xx answers are
 * non-retryable `ApplicationFailure`s of the given type.
 */
export interface PurchaseRequisitionActivities {
  /** Mail: reminders and escalations of the invoice review (the approval's own mails are the child's). */
  sendProcessMail(req: ProcessMail): Promise<{ messageId: string }>;
  /**
   * ERP: creates the purchase order, or answers the one that exists under `poNumber` with the same content
   * (`created: false`). Unknown supplier → `SupplierNotFound`; another order under the number → `PurchaseOrderConflict`.
   */
  createPurchaseOrder(req: PurchaseOrderRequest): Promise<{ poNumber: string; amount: number; created: boolean }>;
  /** ERP: cancels the order (again: no change). An order whose invoice went to payment → `PurchaseOrderClosed`. */
  cancelPurchaseOrder(req: { step: string; poNumber: string; reason: string }): Promise<void>;
  /**
   * ERP: approves the supplier's invoice of the order for payment. `exception` (with `approvedBy`) records an invoice
   * approved although it did not match. A cancelled order → `PurchaseOrderCancelled`.
   */
  approveInvoiceForPayment(req: {
    step: string;
    poNumber: string;
    invoiceNumber: string;
    amount: number;
    currency: string;
    approvedBy?: string;
    exception?: string;
  }): Promise<{ approvalId: string }>;
  /** ERP: opens a dispute with the supplier about an invoice that was rejected. */
  openSupplierDispute(req: {
    step: string;
    poNumber: string;
    invoiceNumber: string;
    reason: string;
    lines: number[];
  }): Promise<{ disputeId: string }>;
}
