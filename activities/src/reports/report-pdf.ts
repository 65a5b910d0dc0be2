import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { agingBuckets, type AgingFigures, type SlaFigures } from '@ordo/workflows';
import { PageSizes, PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { minorUnitDigits } from './amounts';
import { bottleneckName } from './report-csv';

/** Landscape A4: the aging table has eight columns. */
const pageSize: [number, number] = [PageSizes.A4[1], PageSizes.A4[0]];
const margin = 50;
const rowHeight = 18;
const footerSpace = 60;
const gray = rgb(0.4, 0.4, 0.4);
const black = rgb(0, 0, 0);
const right = pageSize[0] - margin;

// The invoice's typeface (DejaVu Sans, npm `dejavu-fonts-ttf`): every Latin diacritic, Greek and Cyrillic.
const fontFiles = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
} as const;
let fontBytes: Record<keyof typeof fontFiles, Uint8Array> | undefined;

function reportFonts(): Record<keyof typeof fontFiles, Uint8Array> {
  fontBytes ??= {
    regular: readFileSync(require.resolve(fontFiles.regular)),
    bold: readFileSync(require.resolve(fontFiles.bold)),
  };
  return fontBytes;
}

interface Column {
  title: string;
  /** Left edge of a left-aligned column, right edge of a right-aligned one. */
  x: number;
  align: 'left' | 'right';
}

/** A table that continues on new pages, its header repeated; the report's title and page numbers in the footer. */
class ReportWriter {
  private page!: PDFPage;
  private y = 0;
  private readonly supported = new Map<PDFFont, Set<number>>();

  private constructor(
    private readonly document: PDFDocument,
    private readonly regular: PDFFont,
    readonly bold: PDFFont,
    private readonly title: string,
  ) {
    for (const font of [regular, bold]) this.supported.set(font, new Set(font.getCharacterSet()));
  }

  /** Same figures, same bytes: fixed metadata dates (the report's date) and font names, no generated ids. */
  static async create(title: string, asOf: string): Promise<ReportWriter> {
    const document = await PDFDocument.create({ updateMetadata: false });
    document.registerFontkit(fontkit);
    document.setTitle(title);
    document.setCreator('Ordo');
    document.setProducer('Ordo');
    const date = new Date(asOf);
    if (!Number.isNaN(date.getTime())) {
      document.setCreationDate(date);
      document.setModificationDate(date);
    }
    const fonts = reportFonts();
    const regular = await document.embedFont(fonts.regular, { subset: true, customName: 'DejaVuSans' });
    const bold = await document.embedFont(fonts.bold, { subset: true, customName: 'DejaVuSans-Bold' });
    const writer = new ReportWriter(document, regular, bold, title);
    writer.newPage();
    return writer;
  }

  newPage(): void {
    this.page = this.document.addPage(pageSize);
    this.y = this.page.getHeight() - margin - 10;
  }

  advance(points: number): void {
    this.y -= points;
  }

  /** Starts a new page, unless `points` still fit on this one. */
  ensureRoom(points: number): boolean {
    if (this.y - points >= footerSpace) return false;
    this.newPage();
    return true;
  }

  text(value: string, x: number, size: number, font: PDFFont = this.regular, color = black): void {
    this.page.drawText(this.encodable(value, font), { x, y: this.y, size, font, color });
  }

  rightAligned(value: string, edge: number, size: number, font: PDFFont = this.regular): void {
    const safe = this.encodable(value, font);
    this.page.drawText(safe, { x: edge - font.widthOfTextAtSize(safe, size), y: this.y, size, font, color: black });
  }

  rule(): void {
    this.page.drawLine({ start: { x: margin, y: this.y }, end: { x: right, y: this.y }, thickness: 0.5, color: gray });
  }

  heading(title: string, facts: Array<[string, string]>): void {
    this.text(title, margin, 18, this.bold);
    this.advance(32);
    for (const [label, value] of facts) {
      this.text(label, margin, 10, this.regular, gray);
      this.text(value, margin + 110, 10);
      this.advance(rowHeight);
    }
    this.advance(rowHeight / 2);
  }

  tableHeader(columns: readonly Column[]): void {
    for (const column of columns) this.cell(column, column.title, this.bold);
    this.advance(6);
    this.rule();
    this.advance(rowHeight - 4);
  }

  /** A row of the table; a new page first when it would not fit, with the header again. */
  row(columns: readonly Column[], values: readonly string[], font: PDFFont = this.regular): void {
    if (this.ensureRoom(rowHeight)) this.tableHeader(columns);
    columns.forEach((column, index) => this.cell(column, values[index] ?? '', font));
    this.advance(rowHeight);
  }

  finish(): Promise<Uint8Array> {
    const pages = this.document.getPages();
    pages.forEach((page, index) => {
      page.drawText(this.encodable(`${this.title} – page ${index + 1} of ${pages.length}`, this.regular), {
        x: margin,
        y: 30,
        size: 8,
        font: this.regular,
        color: gray,
      });
    });
    return this.document.save();
  }

  private cell(column: Column, value: string, font: PDFFont): void {
    if (column.align === 'left') this.text(value, column.x, 10, font);
    else this.rightAligned(value, column.x, 10, font);
  }

