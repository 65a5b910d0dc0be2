import type { OrderLine } from './contract';

/** Amounts are summed in integer cents so that partial payments add up exactly. */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

export function fromCents(cents: number): number {
  return cents / 100;
}

export function orderTotal(lines: readonly OrderLine[]): number {
  return fromCents(lines.reduce((sum, line) => sum + toCents(line.quantity * line.unitPrice), 0));
}

export function formatAmount(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}
