import type { HttpClient, MutationOptions } from '../http/http-client';

export interface Shipment {
  shipmentId: string;
  trackingNumber: string;
  status: string;
}

/** Carrier: shipments and return pick-ups. */
export class CarrierClient {
  constructor(private readonly http: HttpClient) {}

  createShipment(
    request: { orderId: string; customerId: string; lines: Array<{ sku: string; quantity: number }> },
    options: MutationOptions,
  ): Promise<Shipment> {
    return this.http.send<Shipment>('POST', '/shipments', { json: request }, options);
  }

  requestReturn(shipmentId: string, options: MutationOptions): Promise<{ returnId: string; shipmentId: string }> {
    return this.http.send('POST', `/shipments/${encodeURIComponent(shipmentId)}/returns`, undefined, options);
  }
}
