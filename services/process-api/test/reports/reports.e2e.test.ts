/**
 * Scheduled reports on the real stack (dev server, sandbox, worker, API): the worker created the Schedules; a seeded
 * set of open invoices of known ages gives exactly the expected bucket sums in the aging CSV, and a PDF with those
 * totals; the mail reaches the sandbox once though its first attempt failed after sending; a trigger of the Schedule
 * and the SLA report run too; pause and unpause show in the Schedule; the listing survives an API restart; and who
 * may do what.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataConverterFor, KeyRing } from '@ordo/codec';
import { miningExtractionWorkflowType, ordoTaskQueue, reportScheduleIds } from '@ordo/workflows';
import { Client, Connection } from '@temporalio/client';
import PDFParser from 'pdf2json';
import { eventually, startTestStack, type RunningStack } from '../e2e/stack-fixture';

jest.setTimeout(300_000);

interface Json {
  [key: string]: any;
}

const keyJson = JSON.stringify(KeyRing.generateJson('reports-e2e'));
const run = Date.now();
const orders = '/v1/processes/order-to-cash/instances';
const aging = reportScheduleIds['ar-aging'];
const sla = reportScheduleIds.sla;
const dayMs = 86_400_000;
const reportsDir = mkdtempSync(join(tmpdir(), 'ordo-reports-'));

let stack: RunningStack & { dispose(): Promise<void>; restart(name: string): Promise<unknown> };
let connection: Connection;
let client: Client;

async function call(method: string, path: string, token: string | null, body?: unknown) {
  const url = path.startsWith('http') ? path : `${stack.urls.api}${path}`;
  const send = () =>
    fetch(url, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  // A keep-alive socket the API closed while idle fails the next request on it; a read is simply sent again.
  const response = await send().catch((error: unknown) => (method === 'GET' ? send() : Promise.reject(error)));
  const bytes = Buffer.from(await response.arrayBuffer());
  let json: Json = {};
  try {
    json = JSON.parse(bytes.toString('utf8')) as Json;
  } catch {
    // a document
  }
  return { status: response.status, json, bytes, headers: response.headers };
}

const sandbox = async (method: string, route: string, body?: unknown) =>
  (
    await fetch(`${stack.urls.sandbox}${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  ).json() as Promise<Json>;

const state = async (key: string) => (await call('GET', `${orders}/${key}`, 'dev-process-analyst')).json;

/** An order of one line, auto-approved (≤ 1,000), for a customer with credit enough. */
async function order(key: string, customerId: string, total: number, paymentTermsDays: number) {
  const input = {
    customerId,
    lines: [{ sku: 'SKU-A', quantity: 1, unitPrice: total }],
    currency: 'EUR',
    paymentTermsDays,
  };
  expect((await call('POST', orders, 'dev-clerk', { businessKey: key, input })).status).toBe(201);
}

async function pay(key: string, amount: number, reference: string) {
  const paid = await call('POST', `${orders}/${key}/events/payment-received`, 'dev-accounts-receivable', {
    amount,
    currency: 'EUR',
    reference,
  });
  expect(paid.status).toBe(202);
}

async function listed(token: string, reportId: (id: string) => boolean): Promise<Json> {
  return eventually(
    async () =>
      (await call('GET', '/v1/reports', token)).json.reports?.find((report: Json) => reportId(report.reportId)),
    { what: 'the report listed', timeoutMs: 90_000 },
  );
}

/** Seeded invoices: customer, total, payment terms in days; the report is made 100 days (and a half) on. */
const seeded = [
  { key: `SO-AR-1-${run}`, customer: 'C-100', total: 100, terms: 95 }, // 5 days past due → 0–30
  { key: `SO-AR-2-${run}`, customer: 'C-100', total: 50.5, terms: 120 }, // not yet due → 0–30
  { key: `SO-AR-3-${run}`, customer: 'C-100', total: 200, terms: 65 }, // 35 → 31–60
  { key: `SO-AR-4-${run}`, customer: 'C-900', total: 300.25, terms: 30 }, // 70 → 61–90
  { key: `SO-AR-5-${run}`, customer: 'C-900', total: 400, terms: 5 }, // 95 → 90+
  { key: `SO-AR-6-${run}`, customer: 'C-900', total: 10, terms: 0 }, // 100 → 90+, 4.00 paid: 6.00 open
];
const paidInFull = `SO-AR-PAID-${run}`;
let asOf: string;
let agingReportId: string;

