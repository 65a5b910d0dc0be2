import { z } from 'zod';
import { conflict, created, notFound, ok } from '../http/answers';
import { idParams, identifier, quantity, stockLine, type StockLine } from '../http/common-schemas';
import type { SystemRouter } from '../http/system-router';
import { Sequence } from '../core/sequence';
import { seedStock } from './seed';

type ReservationStatus = 'active' | 'released' | 'returned';

interface Reservation {
  reservationId: string;
  orderId: string;
  lines: StockLine[];
  status: ReservationStatus;
}

const reservationRequest = z.object({ orderId: identifier, lines: z.array(stockLine).min(1).max(500) });
const returnRequest = z.object({ orderId: identifier, shipmentId: identifier, reservationId: identifier });
const restockRequest = z.object({ quantity });
const skuParams = z.object({ sku: identifier });

/** ERP: stock levels and reservations. A reservation takes stock out of `available` until released or returned. */
export class Erp {
  private available = new Map<string, number>();
  private reservations = new Map<string, Reservation>();
  private readonly reservationIds = new Sequence('RES');
  private readonly returnBookingIds = new Sequence('ERPRET');

  constructor() {
    this.reset();
  }

  reset(): void {
    this.available = new Map(Object.entries(seedStock));
    this.reservations = new Map();
  }

  stockOf(sku: string): { sku: string; available: number; reserved: number } | undefined {
    const available = this.available.get(sku);
    if (available === undefined) return undefined;
    const reserved = [...this.reservations.values()]
      .filter((reservation) => reservation.status === 'active')
      .flatMap((reservation) => reservation.lines)
      .filter((line) => line.sku === sku)
      .reduce((sum, line) => sum + line.quantity, 0);
    return { sku, available, reserved };
  }

  /** SKUs whose available stock cannot cover the requested lines (unknown SKUs count as zero). */
  shortSkus(lines: StockLine[]): string[] {
    return [...totalsBySku(lines)]
      .filter(([sku, needed]) => (this.available.get(sku) ?? 0) < needed)
      .map(([sku]) => sku);
  }

  reserve(orderId: string, lines: StockLine[]): Reservation {
    for (const [sku, needed] of totalsBySku(lines)) this.available.set(sku, (this.available.get(sku) ?? 0) - needed);
    const reservation: Reservation = { reservationId: this.reservationIds.issue(), orderId, lines, status: 'active' };
    this.reservations.set(reservation.reservationId, reservation);
    return reservation;
  }

  reservation(reservationId: string): Reservation | undefined {
    return this.reservations.get(reservationId);
  }

  release(reservation: Reservation): void {
    this.giveBack(reservation, 'released');
  }

  /** Books shipped goods that came back into stock; returns the booking's id. */
  bookReturn(reservation: Reservation): string {
    this.giveBack(reservation, 'returned');
    return this.returnBookingIds.issue();
  }

  restock(lines: StockLine[]): void {
    for (const [sku, added] of totalsBySku(lines)) this.available.set(sku, (this.available.get(sku) ?? 0) + added);
  }

  /** Puts the reservation's goods back into available stock and closes it. */
  private giveBack(reservation: Reservation, status: Exclude<ReservationStatus, 'active'>): void {
    this.restock(reservation.lines);
    reservation.status = status;
  }
}

function totalsBySku(lines: StockLine[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.sku, (totals.get(line.sku) ?? 0) + line.quantity);
  return totals;
}

function activeReservation(erp: Erp, reservationId: string): Reservation {
  const reservation = erp.reservation(reservationId);
  if (!reservation) throw notFound('reservation_not_found', { reservationId });
  if (reservation.status !== 'active') {
    throw conflict('reservation_not_active', { reservationId, status: reservation.status });
  }
  return reservation;
}

export function registerErpRoutes(router: SystemRouter, erp: Erp): void {
  router.read('/stock/:sku', { params: skuParams }, ({ params }) => {
    const stock = erp.stockOf(params.sku);
    if (!stock) throw notFound('sku_not_found', { sku: params.sku });
    return ok(stock);
  });

  router.read('/reservations/:id', { params: idParams }, ({ params }) => {
    const reservation = erp.reservation(params.id);
    if (!reservation) throw notFound('reservation_not_found', { reservationId: params.id });
    return ok(reservation);
  });

  router.write('POST', '/reservations', { body: reservationRequest }, ({ body, record }) => {
    const skus = erp.shortSkus(body.lines);
    if (skus.length > 0) throw conflict('out_of_stock', { skus });
    const reservation = erp.reserve(body.orderId, body.lines);
    record('reservation.created', body.orderId, { reservationId: reservation.reservationId, lines: body.lines });
    return created({ reservationId: reservation.reservationId, orderId: body.orderId, lines: body.lines });
  });

  router.write('POST', '/reservations/:id/release', { params: idParams }, ({ params, record }) => {
    const reservation = activeReservation(erp, params.id);
    erp.release(reservation);
    record('reservation.released', reservation.orderId, {
      reservationId: reservation.reservationId,
      lines: reservation.lines,
    });
    return ok({ reservationId: reservation.reservationId, status: reservation.status });
  });

  router.write('POST', '/returns', { body: returnRequest }, ({ body, record }) => {
    const reservation = activeReservation(erp, body.reservationId);
    if (reservation.orderId !== body.orderId) {
      throw conflict('reservation_order_mismatch', {
        reservationId: reservation.reservationId,
        orderId: reservation.orderId,
      });
    }
    const bookingId = erp.bookReturn(reservation);
    record('return.booked', body.orderId, {
      bookingId,
      reservationId: reservation.reservationId,
      shipmentId: body.shipmentId,
      lines: reservation.lines,
    });
    return created({
      bookingId,
      orderId: body.orderId,
      reservationId: reservation.reservationId,
      shipmentId: body.shipmentId,
      lines: reservation.lines,
    });
  });

  router.write(
    'POST',
    '/stock/:sku/restock',
    { params: skuParams, body: restockRequest },
    ({ params, body, record }) => {
      erp.restock([{ sku: params.sku, quantity: body.quantity }]);
      const stock = erp.stockOf(params.sku);
      record('stock.restocked', null, { sku: params.sku, quantity: body.quantity, available: stock?.available });
      return ok(stock);
    },
  );
}
