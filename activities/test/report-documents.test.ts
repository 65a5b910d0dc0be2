/**
 * The scheduled reports' documents and mail: the CSV carries exactly the figures, the PDF is a PDF whose text shows
 * them, the same figures give the same bytes, and a mail retried after the mail system answered 503 (having sent it)
 * is sent once, against a real sandbox.
 */
import { ageReceivables, type AgingFigures, type OpenInvoice, type SlaFigures } from '@ordo/workflows';
import { PDFDocument } from 'pdf-lib';
import PDFParser from 'pdf2json';
import { startSandboxProcess, type SandboxProcess } from '@ordo/testing';
import { createActivities, loadActivitiesConfig } from '../src';
import { ActivityRunner, asReportedFailure, rejectionOf } from './support/activity-harness';

const asOf = '2030-06-30T06:00:00.000Z';
const dueDaysAgo = (days: number) => new Date(Date.parse(asOf) - days * 86_400_000).toISOString();
const invoice = (
  customerId: string,
  amountOutstanding: number,
  daysPastDue: number,
  currency = 'EUR',
): OpenInvoice => ({
  businessKey: `SO-${customerId}-${daysPastDue}`,
  customerId,
  currency,
  amountOutstanding,
  dueDate: dueDaysAgo(daysPastDue),
});

const aging: AgingFigures = ageReceivables(
  [
    invoice('C-100', 100.1, -5),
    invoice('C-100', 200.2, 30),
    invoice('C-100', 300, 31),
    invoice('C-200', 0.1, 61),
    invoice('C-200', 0.2, 90),
    invoice('C-200', 1250, 91),
    invoice('C-300', 5000, 400, 'JPY'),
  ],
  asOf,
);

const sla: SlaFigures = {
  asOf,
  from: '2030-06-23T06:00:00.000Z',
  processes: [
    {
      process: 'order-to-cash',
      completionTarget: 'P60D',
      targetDescription: 'Order to cash within payment terms plus 30 days',
      closedInPeriod: 12,
      breachedClosed: 2,
      breachedRunning: 1,
      overdueTasks: 3,
      bottlenecks: [
        { activity: 'approval', role: 'manager', count: 4, waitingP50Seconds: 7_500, shareOfCycleTime: 0.4 },
        { activity: 'create-shipment', role: null, count: 12, waitingP50Seconds: 2, shareOfCycleTime: 0.01 },
      ],
    },
  ],
};

describe('report documents', () => {
  const activities = createActivities(loadActivitiesConfig({}));
  const render = (figures: Parameters<typeof activities.renderReport>[0]) =>
    new ActivityRunner('ordo-report-ar-aging-2030-06-30T06:00:00Z').run(activities.renderReport, figures);

  it('ages by whole days past due into 0–30, 31–60, 61–90 and 90+, per customer and currency', () => {
    expect(aging.rows).toEqual([
      {
        customerId: 'C-100',
        currency: 'EUR',
        buckets: { '0-30': 300.3, '31-60': 300, '61-90': 0, '90+': 0 },
        total: 600.3,
        invoices: 3,
      },
      {
        customerId: 'C-200',
        currency: 'EUR',
        buckets: { '0-30': 0, '31-60': 0, '61-90': 0.3, '90+': 1250 },
        total: 1250.3,
        invoices: 3,
      },
      {
        customerId: 'C-300',
        currency: 'JPY',
        buckets: { '0-30': 0, '31-60': 0, '61-90': 0, '90+': 5000 },
        total: 5000,
        invoices: 1,
      },
    ]);
  });

  it('writes the aging CSV with exactly the bucket sums, a TOTAL row per currency', async () => {
    const { csv } = await render({ reportId: 'r-1', report: 'ar-aging', figures: aging });

    expect(csv.split('\r\n')).toEqual([
      'customer_id,currency,days_0_30,days_31_60,days_61_90,days_90_plus,total,invoices',
      'C-100,EUR,300.30,300.00,0.00,0.00,600.30,3',
      'C-200,EUR,0.00,0.00,0.30,1250.00,1250.30,3',
      'C-300,JPY,0,0,0,5000,5000,1',
      'TOTAL,EUR,300.30,300.00,0.30,1250.00,1850.60,6',
      'TOTAL,JPY,0,0,0,5000,5000,1',
      '',
    ]);
  });

  it('renders the aging PDF with the totals in its text, the same bytes for the same figures', async () => {
    const first = await render({ reportId: 'r-1', report: 'ar-aging', figures: aging });
    const second = await render({ reportId: 'r-1', report: 'ar-aging', figures: aging });
    const pdf = Buffer.from(first.pdfBase64, 'base64');

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(first.title).toBe('Accounts receivable aging 2030-06-30');
    expect((await PDFDocument.load(pdf)).getTitle()).toBe(first.title);
    const text = await textOf(pdf);
    expect(text).toContain('C-100 EUR 300.30 300.00 0.00 0.00 600.30 3');
    expect(text).toContain('Total EUR 300.30 300.00 0.30 1,250.00 1,850.60 6');
    expect(text).toContain('Total JPY 0 0 0 5,000 5,000 1');
    expect(second.pdfBase64).toBe(first.pdfBase64);
  });

  it('renders the SLA report: breaches, overdue tasks and the bottlenecks, as PDF and CSV', async () => {
    const rendered = await render({ reportId: 'r-2', report: 'sla', figures: sla });

    expect(rendered.csv.split('\r\n')[1]).toBe(
      'order-to-cash,P60D,12,2,1,3,approval (manager),7500,create-shipment,2,,',
    );
    const text = await textOf(Buffer.from(rendered.pdfBase64, 'base64'));
    expect(text).toContain('SLA report 2030-06-23 – 2030-06-30');
    expect(text).toContain('1. approval (manager): median wait 2h 5m, 40 % of cycle time, 4 time(s)');
  });

  it('continues a long aging on further pages, the header repeated', async () => {
    const many = ageReceivables(
      Array.from({ length: 80 }, (_, index) => invoice(`C-${1000 + index}`, 10, index)),
      asOf,
    );
    const rendered = await render({ reportId: 'r-3', report: 'ar-aging', figures: many });
    const pdf = await PDFDocument.load(Buffer.from(rendered.pdfBase64, 'base64'));

    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(3);
    expect((await textOf(Buffer.from(rendered.pdfBase64, 'base64'))).match(/Customer Currency/g)?.length).toBe(
      pdf.getPageCount(),
    );
  });
});