beforeAll(async () => {
  stack = (await startTestStack({
    env: {
      ORDO_CODEC_KEYS: keyJson,
      ORDO_AUTH_DEV_TOKENS: 'on',
      ORDO_MINING_INTERVAL: '1h',
      ORDO_REPORTS_STORE: reportsDir,
    },
  })) as typeof stack;
  connection = await Connection.connect({ address: stack.urls.temporalAddress });
  client = new Client({ connection, dataConverter: dataConverterFor(KeyRing.fromJsonText(keyJson)) });

  for (const invoice of seeded) await order(invoice.key, invoice.customer, invoice.total, invoice.terms);
  await order(paidInFull, 'C-100', 999, 95);
  for (const key of [...seeded.map((invoice) => invoice.key), paidInFull]) {
    // Invoiced: awaiting payment, or (due on the day of issue) already being dunned.
    await eventually(
      async () => (['awaiting-payment', 'dunning'].includes((await state(key)).stage) ? true : undefined),
      {
        what: `${key} invoiced`,
        timeoutMs: 60_000,
      },
    );
  }
  await pay(seeded[5]!.key, 4, 'PAY-PART');
  await pay(paidInFull, 999, 'PAY-FULL');
  await eventually(async () => ((await state(paidInFull)).closedAt ? true : undefined), { what: 'paid order closed' });
  // Visibility shows the partial payment (the memo the report reads) a moment after the workflow wrote it.
  await eventually(
    async () => {
      for await (const info of client.workflow.list({ query: `WorkflowId = 'order-to-cash:${seeded[5]!.key}'` })) {
        if ((info.memo?.OrdoValue as Json | undefined)?.amountOutstanding === 6) return true;
      }
      return undefined;
    },
    { what: 'the partial payment in visibility' },
  );
  asOf = new Date(Date.now() + 100 * dayMs + dayMs / 2).toISOString();
});

afterAll(async () => {
  await connection?.close();
  await stack?.dispose();
  rmSync(reportsDir, { recursive: true, force: true });
});

