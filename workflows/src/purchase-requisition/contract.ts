import type { Duration } from '@temporalio/common';
import { defineSignal } from '@temporalio/workflow';
import { z } from 'zod';
import { currencyCodeSchema } from '../lib/currency';
import type { ProcessDefinition, ProcessEventDefinition } from '../lib/process-definition';
import { ordoTaskQueue } from '../lib/process-definition';
import { approvalChainTable } from '../document-approval/approval-chain-table';
import { approverRoles, documentCategories } from '../document-approval/contract';
import { matchToleranceTable } from './match-tolerance-table';

const toCents = (amount: number) => Math.round(amount * 100);

export const requisitionLineSchema = z
  .object({
    sku: z.string().trim().min(1).max(64),
    description: z.string().trim().min(1).max(200),
    quantity: z.number().int().positive().max(1_000_000),
    unitPrice: z.number().positive().max(1_000_000_000),
  })
  .strict();
export type RequisitionLine = z.infer<typeof requisitionLineSchema>;

/** A calendar date `YYYY-MM-DD`. */
const calendarDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });

/**
 * A purchase requisition. The requester is whoever starts it (the instance's requester); lines are numbered from 1 in
 * the order given, and goods receipts and invoices name them by that number (`line`).
 */
export const purchaseRequisitionInputSchema = z
  .object({
    title: z.string().trim().min(1).max(120),
    department: z.string().trim().min(1).max(64),
    /** Decides the approval chain together with amount and department (document approval's chain table). */
    category: z.enum(documentCategories).default('operational'),
    /** The supplier's id in the ERP. */
    supplierId: z.string().trim().min(1).max(64),
    currency: currencyCodeSchema(),
    neededBy: calendarDate,
    lines: z.array(requisitionLineSchema).min(1).max(100),
    justification: z.string().trim().max(2000).optional(),
  })
  .strict()
  .superRefine((input, issues) => {
    input.lines.forEach((line, index) => {
      if (toCents(line.quantity * line.unitPrice) < 1) {
        issues.addIssue({
          code: 'custom',
          path: ['lines', index, 'unitPrice'],
          message: 'line amount rounds to 0.00; it must be at least 0.01',
        });
      }
    });
  });
export type PurchaseRequisitionInput = z.infer<typeof purchaseRequisitionInputSchema>;

/** Line numbers of one receipt or invoice, each once. */
function uniqueLines(lines: ReadonlyArray<{ line: number }>, issues: z.core.$RefinementCtx): void {
  const seen = new Set<number>();
  lines.forEach((entry, index) => {
    if (seen.has(entry.line))
      issues.addIssue({
        code: 'custom',
        path: ['lines', index, 'line'],
        message: `line ${entry.line} is listed twice`,
      });
    seen.add(entry.line);
  });
}

const lineNumber = z.number().int().min(1).max(100);

export const goodsReceivedSchema = z
  .object({
    /** The warehouse's receipt number; a receipt sent again (in any letter case) is taken once. */
    receiptId: z.string().trim().min(1).max(64),
    lines: z
      .array(z.object({ line: lineNumber, quantity: z.number().int().positive().max(1_000_000) }).strict())
      .min(1)
      .max(100),
    /** The delivery is complete: nothing more is expected, even where less than ordered arrived. */
    complete: z.boolean().optional(),
  })
  .strict()
  .superRefine((receipt, issues) => uniqueLines(receipt.lines, issues));
export type GoodsReceived = z.infer<typeof goodsReceivedSchema>;

export const invoiceReceivedSchema = z
  .object({
    invoiceNumber: z.string().trim().min(1).max(64),
    invoiceDate: calendarDate,
    currency: currencyCodeSchema(),
    lines: z
      .array(
        z
          .object({
            line: lineNumber,
            quantity: z.number().int().min(0).max(1_000_000),
            unitPrice: z.number().min(0).max(1_000_000_000),
          })
          .strict(),
      )
      .min(1)
      .max(100),
  })
  .strict()
  .superRefine((invoice, issues) => {
    uniqueLines(invoice.lines, issues);
    if (invoice.lines.reduce((sum, line) => sum + toCents(line.quantity * line.unitPrice), 0) < 1) {
      issues.addIssue({
        code: 'custom',
        path: ['lines'],
        message: 'the invoice amounts to 0.00; it must be at least 0.01',
      });
    }
  });
export type InvoiceReceived = z.infer<typeof invoiceReceivedSchema>;

export const goodsReceivedSignal = defineSignal<[GoodsReceived]>('goods-received');
export const invoiceReceivedSignal = defineSignal<[InvoiceReceived]>('invoice-received');

/** Who reviews an invoice that does not match, and where the review goes when it is overdue. */
export const invoiceReviewRoles = ['accounts-payable', 'cfo'] as const;

/** Policy constants of this version of the process. */
export const purchaseRequisitionPolicy = {
  /** The PO number in the ERP: derived from the business key, so a retried creation finds the same order. */
  poNumberPrefix: 'PO-',
  /** The business key of the document-approval instance that approves the requisition: `<key><suffix>`. */
  approvalKeySuffix: '.approval',
  /** Time accounts payable has to review an invoice that does not match; then it escalates to the CFO. */
  invoiceReviewDue: '3 days' as Duration,
  escalationTargets: { 'accounts-payable': 'cfo' } as Record<string, string>,
} as const;

