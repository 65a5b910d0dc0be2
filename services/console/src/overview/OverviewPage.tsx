import { Link } from 'react-router';
import { overview } from '../api/ordo-api';
import type { ProcessOverview } from '../api/views';
import { formatDateTime, formatMoney, formatSeconds, formatShare } from '../lib/format';
import { usePolling } from '../lib/usePolling';
import { ErrorAlert } from '../ui/ErrorAlert';
import { NumberHeader } from '../ui/NumberHeader';
import tables from '../ui/tables.module.css';
import styles from './OverviewPage.module.css';

/** Counts come from visibility at each request; the value in flight is summed every 15 s by the API. */
const overviewPollMs = 15_000;

/** For process owners: per process, what is in flight, done today, late and worth, with its Grafana dashboard. */
export function OverviewPage() {
  const answer = usePolling(() => overview(), 'overview', overviewPollMs);
  const rows = answer.data?.processes ?? [];
  return (
    <>
      <h1>Overview</h1>
      {answer.error && <ErrorAlert error={answer.error} />}
      {!answer.data && !answer.error && <p>Loading…</p>}
      {answer.data && rows.length === 0 && (
        <p>
          You oversee no process: the Overview shows the processes of your owner team, and every process to analysts and
          auditors.
        </p>
      )}
      {rows.length > 0 && (
        <>
          <div className={tables.wrap}>
            <table className={tables.table} data-testid="overview">
              <caption className="visually-hidden">Processes at a glance</caption>
              <thead>
                <tr>
                  <th scope="col">Process</th>
                  <NumberHeader>In flight</NumberHeader>
                  <NumberHeader>Completed today</NumberHeader>
                  <NumberHeader>Cycle time p50</NumberHeader>
                  <th scope="col">SLA</th>
                  <NumberHeader>Overdue tasks</NumberHeader>
                  <NumberHeader>Value in flight</NumberHeader>
                  <th scope="col">Dashboard</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <OverviewRow key={row.process} row={row} />
                ))}
              </tbody>
            </table>
          </div>
          <p>
            Counted {formatDateTime(answer.data?.asOf)}; value in flight summed{' '}
            {answer.data?.valuesAsOf ? formatDateTime(answer.data.valuesAsOf) : 'not yet'}. Cycle time and SLA misses
            are of the closed instances of the version each process runs now.
          </p>
        </>
      )}
    </>
  );
}

function OverviewRow({ row }: { row: ProcessOverview }) {
  return (
    <tr data-process={row.process}>
      <th scope="row" className={styles.process}>
        <Link to={`/processes/${row.process}`}>{row.process}</Link>
        <small className={styles.meta}>
          {row.ownerTeam}, version {row.version}
        </small>
      </th>
      <td className={tables.number} data-figure="in-flight">
        {row.inFlight}
      </td>
      <td className={tables.number} data-figure="completed-today">
        {row.completedToday}
      </td>
      <td className={tables.number}>{row.cycleTime ? formatSeconds(row.cycleTime.p50) : '—'}</td>
      <td data-figure="sla">
        {row.openPastSla === null ? 'no fixed target' : `${row.openPastSla} open past ${row.slaTarget}`}
        {row.slaBreachRate !== null && `, ${formatShare(row.slaBreachRate)} of closed missed it`}
      </td>
      <td className={tables.number} data-figure="overdue-tasks">
        {row.overdueTasks}
      </td>
      <td className={tables.number} data-figure="value-in-flight">
        {row.valueInFlight === null
          ? '—'
          : row.valueInFlight.length === 0
            ? 'none'
            : row.valueInFlight.map((value) => formatMoney(value.amount, value.currency)).join(', ')}
      </td>
      <td>
        {row.dashboardUrl ? (
          <a href={row.dashboardUrl} target="_blank" rel="noreferrer">
            Grafana<span className="visually-hidden"> dashboard of {row.process}</span>
          </a>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}
