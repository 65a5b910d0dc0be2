import type { AuditEntry } from './history-audit';

export const auditCsvColumns = [
  'at',
  'process',
  'businessKey',
  'actor',
  'roles',
  'action',
  'taskId',
  'decision',
  'event',
  'assignee',
  'comment',
  'outcome',
] as const;

/** Cells a spreadsheet would run as a formula (CSV injection): such a cell gets a leading apostrophe. */
const formulaStart = /^[=+\-@\t\r]/;

/** One RFC 4180 field: quoted when it holds a comma, a quote, a line break or edge spaces; quotes doubled. */
export function csvField(value: string): string {
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function cellOf(entry: AuditEntry, column: (typeof auditCsvColumns)[number]): string {
  if (column === 'roles') return entry.roles.join(' ');
  return entry[column] ?? '';
}

/** The audit as CSV: a header row, then one row per entry; CRLF line ends (RFC 4180); roles separated by spaces. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = [
    auditCsvColumns.join(','),
    ...entries.map((entry) => auditCsvColumns.map((column) => csvField(cellOf(entry, column))).join(',')),
  ];
  return `${rows.join('\r\n')}\r\n`;
}
