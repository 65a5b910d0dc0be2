import { createHash } from 'node:crypto';
import type { DocumentView, OrderToCashActivities } from '@ordo/workflows';
import { writeOptions } from '../activity-context';
import type { ExternalClients } from '../clients';
import { renderInvoicePdf } from './invoice-pdf';

/** The activities over accounting: invoices, their PDF document, receipts, voids and write-offs. */
export function createAccountingActivities({ accounting }: Pick<ExternalClients, 'accounting'>) {
  return {
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
  } satisfies Pick<
    OrderToCashActivities,
    'createInvoice' | 'renderInvoicePdf' | 'voidInvoice' | 'writeOffInvoice' | 'postReceipt'
  >;
}
