import type { CompensationStack } from '../lib/compensation';
import type { HumanTasks } from '../lib/human-task';
import type { ProcessTracker } from '../lib/process-tracker';
import type { CustomerCredit } from './activities-contract';
import type { DunningPolicy, OrderToCashInput, OrderToCashStage } from './contract';
import type { PaymentLedger } from './payment-ledger';

/** The start input after validation, with the dunning defaults applied. */
export type OrderInput = Omit<OrderToCashInput, 'dunning'> & { dunning: DunningPolicy };

/** How the forward flow ends when it does not fail. */
export type FlowEnd =
  | { status: 'COMPLETED'; reason?: string }
  | { status: 'REJECTED'; reason: string }
  | { status: 'CANCELLED'; reason: string };

export interface IssuedInvoice {
  invoiceId: string;
  invoiceNumber: string;
  issuedAt: string;
  dueDate: string;
  pdfUrl: string;
}

/** What the process has learnt and done so far; it feeds compensation and the summary. */
export interface OrderFacts {
  credit?: CustomerCredit;
  approvedBy?: string;
  reservationId?: string;
  shortSkus: string[];
  restockSignalled: boolean;
  shipmentId?: string;
  invoice?: IssuedInvoice;
  receiptId?: string;
  refundedCents: number;
  writtenOff: number;
  /** Fully paid, written off, or the forward flow has ended: too late to cancel. */
  settled: boolean;
  cancellation?: { reason: string; requestedBy: string };
}

export interface OrderContext {
  orderId: string;
  requestedBy: string;
  input: OrderInput;
  total: number;
  tracker: ProcessTracker<OrderToCashStage>;
  tasks: HumanTasks;
  ledger: PaymentLedger;
  saga: CompensationStack;
  facts: OrderFacts;
}

/** Set once the credit check ran; later steps cannot run without it. */
export function customerOf(ctx: OrderContext): CustomerCredit {
  if (!ctx.facts.credit) throw new Error('customer credit is read before the credit check ran');
  return ctx.facts.credit;
}

export function invoiceOf(ctx: OrderContext): IssuedInvoice {
  if (!ctx.facts.invoice) throw new Error('invoice is read before it was issued');
  return ctx.facts.invoice;
}
