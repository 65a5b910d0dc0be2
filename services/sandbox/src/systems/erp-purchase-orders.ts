import { z } from 'zod';
import { type Answer, conflict, created, notFound, ok } from '../http/answers';
import { cents, currencyCode, identifier, isoDate, money, quantity } from '../http/common-schemas';
import type { SystemRouter } from '../http/system-router';
import { Sequence } from '../core/sequence';
import { seedSuppliers } from './seed';

/**
 * ERP purchasing: purchase orders (one per PO number), the approval of a supplier's invoice for payment, and disputes
 * with suppliers. Shapes mirrored by `activities/src/erp/purchase-order-client.ts`.
 */

type PurchaseOrderStatus = 'open' | 'cancelled' | 'closed';

const purchaseOrderLine = z.object({
  line: z.number().int().min(1).max(1000),
  sku: identifier,
  description: z.string().trim().min(1).max(200),
  quantity,
  unitPrice: z.number().nonnegative().max(1_000_000_000),
});

const purchaseOrderRequest = z
  .object({
    requisitionId: identifier,
    supplierId: identifier,
    department: z.string().trim().min(1).max(64),
    currency: currencyCode,
    neededBy: isoDate,
    lines: z.array(purchaseOrderLine).min(1).max(1000),
  })
  .refine((order) => order.lines.every((line, index) => line.line === index + 1), {
    message: 'lines must be numbered 1, 2, … in order',
    path: ['lines'],
  });
type PurchaseOrderRequest = z.infer<typeof purchaseOrderRequest>;

const cancelRequest = z.object({ reason: z.string().trim().min(1).max(2000) });
const invoiceApprovalRequest = z.object({
  invoiceNumber: identifier,
  amount: money,
  currency: currencyCode,
  /** Set when the invoice is approved although it did not match: who decided, and why. */
  approvedBy: identifier.optional(),
  exception: z.string().trim().min(1).max(2000).optional(),
});
const disputeRequest = z.object({
  invoiceNumber: identifier,
  reason: z.string().trim().min(1).max(2000),
  lines: z.array(z.number().int().min(1)).max(1000),
});
const poParams = z.object({ poNumber: identifier });

interface InvoiceApproval {
  approvalId: string;
  invoiceNumber: string;
  amount: number;
  currency: string;
  approvedBy?: string;
  exception?: string;
}

interface SupplierDispute {
  disputeId: string;
  invoiceNumber: string;
  reason: string;
  lines: number[];
  status: 'open';
}

interface PurchaseOrder extends PurchaseOrderRequest {
  poNumber: string;
  amount: number;
  status: PurchaseOrderStatus;
  cancelReason?: string;
  invoiceApproval?: InvoiceApproval;
  disputes: SupplierDispute[];
}

export class PurchaseOrders {
  private orders = new Map<string, PurchaseOrder>();
  private suppliers = new Set<string>();
  private readonly approvalIds = new Sequence('IAP');
  private readonly disputeIds = new Sequence('DSP');

  constructor() {
    this.reset();
  }

  reset(): void {
    this.orders = new Map();
    this.suppliers = new Set(seedSuppliers.map((supplier) => supplier.supplierId));
  }

  knowsSupplier(supplierId: string): boolean {
    return this.suppliers.has(supplierId);
  }

  get(poNumber: string): PurchaseOrder | undefined {
    return this.orders.get(poNumber);
  }

  create(poNumber: string, request: PurchaseOrderRequest): PurchaseOrder {
    const amount = cents(request.lines.reduce((sum, line) => sum + cents(line.quantity * line.unitPrice), 0));
    const order: PurchaseOrder = { ...request, poNumber, amount, status: 'open', disputes: [] };
    this.orders.set(poNumber, order);
    return order;
  }

  approveInvoice(order: PurchaseOrder, request: z.infer<typeof invoiceApprovalRequest>): InvoiceApproval {
    const approval: InvoiceApproval = { approvalId: this.approvalIds.issue(), ...request };
    order.invoiceApproval = approval;
    order.status = 'closed';
    return approval;
  }

  openDispute(order: PurchaseOrder, request: z.infer<typeof disputeRequest>): SupplierDispute {
    const dispute: SupplierDispute = { disputeId: this.disputeIds.issue(), ...request, status: 'open' };
    order.disputes.push(dispute);
    return dispute;
  }
}

