import type { DocumentView } from '../lib/process-contract';
import type { OrderLine } from './contract';

/**
 * The activities order-to-cash calls, implemented in `@ordo/activities`.
 *
 * Every call that changes an external system takes a `step`: the activity sends
 * `Idempotency-Key: <workflowId>:<step>`, so a retry or a replay never repeats the effect.
 * External 4xx answers surface as non-retryable `ApplicationFailure`s whose `type` is given below.
 */
export interface OrderToCashActivities {
  /** CRM. Unknown customer → `CustomerNotFound`. */
  getCustomerCredit(req: { customerId: string }): Promise<CustomerCredit>;
  /** ERP: reserves every line or none. Not enough stock → `OutOfStock` whose `details[0].skus` names the short SKUs. */
  reserveStock(req: { orderId: string; step: string; lines: OrderLine[] }): Promise<{ reservationId: string }>;
  /** ERP: whether every line could be reserved now. */
  checkStock(req: { lines: OrderLine[] }): Promise<{ available: boolean; shortSkus: string[] }>;
  releaseStock(req: { orderId: string; step: string; reservationId: string }): Promise<void>;
  /** ERP + carrier: books the returned goods after a cancelled shipped order. */
  bookReturn(req: {
    orderId: string;
    step: string;
    shipmentId: string;
    reservationId: string;
  }): Promise<{ returnId: string }>;
  /** Carrier. */
  createShipment(req: { orderId: string; step: string; customerId: string; lines: OrderLine[] }): Promise<{
    shipmentId: string;
    trackingNumber: string;
  }>;
  /** Accounting. */
  createInvoice(req: {
    orderId: string;
    step: string;
    customerId: string;
    lines: OrderLine[];
    amount: number;
    currency: string;
    issuedAt: string;
    dueDate: string;
  }): Promise<{ invoiceId: string; invoiceNumber: string }>;
  /** Renders the invoice as a PDF and stores it with the invoice in accounting; returns the link. */
  renderInvoicePdf(req: {
    orderId: string;
    step: string;
    invoiceId: string;
    invoiceNumber: string;
    customer: { customerId: string; name: string };
    lines: OrderLine[];
    amount: number;
    currency: string;
    issuedAt: string;
    dueDate: string;
  }): Promise<DocumentView>;
  voidInvoice(req: { orderId: string; step: string; invoiceId: string }): Promise<void>;
  writeOffInvoice(req: {
    orderId: string;
    step: string;
    invoiceId: string;
    amount: number;
    currency: string;
  }): Promise<void>;
  postReceipt(req: { orderId: string; step: string; invoiceId: string; amount: number; currency: string }): Promise<{
    receiptId: string;
  }>;
  /** Payment provider. */
  refundPayment(req: {
    orderId: string;
    step: string;
    paymentReference: string;
    amount: number;
    currency: string;
  }): Promise<{
    refundId: string;
  }>;
  /** Mail. */
  sendMail(req: {
    orderId: string;
    step: string;
    to: string;
    subject: string;
    body: string;
    attachmentUrl?: string;
  }): Promise<{
    messageId: string;
  }>;
}

export interface CustomerCredit {
  customerId: string;
  name: string;
  email: string;
  creditLimit: number;
  exposure: number;
  available: number;
}

/** The package entry exports the role mailboxes from here; they are every process's (`lib/mailboxes.ts`). */
export { roleMailbox } from '../lib/mailboxes';