/** Business keys whose approval key (`<key>.approval`) still fits the business key pattern (128 characters). */
export const maxRequisitionKeyLength = 128 - purchaseRequisitionPolicy.approvalKeySuffix.length;

export function poNumberFor(businessKey: string): string {
  return `${purchaseRequisitionPolicy.poNumberPrefix}${businessKey}`;
}

export function approvalKeyFor(businessKey: string): string {
  return `${businessKey}${purchaseRequisitionPolicy.approvalKeySuffix}`;
}

export const purchaseRequisitionStages = [
  'approval',
  'ordering',
  'awaiting-goods',
  'awaiting-invoice',
  'matching',
  'invoice-review',
  'compensating',
  'closed',
] as const;
export type PurchaseRequisitionStage = (typeof purchaseRequisitionStages)[number];

/** One line of the three-way match: what was ordered, received and invoiced, and whether it is within tolerance. */
export interface MatchedLine {
  line: number;
  sku: string;
  ordered: number;
  received: number;
  invoiced: number;
  orderedUnitPrice: number;
  invoicedUnitPrice: number;
  quantityMatches: boolean;
  priceMatches: boolean;
}

/** The summary in a COMPLETED/REJECTED/CANCELLED result of this process. */
export interface PurchaseRequisitionSummary {
  title: string;
  supplierId: string;
  amount: number;
  currency: string;
  /** The document-approval instance that approved (or not) the requisition. */
  approval?: {
    workflowId: string;
    status: string;
    chain: string[];
    approvals: Array<{ level: number; role: string; approvedBy: string }>;
  };
  poNumber?: string;
  receipts: Array<{ receiptId: string; receivedBy: string; lines: Array<{ line: number; quantity: number }> }>;
  invoice?: { invoiceNumber: string; amount: number };
  match?: { matched: boolean; lines: MatchedLine[] };
  /** The invoice went to payment: matched, or approved anyway by accounts payable. */
  invoiceApproval?: { approvalId: string; approvedBy?: string; exception?: string };
  disputeId?: string;
}

export const goodsReceivedEvent: ProcessEventDefinition<GoodsReceived> = {
  name: 'goods-received',
  description:
    'The warehouse received goods of the purchase order: quantities per PO line (`line`, numbered from 1). Partial receipts add up; ' +
    'a receipt id sent again is taken once; more than ordered, or a line the order does not have, is refused with 422. ' +
    '`complete: true` says nothing more will come.',
  schema: goodsReceivedSchema,
  signal: goodsReceivedSignal,
  senders: { roles: ['warehouse'] },
};

export const invoiceReceivedEvent: ProcessEventDefinition<InvoiceReceived> = {
  name: 'invoice-received',
  description:
    "Accounts payable books the supplier's invoice against the purchase order (quantity and unit price per PO line). It may arrive " +
    "before the goods; it is matched once the goods are in. Another currency than the order's, or a line it does not have, is refused with 422.",
  schema: invoiceReceivedSchema,
  signal: invoiceReceivedSignal,
  senders: { roles: ['accounts-payable'] },
};

export const purchaseRequisitionProcess: ProcessDefinition<PurchaseRequisitionInput> = {
  name: 'purchase-requisition',
  version: '1.0.0',
  ownerTeam: 'procurement',
  description:
    'Purchase requisition to purchase order: the requisition is signed off by the document-approval chain (as a child instance), ' +
    'then a PO is created in the ERP under a number derived from the business key; goods receipts from the warehouse add up; ' +
    'the supplier invoice is matched three ways (PO, receipt, invoice) within a tolerance table; a match is approved for payment, ' +
    'a mismatch goes to accounts payable (approve with a comment, or reject into a supplier dispute). Cancelling before goods ' +
    'arrive cancels the PO.',
  workflowType: 'purchaseRequisition',
  taskQueue: ordoTaskQueue,
  stages: purchaseRequisitionStages,
  inputSchema: purchaseRequisitionInputSchema as z.ZodType<PurchaseRequisitionInput>,
  events: {
    'goods-received': goodsReceivedEvent as ProcessEventDefinition,
    'invoice-received': invoiceReceivedEvent as ProcessEventDefinition,
  },
  // The approval tasks are opened by the document-approval child instance, under that process.
  taskTypes: [{ type: 'invoice-review', roles: [...invoiceReviewRoles], decisions: ['approve', 'reject'] }],
  sla: {
    completionTarget: 'P30D',
    description:
      'Approval within 10 days (document approval, 2–3 days per level); the PO the day it is approved; a mismatched invoice reviewed within 3 days',
  },
  // The chain table is evaluated by the document-approval child; its record is kept among this instance's decisions too.
  decisionTables: [approvalChainTable, matchToleranceTable],
  access: {
    // Every employee may ask to buy something; the approval chain decides whether they may.
    start: { roles: [], anyone: true },
    read: { roles: [...approverRoles, 'accounts-payable', 'warehouse'], requester: true },
    cancel: { roles: ['director', 'cfo'], requester: true },
  },
};
