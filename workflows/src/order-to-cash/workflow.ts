import { ActivityFailure, ApplicationFailure, TemporalFailure } from '@temporalio/common';
import { CancellationScope, isCancellation, setHandler } from '@temporalio/workflow';
import { CompensationStack } from '../lib/compensation';
import { HumanTasks } from '../lib/human-task';
import type { ProcessResult, ProcessStart } from '../lib/process-contract';
import { eventIntake, registerEventIntake } from '../lib/process-events';
import { parseProcessInput, registerStatusAndTasks } from '../lib/process-lifecycle';
import { ProcessTracker } from '../lib/process-tracker';
import { checkCredit, obtainApproval } from './approval';
import { registerOrderCancellation } from './cancellation';
import { collectPayment } from './collection';
import {
  defaultDunning,
  type OrderToCashInput,
  orderToCashInputSchema,
  type OrderToCashStage,
  type OrderToCashSummary,
  orderToCashProcess,
  paymentReceivedSignal,
  type Restocked,
  restockedEvent,
  restockedSchema,
  restockedSignal,
} from './contract';
import { fromCents, orderTotal } from './money';
import type { FlowEnd, OrderContext, OrderInput } from './order-context';
import { PaymentLedger } from './payment-ledger';
import { paymentIntake, receivePayment } from './payments';
import { invoice, reserveStock, ship } from './fulfilment';

function createContext(start: ProcessStart<OrderToCashInput>): OrderContext {
  const parsed = parseProcessInput(orderToCashInputSchema, start, 'order');
  const input: OrderInput = { ...parsed, dunning: parsed.dunning ?? defaultDunning };
  const total = orderTotal(input.lines);
  const tracker = new ProcessTracker<OrderToCashStage>(
    { process: orderToCashProcess.name, processVersion: orderToCashProcess.version, businessKey: start.businessKey },
    'credit-check',
    // `payment-<reference>` and `refund-<reference>` steps are labelled `payment` and `refund` in metrics.
    { keyedStepFamilies: ['payment', 'refund'] },
  );
  return {
    orderId: start.businessKey,
    requestedBy: start.requestedBy,
    input,
    total,
    tracker,
    tasks: new HumanTasks(tracker, tracker.metrics, { requestedBy: start.requestedBy }),
    ledger: new PaymentLedger(total, input.currency),
    saga: new CompensationStack(),
    facts: { shortSkus: [], restockSignalled: false, refundedCents: 0, writtenOff: 0, settled: false },
  };
}

/** A restock of an unrelated SKU does not make this order reservable. */
function receiveRestock(ctx: OrderContext, { sku }: Restocked): void {
  if (sku === undefined || ctx.facts.shortSkus.length === 0 || ctx.facts.shortSkus.includes(sku)) {
    ctx.facts.restockSignalled = true;
  }
}

function registerHandlers(ctx: OrderContext, forward: CancellationScope): void {
  registerStatusAndTasks(ctx.tracker, ctx.tasks);
  setHandler(paymentReceivedSignal, (payment) => receivePayment(ctx, payment));
  setHandler(restockedSignal, (raw) => {
    const parsed = restockedSchema.safeParse(raw);
    if (parsed.success) receiveRestock(ctx, parsed.data);
  });
  registerEventIntake([
    eventIntake(paymentIntake(ctx)),
    eventIntake({ definition: restockedEvent, apply: (restock: Restocked) => receiveRestock(ctx, restock) }),
  ]);
  registerOrderCancellation(ctx, forward);
}

async function runForward(ctx: OrderContext): Promise<FlowEnd> {
  const refused = (await checkCredit(ctx)) ?? (await obtainApproval(ctx));
  if (refused) return refused;
  const unavailable = await reserveStock(ctx);
  if (unavailable) return unavailable;
  await ship(ctx);
  await invoice(ctx);
  return collectPayment(ctx);
}

