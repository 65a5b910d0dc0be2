import type { AgingBucket, AgingFigures, AgingRow } from './contract';
import { agingBuckets } from './contract';

/** An invoice still (partly) unpaid, as the collector read it from one order-to-cash instance. */
export interface OpenInvoice {
  businessKey: string;
  customerId: string;
  currency: string;
  /** What is still owed on it. */
  amountOutstanding: number;
  dueDate: string;
}

const dayMs = 86_400_000;

/** Whole days from the due date to `asOf`; an invoice not yet due is 0 days past due. */
export function daysPastDue(dueDate: string, asOf: string): number {
  return Math.max(0, Math.floor((Date.parse(asOf) - Date.parse(dueDate)) / dayMs));
}

export function agingBucketOf(days: number): AgingBucket {
  if (days <= 30) return '0-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '90+';
}

// Sums are kept in hundredths, so that adding amounts in floating point never shows 0.30000000000000004.
const toHundredths = (amount: number) => Math.round(amount * 100);
const fromHundredths = (hundredths: number) => hundredths / 100;

interface Sums {
  buckets: Record<AgingBucket, number>;
  invoices: number;
}

function emptySums(): Sums {
  return { buckets: { '0-30': 0, '31-60': 0, '61-90': 0, '90+': 0 }, invoices: 0 };
}

function add(sums: Sums, bucket: AgingBucket, amount: number): void {
  sums.buckets[bucket] += toHundredths(amount);
  sums.invoices += 1;
}

function amounts(sums: Sums): { buckets: Record<AgingBucket, number>; total: number } {
  const buckets = Object.fromEntries(
    agingBuckets.map((bucket) => [bucket, fromHundredths(sums.buckets[bucket])]),
  ) as Record<AgingBucket, number>;
  const total = fromHundredths(agingBuckets.reduce((sum, bucket) => sum + sums.buckets[bucket], 0));
  return { buckets, total };
}

/** The accounts-receivable aging of open invoices as of `asOf`: per customer and currency, and totals per currency. */
export function ageReceivables(
  invoices: readonly OpenInvoice[],
  asOf: string,
  unreadable: string[] = [],
): AgingFigures {
  const byCustomer = new Map<string, { customerId: string; currency: string; sums: Sums }>();
  const byCurrency = new Map<string, Sums>();
  for (const invoice of invoices) {
    if (!(invoice.amountOutstanding > 0)) continue;
    const bucket = agingBucketOf(daysPastDue(invoice.dueDate, asOf));
    const key = `${invoice.customerId}\u0000${invoice.currency}`;
    const row = byCustomer.get(key) ?? {
      customerId: invoice.customerId,
      currency: invoice.currency,
      sums: emptySums(),
    };
    byCustomer.set(key, row);
    add(row.sums, bucket, invoice.amountOutstanding);
    const totals = byCurrency.get(invoice.currency) ?? emptySums();
    byCurrency.set(invoice.currency, totals);
    add(totals, bucket, invoice.amountOutstanding);
  }
  const rows: AgingRow[] = [...byCustomer.values()]
    .sort((a, b) => compare(a.customerId, b.customerId) || compare(a.currency, b.currency))
    .map(({ customerId, currency, sums }) => ({ customerId, currency, ...amounts(sums), invoices: sums.invoices }));
  const totals = [...byCurrency.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([currency, sums]) => ({ currency, ...amounts(sums), invoices: sums.invoices }));
  return { asOf, rows, totals, unreadable: [...unreadable].sort(compare) };
}

/** Code-point order: the same in every locale, so the same figures give the same documents. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