describe('report mail against a real sandbox', () => {
  let sandbox: SandboxProcess;
  let activities: ReturnType<typeof createActivities>;
  const workflowId = 'ordo-report-ar-aging-2030-06-30T06:00:00Z';
  const mail = {
    step: 'mail-report',
    to: 'accounts-receivable@ordo.local',
    subject: 'Accounts receivable aging 2030-06-30',
    body: 'EUR 1850.60 open',
    attachmentUrl: 'http://127.0.0.1:3000/v1/reports/r-1/document?format=pdf',
  };

  beforeAll(async () => {
    sandbox = await startSandboxProcess();
    activities = createActivities(
      loadActivitiesConfig({ ORDO_SANDBOX_URL: sandbox.url, ORDO_HTTP_TIMEOUT_MS: '2000' }),
    );
  }, 120_000);
  afterAll(() => sandbox?.stop());

  it('is sent once when retried after the mail system answered 503 having sent it', async () => {
    await sandbox.call('PUT', '/faults/mail', { errorRate: 1, failAfterEffect: true });
    const failure = asReportedFailure(
      await rejectionOf(new ActivityRunner(workflowId).run(activities.mailReport, mail)),
    );
    expect(failure).toMatchObject({ type: 'ExternalSystemUnavailableError', nonRetryable: false });
    await sandbox.call('DELETE', '/faults');

    const retried = await new ActivityRunner(workflowId).run(activities.mailReport, mail);
    const again = await new ActivityRunner(workflowId).run(activities.mailReport, mail);

    const { messages } = await sandbox.call('GET', '/mail/outbox');
    expect(messages.filter((message: any) => message.subject === mail.subject)).toEqual([
      expect.objectContaining({ messageId: retried.messageId, to: mail.to, attachmentUrl: mail.attachmentUrl }),
    ]);
    expect(again.messageId).toBe(retried.messageId);
    expect(await sandbox.ledger('?action=message.sent')).toEqual([
      expect.objectContaining({ idempotencyKey: `${workflowId}:mail-report` }),
    ]);
  });
});

/** What pdf2json answers, as far as reading the text back needs it. */
interface ParsedPage {
  Texts: Array<{ x: number; y: number; R: Array<{ T: string }> }>;
}

/** The PDF's text, page by page, the pieces of a line in reading order joined by single spaces. */
async function textOf(pdf: Uint8Array): Promise<string> {
  const parsed = await new Promise<{ Pages: ParsedPage[] }>((resolve, reject) => {
    const parser = new PDFParser();
    parser.on('pdfParser_dataReady', (data) => resolve(data as { Pages: ParsedPage[] }));
    parser.on('pdfParser_dataError', (error) => reject(error instanceof Error ? error : error.parserError));
    parser.parseBuffer(Buffer.from(pdf), -1);
  });
  return parsed.Pages.map((page) => {
    const rows = new Map<number, Array<{ x: number; text: string }>>();
    for (const item of page.Texts) {
      const row = Math.round(item.y * 4);
      rows.set(row, [
        ...(rows.get(row) ?? []),
        { x: item.x, text: item.R.map((run) => decodeURIComponent(run.T)).join('') },
      ]);
    }
    return [...rows.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, items]) =>
        items
          .sort((a, b) => a.x - b.x)
          .map((item) => item.text.trim())
          .join(' '),
      )
      .join('\n');
  }).join('\n');
}
