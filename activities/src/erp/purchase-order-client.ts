import { ApplicationFailure } from '@temporalio/common';
import type { CallOptions, HttpClient, MutationOptions } from '../http/http-client';
import type { RejectionDetails } from '../http/errors';

// Shapes of the ERP's purchasing routes, mirrored from `services/sandbox/src/systems/erp-purchase-orders.ts`.

export interface PurchaseOrderLine {
  line: number;
  sku: string;
  description: string;
  quantity: number;
  unitPrice: number;
}

export interface PurchaseOrderRequest {
  requisitionId: string;
  supplierId: string;
  department: string;
  currency: string;
  neededBy: string;
  lines: PurchaseOrderLine[];
}

export interface InvoiceApproval {
  approvalId: string;
  poNumber: string;
  invoiceNumber: string;
  amount: number;
  currency: string;
  approvedBy?: string;
  exception?: string;
  status: 'approved-for-payment';
}

export interface SupplierDispute {
  disputeId: string;
  poNumber: string;
  supplierId: string;
  invoiceNumber: string;
  reason: string;
  lines: number[];
  status: 'open';
}

export interface PurchaseOrder extends PurchaseOrderRequest {
  poNumber: string;
  amount: number;
  status: 'open' | 'cancelled' | 'closed';
  cancelReason?: string;
  invoiceApproval?: Omit<InvoiceApproval, 'poNumber' | 'status'>;
  disputes: Array<Omit<SupplierDispute, 'poNumber' | 'supplierId'>>;
}

/** Purchasing error codes of the ERP that the purchase requisition tells apart, by failure type. */
const failureTypeByErrorCode: Readonly<Record<string, string>> = {
  supplier_not_found: 'SupplierNotFound',
  purchase_order_not_found: 'PurchaseOrderNotFound',
  purchase_order_conflict: 'PurchaseOrderConflict',
  purchase_order_cancelled: 'PurchaseOrderCancelled',
  purchase_order_closed: 'PurchaseOrderClosed',
  invoice_already_approved: 'InvoiceAlreadyApproved',
};

/** An `ErpRejected` failure of a purchasing error code becomes its specific type; everything else passes as it is. */
async function typed<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (!(error instanceof ApplicationFailure) || error.type !== 'ErpRejected') throw error;
    const details = error.details?.[0] as RejectionDetails | undefined;
    const type = details?.error === undefined ? undefined : failureTypeByErrorCode[details.error];
    if (type === undefined) throw error;
    throw ApplicationFailure.nonRetryable(error.message, type, details);
  }
}

/** ERP: purchase orders (one per PO number), invoice approval for payment, supplier disputes. */
export class PurchaseOrderClient {
  constructor(private readonly http: HttpClient) {}

  /** Creates the order, or answers the existing one with the same content; `created` tells which. */
  async createOrReturn(
    poNumber: string,
    request: PurchaseOrderRequest,
    options: MutationOptions,
  ): Promise<PurchaseOrder & { created: boolean }> {
    const before = await this.find(poNumber, options);
    const order = await typed(this.http.send<PurchaseOrder>('PUT', this.path(poNumber), { json: request }, options));
    return { ...order, created: before === undefined };
  }

  find(poNumber: string, options?: CallOptions): Promise<PurchaseOrder | undefined> {
    return this.http.find<PurchaseOrder>(this.path(poNumber), options);
  }

  cancel(poNumber: string, reason: string, options: MutationOptions): Promise<{ poNumber: string; status: string }> {
    return typed(this.http.send('POST', `${this.path(poNumber)}/cancel`, { json: { reason } }, options));
  }

  approveInvoice(
    poNumber: string,
    request: { invoiceNumber: string; amount: number; currency: string; approvedBy?: string; exception?: string },
    options: MutationOptions,
  ): Promise<InvoiceApproval> {
    return typed(
      this.http.send<InvoiceApproval>('POST', `${this.path(poNumber)}/invoice-approvals`, { json: request }, options),
    );
  }

  openDispute(
    poNumber: string,
    request: { invoiceNumber: string; reason: string; lines: number[] },
    options: MutationOptions,
  ): Promise<SupplierDispute> {
    return typed(
      this.http.send<SupplierDispute>('POST', `${this.path(poNumber)}/disputes`, { json: request }, options),
    );
  }

  private path(poNumber: string): string {
    return `/purchase-orders/${encodeURIComponent(poNumber)}`;
  }
}
