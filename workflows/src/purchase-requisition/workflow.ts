import { ActivityFailure, ApplicationFailure, TemporalFailure, WorkflowIdReusePolicy } from '@temporalio/common';
import { CancellationScope, condition, executeChild, isCancellation, setHandler } from '@temporalio/workflow';
import {
  documentApprovalProcess,
  type DocumentApprovalInput,
  type DocumentApprovalSummary,
} from '../document-approval/contract';
import { documentApproval } from '../document-approval/workflow';
import { CompensationStack } from '../lib/compensation';
import { evaluateDecisionTable } from '../lib/decision-table';
import { proxyExternalCalls } from '../lib/external-calls';
import { HumanTasks } from '../lib/human-task';
import { type Actor, processErrors, type ProcessResult, type ProcessStart } from '../lib/process-contract';
import { workflowIdFor } from '../lib/process-definition';
import { eventIntake, registerEventIntake } from '../lib/process-events';
import { parseProcessInput, refuse, registerCancellation, registerStatusAndTasks } from '../lib/process-lifecycle';
import { processMailHooks } from '../lib/process-mail';
import { ProcessTracker } from '../lib/process-tracker';
import { searchAttributesAtStart } from '../lib/search-attributes';
import type { PurchaseOrderLine, PurchaseRequisitionActivities } from './activities-contract';
import {
  approvalKeyFor,
  type GoodsReceived,
  goodsReceivedEvent,
  goodsReceivedSchema,
  goodsReceivedSignal,
  type InvoiceReceived,
  invoiceReceivedEvent,
  invoiceReceivedSchema,
  invoiceReceivedSignal,
  invoiceReviewRoles,
  maxRequisitionKeyLength,
  poNumberFor,
  type PurchaseRequisitionInput,
  purchaseRequisitionInputSchema,
  purchaseRequisitionPolicy as policy,
  purchaseRequisitionProcess,
  type PurchaseRequisitionStage,
  type PurchaseRequisitionSummary,
} from './contract';
import { matchToleranceTable } from './match-tolerance-table';
import { amountOf, describeMismatch, threeWayMatch } from './three-way-match';

const erp = proxyExternalCalls<PurchaseRequisitionActivities>();

interface RequisitionContext {
  key: string;
  requestedBy: string;
  input: PurchaseRequisitionInput;
  /** The purchase order's lines, numbered from 1. */
  lines: PurchaseOrderLine[];
  amount: number;
  tracker: ProcessTracker<PurchaseRequisitionStage>;
  tasks: HumanTasks;
  saga: CompensationStack;
  summary: PurchaseRequisitionSummary;
  /** Set once the ERP holds the purchase order: receipts and invoices are taken from then on. */
  poNumber?: string;
  /** Received quantity per PO line, summed over the receipts. */
  received: Map<number, number>;
  /** Receipt ids taken, lower-cased: a receipt sent again is taken once. */
  receiptIds: Set<string>;
  deliveryComplete: boolean;
  invoice?: InvoiceReceived & { receivedBy: string };
  cancellation?: { reason: string; requestedBy: string };
  settled: boolean;
}

type FlowEnd = { status: 'COMPLETED' | 'REJECTED' | 'CANCELLED'; reason?: string };

const cancelOrderStep = 'cancel-purchase-order';

function formatAmount(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}

/** Every ordered line arrived, or the warehouse said the delivery is complete. */
function deliveryDone(ctx: RequisitionContext): boolean {
  return ctx.deliveryComplete || ctx.lines.every((line) => (ctx.received.get(line.line) ?? 0) >= line.quantity);
}

