import { processErrors } from '../lib/process-contract';
import { type EventIntake } from '../lib/process-events';
import { refuse } from '../lib/process-lifecycle';
import { activities } from './activity-proxies';
import { type PaymentReceived, paymentReceivedEvent, paymentReceivedSchema } from './contract';
import { formatAmount, toCents } from './money';
import type { OrderContext } from './order-context';
import type { RecordedPayment } from './payment-ledger';

/** Step names carry the customer's reference; encoding keeps them header-safe without making two references collide. */
function paymentStep(prefix: 'payment' | 'refund', reference: string): string {
  return `${prefix}-${encodeURIComponent(reference)}`;
}

function scheduleRefund(ctx: OrderContext, payment: RecordedPayment): void {
  const step = paymentStep('refund', payment.reference);
  ctx.saga.push(step, async () => {
    await ctx.tracker.runStep(
      step,
      () =>
        activities.refundPayment({
          orderId: ctx.orderId,
          step,
          paymentReference: payment.reference,
          amount: payment.amount,
          currency: payment.currency,
        }),
      (refund) => `refund ${refund.refundId} of ${formatAmount(payment.amount, payment.currency)}`,
    );
    ctx.facts.refundedCents += toCents(payment.amount);
    ctx.tracker.metrics.moneyMoved('refunded', payment.currency, payment.amount);
    ctx.tracker.markCompensated(paymentStep('payment', payment.reference));
  });
}

/** Handler of the `payment-received` signal: books the payment, or records why it was ignored. */
export function receivePayment(ctx: OrderContext, raw: unknown): void {
  const parsed = paymentReceivedSchema.safeParse(raw);
  if (!parsed.success) {
    ctx.tracker.finish(
      'payment-invalid',
      'SKIPPED',
      `ignored malformed payment: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
    return;
  }
  const step = paymentStep('payment', parsed.data.reference);
  const intake = ctx.ledger.receive(parsed.data, new Date().toISOString());
  if (!intake.accepted) {
    ctx.tracker.finish(step, 'SKIPPED', intake.detail);
    return;
  }
  const outstanding = ctx.ledger.outstanding;
  ctx.tracker.finish(
    step,
    'COMPLETED',
    `${formatAmount(intake.payment.amount, intake.payment.currency)} received; outstanding ${formatAmount(outstanding, ctx.ledger.currency)}`,
  );
  ctx.tracker.setAmounts({ amountOutstanding: outstanding });
  ctx.tracker.metrics.moneyMoved('collected', intake.payment.currency, intake.payment.amount);
  scheduleRefund(ctx, intake.payment);
}

/**
 * Payments sent through the API: one in another currency, or above what is still owed, is refused (422) before it is
 * recorded, so no receipt is ever booked above the invoice; a repeated reference is taken and ignored, as a retry.
 */
export function paymentIntake(ctx: OrderContext): EventIntake<PaymentReceived> {
  return {
    definition: paymentReceivedEvent,
    assertAcceptable(payment) {
      if (ctx.facts.settled || ctx.facts.cancellation || ctx.tracker.currentStatus !== 'RUNNING') {
        refuse(
          processErrors.notAcceptingEvent,
          `order ${ctx.orderId} is closed or being cancelled; it takes no payment`,
        );
      }
      if (ctx.ledger.isKnownReference(payment.reference)) return;
      if (payment.currency !== ctx.ledger.currency) {
        refuse(
          processErrors.unprocessable,
          `payment currency ${payment.currency} is not the order's currency ${ctx.ledger.currency}`,
          'currency',
        );
      }
      if (toCents(payment.amount) > toCents(ctx.ledger.outstanding)) {
        refuse(
          processErrors.unprocessable,
          `${formatAmount(payment.amount, payment.currency)} exceeds the ${formatAmount(ctx.ledger.outstanding, ctx.ledger.currency)} still owed on order ${ctx.orderId}`,
          'amount',
        );
      }
    },
    apply: (payment) => receivePayment(ctx, payment),
  };
}
