import type { PurchaseOrderLine } from './activities-contract';
import type { InvoiceReceived, MatchedLine } from './contract';
import type { MatchTolerance } from './match-tolerance-table';

const toCents = (amount: number) => Math.round(amount * 100);

/** Sum of quantity × unit price, in cents, back to the currency's units. */
export function amountOf(lines: ReadonlyArray<{ quantity: number; unitPrice: number }>): number {
  return lines.reduce((sum, line) => sum + toCents(line.quantity * line.unitPrice), 0) / 100;
}

/** `value` is within `percent` % of `reference` (both ways); a rounding hair's breadth is no difference. */
function within(value: number, reference: number, percent: number): boolean {
  return Math.abs(value - reference) <= (Math.abs(reference) * percent) / 100 + 1e-9;
}

export interface ThreeWayMatch {
  matched: boolean;
  lines: MatchedLine[];
}

/**
 * The three-way match of a purchase order, its goods receipts and the supplier's invoice, line by line: the invoiced
 * quantity against what was received (received never exceeds what was ordered: receipts beyond it are refused), the
 * invoiced unit price against the ordered one, each within the tolerance (percent of the reference). A PO line the
 * invoice leaves out counts as invoiced 0 at the ordered price: it matches only if nothing of it was received.
 */
export function threeWayMatch(
  order: readonly PurchaseOrderLine[],
  received: ReadonlyMap<number, number>,
  invoice: Pick<InvoiceReceived, 'lines'>,
  tolerance: MatchTolerance,
): ThreeWayMatch {
  const invoiced = new Map(invoice.lines.map((entry) => [entry.line, entry]));
  const lines = order.map((line): MatchedLine => {
    const billed = invoiced.get(line.line);
    const receivedQuantity = received.get(line.line) ?? 0;
    const invoicedQuantity = billed?.quantity ?? 0;
    const invoicedUnitPrice = billed?.unitPrice ?? line.unitPrice;
    return {
      line: line.line,
      sku: line.sku,
      ordered: line.quantity,
      received: receivedQuantity,
      invoiced: invoicedQuantity,
      orderedUnitPrice: line.unitPrice,
      invoicedUnitPrice,
      quantityMatches: within(invoicedQuantity, receivedQuantity, tolerance.quantityPercent),
      // A line billed as nothing has no price to compare.
      priceMatches: invoicedQuantity === 0 || within(invoicedUnitPrice, line.unitPrice, tolerance.pricePercent),
    };
  });
  return { matched: lines.every((line) => line.quantityMatches && line.priceMatches), lines };
}

/** What does not match, for people: `line 1 (SKU-A): invoiced 10, received 8; line 2 (SKU-B): unit price 12.50, ordered at 12.00`. */
export function describeMismatch(match: ThreeWayMatch): string {
  return match.lines
    .filter((line) => !line.quantityMatches || !line.priceMatches)
    .map((line) => {
      const problems = [
        ...(line.quantityMatches
          ? []
          : [`invoiced ${line.invoiced}, received ${line.received} of ${line.ordered} ordered`]),
        ...(line.priceMatches
          ? []
          : [`unit price ${line.invoicedUnitPrice.toFixed(2)}, ordered at ${line.orderedUnitPrice.toFixed(2)}`]),
      ];
      return `line ${line.line} (${line.sku}): ${problems.join(', ')}`;
    })
    .join('; ');
}
