import { z } from 'zod';

// Building blocks shared by the simulated systems' request schemas.
export const identifier = z.string().trim().min(1).max(128);
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR');
export const money = z.number().positive().max(1_000_000_000_000);
export const quantity = z.number().int().positive().max(1_000_000);
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T.*)?$/, 'must be an ISO 8601 date or date-time')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be a valid date');

export const stockLine = z.object({ sku: identifier, quantity });
export const pricedLine = z.object({
  sku: identifier,
  quantity,
  unitPrice: z.number().nonnegative().max(1_000_000_000),
});

export const idParams = z.object({ id: identifier });

export type StockLine = z.infer<typeof stockLine>;
export type PricedLine = z.infer<typeof pricedLine>;

/** Rounds to cents so repeated additions of money do not drift. */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}
