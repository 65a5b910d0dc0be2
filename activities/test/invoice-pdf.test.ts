import { PDFDocument } from 'pdf-lib';
import { formatMoney, renderInvoicePdf, type InvoiceDocumentData } from '../src/order-to-cash/invoice-pdf';

const invoice: InvoiceDocumentData = {
  invoiceNumber: '2030-000042',
  orderId: 'O-42',
  customer: { customerId: 'C-100', name: 'Acme Industrial Supplies GmbH' },
  lines: [
    { sku: 'SKU-A', quantity: 3, unitPrice: 19.99 },
    { sku: 'SKU-B', quantity: 1, unitPrice: 1250 },
  ],
  amount: 1309.97,
  currency: 'EUR',
  issuedAt: '2030-05-01T09:30:00.000Z',
  dueDate: '2030-05-31',
};

describe('invoice PDF', () => {
  it('is a loadable one-page PDF describing the invoice', async () => {
    const pdf = await PDFDocument.load(await renderInvoicePdf(invoice));

    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe('Invoice 2030-000042');
    expect(pdf.getSubject()).toBe('Order O-42');
    expect(pdf.getCreationDate()?.toISOString()).toBe('2030-05-01T09:30:00.000Z');
  });

  it('renders the same bytes for the same invoice (retries store an identical document)', async () => {
    const first = await renderInvoicePdf(invoice);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await renderInvoicePdf(invoice);

    expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).toBe(0);
  });

  it('continues long invoices on further pages', async () => {
    const lines = Array.from({ length: 120 }, (_, index) => ({ sku: `SKU-${index}`, quantity: 1, unitPrice: 1 }));
    const pdf = await PDFDocument.load(await renderInvoicePdf({ ...invoice, lines, amount: 120 }));

    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(3);
  });

  it('does not fail on characters the standard fonts cannot draw', async () => {
    const bytes = await renderInvoicePdf({ ...invoice, customer: { customerId: 'C-300', name: '株式会社 Ørsted – “Zürich” ₿' } });

    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
  });

  it('formats money independently of the locale', () => {
    expect(formatMoney(1234567.5, 'EUR')).toBe('EUR 1,234,567.50');
    expect(formatMoney(0.1 + 0.2, 'USD')).toBe('USD 0.30');
    expect(formatMoney(999, 'JPY')).toBe('JPY 999.00');
  });
});
