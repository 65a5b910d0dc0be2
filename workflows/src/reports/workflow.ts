import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import { roleMailbox } from '../lib/mailboxes';
import type {
  ReportCollectorActivities,
  ReportDocumentActivities,
  ReportFigures,
  ReportRequest,
  ReportRunResult,
} from './contract';
import { reportRecipients, reportScheduleIds, reportsTaskQueue, slaReportPeriodDays } from './contract';
import { reportSummary } from './summary';

// Collecting reads visibility, queries and the mining store inside the API; a retry reads them again, which is
// harmless. The API may be restarting: retried for a while, the next Schedule action is the last resort.
const collector = proxyActivities<ReportCollectorActivities>({
  taskQueue: reportsTaskQueue,
  startToCloseTimeout: '10 minutes',
  // No API replica serves the queue (none runs the extractor): the run fails after this instead of waiting for good,
  // since the Schedule skips every later run while one is still going.
  scheduleToCloseTimeout: '6 hours',
  retry: { initialInterval: '5 seconds', maximumAttempts: 10 },
});

// Rendering is pure; mailing carries the step's idempotency key, so its retries send one mail.
const documents = proxyActivities<ReportDocumentActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', maximumAttempts: 10 },
});

/**
 * One report run: collect the figures, render the PDF and CSV, store them with the API, mail the links. The report's
 * id is the workflow id (a Schedule's action id is unique per run), so every retry writes and mails the same report.
 */
export async function scheduledReport(request: ReportRequest): Promise<ReportRunResult> {
  const info = workflowInfo();
  const reportId = info.workflowId;
  const asOf = request.asOf ?? info.startTime.toISOString();
  const figures: ReportFigures =
    request.report === 'ar-aging'
      ? { report: 'ar-aging', figures: await collector.collectAgingFigures({ asOf }) }
      : { report: 'sla', figures: await collector.collectSlaFigures({ asOf, periodDays: slaReportPeriodDays }) };
  const rendered = await documents.renderReport({ reportId, ...figures });
  const summary = reportSummary(figures);
  const stored = await collector.storeReport({
    reportId,
    schedule: reportScheduleIds[request.report],
    report: request.report,
    asOf,
    title: rendered.title,
    summary,
    pdfBase64: rendered.pdfBase64,
    csv: rendered.csv,
  });
  const { messageId } = await documents.mailReport({
    step: 'mail-report',
    to: roleMailbox(reportRecipients[request.report]),
    subject: rendered.title,
    body: `${summary}\n\nPDF: ${stored.pdfUrl}\nCSV: ${stored.csvUrl}\n`,
    attachmentUrl: stored.pdfUrl,
  });
  return { reportId, messageId, summary };
}