function sameReference(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

// ---------------------------------------------------------------------------------------------------------------
// Events: the same rules for the Update (the validator refuses, leaving no trace) and the signal (ignored when refused).

interface Refusal {
  type: string;
  message: string;
  path?: string;
}

function receiptRefusal(ctx: RequisitionContext, receipt: GoodsReceived): Refusal | undefined {
  if (ctx.settled || ctx.cancellation)
    return { type: processErrors.notAcceptingEvent, message: `requisition ${ctx.key} is closed` };
  if (!ctx.poNumber)
    return { type: processErrors.notAcceptingEvent, message: `requisition ${ctx.key} has no purchase order yet` };
  if (ctx.receiptIds.has(receipt.receiptId.toLowerCase())) return undefined; // Taken already: accepted, changes nothing.
  if (deliveryDone(ctx))
    return { type: processErrors.notAcceptingEvent, message: `the delivery of ${ctx.poNumber} is complete` };
  for (const [index, entry] of receipt.lines.entries()) {
    const line = ctx.lines[entry.line - 1];
    if (!line) {
      return {
        type: processErrors.unprocessable,
        message: `${ctx.poNumber} has no line ${entry.line} (it has ${ctx.lines.length})`,
        path: `lines.${index}.line`,
      };
    }
    const already = ctx.received.get(entry.line) ?? 0;
    if (already + entry.quantity > line.quantity) {
      return {
        type: processErrors.unprocessable,
        message: `line ${entry.line} (${line.sku}): ${entry.quantity} more would exceed the ${line.quantity} ordered (${already} received so far)`,
        path: `lines.${index}.quantity`,
      };
    }
  }
  return undefined;
}

function takeReceipt(ctx: RequisitionContext, receipt: GoodsReceived, sender: string): void {
  if (ctx.receiptIds.has(receipt.receiptId.toLowerCase())) return;
  ctx.receiptIds.add(receipt.receiptId.toLowerCase());
  for (const entry of receipt.lines) ctx.received.set(entry.line, (ctx.received.get(entry.line) ?? 0) + entry.quantity);
  if (receipt.complete) ctx.deliveryComplete = true;
  ctx.summary.receipts.push({
    receiptId: receipt.receiptId,
    receivedBy: sender,
    lines: receipt.lines.map(({ line, quantity }) => ({ line, quantity })),
  });
  // Goods are in the warehouse: the purchase order is being fulfilled, and a cancellation no longer undoes it.
  ctx.saga.discard(cancelOrderStep);
  const received = ctx.lines
    .map((line) => `${line.line}: ${ctx.received.get(line.line) ?? 0}/${line.quantity}`)
    .join(', ');
  ctx.tracker.finish(
    `goods-receipt-${ctx.summary.receipts.length}`,
    'COMPLETED',
    `${receipt.receiptId} by ${sender}; received ${received}${receipt.complete ? ' (delivery complete)' : ''}`,
  );
}

function invoiceRefusal(ctx: RequisitionContext, invoice: InvoiceReceived): Refusal | undefined {
  if (ctx.settled || ctx.cancellation)
    return { type: processErrors.notAcceptingEvent, message: `requisition ${ctx.key} is closed` };
  if (!ctx.poNumber)
    return { type: processErrors.notAcceptingEvent, message: `requisition ${ctx.key} has no purchase order yet` };
  if (ctx.invoice) {
    if (sameReference(ctx.invoice.invoiceNumber, invoice.invoiceNumber)) return undefined; // The same invoice again: no change.
    return {
      type: processErrors.notAcceptingEvent,
      message: `invoice ${ctx.invoice.invoiceNumber} is already booked against ${ctx.poNumber}`,
    };
  }
  if (invoice.currency !== ctx.input.currency) {
    return {
      type: processErrors.unprocessable,
      message: `${ctx.poNumber} is in ${ctx.input.currency}, the invoice in ${invoice.currency}`,
      path: 'currency',
    };
  }
  for (const [index, entry] of invoice.lines.entries()) {
    if (!ctx.lines[entry.line - 1]) {
      return {
        type: processErrors.unprocessable,
        message: `${ctx.poNumber} has no line ${entry.line} (it has ${ctx.lines.length})`,
        path: `lines.${index}.line`,
      };
    }
  }
  return undefined;
}

function takeInvoice(ctx: RequisitionContext, invoice: InvoiceReceived, sender: string): void {
  if (ctx.invoice) return;
  ctx.invoice = { ...invoice, receivedBy: sender };
  const amount = amountOf(invoice.lines);
  ctx.summary.invoice = { invoiceNumber: invoice.invoiceNumber, amount };
  ctx.tracker.finish(
    'invoice-received',
    'COMPLETED',
    `${invoice.invoiceNumber} (${formatAmount(amount, invoice.currency)}) by ${sender}`,
  );
}

function registerEvents(ctx: RequisitionContext): void {
  const refuseIf = (refusal: Refusal | undefined) => {
    if (refusal) refuse(refusal.type, refusal.message, refusal.path);
  };
  registerEventIntake([
    eventIntake<GoodsReceived>({
      definition: goodsReceivedEvent,
      assertAcceptable: (receipt) => refuseIf(receiptRefusal(ctx, receipt)),
      apply: (receipt, sender: Actor) => takeReceipt(ctx, receipt, sender.id),
    }),
    eventIntake<InvoiceReceived>({
      definition: invoiceReceivedEvent,
      assertAcceptable: (invoice) => refuseIf(invoiceRefusal(ctx, invoice)),
      apply: (invoice, sender: Actor) => takeInvoice(ctx, invoice, sender.id),
    }),
  ]);
  // Senders inside Temporal: the same rules, a refused one is dropped.
  setHandler(goodsReceivedSignal, (raw) => {
    const parsed = goodsReceivedSchema.safeParse(raw);
    if (parsed.success && !receiptRefusal(ctx, parsed.data)) takeReceipt(ctx, parsed.data, 'signal');
  });
  setHandler(invoiceReceivedSignal, (raw) => {
    const parsed = invoiceReceivedSchema.safeParse(raw);
    if (parsed.success && !invoiceRefusal(ctx, parsed.data)) takeInvoice(ctx, parsed.data, 'signal');
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The forward flow.

/** The requisition as the document approval chain sees it. */
function approvalDocument(ctx: RequisitionContext): DocumentApprovalInput {
  const { input } = ctx;
  const lines = ctx.lines.map(
    (line) => `${line.line}. ${line.quantity} × ${line.sku} ${line.description} at ${line.unitPrice.toFixed(2)}`,
  );
  const summary = [
    `Supplier ${input.supplierId}, needed by ${input.neededBy}.`,
    ...lines,
    ...(input.justification ? [`Why: ${input.justification}`] : []),
  ].join('\n');
  return {
    documentType: 'purchase-order',
    title: `Purchase requisition ${ctx.key}: ${input.title}`.slice(0, 200),
    amount: ctx.amount,
    currency: input.currency,
    category: input.category,
    department: input.department,
    summary: summary.slice(0, 4000),
  };
}

/**
 * The document-approval process signs off the requisition, as a child instance `document-approval:<key>.approval`:
 * its chain table, four-eyes rules, escalations, returns and resubmissions are the one copy of approval there is.
 * Approvers act on that instance (it is listed in their inbox as any document approval); the requester resubmits a
 * returned requisition there. Undefined when approved as requested.
 */
async function approve(ctx: RequisitionContext): Promise<FlowEnd | undefined> {
  ctx.tracker.setStage('approval');
  const approvalKey = approvalKeyFor(ctx.key);
  const workflowId = workflowIdFor(documentApprovalProcess.name, approvalKey);
  const document = approvalDocument(ctx);
  const result = await ctx.tracker.runStep(
    'approval',
    () =>
      executeChild(documentApproval, {
        workflowId,
        args: [{ businessKey: approvalKey, input: document, requestedBy: ctx.requestedBy }],
        // As the API starts an instance: listed, counted and readable by its requester before it ran.
        typedSearchAttributes: searchAttributesAtStart(documentApprovalProcess, approvalKey, ctx.requestedBy),
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      }),
    (closed) => `${workflowId}: ${closed.status}${closed.reason ? ` (${closed.reason})` : ''}`,
  );
  for (const decision of result.decisions) ctx.tracker.addDecision(decision);
  const approval = result.summary as unknown as DocumentApprovalSummary;
  ctx.summary.approval = {
    workflowId,
    status: result.status,
    chain: [...approval.chain],
    approvals: approval.approvals.map((entry) => ({ ...entry })),
  };
  if (result.status === 'REJECTED')
    return { status: 'REJECTED', reason: `not approved: ${result.reason ?? 'rejected'}` };
  if (result.status === 'CANCELLED') {
    return {
      status: 'CANCELLED',
      reason:
        ctx.cancellation?.reason ?? `its approval ${workflowId} was cancelled: ${result.reason ?? 'no reason given'}`,
    };
  }
  // A returned requisition may have been resubmitted with other content: only an approval of what is ordered counts.
  if (approval.amount !== ctx.amount || approval.currency !== ctx.input.currency) {
    return {
      status: 'REJECTED',
      reason: `approved for ${formatAmount(approval.amount, approval.currency)}, but the requisition is for ${formatAmount(ctx.amount, ctx.input.currency)}: raise a new requisition`,
    };
  }
  return undefined;
}

/** Creates the purchase order in the ERP; undefined once it exists. */
async function order(ctx: RequisitionContext): Promise<FlowEnd | undefined> {
  ctx.tracker.setStage('ordering');
  const poNumber = poNumberFor(ctx.key);
  try {
    // Finished even when cancelled half-way: an order the saga does not know of would be left behind.
    await CancellationScope.nonCancellable(() =>
      ctx.tracker.runStep(
        'purchase-order',
        () =>
          erp.createPurchaseOrder({
            step: 'purchase-order',
            poNumber,
            requisitionId: ctx.key,
            supplierId: ctx.input.supplierId,
            department: ctx.input.department,
            currency: ctx.input.currency,
            neededBy: ctx.input.neededBy,
            lines: ctx.lines,
          }),
        (created) =>
          `${created.poNumber} (${formatAmount(created.amount, ctx.input.currency)})${created.created ? '' : ', existed already'}`,
      ),
    );
  } catch (error) {
    if (
      error instanceof ActivityFailure &&
      error.cause instanceof ApplicationFailure &&
      error.cause.type === 'SupplierNotFound'
    ) {
      return { status: 'REJECTED', reason: `supplier ${ctx.input.supplierId} is not known to the ERP` };
    }
    throw error;
  }
  ctx.poNumber = poNumber;
  ctx.summary.poNumber = poNumber;
  ctx.saga.push(cancelOrderStep, async () => {
    await ctx.tracker.runStep(cancelOrderStep, () =>
      erp.cancelPurchaseOrder({
        step: cancelOrderStep,
        poNumber,
        reason: ctx.cancellation?.reason ?? 'requisition closed',
      }),
    );
    ctx.tracker.markCompensated('purchase-order');
  });
  return undefined;
}

async function awaitGoodsAndInvoice(ctx: RequisitionContext): Promise<InvoiceReceived & { receivedBy: string }> {
  ctx.tracker.setStage('awaiting-goods');
  await condition(() => deliveryDone(ctx));
  if (!ctx.invoice) {
    ctx.tracker.setStage('awaiting-invoice');
    await condition(() => ctx.invoice !== undefined);
  }
  return ctx.invoice!;
}

async function approveForPayment(
  ctx: RequisitionContext,
  invoice: InvoiceReceived,
  exception?: { approvedBy: string; comment: string },
): Promise<void> {
  const amount = amountOf(invoice.lines);
  const { approvalId } = await ctx.tracker.runStep(
    'approve-invoice',
    () =>
      erp.approveInvoiceForPayment({
        step: 'approve-invoice',
        poNumber: ctx.poNumber!,
        invoiceNumber: invoice.invoiceNumber,
        amount,
        currency: invoice.currency,
        ...(exception ? { approvedBy: exception.approvedBy, exception: exception.comment } : {}),
      }),
    (approved) =>
      `${approved.approvalId}: ${invoice.invoiceNumber} (${formatAmount(amount, invoice.currency)}) to payment`,
  );
  ctx.summary.invoiceApproval = {
    approvalId,
    ...(exception ? { approvedBy: exception.approvedBy, exception: exception.comment } : {}),
  };
}

async function matchAndSettle(ctx: RequisitionContext, invoice: InvoiceReceived): Promise<FlowEnd> {
  ctx.tracker.setStage('matching');
  const tolerance = evaluateDecisionTable(matchToleranceTable, { amount: ctx.amount });
  ctx.tracker.addDecision(tolerance.record);
  const match = threeWayMatch(ctx.lines, ctx.received, invoice, tolerance.output);
  ctx.summary.match = { matched: match.matched, lines: match.lines };
  const mismatch = describeMismatch(match);
  ctx.tracker.finish(
    'three-way-match',
    'COMPLETED',
    match.matched
      ? `matched within ${tolerance.output.pricePercent}% on price, ${tolerance.output.quantityPercent}% on quantity`
      : `mismatch: ${mismatch}`,
  );
  if (match.matched) {
    await approveForPayment(ctx, invoice);
    return { status: 'COMPLETED' };
  }

  ctx.tracker.setStage('invoice-review');
  const task = ctx.tasks.open({
    type: 'invoice-review',
    title: `Invoice ${invoice.invoiceNumber} does not match ${ctx.poNumber} (${ctx.input.supplierId})`,
    candidateRoles: [invoiceReviewRoles[0]],
    decisions: ['approve', 'reject'],
    // Paying what does not match, or disputing it, is decided with a reason.
    commentRequiredFor: ['approve', 'reject'],
    due: policy.invoiceReviewDue,
    escalationTargets: policy.escalationTargets,
    priority: 'high',
    data: {
      poNumber: ctx.poNumber,
      supplierId: ctx.input.supplierId,
      invoiceNumber: invoice.invoiceNumber,
      invoiceAmount: amountOf(invoice.lines),
      orderAmount: ctx.amount,
      currency: ctx.input.currency,
      mismatch,
      mismatchedLines: match.lines.filter((line) => !line.quantityMatches || !line.priceMatches),
      tolerance: tolerance.output,
      requestedBy: ctx.requestedBy,
      commentRequiredFor: ['approve', 'reject'],
    },
    hooks: processMailHooks(ctx.tracker, ctx.key),
  });
  const outcome = await task.completion;
  const comment = outcome.comment ?? '';
  if (outcome.decision === 'approve') {
    await approveForPayment(ctx, invoice, { approvedBy: outcome.actor.id, comment });
    return { status: 'COMPLETED' };
  }
  const { disputeId } = await ctx.tracker.runStep(
    'supplier-dispute',
    () =>
      erp.openSupplierDispute({
        step: 'supplier-dispute',
        poNumber: ctx.poNumber!,
        invoiceNumber: invoice.invoiceNumber,
        reason: comment,
        lines: match.lines.filter((line) => !line.quantityMatches || !line.priceMatches).map((line) => line.line),
      }),
    (opened) => `${opened.disputeId} with ${ctx.input.supplierId}`,
  );
  ctx.summary.disputeId = disputeId;
  return {
    status: 'REJECTED',
    reason: `invoice ${invoice.invoiceNumber} rejected by ${outcome.actor.id}: ${comment}; dispute ${disputeId} opened with the supplier`,
  };
}

async function runForward(ctx: RequisitionContext): Promise<FlowEnd> {
  const notApproved = await approve(ctx);
  if (notApproved) return notApproved;
  const notOrdered = await order(ctx);
  if (notOrdered) return notOrdered;
  const invoice = await awaitGoodsAndInvoice(ctx);
  return matchAndSettle(ctx, invoice);
}

// ---------------------------------------------------------------------------------------------------------------
// Closing.

function assertCancellable(ctx: RequisitionContext): void {
  if (ctx.settled || ctx.cancellation) refuse(processErrors.notCancellable, `requisition ${ctx.key} is already closed`);
  if (ctx.summary.receipts.length > 0) {
    refuse(
      processErrors.notCancellable,
      `goods were received against ${ctx.poNumber}: it can no longer be cancelled (return the goods to the supplier)`,
    );
  }
}

/** Cancels open tasks and undoes what is pending (the purchase order), newest first; a failed undo is named. */
async function cleanUp(ctx: RequisitionContext, why: string): Promise<string | undefined> {
  ctx.tasks.cancelAll(why);
  if (ctx.saga.pendingNames.length === 0) return undefined;
  ctx.tracker.setStage('compensating');
  const report = await ctx.saga.unwind();
  return report.failed.length === 0
    ? undefined
    : `clean-up incomplete: ${report.failed.map((failure) => `${failure.name} (${failure.error})`).join(', ')}`;
}

function close(ctx: RequisitionContext, end: FlowEnd): ProcessResult {
  const result: ProcessResult = {
    status: end.status,
    ...(end.reason === undefined ? {} : { reason: end.reason }),
    decisions: ctx.tracker.decisionRecords,
    summary: { ...ctx.summary },
  };
  ctx.tracker.close(result, 'closed');
  return result;
}

/**
 * Purchase requisition → purchase order: approval by the document-approval chain (child instance), the PO in the
 * ERP (one per business key), goods receipts (`goods-received`, adding up), the supplier invoice
 * (`invoice-received`), the three-way match within the tolerance table, then payment approval or a review by accounts
 * payable (approve with a comment, or reject into a supplier dispute). Cancelled before any goods arrived, it cancels
 * the approval or the PO.
 */
export async function purchaseRequisition(start: ProcessStart<PurchaseRequisitionInput>): Promise<ProcessResult> {
  const input = parseProcessInput(purchaseRequisitionInputSchema, start, 'requisition');
  if (start.businessKey.length > maxRequisitionKeyLength) {
    refuse(
      'InvalidInput',
      `requisition id "${start.businessKey}" is longer than ${maxRequisitionKeyLength} characters`,
      'businessKey',
    );
  }
  const tracker = new ProcessTracker<PurchaseRequisitionStage>(
    {
      process: purchaseRequisitionProcess.name,
      processVersion: purchaseRequisitionProcess.version,
      businessKey: start.businessKey,
    },
    'approval',
  );
  const lines = input.lines.map((line, index): PurchaseOrderLine => ({ line: index + 1, ...line }));
  const amount = amountOf(lines);
  const ctx: RequisitionContext = {
    key: start.businessKey,
    requestedBy: start.requestedBy,
    input,
    lines,
    amount,
    tracker,
    tasks: new HumanTasks(tracker, tracker.metrics, { requestedBy: start.requestedBy }),
    saga: new CompensationStack(),
    summary: { title: input.title, supplierId: input.supplierId, amount, currency: input.currency, receipts: [] },
    received: new Map(),
    receiptIds: new Set(),
    deliveryComplete: false,
    settled: false,
  };
  const forward = new CancellationScope();
  registerStatusAndTasks(tracker, ctx.tasks);
  registerEvents(ctx);
  registerCancellation({
    tracker,
    forward,
    assertMayCancel: () => assertCancellable(ctx),
    record: (cancellation) => {
      ctx.cancellation = cancellation;
    },
  });
  tracker.announce();
  tracker.setAmounts({ amount, currency: input.currency });

  let end: FlowEnd;
  try {
    end = await forward.run(() => runForward(ctx));
  } catch (error) {
    ctx.settled = true;
    if (isCancellation(error)) {
      end = { status: 'CANCELLED', reason: ctx.cancellation?.reason ?? 'cancellation requested through Temporal' };
    } else {
      if (!(error instanceof TemporalFailure)) throw error;
      const failure =
        error instanceof ActivityFailure && error.cause
          ? `${error.activityType}: ${error.cause.message}`
          : error.message;
      const problem = await cleanUp(ctx, `requisition failed: ${failure}`);
      tracker.setStatus('FAILED');
      tracker.setStage('closed');
      throw ApplicationFailure.create({
        type: 'PurchaseRequisitionFailed',
        message: `requisition ${ctx.key} failed: ${failure}${problem ? `; ${problem}` : ''}`,
        nonRetryable: true,
        cause: error,
      });
    }
  }
  ctx.settled = true;
  if (end.status === 'CANCELLED') {
    const problem = await cleanUp(ctx, `requisition cancelled: ${end.reason}`);
    if (problem) end = { ...end, reason: `${end.reason}; ${problem}` };
  }
  return close(ctx, end);
}
