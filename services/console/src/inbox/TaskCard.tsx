import { Link } from 'react-router';
import type { InboxItem } from '../api/views';
import { formatDateTime, relativeTime } from '../lib/format';
import { FactList } from '../tasks/TaskData';
import { TaskActions } from '../tasks/TaskActions';
import { instancePath } from '../instances/instance-path';
import styles from './TaskCard.module.css';

export function isOverdue(task: Pick<InboxItem, 'overdue' | 'dueAt'>, now: number = Date.now()): boolean {
  return task.overdue === true || new Date(task.dueAt).getTime() < now;
}

/** One open task in the inbox: what it is about, when it is due, and what the person can do with it. */
export function TaskCard({ item, onChanged }: { item: InboxItem; onChanged(what: string): void }) {
  const overdue = isOverdue(item);
  const headingId = `task-${item.workflowId}-${item.taskId}`.replace(/[^A-Za-z0-9_-]/g, '-');
  return (
    <article className={`${styles.card} ${overdue ? styles.overdue : ''}`} aria-labelledby={headingId}>
      <header className={styles.header}>
        <h2 id={headingId} className={styles.title}>
          {item.title}
        </h2>
        <p className={styles.meta}>
          <Link to={instancePath(item.process, item.businessKey)}>
            {item.process} · {item.businessKey}
          </Link>
          <span>
            {overdue && <strong className={styles.overdueLabel}>Overdue · </strong>}
            Due <time dateTime={item.dueAt}>{relativeTime(item.dueAt)}</time> ({formatDateTime(item.dueAt)})
          </span>
          <span>For {item.candidateRoles.join(', ')}</span>
          <span>{item.assignee ? `Assigned to ${item.assignee}` : 'Unassigned'}</span>
          {item.priority && item.priority !== 'normal' && <span>Priority {item.priority}</span>}
        </p>
      </header>
      <FactList facts={item.data} />
      <TaskActions taskRef={item} task={item} onChanged={onChanged} />
    </article>
  );
}
