import type { PaymentReceived } from './contract';
import { formatAmount, fromCents, toCents } from './money';

export interface RecordedPayment {
  reference: string;
  amount: number;
  currency: string;
  receivedAt: string;
}

export type PaymentIntake =
  | { accepted: true; payment: RecordedPayment }
  | { accepted: false; reason: 'duplicate-reference' | 'currency-mismatch'; detail: string };

/**
 * The payments of one order: deduplicated by reference, in the order's currency only.
 * Paying more than the total counts as fully paid (the surplus is the customer's credit, handled outside).
 */
export class PaymentLedger {
  private readonly totalCents: number;
  private readonly received: RecordedPayment[] = [];

  constructor(
    total: number,
    readonly currency: string,
  ) {
    this.totalCents = toCents(total);
  }

  /** References are the payer's: `PAY-1` and `pay-1` name the same payment. */
  isKnownReference(reference: string): boolean {
    const wanted = reference.toLowerCase();
    return this.received.some((existing) => existing.reference.toLowerCase() === wanted);
  }

  receive(payment: PaymentReceived, receivedAt: string): PaymentIntake {
    if (this.isKnownReference(payment.reference)) {
      return {
        accepted: false,
        reason: 'duplicate-reference',
        detail: `reference ${payment.reference} already booked; ignored`,
      };
    }
    if (payment.currency !== this.currency) {
      return {
        accepted: false,
        reason: 'currency-mismatch',
        detail: `${formatAmount(payment.amount, payment.currency)} does not match order currency ${this.currency}; ignored`,
      };
    }
    const recorded: RecordedPayment = {
      reference: payment.reference,
      amount: payment.amount,
      currency: payment.currency,
      receivedAt,
    };
    this.received.push(recorded);
    return { accepted: true, payment: recorded };
  }

  get payments(): RecordedPayment[] {
    return [...this.received];
  }

  get paid(): number {
    return fromCents(this.paidCents());
  }

  get outstanding(): number {
    return fromCents(Math.max(0, this.totalCents - this.paidCents()));
  }

  get fullyPaid(): boolean {
    return this.paidCents() >= this.totalCents;
  }

  private paidCents(): number {
    return this.received.reduce((sum, payment) => sum + toCents(payment.amount), 0);
  }
}
