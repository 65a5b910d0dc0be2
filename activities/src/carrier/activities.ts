import type { OrderToCashActivities } from '@ordo/workflows';
import { writeOptions } from '../activity-context';
import type { ExternalClients } from '../clients';
import { stockLinesOf } from '../erp/client';

/** The activities over the carrier: shipments. */
export function createCarrierActivities({ carrier }: Pick<ExternalClients, 'carrier'>) {
  return {
    async createShipment({ orderId, step, customerId, lines }) {
      const { shipmentId, trackingNumber } = await carrier.createShipment(
        { orderId, customerId, lines: stockLinesOf(lines) },
        writeOptions(step),
      );
      return { shipmentId, trackingNumber };
    },
  } satisfies Pick<OrderToCashActivities, 'createShipment'>;
}