  /** What the font cannot draw (CJK, say) is shown as `?` rather than as an empty box. */
  private encodable(value: string, font: PDFFont): string {
    const supported = this.supported.get(font)!;
    return [...value].map((char) => (supported.has(char.codePointAt(0) ?? 0) ? char : '?')).join('');
  }
}

/** `1,234.50`: grouped, with the currency's decimals; the currency has a column of its own. */
function groupedAmount(amount: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  return amount.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const day = (iso: string) => iso.slice(0, 10);

const agingColumns: Column[] = [
  { title: 'Customer', x: margin, align: 'left' },
  { title: 'Currency', x: 200, align: 'left' },
  { title: '0–30 days', x: 350, align: 'right' },
  { title: '31–60 days', x: 450, align: 'right' },
  { title: '61–90 days', x: 550, align: 'right' },
  { title: '90+ days', x: 640, align: 'right' },
  { title: 'Total', x: 730, align: 'right' },
  { title: 'Invoices', x: right, align: 'right' },
];

export async function renderAgingPdf(title: string, reportId: string, figures: AgingFigures): Promise<Uint8Array> {
  const writer = await ReportWriter.create(title, figures.asOf);
  writer.heading(title, [
    ['As of', `${day(figures.asOf)} (${figures.asOf})`],
    ['Ages', 'whole days past the due date; invoices not yet due count in 0–30'],
    ['Report', reportId],
  ]);
  writer.tableHeader(agingColumns);
  const amounts = (row: { currency: string; buckets: Record<string, number>; total: number }) => [
    ...agingBuckets.map((bucket) => groupedAmount(row.buckets[bucket] ?? 0, row.currency)),
    groupedAmount(row.total, row.currency),
  ];
  for (const row of figures.rows) {
    writer.row(agingColumns, [row.customerId, row.currency, ...amounts(row), String(row.invoices)]);
  }
  if (figures.rows.length === 0) writer.row(agingColumns, ['No open invoices']);
  writer.ensureRoom(rowHeight * (figures.totals.length + 1));
  writer.rule();
  writer.advance(rowHeight - 4);
  for (const total of figures.totals) {
    writer.row(agingColumns, ['Total', total.currency, ...amounts(total), String(total.invoices)], writer.bold);
  }
  if (figures.unreadable.length > 0) {
    writer.advance(rowHeight);
    writer.ensureRoom(rowHeight);
    writer.text(
      `Not counted (invoice unreadable): ${figures.unreadable.length} instance(s): ${figures.unreadable.slice(0, 10).join(', ')}`,
      margin,
      9,
    );
  }
  return writer.finish();
}

const slaColumns: Column[] = [
  { title: 'Process', x: margin, align: 'left' },
  { title: 'Target', x: 230, align: 'left' },
  { title: 'Closed in period', x: 400, align: 'right' },
  { title: 'Breached (closed)', x: 540, align: 'right' },
  { title: 'Breached (running)', x: 665, align: 'right' },
  { title: 'Overdue tasks', x: right, align: 'right' },
];

/** `3d 4h`, `2h 5m`, `40s`: the two largest units, enough to compare waits. */
export function humanDuration(seconds: number): string {
  const units: Array<[string, number]> = [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(seconds));
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || (parts.length === 0 && unit === 's')) parts.push(`${count}${unit}`);
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

export async function renderSlaPdf(title: string, reportId: string, figures: SlaFigures): Promise<Uint8Array> {
  const writer = await ReportWriter.create(title, figures.asOf);
  writer.heading(title, [
    ['Period', `${day(figures.from)} – ${day(figures.asOf)}`],
    ['Breaches', 'instances closed in the period, or still running, longer than the completion target'],
    ['Report', reportId],
  ]);
  writer.tableHeader(slaColumns);
  for (const row of figures.processes) {
    writer.row(slaColumns, [
      row.process,
      row.completionTarget,
      String(row.closedInPeriod),
      String(row.breachedClosed),
      String(row.breachedRunning),
      String(row.overdueTasks),
    ]);
  }
  // The targets' wording under the table: a column wide enough for it would crowd the figures.
  for (const row of figures.processes) {
    writer.ensureRoom(rowHeight);
    writer.text(`${row.process}: ${row.completionTarget}, ${row.targetDescription}`, margin, 8, undefined, gray);
    writer.advance(rowHeight - 6);
  }
  writer.advance(rowHeight);
  writer.ensureRoom(2 * rowHeight);
  writer.text('Bottlenecks: the three activities with the longest median wait', margin, 12, writer.bold);
  writer.advance(rowHeight + 4);
  for (const row of figures.processes) {
    writer.ensureRoom(rowHeight * (1 + Math.max(1, row.bottlenecks.length)));
    writer.text(row.process, margin, 10, writer.bold);
    writer.advance(rowHeight);
    if (row.bottlenecks.length === 0) {
      writer.text('no activity recorded in the period', margin + 15, 10, undefined, gray);
      writer.advance(rowHeight);
    }
    row.bottlenecks.forEach((bottleneck, index) => {
      writer.text(
        `${index + 1}. ${bottleneckName(bottleneck)}: median wait ${humanDuration(bottleneck.waitingP50Seconds)}, ` +
          `${Math.round(bottleneck.shareOfCycleTime * 100)} % of cycle time, ${bottleneck.count} time(s)`,
        margin + 15,
        10,
      );
      writer.advance(rowHeight);
    });
  }
  return writer.finish();
}
