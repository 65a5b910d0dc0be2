import { PDFDocument } from 'pdf-lib';
import PDFParser from 'pdf2json';
import { formatMoney, renderInvoicePdf, type InvoiceDocumentData } from '../src/accounting/invoice-pdf';

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

  it("prints names in their own letters, and amounts with the currency's decimals (EUR)", async () => {
    const text = await textOf(
      await renderInvoicePdf({ ...invoice, customer: { customerId: 'C-200', name: 'Müller & Søn, ŁÓDŹ' } }),
    );

    expect(text).toContain('Bill to Müller & Søn, ŁÓDŹ (C-200)');
    expect(text).toContain('SKU-A 3 EUR 19.99 EUR 59.97');
    expect(text).toContain('SKU-B 1 EUR 1,250.00 EUR 1,250.00');
    expect(text).toContain('Total due EUR 1,309.97');
    expect(text).toContain('Please pay EUR 1,309.97 by 2030-05-31, quoting 2030-000042.');
    expect(text).not.toContain('?');
  });

  it('prints yen without decimals (JPY)', async () => {
    const yen: InvoiceDocumentData = {
      ...invoice,
      customer: { customerId: 'C-201', name: 'Müller & Søn' },
      lines: [
        { sku: 'SKU-A', quantity: 3, unitPrice: 1999 },
        { sku: 'SKU-B', quantity: 1, unitPrice: 125000 },
      ],
      amount: 130997,
      currency: 'JPY',
    };
    const text = await textOf(await renderInvoicePdf(yen));

    expect(text).toContain('Bill to Müller & Søn (C-201)');
    expect(text).toContain('SKU-A 3 JPY 1,999 JPY 5,997');
    expect(text).toContain('Subtotal JPY 130,997');
    expect(text).toContain('Total due JPY 130,997');
    expect(text).not.toMatch(/JPY [\d,]+\.\d/);
  });

  it('shows what the font cannot draw as ?, and draws the rest', async () => {
    const bytes = await renderInvoicePdf({
      ...invoice,
      customer: { customerId: 'C-300', name: '株式会社 Ørsted – “Zürich”' },
    });

    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
    expect(await textOf(bytes)).toContain('Bill to ???? Ørsted – “Zürich” (C-300)');
  });

  it('formats money for the currency, independently of the locale', () => {
    expect(formatMoney(1234567.5, 'EUR')).toBe('EUR 1,234,567.50');
    expect(formatMoney(0.1 + 0.2, 'USD')).toBe('USD 0.30');
    expect(formatMoney(999, 'JPY')).toBe('JPY 999');
    expect(formatMoney(1234.5, 'JPY')).toBe('JPY 1,235');
    expect(formatMoney(1.5, 'BHD')).toBe('BHD 1.500');
    expect(formatMoney(-20, 'EUR')).toBe('-EUR 20.00');
  });
});

/** What pdf2json answers, as far as reading the text back needs it. */
interface ParsedPdf {
  Pages: ParsedPage[];
}
interface ParsedPage {
  Texts: Array<{ x: number; y: number; R: Array<{ T: string }> }>;
}

/** The PDF's text as a reader extracts it, page by page; the pieces of a line joined by single spaces. */
async function textOf(pdf: Uint8Array): Promise<string> {
  const parsed = await new Promise<ParsedPdf>((resolve, reject) => {
    const parser = new PDFParser();
    parser.on('pdfParser_dataReady', (data) => resolve(data as ParsedPdf));
    parser.on('pdfParser_dataError', (error) => reject(error instanceof Error ? error : error.parserError));
    // Below pdf.js's error level: its warnings (a "fake worker" under Node) stay off the console; failures still reject.
    parser.parseBuffer(Buffer.from(pdf), -1);
  });
  return parsed.Pages.map((page) => linesOf(page).join('\n')).join('\n');
}

function linesOf(page: ParsedPage): string[] {
  const rows = new Map<number, Array<{ x: number; text: string }>>();
  for (const item of page.Texts) {
    const row = Math.round(item.y * 4);
    const text = item.R.map((run) => decodeURIComponent(run.T)).join('');
    rows.set(row, [...(rows.get(row) ?? []), { x: item.x, text }]);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, items]) =>
      items
        .sort((a, b) => a.x - b.x)
        .map((item) => item.text.trim())
        .join(' '),
    );
}
