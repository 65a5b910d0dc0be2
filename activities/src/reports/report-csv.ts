import { agingBuckets, type AgingFigures, type SlaFigures } from '@ordo/workflows';
import { plainAmount } from './amounts';

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled; lines end in CRLF. */
function csvLine(fields: ReadonlyArray<string | number>): string {
  return fields
    .map((field) => {
      const text = String(field);
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',');
}

function csv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return rows.map(csvLine).join('\r\n') + '\r\n';
}

export const agingCsvHeader = [
  'customer_id',
  'currency',
  'days_0_30',
  'days_31_60',
  'days_61_90',
  'days_90_plus',
  'total',
  'invoices',
] as const;

/** One row per customer and currency, then one `TOTAL` row per currency. */
export function agingCsv(figures: AgingFigures): string {
  const amountsOf = (row: { currency: string; buckets: Record<string, number>; total: number }) => [
    ...agingBuckets.map((bucket) => plainAmount(row.buckets[bucket] ?? 0, row.currency)),
    plainAmount(row.total, row.currency),
  ];
  return csv([
    agingCsvHeader,
    ...figures.rows.map((row) => [row.customerId, row.currency, ...amountsOf(row), row.invoices]),
    ...figures.totals.map((total) => ['TOTAL', total.currency, ...amountsOf(total), total.invoices]),
  ]);
}

export const slaCsvHeader = [
  'process',
  'completion_target',
  'closed_in_period',
  'breached_closed',
  'breached_running',
  'overdue_tasks',
  ...[1, 2, 3].flatMap((rank) => [`bottleneck_${rank}`, `bottleneck_${rank}_wait_p50_seconds`]),
] as const;

/** One row per catalog process; its three worst bottlenecks by median wait in the last columns (empty if fewer). */
export function slaCsv(figures: SlaFigures): string {
  return csv([
    slaCsvHeader,
    ...figures.processes.map((row) => [
      row.process,
      row.completionTarget,
      row.closedInPeriod,
      row.breachedClosed,
      row.breachedRunning,
      row.overdueTasks,
      ...[0, 1, 2].flatMap((index) => {
        const bottleneck = row.bottlenecks[index];
        return bottleneck ? [bottleneckName(bottleneck), Math.round(bottleneck.waitingP50Seconds)] : ['', ''];
      }),
    ]),
  ]);
}

export function bottleneckName(bottleneck: { activity: string; role: string | null }): string {
  return bottleneck.role ? `${bottleneck.activity} (${bottleneck.role})` : bottleneck.activity;
}
