import { Link } from 'react-router';
import type { ActivityBottleneck, ConformanceReport, VersionSummary } from '../api/views';
import { instancePath } from '../instances/instance-path';
import { NumberHeader } from '../ui/NumberHeader';
import tables from '../ui/tables.module.css';
import { formatSeconds, formatShare } from '../lib/format';

/** The extractor adds closed and changed instances every minute by default: the analyses are read again this often. */
export const analysisPollMs = 15_000;

/** Per version: how many instances, how they ended, how long they took and how often the SLA was missed. */
export function VersionsTable({ versions }: { versions: readonly VersionSummary[] }) {
  return (
    <div className={tables.wrap}>
      <table className={tables.table}>
        <caption>Versions</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <NumberHeader>Instances</NumberHeader>
            <NumberHeader>Closed</NumberHeader>
            <th scope="col">Outcomes</th>
            <NumberHeader>Cycle time p50</NumberHeader>
            <NumberHeader>p95</NumberHeader>
            <NumberHeader>SLA missed</NumberHeader>
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr key={version.version}>
              <th scope="row">{version.version}</th>
              <td className={tables.number}>{version.instances}</td>
              <td className={tables.number}>{version.closed}</td>
              <td>
                {Object.entries(version.outcomes)
                  .map(([outcome, count]) => `${outcome} ${count}`)
                  .join(', ')}
              </td>
              <td className={tables.number}>{version.cycleTime ? formatSeconds(version.cycleTime.p50) : '—'}</td>
              <td className={tables.number}>{version.cycleTime ? formatSeconds(version.cycleTime.p95) : '—'}</td>
              <td className={tables.number}>{formatShare(version.slaBreachRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Where instances wait (before anyone or anything works on a step) against where they work, most waiting first. */
export function BottleneckTable({ activities }: { activities: readonly ActivityBottleneck[] }) {
  const rows = [...activities].sort((a, b) => b.waiting.total - a.waiting.total);
  if (rows.length === 0) return <p>No activity recorded for this selection yet.</p>;
  return (
    <div className={tables.wrap}>
      <table className={tables.table} data-testid="bottlenecks">
        <caption className="visually-hidden">Waiting and working time per activity</caption>
        <thead>
          <tr>
            <th scope="col">Activity</th>
            <th scope="col">Role</th>
            <NumberHeader>Count</NumberHeader>
            <NumberHeader>Waiting p50</NumberHeader>
            <NumberHeader>Waiting p95</NumberHeader>
            <NumberHeader>Working p50</NumberHeader>
            <NumberHeader>Working p95</NumberHeader>
            <NumberHeader>Share of cycle time</NumberHeader>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.activity}/${row.role ?? ''}`}>
              <th scope="row">{row.activity}</th>
              <td>{row.role ?? '—'}</td>
              <td className={tables.number}>{row.count}</td>
              <td className={tables.number}>{formatSeconds(row.waiting.p50)}</td>
              <td className={tables.number}>{formatSeconds(row.waiting.p95)}</td>
              <td className={tables.number}>{formatSeconds(row.working.p50)}</td>
              <td className={tables.number}>{formatSeconds(row.working.p95)}</td>
              <td className={tables.number}>{formatShare(row.shareOfCycleTime)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** How many instances kept the designed flow and each rule, and every violation with a link to its instance. */
export function ConformancePanel({ process, report }: { process: string; report: ConformanceReport }) {
  const checks = [
    { id: 'model', description: 'Follows the designed flow', ...report.model },
    ...report.rules.map((rule) => ({ ...rule, description: `${rule.id}: ${rule.description}` })),
  ];
  return (
    <>
      <div className={tables.wrap}>
        <table className={tables.table} data-testid="conformance">
          <caption className="visually-hidden">Conformance checks</caption>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <NumberHeader>Applies to</NumberHeader>
              <NumberHeader>Kept</NumberHeader>
              <NumberHeader>Share kept</NumberHeader>
            </tr>
          </thead>
          <tbody>
            {checks.map((check) => (
              <tr key={check.id}>
                <th scope="row">{check.description}</th>
                <td className={tables.number}>{check.applicable}</td>
                <td className={tables.number}>{check.fitting}</td>
                <td className={tables.number}>{formatShare(check.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {checks.some((check) => check.violations.length > 0) ? (
        <ul aria-label="Violations">
          {checks.flatMap((check) =>
            check.violations.map((violation) => (
              <li key={`${check.id}/${violation.caseId}/${violation.at}`}>
                <Link to={instancePath(process, violation.caseId)}>{violation.caseId}</Link>: {violation.what} (
                {check.id})
              </li>
            )),
          )}
        </ul>
      ) : (
        <p>No violations in this selection.</p>
      )}
    </>
  );
}