describe('scheduled reports', () => {
  it('has both Schedules once the worker started, not paused', async () => {
    const answer = await call('GET', '/v1/reports/schedules', 'dev-process-analyst');

    expect(answer.status).toBe(200);
    expect(answer.json.schedules).toEqual([
      expect.objectContaining({ schedule: aging, report: 'ar-aging', paused: false, nextRunAt: expect.any(String) }),
      expect.objectContaining({ schedule: sla, report: 'sla', paused: false, nextRunAt: expect.any(String) }),
    ]);
  });

  it('ages the seeded invoices into exactly the expected buckets, as CSV and PDF, mailed once despite a retry', async () => {
    // The mail system sends, then answers 503: the activity is retried with the same idempotency key.
    await sandbox('PUT', '/faults/mail', { errorRate: 1, failAfterEffect: true });
    const started = await call('POST', `/v1/reports/${aging}/run`, 'dev-cfo', { asOf });
    expect(started.status).toBe(202);
    agingReportId = started.json.reportId;
    expect(agingReportId).toBe(`${aging}-as-of-${asOf}`);
    await eventually(
      async () =>
        (await sandbox('GET', '/ledger?action=message.sent')).entries.some(
          (entry: Json) => entry.idempotencyKey === `${agingReportId}:mail-report`,
        )
          ? true
          : undefined,
      { what: 'the first mail attempt', timeoutMs: 90_000 },
    );
    await sandbox('DELETE', '/faults');
    const result = (await client.workflow.getHandle(agingReportId).result()) as Json;

    const report = await listed('dev-accounts-receivable', (id) => id === agingReportId);
    expect(report).toMatchObject({
      schedule: aging,
      report: 'ar-aging',
      asOf,
      summary: 'EUR 1056.75 open in 6 invoice(s)',
    });
    const csv = await call('GET', report.documents.csv, 'dev-accounts-receivable');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.bytes.toString('utf8').split('\r\n')).toEqual([
      'customer_id,currency,days_0_30,days_31_60,days_61_90,days_90_plus,total,invoices',
      'C-100,EUR,150.50,200.00,0.00,0.00,350.50,3',
      'C-900,EUR,0.00,0.00,300.25,406.00,706.25,3',
      'TOTAL,EUR,150.50,200.00,300.25,406.00,1056.75,6',
      '',
    ]);
    const pdf = await call('GET', report.documents.pdf, 'dev-accounts-receivable');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await textOf(pdf.bytes);
    expect(text).toContain('C-900 EUR 0.00 0.00 300.25 406.00 706.25 3');
    expect(text).toContain('Total EUR 150.50 200.00 300.25 406.00 1,056.75 6');

    // One mail, to accounts receivable, linking the PDF that the API serves behind its token.
    const { messages } = await sandbox('GET', '/mail/outbox');
    const mailed = messages.filter(
      (message: Json) => message.subject === `Accounts receivable aging ${asOf.slice(0, 10)}`,
    );
    expect(mailed).toEqual([
      expect.objectContaining({ to: 'accounts-receivable@ordo.local', messageId: result.messageId }),
    ]);
    expect(mailed[0].attachmentUrl).toMatch(
      new RegExp(`/v1/reports/${encodeURIComponent(agingReportId)}/document\\?format=pdf$`),
    );
    expect((await call('GET', mailed[0].attachmentUrl, null)).status).toBe(401);
    expect((await call('GET', mailed[0].attachmentUrl, 'dev-cfo')).bytes.equals(pdf.bytes)).toBe(true);
    // The mail activity was indeed attempted more than once.
    const attempts = (await client.workflow.getHandle(agingReportId).fetchHistory()).events!.filter(
      (event) => event.activityTaskStartedEventAttributes,
    );
    expect(
      Math.max(...attempts.map((event) => event.activityTaskStartedEventAttributes!.attempt ?? 1)),
    ).toBeGreaterThan(1);

    // Asking again for the same instant answers with the same report.
    const again = await call('POST', `/v1/reports/${aging}/run`, 'dev-cfo', { asOf });
    expect(again.json.reportId).toBe(agingReportId);
  });

  it('runs the Schedule now when triggered: today every seeded invoice is within 0–30 days', async () => {
    const triggered = await call('POST', `/v1/reports/${aging}/run`, 'dev-process-analyst');
    expect(triggered.status).toBe(202);
    expect(triggered.json).toMatchObject({ schedule: aging, report: 'ar-aging', reportId: null });

    const report = await listed('dev-process-analyst', (id) => id.startsWith(`${aging}-`) && !id.includes('-as-of-'));
    const csv = (await call('GET', report.documents.csv, 'dev-process-analyst')).bytes.toString('utf8');
    expect(csv).toContain('TOTAL,EUR,1056.75,0.00,0.00,0.00,1056.75,6');
    const description = await client.schedule.getHandle(aging).describe();
    expect(description.info.recentActions.map((action) => action.action.workflow.workflowId)).toContain(
      report.reportId,
    );
  });

  it('makes the SLA report per process, bottlenecks from process intelligence', async () => {
    await client.workflow.execute(miningExtractionWorkflowType, {
      taskQueue: ordoTaskQueue,
      workflowId: `mining-for-reports-${run}`,
      args: [{}],
    });
    const now = new Date().toISOString();
    const started = await call('POST', `/v1/reports/${sla}/run`, 'dev-process-analyst', { asOf: now });
    expect(started.status).toBe(202);

    const report = await listed('dev-auditor', (id) => id === started.json.reportId);
    const lines = (await call('GET', report.documents.csv, 'dev-auditor')).bytes.toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'process,completion_target,closed_in_period,breached_closed,breached_running,overdue_tasks,' +
        'bottleneck_1,bottleneck_1_wait_p50_seconds,bottleneck_2,bottleneck_2_wait_p50_seconds,' +
        'bottleneck_3,bottleneck_3_wait_p50_seconds',
    );
    const orderRow = lines.find((line) => line.startsWith('order-to-cash,'))!.split(',');
    // The paid order closed this week within its 60 days; nothing runs late; no task is open.
    expect(orderRow.slice(0, 6)).toEqual(['order-to-cash', 'P60D', '1', '0', '0', '0']);
    expect(orderRow[6]).not.toBe('');
    const pdf = await call('GET', report.documents.pdf, 'dev-process-analyst');
    expect(await textOf(pdf.bytes)).toContain('Bottlenecks: the three activities with the longest median wait');
    // SLA reports are the analysts' and auditors': accounts receivable neither lists nor downloads them.
    expect((await call('GET', report.documents.pdf, 'dev-accounts-receivable')).status).toBe(403);
    const theirs = (await call('GET', '/v1/reports', 'dev-accounts-receivable')).json.reports as Json[];
    expect(theirs.every((listedReport) => listedReport.report === 'ar-aging')).toBe(true);
  });

  it('pauses and unpauses a Schedule with a reason, as its state in Temporal shows', async () => {
    const paused = await call('POST', `/v1/reports/${sla}/pause`, 'dev-process-analyst', {
      reason: 'catalog migration',
    });
    expect(paused.status).toBe(200);
    expect(paused.json).toMatchObject({
      schedule: sla,
      paused: true,
      note: 'catalog migration (paused by process-analyst)',
    });
    expect((await client.schedule.getHandle(sla).describe()).state).toMatchObject({ paused: true });

    const unpaused = await call('POST', `/v1/reports/${sla}/unpause`, 'dev-process-analyst', { reason: 'done' });
    expect(unpaused.json).toMatchObject({ paused: false, note: 'done (unpaused by process-analyst)' });
    expect((await client.schedule.getHandle(sla).describe()).state.paused).toBe(false);
  });

  it('answers 401 without a token, 403 to other roles, 400 naming the field, 404 for unknowns', async () => {
    expect((await call('GET', '/v1/reports', null)).status).toBe(401);
    expect((await call('POST', `/v1/reports/${aging}/run`, null)).status).toBe(401);
    const clerk = await call('GET', '/v1/reports', 'dev-clerk');
    expect(clerk.status).toBe(403);
    expect(clerk.json.details).toEqual([expect.objectContaining({ path: 'authorization' })]);
    expect(
      (await call('GET', `/v1/reports/${encodeURIComponent(agingReportId)}/document?format=pdf`, 'dev-clerk')).status,
    ).toBe(403);
    expect((await call('POST', `/v1/reports/${sla}/run`, 'dev-accounts-receivable')).status).toBe(403);
    expect((await call('POST', `/v1/reports/${aging}/pause`, 'dev-auditor', { reason: 'x' })).status).toBe(403);

    const badFormat = await call(
      'GET',
      `/v1/reports/${encodeURIComponent(agingReportId)}/document?format=docx`,
      'dev-cfo',
    );
    expect(badFormat.status).toBe(400);
    expect(badFormat.json.details).toEqual([expect.objectContaining({ path: 'format' })]);
    const badId = await call('GET', '/v1/reports/.hidden/document?format=pdf', 'dev-cfo');
    expect(badId.status).toBe(400);
    expect(badId.json.details).toEqual([expect.objectContaining({ path: 'id' })]);
    const noReason = await call('POST', `/v1/reports/${aging}/pause`, 'dev-cfo', {});
    expect(noReason.status).toBe(400);
    expect(noReason.json.details).toEqual([expect.objectContaining({ path: 'reason' })]);
    const badAsOf = await call('POST', `/v1/reports/${aging}/run`, 'dev-cfo', { asOf: 'yesterday' });
    expect(badAsOf.status).toBe(400);
    expect(badAsOf.json.details).toEqual([expect.objectContaining({ path: 'asOf' })]);

    const unknownSchedule = await call('POST', '/v1/reports/ordo-report-nope/run', 'dev-process-analyst');
    expect(unknownSchedule.status).toBe(404);
    expect(unknownSchedule.json.error).toBe('schedule_not_found');
    expect((await call('GET', '/v1/reports?schedule=ordo-report-nope', 'dev-process-analyst')).status).toBe(404);
    const unknownReport = await call('GET', '/v1/reports/no-such-report/document?format=pdf', 'dev-process-analyst');
    expect(unknownReport.status).toBe(404);
    expect(unknownReport.json.error).toBe('report_not_found');
  });

  it('lists the same reports after the API restarted', async () => {
    const before = (await call('GET', '/v1/reports', 'dev-process-analyst')).json.reports as Json[];
    await stack.restart('api');

    const after = await eventually(async () => {
      const answer = await call('GET', '/v1/reports', 'dev-process-analyst');
      return answer.status === 200 ? (answer.json.reports as Json[]) : undefined;
    });
    expect(after).toEqual(before);
    expect(before.length).toBeGreaterThanOrEqual(3);
    const csv = await call('GET', `/v1/reports/${encodeURIComponent(agingReportId)}/document?format=csv`, 'dev-cfo');
    expect(csv.bytes.toString('utf8')).toContain('TOTAL,EUR,150.50,200.00,300.25,406.00,1056.75,6');
  });
});

interface ParsedPage {
  Texts: Array<{ x: number; y: number; R: Array<{ T: string }> }>;
}

/** The PDF's text, the pieces of a line in reading order joined by single spaces (pdf2json, as the activities' tests). */
async function textOf(pdf: Buffer): Promise<string> {
  const parsed = await new Promise<{ Pages: ParsedPage[] }>((resolve, reject) => {
    const parser = new PDFParser();
    parser.on('pdfParser_dataReady', (data) => resolve(data as { Pages: ParsedPage[] }));
    parser.on('pdfParser_dataError', (error) => reject(error instanceof Error ? error : error.parserError));
    parser.parseBuffer(pdf, -1);
  });
  return parsed.Pages.map((page) => {
    const rows = new Map<number, Array<{ x: number; text: string }>>();
    for (const item of page.Texts) {
      const row = Math.round(item.y * 4);
      const text = item.R.map((piece) => decodeURIComponent(piece.T)).join('');
      rows.set(row, [...(rows.get(row) ?? []), { x: item.x, text }]);
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