/** JSON with object keys sorted: content compared, not key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, nested: unknown) =>
    nested && typeof nested === 'object' && !Array.isArray(nested)
      ? Object.fromEntries(
          Object.entries(nested as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : nested,
  );
}

/** The content that makes two creations "the same order": everything the caller sent. */
function sameOrder(order: PurchaseOrder, request: PurchaseOrderRequest): boolean {
  const { requisitionId, supplierId, department, currency, neededBy, lines } = order;
  return canonical({ requisitionId, supplierId, department, currency, neededBy, lines }) === canonical(request);
}

function orderView(order: PurchaseOrder): Answer['body'] {
  return structuredClone(order);
}

function existingOrder(orders: PurchaseOrders, poNumber: string): PurchaseOrder {
  const order = orders.get(poNumber);
  if (!order) throw notFound('purchase_order_not_found', { poNumber });
  return order;
}

export function registerPurchaseOrderRoutes(router: SystemRouter, orders: PurchaseOrders): void {
  // Create-or-return by PO number: whatever key a retry carries, one number is one order.
  router.write(
    'PUT',
    '/purchase-orders/:poNumber',
    { params: poParams, body: purchaseOrderRequest },
    ({ params, body, record }) => {
      const existing = orders.get(params.poNumber);
      if (existing) {
        if (!sameOrder(existing, body))
          throw conflict('purchase_order_conflict', {
            poNumber: params.poNumber,
            requisitionId: existing.requisitionId,
          });
        return ok(orderView(existing));
      }
      if (!orders.knowsSupplier(body.supplierId)) throw notFound('supplier_not_found', { supplierId: body.supplierId });
      const order = orders.create(params.poNumber, body);
      record('purchase-order.created', body.requisitionId, {
        poNumber: order.poNumber,
        supplierId: order.supplierId,
        amount: order.amount,
        currency: order.currency,
        lines: order.lines.length,
      });
      return created(orderView(order));
    },
  );

  router.read('/purchase-orders/:poNumber', { params: poParams }, ({ params }) =>
    ok(orderView(existingOrder(orders, params.poNumber))),
  );

  router.write(
    'POST',
    '/purchase-orders/:poNumber/cancel',
    { params: poParams, body: cancelRequest },
    ({ params, body, record }) => {
      const order = existingOrder(orders, params.poNumber);
      if (order.status === 'closed')
        throw conflict('purchase_order_closed', {
          poNumber: order.poNumber,
          invoiceNumber: order.invoiceApproval?.invoiceNumber,
        });
      if (order.status === 'open') {
        order.status = 'cancelled';
        order.cancelReason = body.reason;
        record('purchase-order.cancelled', order.requisitionId, { poNumber: order.poNumber, reason: body.reason });
      }
      return ok({ poNumber: order.poNumber, status: order.status });
    },
  );

  router.write(
    'POST',
    '/purchase-orders/:poNumber/invoice-approvals',
    { params: poParams, body: invoiceApprovalRequest },
    ({ params, body, record }) => {
      const order = existingOrder(orders, params.poNumber);
      if (order.status === 'cancelled') throw conflict('purchase_order_cancelled', { poNumber: order.poNumber });
      if (body.currency !== order.currency)
        throw conflict('currency_mismatch', { poNumber: order.poNumber, currency: order.currency });
      const approved = order.invoiceApproval;
      if (approved) {
        if (approved.invoiceNumber !== body.invoiceNumber) {
          throw conflict('invoice_already_approved', {
            poNumber: order.poNumber,
            invoiceNumber: approved.invoiceNumber,
          });
        }
        return ok({ ...approved, poNumber: order.poNumber, status: 'approved-for-payment' });
      }
      const approval = orders.approveInvoice(order, body);
      record('invoice.approved-for-payment', order.requisitionId, {
        poNumber: order.poNumber,
        approvalId: approval.approvalId,
        invoiceNumber: approval.invoiceNumber,
        amount: approval.amount,
        currency: approval.currency,
        ...(approval.exception ? { approvedBy: approval.approvedBy, exception: approval.exception } : {}),
      });
      return created({ ...approval, poNumber: order.poNumber, status: 'approved-for-payment' });
    },
  );

  router.write(
    'POST',
    '/purchase-orders/:poNumber/disputes',
    { params: poParams, body: disputeRequest },
    ({ params, body, record }) => {
      const order = existingOrder(orders, params.poNumber);
      if (order.status === 'cancelled') throw conflict('purchase_order_cancelled', { poNumber: order.poNumber });
      const dispute = orders.openDispute(order, body);
      record('supplier-dispute.opened', order.requisitionId, {
        poNumber: order.poNumber,
        disputeId: dispute.disputeId,
        invoiceNumber: dispute.invoiceNumber,
        lines: dispute.lines,
      });
      return created({ ...dispute, poNumber: order.poNumber, supplierId: order.supplierId });
    },
  );
}
