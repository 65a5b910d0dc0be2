import type { OrderToCashActivities } from '@ordo/workflows';
import { readOptions, writeOptions } from '../activity-context';
import type { ExternalClients } from '../clients';
import { stockLinesOf } from './client';

/** The activities over the ERP: stock, reservations and returned goods (whose pick-up the carrier books first). */
export function createErpActivities({ erp, carrier }: Pick<ExternalClients, 'erp' | 'carrier'>) {
  return {
    async reserveStock({ orderId, step, lines }) {
      const { reservationId } = await erp.reserve({ orderId, lines: stockLinesOf(lines) }, writeOptions(step));
      return { reservationId };
    },

    async checkStock({ lines }) {
      const options = readOptions();
      const needed = stockLinesOf(lines);
      const levels = await Promise.all(
        needed.map(async (line) => ({ line, level: await erp.stockOf(line.sku, options) })),
      );
      const shortSkus = levels
        .filter(({ line, level }) => (level?.available ?? 0) < line.quantity)
        .map(({ line }) => line.sku);
      return { available: shortSkus.length === 0, shortSkus };
    },

    async releaseStock({ step, reservationId }) {
      await erp.release(reservationId, writeOptions(step));
    },

    async bookReturn({ orderId, step, shipmentId, reservationId }) {
      // Two systems, two effects: each gets its own key so either can be retried alone.
      const { returnId } = await carrier.requestReturn(shipmentId, writeOptions(`${step}:carrier`));
      await erp.bookReturn({ orderId, shipmentId, reservationId }, writeOptions(`${step}:erp`));
      return { returnId };
    },
  } satisfies Pick<OrderToCashActivities, 'reserveStock' | 'checkStock' | 'releaseStock' | 'bookReturn'>;
}
