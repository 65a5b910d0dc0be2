import { z } from 'zod';
import { conflict, created, notFound, ok, Rejection } from '../http/answers';
import { idParams, identifier, stockLine, type StockLine } from '../http/common-schemas';
import type { SystemRouter } from '../http/system-router';
import { Sequence } from '../core/sequence';
import { seedUnservedCustomers } from './seed';

interface Shipment {
  shipmentId: string;
  trackingNumber: string;
  orderId: string;
  customerId: string;
  lines: StockLine[];
  status: 'created' | 'return-requested';
  returnId?: string;
}

const shipmentRequest = z.object({
  orderId: identifier,
  customerId: identifier,
  lines: z.array(stockLine).min(1).max(500),
});
const returnRequest = z.object({ reason: z.string().max(500).optional() }).optional();

/** Carrier: shipments and return pick-ups. */
export class Carrier {
  private shipments = new Map<string, Shipment>();
  private readonly shipmentIds = new Sequence('SHP');
  private readonly trackingNumbers = new Sequence('TRK');
  private readonly returnIds = new Sequence('RET');

  reset(): void {
    this.shipments = new Map();
  }

  ship(orderId: string, customerId: string, lines: StockLine[]): Shipment {
    const shipment: Shipment = {
      shipmentId: this.shipmentIds.issue(),
      trackingNumber: this.trackingNumbers.issue(),
      orderId,
      customerId,
      lines,
      status: 'created',
    };
    this.shipments.set(shipment.shipmentId, shipment);
    return shipment;
  }

  shipment(shipmentId: string): Shipment | undefined {
    return this.shipments.get(shipmentId);
  }

  requestReturn(shipment: Shipment): string {
    shipment.returnId = this.returnIds.issue();
    shipment.status = 'return-requested';
    return shipment.returnId;
  }
}

export function registerCarrierRoutes(router: SystemRouter, carrier: Carrier): void {
  router.read('/shipments/:id', { params: idParams }, ({ params }) => {
    const shipment = carrier.shipment(params.id);
    if (!shipment) throw notFound('shipment_not_found', { shipmentId: params.id });
    return ok(shipment);
  });

  router.write('POST', '/shipments', { body: shipmentRequest }, ({ body, record }) => {
    if (seedUnservedCustomers.includes(body.customerId)) {
      throw new Rejection(422, {
        error: 'destination_not_served',
        customerId: body.customerId,
        message: 'the carrier does not serve this destination',
      });
    }
    const shipment = carrier.ship(body.orderId, body.customerId, body.lines);
    record('shipment.created', body.orderId, {
      shipmentId: shipment.shipmentId,
      trackingNumber: shipment.trackingNumber,
      customerId: body.customerId,
      lines: body.lines,
    });
    return created({
      shipmentId: shipment.shipmentId,
      trackingNumber: shipment.trackingNumber,
      status: shipment.status,
    });
  });

  router.write(
    'POST',
    '/shipments/:id/returns',
    { params: idParams, body: returnRequest },
    ({ params, body, record }) => {
      const shipment = carrier.shipment(params.id);
      if (!shipment) throw notFound('shipment_not_found', { shipmentId: params.id });
      if (shipment.returnId)
        throw conflict('return_already_created', { shipmentId: shipment.shipmentId, returnId: shipment.returnId });
      const returnId = carrier.requestReturn(shipment);
      record('return.created', shipment.orderId, { returnId, shipmentId: shipment.shipmentId, reason: body?.reason });
      return created({ returnId, shipmentId: shipment.shipmentId });
    },
  );
}
