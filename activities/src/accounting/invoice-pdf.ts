import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PageSizes, PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

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
 * The fonts the invoice is set in: DejaVu Sans (npm `dejavu-fonts-ttf`), which covers Latin with every diacritic,
 * Greek and Cyrillic. Read once per process; each document embeds the subset of glyphs it uses.
 */
const fontFiles = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
} as const;
let fontBytes: Record<keyof typeof fontFiles, Uint8Array> | undefined;

function invoiceFonts(): Record<keyof typeof fontFiles, Uint8Array> {
  fontBytes ??= {
    regular: readFileSync(require.resolve(fontFiles.regular)),
    bold: readFileSync(require.resolve(fontFiles.bold)),
  };
  return fontBytes;
}

/**
 * Renders an invoice as a PDF: number, dates, order, customer, one row per line (paginated), totals
 * and the payment instruction.
 *
 * The output is byte-for-byte deterministic for the same data (fixed metadata dates, fixed font names,
 * no generated ids): a retried activity stores the very same document under the same idempotency key.
 */
export async function renderInvoicePdf(invoice: InvoiceDocumentData): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false });
  document.registerFontkit(fontkit);
  const issued = new Date(invoice.issuedAt);
  document.setTitle(`Invoice ${invoice.invoiceNumber}`);
  document.setSubject(`Order ${invoice.orderId}`);
  document.setCreator('Ordo');
  document.setProducer('Ordo');
  if (!Number.isNaN(issued.getTime())) {
    document.setCreationDate(issued);
    document.setModificationDate(issued);
  }

  const fonts = invoiceFonts();
  // A fixed name: pdf-lib would otherwise add a random suffix, and the bytes would differ from one render to the next.
  const regular = await document.embedFont(fonts.regular, { subset: true, customName: 'DejaVuSans' });
  const bold = await document.embedFont(fonts.bold, { subset: true, customName: 'DejaVuSans-Bold' });
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
    const lineAmount = roundToMinorUnit(line.quantity * line.unitPrice, invoice.currency);
    subtotal = roundToMinorUnit(subtotal + lineAmount, invoice.currency);
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
  /** The characters each font has a glyph for. */
  private readonly supported = new Map<PDFFont, Set<number>>();

  constructor(
    private readonly document: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    for (const font of [regular, bold]) this.supported.set(font, new Set(font.getCharacterSet()));
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
    this.page.drawText(this.encodable(value, font), { x, y: this.y, size, font, color: options.color ?? rgb(0, 0, 0) });
  }

  rightAligned(value: string, right: number, size: number, font: PDFFont = this.regular): void {
    const safe = this.encodable(value, font);
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
    this.page.drawLine({
      start: { x: margin, y: this.y },
      end: { x: columns.amount, y: this.y },
      thickness: 0.5,
      color: gray,
    });
  }

  numberPages(invoiceNumber: string): void {
    const pages = this.document.getPages();
    pages.forEach((page, index) => {
      page.drawText(this.encodable(`Invoice ${invoiceNumber} – page ${index + 1} of ${pages.length}`, this.regular), {
        x: margin,
        y: 40,
        size: 8,
        font: this.regular,
        color: gray,
      });
    });
  }

  /** What the font cannot draw (a script DejaVu lacks, such as CJK) is shown as `?` rather than as an empty box. */
  private encodable(value: string, font: PDFFont): string {
    const supported = this.supported.get(font)!;
    return [...value].map((char) => (supported.has(char.codePointAt(0) ?? 0) ? char : '?')).join('');
  }
}

/** A formatter per currency: the currency's own number of decimals (JPY none, EUR two, BHD three). */
const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string): Intl.NumberFormat | undefined {
  let format = moneyFormats.get(currency);
  if (!format) {
    try {
      // A fixed locale: the document must not depend on the host's.
      format = new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'code' });
    } catch {
      return undefined; // not a well-formed currency code
    }
    moneyFormats.set(currency, format);
  }
  return format;
}

function minorUnitDigits(currency: string): number {
  return moneyFormat(currency)?.resolvedOptions().maximumFractionDigits ?? 2;
}

function roundToMinorUnit(amount: number, currency: string): number {
  const factor = 10 ** minorUnitDigits(currency);
  return Math.round(amount * factor) / factor;
}

/**
 * `EUR 1,234.50`, `JPY 1,235`: the currency's code, then the amount grouped by thousands with the currency's own
 * decimals (Intl.NumberFormat, en-US, whatever the host's locale).
 */
export function formatMoney(amount: number, currency: string): string {
  const format = moneyFormat(currency);
  if (!format) return `${currency} ${amount.toFixed(2)}`;
  // Intl puts a no-break space after the code; a plain one reads the same and extracts as typed.
  return format.format(amount).replace(/\u00a0/g, ' ');
}
