import type { ReportDocumentActivities } from '@ordo/workflows';
import { writeOptions } from '../activity-context';
import type { ExternalClients } from '../clients';
import { agingCsv, slaCsv } from './report-csv';
import { renderAgingPdf, renderSlaPdf } from './report-pdf';

const day = (iso: string) => iso.slice(0, 10);

/** The scheduled reports' documents (rendered here, stored by the API) and their mail. */
export function createReportActivities({ mail }: Pick<ExternalClients, 'mail'>) {
  return {
    async renderReport(request) {
      if (request.report === 'ar-aging') {
        const title = `Accounts receivable aging ${day(request.figures.asOf)}`;
        const pdf = await renderAgingPdf(title, request.reportId, request.figures);
        return { title, pdfBase64: Buffer.from(pdf).toString('base64'), csv: agingCsv(request.figures) };
      }
      const title = `SLA report ${day(request.figures.from)} – ${day(request.figures.asOf)}`;
      const pdf = await renderSlaPdf(title, request.reportId, request.figures);
      return { title, pdfBase64: Buffer.from(pdf).toString('base64'), csv: slaCsv(request.figures) };
    },

    async mailReport({ step, to, subject, body, attachmentUrl }) {
      const { messageId } = await mail.send({ to, subject, body, attachmentUrl }, writeOptions(step));
      return { messageId };
    },
  } satisfies ReportDocumentActivities;
}
