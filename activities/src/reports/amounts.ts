/** The currency's own number of decimals (JPY none, EUR two, BHD three); two for a code Intl does not know. */
export function minorUnitDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** `1234.50`: what a spreadsheet reads as a number, with the currency's decimals. */
export function plainAmount(amount: number, currency: string): string {
  return amount.toFixed(minorUnitDigits(currency));
}
