import type { OrderLine } from '@ordo/workflows';
import type { CallOptions, HttpClient, MutationOptions } from '../http/http-client';

export interface StockLine {
  sku: string;
  quantity: number;
}

export interface StockLevel {
  sku: string;
  available: number;
  reserved: number;
}

export interface Reservation {
  reservationId: string;
  orderId: string;
  lines: StockLine[];
}

export interface ReturnBooking {
  bookingId: string;
  orderId: string;
  reservationId: string;
  shipmentId: string;
}

/** ERP: stock levels and reservations. */
export class ErpClient {
  constructor(private readonly http: HttpClient) {}

  /** `undefined` for a SKU the ERP does not know. */
  stockOf(sku: string, options?: CallOptions): Promise<StockLevel | undefined> {
    return this.http.find<StockLevel>(`/stock/${encodeURIComponent(sku)}`, options);
  }

  /** All lines or none; not enough stock → `OutOfStock` with `details[0].skus`. */
  reserve(request: { orderId: string; lines: StockLine[] }, options: MutationOptions): Promise<Reservation> {
    return this.http.send<Reservation>('POST', '/reservations', { json: request }, options);
  }

  release(reservationId: string, options: MutationOptions): Promise<{ reservationId: string; status: string }> {
    return this.http.send('POST', `/reservations/${encodeURIComponent(reservationId)}/release`, undefined, options);
  }

  /** Books the goods of a shipped reservation back into stock. */
  bookReturn(
    request: { orderId: string; shipmentId: string; reservationId: string },
    options: MutationOptions,
  ): Promise<ReturnBooking> {
    return this.http.send<ReturnBooking>('POST', '/returns', { json: request }, options);
  }

  restock(sku: string, quantity: number, options: MutationOptions): Promise<StockLevel> {
    return this.http.send<StockLevel>(
      'POST',
      `/stock/${encodeURIComponent(sku)}/restock`,
      { json: { quantity } },
      options,
    );
  }
}

/** What stock and shipping care about: quantity per SKU (prices stay with accounting). */
export function stockLinesOf(lines: OrderLine[]): StockLine[] {
  const totals = new Map<string, number>();
  for (const { sku, quantity } of lines) totals.set(sku, (totals.get(sku) ?? 0) + quantity);
  return [...totals].map(([sku, quantity]) => ({ sku, quantity }));
}
