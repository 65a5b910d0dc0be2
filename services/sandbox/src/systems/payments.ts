import { z } from 'zod';
import { conflict, created } from '../http/answers';
import { cents, currencyCode, identifier, money } from '../http/common-schemas';
import type { SystemRouter } from '../http/system-router';
import { Sequence } from '../core/sequence';

interface Charge {
  chargeId: string;
  orderId: string;
  amount: number;
  currency: string;
  reference: string;
  refunded: number;
}

const chargeRequest = z.object({ orderId: identifier, amount: money, currency: currencyCode, reference: identifier });
const refundRequest = z.object({
  orderId: identifier,
  paymentReference: identifier,
  amount: money,
  currency: currencyCode,
});

/**
 * Payment provider: charges (a customer paying, used by demos) and refunds. A refund of a reference the
 * provider never charged is accepted: payments may also arrive by bank transfer, outside the provider.
 */
export class Payments {
  private charges = new Map<string, Charge>();
  private readonly chargeIds = new Sequence('CHG');
  private readonly refundIds = new Sequence('RFD');

  reset(): void {
    this.charges = new Map();
  }

  charge(request: z.infer<typeof chargeRequest>): Charge {
    const charge: Charge = { ...request, chargeId: this.chargeIds.issue(), refunded: 0 };
    this.charges.set(charge.reference, charge);
    return charge;
  }

  chargeByReference(reference: string): Charge | undefined {
    return this.charges.get(reference);
  }

  nextRefundId(): string {
    return this.refundIds.issue();
  }
}

export function registerPaymentsRoutes(router: SystemRouter, payments: Payments): void {
  router.write('POST', '/charges', { body: chargeRequest }, ({ body, record }) => {
    const existing = payments.chargeByReference(body.reference);
    if (existing) throw conflict('duplicate_reference', { reference: body.reference, chargeId: existing.chargeId });
    const charge = payments.charge(body);
    record('charge.created', body.orderId, {
      chargeId: charge.chargeId,
      reference: body.reference,
      amount: body.amount,
      currency: body.currency,
    });
    return created({ chargeId: charge.chargeId, reference: charge.reference, status: 'succeeded' });
  });

  router.write('POST', '/refunds', { body: refundRequest }, ({ body, record }) => {
    const charge = payments.chargeByReference(body.paymentReference);
    if (charge) {
      if (charge.currency !== body.currency) {
        throw conflict('currency_mismatch', { paymentReference: charge.reference, currency: charge.currency });
      }
      const refundable = cents(charge.amount - charge.refunded);
      if (body.amount > refundable + 0.005) {
        throw conflict('refund_exceeds_charge', { paymentReference: charge.reference, refundable });
      }
      charge.refunded = cents(charge.refunded + body.amount);
    }
    const refundId = payments.nextRefundId();
    record('refund.created', body.orderId, {
      refundId,
      paymentReference: body.paymentReference,
      amount: body.amount,
      currency: body.currency,
    });
    return created({ refundId, status: 'succeeded' });
  });
}
