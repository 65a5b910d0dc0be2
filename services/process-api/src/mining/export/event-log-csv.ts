import { csvField } from '../../audit/audit-csv';
import type { MiningCase, MiningEvent } from '../store/mining-records';
import { isoWithOffset } from './timestamps';

export const eventLogCsvColumns = [
  'case_id',
  'activity',
  'lifecycle',
  'timestamp',
  'resource',
  'role',
  'kind',
  'activity_instance',
  'process',
  'version',
  'waiting_s',
  'working_s',
  'outcome',
  'decision',
  'amount_band',
  'currency',
  'customer',
  'case_outcome',
] as const;

type Column = (typeof eventLogCsvColumns)[number];

function cellOf(event: MiningEvent, record: MiningCase | undefined, column: Column): string {
  const cells: Record<Column, string | number | null | undefined> = {
    case_id: event.caseId,
    activity: event.activity,
    lifecycle: event.lifecycle,
    timestamp: isoWithOffset(event.timestampMs),
    resource: event.resource,
    role: event.role,
    kind: event.kind,
    activity_instance: event.activityInstance,
    process: event.process,
    version: event.version,
    waiting_s: event.waitingSeconds,
    working_s: event.workingSeconds,
    outcome: event.outcome,
    decision: event.decision,
    amount_band: record?.amountBand,
    currency: record?.currency,
    customer: record?.customer,
    case_outcome: record?.outcome,
  };
  const value = cells[column];
  return value === null || value === undefined ? '' : String(value);
}

/** The log as CSV (RFC 4180, CRLF): one row per event, cases in turn, each case's events in log order. */
export function eventLogCsv(cases: readonly MiningCase[], events: readonly MiningEvent[]): string {
  const byRun = new Map(cases.map((record) => [record.runId, record]));
  const rows = [
    eventLogCsvColumns.join(','),
    ...events.map((event) =>
      eventLogCsvColumns.map((column) => csvField(cellOf(event, byRun.get(event.runId), column))).join(','),
    ),
  ];
  return `${rows.join('\r\n')}\r\n`;
}
