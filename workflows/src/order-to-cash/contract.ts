import { defineSignal } from '@temporalio/workflow';
import { z } from 'zod';
import type { ProcessDefinition, ProcessEventDefinition } from '../lib/process-definition';
import { ordoTaskQueue } from '../lib/process-definition';
import { currencyCodeSchema } from '../lib/currency';
import { approvalTable } from './approval-table';
import { toCents } from './money';

export const orderLineSchema = z
  .object({
    sku: z.string().trim().min(1).max(64),
    quantity: z.number().int().positive().max(1_000_000),
    unitPrice: z.number().positive().max(1_000_000_000),
  })
  .strict();

export const dunningSchema = z
  .object({
    /** Days after the due date on which a payment reminder is mailed. */
    reminderDaysAfterDue: z.array(z.number().int().min(1).max(365)).max(10).default([1, 7, 14]),
    /** Days after the due date at which a `collections` task is opened. */
    collectionsAfterDays: z.number().int().min(1).max(365).default(30),
  })
  .strict();

export const orderToCashInputSchema = z
  .object({
    customerId: z.string().trim().min(1).max(64),
    lines: z.array(orderLineSchema).min(1).max(500),
    currency: currencyCodeSchema(),
    paymentTermsDays: z.number().int().min(0).max(365),
    dunning: dunningSchema.optional(),
  })
  .strict()
  .superRefine((input, issues) => {
    // Amounts are booked in cents: a line (or an order) worth less than one would be invoiced as nothing.
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

export type OrderLine = z.infer<typeof orderLineSchema>;
export type OrderToCashInput = z.infer<typeof orderToCashInputSchema>;
export type DunningPolicy = z.infer<typeof dunningSchema>;

export const defaultDunning: DunningPolicy = { reminderDaysAfterDue: [1, 7, 14], collectionsAfterDays: 30 };

/** Policy constants of this version of the process. */
export const orderToCashPolicy = {
  approvalTaskDue: '48 hours',
  creditReviewTaskDue: '48 hours',
  /** How long an out-of-stock order waits for a restock before it is cancelled. */
  restockWait: '7 days',
  restockPollInterval: '6 hours',
  /** Escalation of an overdue approval task: manager → cfo. */
  escalationTargets: { manager: 'cfo' } as Record<string, string>,
} as const;

export const paymentReceivedSchema = z
  .object({
    amount: z.number().positive().max(1_000_000_000_000),
    currency: currencyCodeSchema(),
    reference: z.string().trim().min(1).max(128),
  })
  .strict();
export type PaymentReceived = z.infer<typeof paymentReceivedSchema>;

export const restockedSchema = z.object({ sku: z.string().trim().min(1).max(64).optional() }).strict();
export type Restocked = z.infer<typeof restockedSchema>;

export const paymentReceivedSignal = defineSignal<[PaymentReceived]>('payment-received');
export const restockedSignal = defineSignal<[Restocked]>('restocked');

export const orderToCashStages = [
  'credit-check',
  'credit-review',
  'approval',
  'reserving-stock',
  'awaiting-restock',
  'shipping',
  'invoicing',
  'awaiting-payment',
  /** Past the invoice's due date and not with collections: reminders go out. */
  'dunning',
  'collections',
  'posting-receipt',
  'compensating',
  'closed',
] as const;
export type OrderToCashStage = (typeof orderToCashStages)[number];

/** The summary in a COMPLETED/REJECTED/CANCELLED result of this process. */
export interface OrderToCashSummary {
  orderTotal: number;
  currency: string;
  amountPaid: number;
  amountRefunded: number;
  amountWrittenOff: number;
  invoiceId?: string;
  invoiceNumber?: string;
  shipmentId?: string;
  receiptId?: string;
  approvedBy?: string;
}

export const paymentReceivedEvent: ProcessEventDefinition<PaymentReceived> = {
  name: 'payment-received',
  description:
    'A customer payment arrived (partial payments allowed; a repeated reference, in any letter case, is ignored). ' +
    "Refused with 422 when its currency is not the order's or it exceeds what is still owed.",
  schema: paymentReceivedSchema,
  signal: paymentReceivedSignal,
  senders: { roles: ['accounts-receivable', 'payment-provider'] },
  idempotencyKey: 'reference',
};

export const restockedEvent: ProcessEventDefinition<Restocked> = {
  name: 'restocked',
  description: 'Stock was replenished: an order waiting for stock retries its reservation now.',
  schema: restockedSchema,
  signal: restockedSignal,
  senders: { roles: ['warehouse', 'clerk'] },
};

export const orderToCashProcess: ProcessDefinition<OrderToCashInput> = {
  name: 'order-to-cash',
  version: '1.0.0',
  ownerTeam: 'finance-operations',
  description:
    'From customer order to cash: credit check, approval routing, stock, shipping, invoicing, payment collection and dunning.',
  workflowType: 'orderToCash',
  taskQueue: ordoTaskQueue,
  stages: orderToCashStages,
  inputSchema: orderToCashInputSchema as z.ZodType<OrderToCashInput>,
  events: {
    'payment-received': paymentReceivedEvent as ProcessEventDefinition,
    restocked: restockedEvent as ProcessEventDefinition,
  },
  taskTypes: [
    { type: 'credit-review', roles: ['credit-controller'], decisions: ['approve', 'reject'] },
    { type: 'approval', roles: ['manager', 'cfo'], decisions: ['approve', 'reject'] },
    { type: 'collections', roles: ['collections'], decisions: ['write-off', 'keep-chasing'] },
  ],
  sla: { completionTarget: 'P60D', description: 'Order to cash within payment terms plus 30 days' },
  decisionTables: [approvalTable],
  conformance: {
    model: {
      start: ['credit-check'],
      // Approved and paid, written off, rejected (credit check, review, approval), cancelled before or after effects
      // (the saga's last undo), or out of stock for good.
      end: [
        'post-receipt',
        'write-off-invoice',
        'credit-check',
        'credit-review',
        'approval',
        'cancel',
        'release-stock',
        'book-return',
        'void-invoice',
        'refund',
        'reserve-stock',
      ],
      transitions: [
        ['credit-check', 'credit-review'],
        ['credit-check', 'approval'],
        ['credit-check', 'reserve-stock'],
        ['credit-review', 'approval'],
        ['credit-review', 'reserve-stock'],
        ['approval', 'reserve-stock'],
        ['reserve-stock', 'reserve-stock'],
        ['reserve-stock', 'create-shipment'],
        ['create-shipment', 'create-invoice'],
        ['create-invoice', 'render-invoice-pdf'],
        ['render-invoice-pdf', 'mail-invoice'],
        ['mail-invoice', 'post-receipt'],
        ['mail-invoice', 'collections'],
        ['collections', 'collections'],
        ['collections', 'post-receipt'],
        ['collections', 'write-off-invoice'],
        ['*', 'cancel'],
        ['cancel', 'release-stock'],
        ['cancel', 'void-invoice'],
        ['cancel', 'book-return'],
        ['cancel', 'refund'],
        ['void-invoice', 'book-return'],
        ['void-invoice', 'release-stock'],
        ['book-return', 'refund'],
        ['release-stock', 'refund'],
        ['refund', 'refund'],
      ],
      // Mails and reminders of tasks and dunning, stock polling, payments (any time once invoiced).
      ignored: [
        'approval-',
        'credit-review-',
        'collections-',
        'dunning-reminder',
        'check-stock',
        'payment-received',
        'restocked',
        'escalation',
      ],
    },
    rules: [
      {
        id: 'cfo-approves-above-10000',
        description: 'An order above 10,000 is approved by a cfo',
        kind: 'performed-by-role',
        activity: 'approval',
        roles: ['cfo'],
        when: { attribute: 'amount', op: '>', value: 10_000 },
      },
      {
        id: 'no-shipment-before-approval',
        description: 'An order above 1,000 (which needs an approver) is not shipped before it is approved',
        kind: 'precedes',
        before: 'approval',
        after: 'create-shipment',
        when: { attribute: 'amount', op: '>', value: 1_000 },
      },
    ],
  },
  access: {
    start: { roles: ['clerk', 'manager', 'cfo'] },
    read: {
      roles: ['clerk', 'manager', 'cfo', 'credit-controller', 'collections', 'accounts-receivable'],
      requester: true,
    },
    cancel: { roles: ['manager', 'cfo'], requester: true },
  },
};
