import { useState } from 'react';
import { inbox, type InboxFilter } from '../api/ordo-api';
import type { InboxItem } from '../api/views';
import { usePolling } from '../lib/usePolling';
import { ErrorAlert } from '../ui/ErrorAlert';
import { InboxFilters } from './InboxFilters';
import styles from './InboxPage.module.css';
import { Pager, usePageTokens } from './Pager';
import { TaskCard } from './TaskCard';

/** How often the inbox asks again, so that what colleagues claim or complete disappears without a reload. */
const pollMs = 5000;

/** The home page of people who act: the open tasks for them and their roles, earliest due first. */
export function InboxPage() {
  const [filter, setFilter] = useState<Omit<InboxFilter, 'pageToken'>>({});
  const pages = usePageTokens(JSON.stringify(filter));
  const query: InboxFilter = { ...filter, ...(pages.token ? { pageToken: pages.token } : {}) };
  const tasks = usePolling(() => inbox(query), JSON.stringify(query), pollMs);
  const [announcement, setAnnouncement] = useState('');

  const items = [...(tasks.data?.items ?? [])].sort(byDueTime);
  const changed = (item: InboxItem) => (what: string) => {
    setAnnouncement(`${item.businessKey} · ${item.title}: ${what}`);
    void tasks.reload();
  };

  return (
    <>
      <h1>Inbox</h1>
      <InboxFilters filter={filter} onChange={setFilter} />
      <p role="status" className={styles.announcement}>
        {announcement}
      </p>
      {tasks.error && <ErrorAlert error={tasks.error} />}
      {tasks.data?.partial && (
        <p className={styles.partial}>Some instances could not be read just now: this list may be incomplete.</p>
      )}
      {tasks.loading && !tasks.data ? (
        <p>Loading tasks…</p>
      ) : items.length === 0 ? (
        <p>No open tasks for you{Object.keys(filter).length > 0 ? ' with these filters' : ''}.</p>
      ) : (
        <ul className={styles.list} aria-label="Open tasks">
          {items.map((item) => (
            <li key={`${item.workflowId}/${item.taskId}`}>
              <TaskCard item={item} onChanged={changed(item)} />
            </li>
          ))}
        </ul>
      )}
      <Pager pages={pages} nextPageToken={tasks.data?.nextPageToken ?? null} />
    </>
  );
}

function byDueTime(a: InboxItem, b: InboxItem): number {
  return a.dueAt.localeCompare(b.dueAt);
}
