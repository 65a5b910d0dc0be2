import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time';
import { condition } from '@temporalio/workflow';
import { sendProcessMail } from '../lib/process-mail';
import { activities, completeEvenIfCancelled, documentActivities, orderMail } from './activity-proxies';
import { orderToCashPolicy } from './contract';
import { formatAmount } from './money';
import { customerOf, type FlowEnd, invoiceOf, type OrderContext } from './order-context';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The SKUs an `OutOfStock` failure names, or undefined for any other failure. */
function outOfStockSkus(error: unknown): string[] | undefined {
  if (!(error instanceof ActivityFailure) || !(error.cause instanceof ApplicationFailure)) return undefined;
  if (error.cause.type !== 'OutOfStock') return undefined;
  const [rejection] = (error.cause.details ?? []) as Array<{ skus?: unknown } | undefined>;
  const skus = Array.isArray(rejection?.skus) ? rejection.skus : [];
  return skus.filter((sku): sku is string => typeof sku === 'string');
}

/**
 * Waits for stock until `deadline`: a `restocked` signal retries at once, otherwise stock is
 * checked every poll interval. False when the deadline passed without stock.
 */
async function awaitRestock(ctx: OrderContext, deadline: number): Promise<boolean> {
  const pollMs = msToNumber(orderToCashPolicy.restockPollInterval);
  for (let check = 1; ; check += 1) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return false;
    if (await condition(() => ctx.facts.restockSignalled, Math.min(pollMs, remaining))) {
      ctx.facts.restockSignalled = false;
      return true;
    }
    const stock = await activities.checkStock({ lines: ctx.input.lines });
    if (stock.available) return true;
    ctx.facts.shortSkus = stock.shortSkus;
  }
}

/** Reserves all lines; out of stock, it waits for a restock up to `restockWait`, then cancels the order. */
export async function reserveStock(ctx: OrderContext): Promise<FlowEnd | undefined> {
  const deadline = Date.now() + msToNumber(orderToCashPolicy.restockWait);
  for (let attempt = 1; ; attempt += 1) {
    ctx.tracker.setStage('reserving-stock');
    // Each attempt is its own idempotent call: a retried key would replay the earlier OutOfStock answer.
    const step = attempt === 1 ? 'reserve-stock' : `reserve-stock-${attempt}`;
    // Only a restock announced after this attempt can make the next one succeed.
    ctx.facts.restockSignalled = false;
    try {
      const { reservationId } = await ctx.tracker.runStep(
        step,
        () =>
          completeEvenIfCancelled(() =>
            activities.reserveStock({ orderId: ctx.orderId, step, lines: ctx.input.lines }),
          ),
        (reservation) => `reservation ${reservation.reservationId}`,
      );
      ctx.facts.reservationId = reservationId;
      ctx.saga.push('release-stock', async () => {
        await ctx.tracker.runStep('release-stock', () =>
          activities.releaseStock({ orderId: ctx.orderId, step: 'release-stock', reservationId }),
        );
        ctx.tracker.markCompensated(step);
      });
      return undefined;
    } catch (error) {
      const shortSkus = outOfStockSkus(error);
      if (!shortSkus) throw error;
      ctx.facts.shortSkus = shortSkus;
    }

    ctx.tracker.setStage('awaiting-restock');
    const waitStep = `restock-wait-${attempt}`;
    ctx.tracker.begin(waitStep, `short: ${ctx.facts.shortSkus.join(', ') || 'unknown'}`);
    if (!(await awaitRestock(ctx, deadline))) {
      const reason = `out of stock (${ctx.facts.shortSkus.join(', ')}): no restock within ${orderToCashPolicy.restockWait}`;
      ctx.tracker.finish(waitStep, 'FAILED', reason);
      return { status: 'CANCELLED', reason };
    }
    ctx.tracker.finish(waitStep, 'COMPLETED', 'stock available again');
  }
}

/** Ships the reserved goods; from now on undoing the order means booking a return. */
export async function ship(ctx: OrderContext): Promise<void> {
  ctx.tracker.setStage('shipping');
  const reservationId = ctx.facts.reservationId!;
  const shipment = await ctx.tracker.runStep(
    'create-shipment',
    () =>
      completeEvenIfCancelled(() =>
        activities.createShipment({
          orderId: ctx.orderId,
          step: 'create-shipment',
          customerId: ctx.input.customerId,
          lines: ctx.input.lines,
        }),
      ),
    (created) => `shipment ${created.shipmentId}, tracking ${created.trackingNumber}`,
  );
  ctx.facts.shipmentId = shipment.shipmentId;
  ctx.saga.discard('release-stock');
  ctx.saga.push('book-return', async () => {
    await ctx.tracker.runStep(
      'book-return',
      () =>
        activities.bookReturn({
          orderId: ctx.orderId,
          step: 'book-return',
          shipmentId: shipment.shipmentId,
          reservationId,
        }),
      (booked) => `return ${booked.returnId}`,
    );
    ctx.tracker.markCompensated('create-shipment');
  });
}

/** Invoices on shipment, stores the PDF with the process and mails it to the customer. */
export async function invoice(ctx: OrderContext): Promise<void> {
  ctx.tracker.setStage('invoicing');
  const customer = customerOf(ctx);
  const { currency, lines, paymentTermsDays } = ctx.input;
  const now = Date.now();
  const issuedAt = new Date(now).toISOString();
  const dueDate = new Date(now + paymentTermsDays * DAY_MS).toISOString();
  const created = await ctx.tracker.runStep(
    'create-invoice',
    () =>
      completeEvenIfCancelled(() =>
        activities.createInvoice({
          orderId: ctx.orderId,
          step: 'create-invoice',
          customerId: customer.customerId,
          lines,
          amount: ctx.total,
          currency,
          issuedAt,
          dueDate,
        }),
      ),
    (issued) => `invoice ${issued.invoiceNumber}, due ${dueDate}`,
  );
  ctx.tracker.metrics.moneyMoved('invoiced', currency, ctx.total);
  ctx.saga.push('void-invoice', async () => {
    await ctx.tracker.runStep('void-invoice', () =>
      activities.voidInvoice({ orderId: ctx.orderId, step: 'void-invoice', invoiceId: created.invoiceId }),
    );
    ctx.tracker.markCompensated('create-invoice');
  });

  const pdf = await ctx.tracker.runStep(
    'render-invoice-pdf',
    () =>
      documentActivities.renderInvoicePdf({
        orderId: ctx.orderId,
        step: 'render-invoice-pdf',
        invoiceId: created.invoiceId,
        invoiceNumber: created.invoiceNumber,
        customer: { customerId: customer.customerId, name: customer.name },
        lines,
        amount: ctx.total,
        currency,
        issuedAt,
        dueDate,
      }),
    (document) => document.url,
  );
  ctx.tracker.addDocument(pdf);
  ctx.facts.invoice = { ...created, issuedAt, dueDate, pdfUrl: pdf.url };

  const issued = invoiceOf(ctx);
  await sendProcessMail(
    ctx.tracker,
    {
      reference: ctx.orderId,
      step: 'mail-invoice',
      to: customer.email,
      subject: `Invoice ${issued.invoiceNumber} for order ${ctx.orderId}`,
      body: `Dear ${customer.name}, please pay ${formatAmount(ctx.total, currency)} by ${dueDate.slice(0, 10)}. The invoice is at ${pdf.url}.`,
      attachmentUrl: pdf.url,
    },
    orderMail,
  );
  ctx.tracker.setAmounts({ amountOutstanding: ctx.ledger.outstanding });
}
