import { z } from 'zod';

/** ISO 4217 codes as the runtime's ICU data knows them (current and recent ones), e.g. EUR, JPY; never `ZZZ`. */
const isoCurrencyCodes: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export function isIsoCurrencyCode(code: string): boolean {
  return isoCurrencyCodes.has(code);
}

/** An ISO 4217 currency code; `what` prefixes the message (e.g. "salary currency"). */
export function currencyCodeSchema(what = 'currency') {
  return z.string().refine(isIsoCurrencyCode, { message: `${what} must be an ISO 4217 code such as EUR` });
}
