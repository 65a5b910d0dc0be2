import { createHash } from 'node:crypto';
import type { DocumentView, OrderLine, OrderToCashActivities } from '@ordo/workflows';
import { readOptions, writeOptions } from '../activity-context';
import { createExternalClients } from '../clients';
import type { ActivitiesConfig } from '../config';
import type { StockLine } from '../erp/client';
import { renderInvoicePdf } from './invoice-pdf';

/** The activities of order-to-cash over the external systems' adapters. */
export function createOrderToCashActivities(config: ActivitiesConfig) {
  const { crm, erp, carrier, accounting, payments, mail } = createExternalClients(config);

  return {
    async getCustomerCredit({ customerId }) {
      const { name, email, creditLimit, exposure, available } = await crm.customer(customerId, readOptions());
      return { customerId, name, email, creditLimit, exposure, available };
    },

    async reserveStock({ orderId, step, lines }) {
      const { reservationId } = await erp.reserve({ orderId, lines: stockLines(lines) }, writeOptions(step));
      return { reservationId };
    },

    async checkStock({ lines }) {
      const options = readOptions();
      const needed = stockLines(lines);
      const levels = await Promise.all(needed.map(async (line) => ({ line, level: await erp.stockOf(line.sku, options) })));
      const shortSkus = levels.filter(({ line, level }) => (level?.available ?? 0) < line.quantity).map(({ line }) => line.sku);
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

    async createShipment({ orderId, step, customerId, lines }) {
      const { shipmentId, trackingNumber } = await carrier.createShipment(
        { orderId, customerId, lines: stockLines(lines) },
        writeOptions(step),
      );
      return { shipmentId, trackingNumber };
    },

    async createInvoice({ orderId, step, customerId, lines, amount, currency, issuedAt, dueDate }) {
      const { invoiceId, invoiceNumber } = await accounting.createInvoice(
        { orderId, customerId, lines, amount, currency, issuedAt, dueDate },
        writeOptions(step),
      );
      return { invoiceId, invoiceNumber };
    },

    async renderInvoicePdf({ step, invoiceId, ...invoice }): Promise<DocumentView> {
      const pdf = await renderInvoicePdf(invoice);
      await accounting.storeDocument(invoiceId, pdf, writeOptions(step));
      return {
        // Named after its content: stable across retries (the bytes are), and not to be guessed from an invoice number.
        documentId: `invoice-${createHash('sha256').update(pdf).digest('hex').slice(0, 32)}`,
        type: 'invoice',
        name: `invoice-${invoice.invoiceNumber}.pdf`,
        contentType: 'application/pdf',
        url: accounting.documentUrl(invoiceId),
      };
    },

    async voidInvoice({ step, invoiceId }) {
      await accounting.voidInvoice(invoiceId, writeOptions(step));
    },

    async writeOffInvoice({ step, invoiceId, amount, currency }) {
      await accounting.writeOff(invoiceId, { amount, currency }, writeOptions(step));
    },

    async postReceipt({ orderId, step, invoiceId, amount, currency }) {
      const { receiptId } = await accounting.postReceipt({ orderId, invoiceId, amount, currency }, writeOptions(step));
      return { receiptId };
    },

    async refundPayment({ orderId, step, paymentReference, amount, currency }) {
      const { refundId } = await payments.refund({ orderId, paymentReference, amount, currency }, writeOptions(step));
      return { refundId };
    },

    async sendMail({ orderId, step, to, subject, body, attachmentUrl }) {
      const { messageId } = await mail.send({ orderId, to, subject, body, attachmentUrl }, writeOptions(step));
      return { messageId };
    },
  } satisfies OrderToCashActivities;
}

/** What stock and shipping care about: quantity per SKU (prices stay with accounting). */
function stockLines(lines: OrderLine[]): StockLine[] {
  const totals = new Map<string, number>();
  for (const { sku, quantity } of lines) totals.set(sku, (totals.get(sku) ?? 0) + quantity);
  return [...totals].map(([sku, quantity]) => ({ sku, quantity }));
}
