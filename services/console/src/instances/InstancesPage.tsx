import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { instances } from '../api/ordo-api';
import { type ProcessStatus, processStatuses } from '../api/views';
import { useCatalog } from '../catalog/catalog';
import { ProcessSelect } from '../catalog/ProcessSelect';
import { Pager, usePageTokens } from '../inbox/Pager';
import { formatDateTime } from '../lib/format';
import { usePolling } from '../lib/usePolling';
import controls from '../ui/controls.module.css';
import { ErrorAlert } from '../ui/ErrorAlert';
import { StatusBadge } from '../ui/StatusBadge';
import tables from '../ui/tables.module.css';
import { instancePath } from './instance-path';

/** Instances of one process, newest first, by status; a business key opens its instance directly. */
export function InstancesPage() {
  const { processes } = useCatalog();
  const [chosen, setChosen] = useState('');
  const process = chosen || processes[0]?.name || '';
  const [status, setStatus] = useState<ProcessStatus | ''>('');
  const [search, setSearch] = useState('');
  const navigate = useNavigate();
  const pages = usePageTokens(`${process}/${status}`);
  const query = { ...(status ? { status } : {}), ...(pages.token ? { pageToken: pages.token } : {}) };
  const list = usePolling(
    () => (process ? instances(process, query) : Promise.resolve({ items: [], nextPageToken: null })),
    `${process}/${JSON.stringify(query)}`,
    10_000,
  );

  const open = (event: FormEvent) => {
    event.preventDefault();
    if (search.trim()) void navigate(instancePath(process, search.trim()));
  };
  // The listing has no key filter: the page shown is narrowed as one types, Enter opens the key itself.
  const needle = search.trim().toLowerCase();
  const rows = (list.data?.items ?? []).filter((item) => item.businessKey.toLowerCase().includes(needle));

  return (
    <>
      <h1>Instances</h1>
      <div className={controls.row}>
        <ProcessSelect value={process} onChange={setChosen} />
        <label className={controls.field}>
          <span className={controls.label}>Status</span>
          <select
            className={controls.input}
            value={status}
            onChange={(event) => setStatus(event.target.value as ProcessStatus | '')}
          >
            <option value="">Any status</option>
            {processStatuses.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <form className={controls.row} role="search" onSubmit={open}>
          <label className={controls.field}>
            <span className={controls.label}>Business key</span>
            <input className={controls.input} value={search} onChange={(event) => setSearch(event.target.value)} />
          </label>
          <button type="submit" className={controls.button} disabled={!search.trim()}>
            Open
          </button>
        </form>
      </div>
      {list.error && <ErrorAlert error={list.error} />}
      <div className={tables.wrap}>
        <table className={`${tables.table} ${tables.nowrap}`}>
          <caption className="visually-hidden">Instances of {process}</caption>
          <thead>
            <tr>
              <th scope="col">Business key</th>
              <th scope="col">Status</th>
              <th scope="col">Stage</th>
              <th scope="col">Started</th>
              <th scope="col">Closed</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr key={item.workflowId}>
                <td>
                  <Link to={instancePath(process, item.businessKey)}>{item.businessKey}</Link>
                </td>
                <td>
                  <StatusBadge status={item.status} />
                </td>
                <td>{item.stage ?? '—'}</td>
                <td>{formatDateTime(item.startedAt)}</td>
                <td>{formatDateTime(item.closedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && rows.length === 0 && <p>No instances{needle ? ' matching this key on this page' : ''}.</p>}
      <Pager pages={pages} nextPageToken={list.data?.nextPageToken ?? null} />
    </>
  );
}