function summaryOf(ctx: OrderContext): OrderToCashSummary {
  const { facts } = ctx;
  return {
    orderTotal: ctx.total,
    currency: ctx.input.currency,
    amountPaid: ctx.ledger.paid,
    amountRefunded: fromCents(facts.refundedCents),
    amountWrittenOff: facts.writtenOff,
    ...(facts.invoice ? { invoiceId: facts.invoice.invoiceId, invoiceNumber: facts.invoice.invoiceNumber } : {}),
    ...(facts.shipmentId ? { shipmentId: facts.shipmentId } : {}),
    ...(facts.receiptId ? { receiptId: facts.receiptId } : {}),
    ...(facts.approvedBy ? { approvedBy: facts.approvedBy } : {}),
  };
}

function close(ctx: OrderContext, end: FlowEnd): ProcessResult {
  const result: ProcessResult = {
    status: end.status,
    ...(end.reason === undefined ? {} : { reason: end.reason }),
    decisions: ctx.tracker.decisionRecords,
    summary: Object.fromEntries(Object.entries(summaryOf(ctx))),
  };
  // Nothing is left to collect from a closed order: paid, written off, refunded or never invoiced.
  ctx.tracker.setAmounts({ amountOutstanding: 0 });
  ctx.tracker.close(result, 'closed');
  return result;
}

/** Undoes every completed step, newest first; open tasks lose their purpose. */
async function compensate(ctx: OrderContext, why: string): Promise<string | undefined> {
  ctx.tracker.setStage('compensating');
  ctx.tasks.cancelAll(why);
  const report = await ctx.saga.unwind();
  if (report.failed.length === 0) return undefined;
  return `compensation incomplete: ${report.failed.map((failure) => `${failure.name} (${failure.error})`).join(', ')}`;
}

/** "createShipment: address rejected" rather than the SDK's generic "Activity task failed". */
function describeFailure(error: TemporalFailure): string {
  if (error instanceof ActivityFailure && error.cause) return `${error.activityType}: ${error.cause.message}`;
  return error.message;
}

async function closeCancelled(ctx: OrderContext, reason: string): Promise<ProcessResult> {
  const problem = await compensate(ctx, `process cancelled: ${reason}`);
  return close(ctx, { status: 'CANCELLED', reason: problem ? `${reason}; ${problem}` : reason });
}

/**
 * Order to cash: credit check, approval, stock, shipment, invoice, payment collection and dunning.
 * Cancelled through `cancelUpdate` or Temporal's own cancellation, it compensates and returns CANCELLED.
 */
export async function orderToCash(start: ProcessStart<OrderToCashInput>): Promise<ProcessResult> {
  const ctx = createContext(start);
  const forward = new CancellationScope();
  registerHandlers(ctx, forward);
  ctx.tracker.announce();
  ctx.tracker.setAmounts({
    amount: ctx.total,
    currency: ctx.input.currency,
    amountOutstanding: ctx.ledger.outstanding,
  });
  ctx.tracker.metrics.moneyMoved('ordered', ctx.input.currency, ctx.total);

  let end: FlowEnd;
  try {
    end = await forward.run(() => runForward(ctx));
  } catch (error) {
    ctx.facts.settled = true;
    if (isCancellation(error)) {
      return closeCancelled(ctx, ctx.facts.cancellation?.reason ?? 'cancellation requested through Temporal');
    }
    // Anything but a Temporal failure is a bug: let the workflow task fail and retry once fixed.
    if (!(error instanceof TemporalFailure)) throw error;
    const failure = describeFailure(error);
    const problem = await compensate(ctx, `process failed: ${failure}`);
    ctx.tracker.setStatus('FAILED');
    ctx.tracker.setStage('closed');
    throw ApplicationFailure.create({
      type: 'OrderToCashFailed',
      message: `order ${ctx.orderId} failed: ${failure}${problem ? `; ${problem}` : ''}`,
      nonRetryable: true,
      cause: error,
    });
  }
  ctx.facts.settled = true;
  if (end.status === 'CANCELLED') return closeCancelled(ctx, end.reason);
  return close(ctx, end);
}
