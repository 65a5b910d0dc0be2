import { PageSizes, PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

export interface InvoiceDocumentData {
  invoiceNumber: string;
  orderId: string;
  customer: { customerId: string; name: string };
  lines: Array<{ sku: string; quantity: number; unitPrice: number }>;
  amount: number;
  currency: string;
  issuedAt: string;
  dueDate: string;
}

const margin = 50;
const rowHeight = 18;
const footerSpace = 70;
const totalsSpace = 110;
const gray = rgb(0.4, 0.4, 0.4);
/** Right edges of the numeric table columns. */
const columns = { quantity: 330, unitPrice: 440, amount: PageSizes.A4[0] - margin };

/**
 * Renders an invoice as a PDF: number, dates, order, customer, one row per line (paginated), totals
 * and the payment instruction.
 *
 * The output is byte-for-byte deterministic for the same data (fixed metadata dates, no generated
 * ids): a retried activity stores the very same document under the same idempotency key.
 */
export async function renderInvoicePdf(invoice: InvoiceDocumentData): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false });
  const issued = new Date(invoice.issuedAt);
  document.setTitle(`Invoice ${invoice.invoiceNumber}`);
  document.setSubject(`Order ${invoice.orderId}`);
  document.setCreator('Ordo');
  document.setProducer('Ordo');
  if (!Number.isNaN(issued.getTime())) {
    document.setCreationDate(issued);
    document.setModificationDate(issued);
  }

  const regular = await document.embedFont(StandardFonts.Helvetica);
  const bold = await document.embedFont(StandardFonts.HelveticaBold);
  const writer = new PageWriter(document, regular, bold);

  writer.newPage();
  writer.text('INVOICE', margin, 24, { font: bold });
  writer.advance(40);
  const facts: Array<[string, string]> = [
    ['Invoice number', invoice.invoiceNumber],
    ['Issue date', invoice.issuedAt.slice(0, 10)],
    ['Due date', invoice.dueDate.slice(0, 10)],
    ['Order', invoice.orderId],
    ['Bill to', `${invoice.customer.name} (${invoice.customer.customerId})`],
  ];
  for (const [label, value] of facts) {
    writer.text(label, margin, 10, { color: gray });
    writer.text(value, margin + 110, 10);
    writer.advance(rowHeight);
  }
  writer.advance(rowHeight);
  writer.tableHeader();

  let subtotal = 0;
  for (const line of invoice.lines) {
    if (writer.remaining() < rowHeight) {
      writer.newPage();
      writer.text(`Invoice ${invoice.invoiceNumber} (continued)`, margin, 10, { color: gray });
      writer.advance(2 * rowHeight);
      writer.tableHeader();
    }
    const lineAmount = roundCents(line.quantity * line.unitPrice);
    subtotal = roundCents(subtotal + lineAmount);
    writer.text(line.sku, margin, 10);
    writer.rightAligned(String(line.quantity), columns.quantity, 10);
    writer.rightAligned(formatMoney(line.unitPrice, invoice.currency), columns.unitPrice, 10);
    writer.rightAligned(formatMoney(lineAmount, invoice.currency), columns.amount, 10);
    writer.advance(rowHeight);
  }

  if (writer.remaining() < totalsSpace) writer.newPage();
  writer.rule();
  writer.advance(rowHeight);
  writer.text('Subtotal', columns.unitPrice - 100, 10);
  writer.rightAligned(formatMoney(subtotal, invoice.currency), columns.amount, 10);
  writer.advance(rowHeight);
  writer.text('Total due', columns.unitPrice - 100, 12, { font: bold });
  writer.rightAligned(formatMoney(invoice.amount, invoice.currency), columns.amount, 12, bold);
  writer.advance(2 * rowHeight);
  writer.text(
    `Please pay ${formatMoney(invoice.amount, invoice.currency)} by ${invoice.dueDate.slice(0, 10)}, quoting ${invoice.invoiceNumber}.`,
    margin,
    10,
  );

  writer.numberPages(invoice.invoiceNumber);
  return document.save();
}

/** Keeps the cursor of the page being written and starts new pages when asked. */
class PageWriter {
  private page!: PDFPage;
  private y = 0;
  private readonly supported: Set<number>;

  constructor(
    private readonly document: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    // Standard fonts only cover WinAnsi; anything else would make pdf-lib throw mid-render.
    this.supported = new Set([...regular.getCharacterSet(), ...bold.getCharacterSet()]);
  }

  newPage(): void {
    this.page = this.document.addPage(PageSizes.A4);
    this.y = this.page.getHeight() - margin - 24;
  }

  remaining(): number {
    return this.y - footerSpace;
  }

  advance(points: number): void {
    this.y -= points;
  }

  text(value: string, x: number, size: number, options: { font?: PDFFont; color?: ReturnType<typeof rgb> } = {}): void {
    const font = options.font ?? this.regular;
    this.page.drawText(this.encodable(value), { x, y: this.y, size, font, color: options.color ?? rgb(0, 0, 0) });
  }

  rightAligned(value: string, right: number, size: number, font: PDFFont = this.regular): void {
    const safe = this.encodable(value);
    this.page.drawText(safe, { x: right - font.widthOfTextAtSize(safe, size), y: this.y, size, font });
  }

  tableHeader(): void {
    this.text('SKU', margin, 10, { font: this.bold });
    this.rightAligned('Quantity', columns.quantity, 10, this.bold);
    this.rightAligned('Unit price', columns.unitPrice, 10, this.bold);
    this.rightAligned('Amount', columns.amount, 10, this.bold);
    this.advance(6);
    this.rule();
    this.advance(rowHeight);
  }

  rule(): void {
    this.page.drawLine({ start: { x: margin, y: this.y }, end: { x: columns.amount, y: this.y }, thickness: 0.5, color: gray });
  }

  numberPages(invoiceNumber: string): void {
    const pages = this.document.getPages();
    pages.forEach((page, index) => {
      page.drawText(this.encodable(`Invoice ${invoiceNumber} - page ${index + 1} of ${pages.length}`), {
        x: margin,
        y: 40,
        size: 8,
        font: this.regular,
        color: gray,
      });
    });
  }

  private encodable(value: string): string {
    return [...value].map((char) => (this.supported.has(char.codePointAt(0) ?? 0) ? char : '?')).join('');
  }
}

function roundCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** `EUR 1,234.50`: fixed format, independent of the host's locale. */
export function formatMoney(amount: number, currency: string): string {
  const [whole = '0', fraction = '00'] = Math.abs(amount).toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${amount < 0 ? '-' : ''}${currency} ${grouped}.${fraction}`;
}
