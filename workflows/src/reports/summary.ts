import type { ReportFigures, SlaProcessRow } from './contract';

/** One line a listing and a mail can show: the totals per currency, or the SLA figures summed over processes. */
export function reportSummary(report: ReportFigures): string {
  if (report.report === 'ar-aging') {
    const { totals } = report.figures;
    if (totals.length === 0) return 'No open receivables';
    return totals
      .map((total) => `${total.currency} ${total.total.toFixed(2)} open in ${total.invoices} invoice(s)`)
      .join('; ');
  }
  const { processes } = report.figures;
  const sum = (pick: (row: SlaProcessRow) => number) => processes.reduce((total, row) => total + pick(row), 0);
  return (
    `${sum((row) => row.breachedClosed + row.breachedRunning)} SLA breach(es), ` +
    `${sum((row) => row.overdueTasks)} overdue task(s) over ${processes.length} process(es)`
  );
}
