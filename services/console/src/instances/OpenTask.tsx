import type { TaskView } from '../api/views';
import { formatDateTime } from '../lib/format';
import { type TaskRef, TaskActions } from '../tasks/TaskActions';
import { FactList } from '../tasks/TaskData';
import controls from '../ui/controls.module.css';
import styles from './OpenTask.module.css';

/** An open task of the instance with its audit (who did what, when, with which comment) and its actions. */
export function OpenTask({
  task,
  taskRef,
  onChanged,
}: {
  task: TaskView;
  taskRef: TaskRef;
  onChanged(what: string): void;
}) {
  return (
    <article className={`${controls.panel} ${styles.task}`} aria-label={task.title}>
      <h3>{task.title}</h3>
      <p className={controls.muted}>
        For {task.candidateRoles.join(', ')} · {task.assignee ? `assigned to ${task.assignee}` : 'unassigned'} · due{' '}
        {formatDateTime(task.dueAt)}
        {task.overdue && <strong className={styles.overdue}> · overdue</strong>}
      </p>
      <FactList facts={task.data} />
      {task.audit && task.audit.length > 0 && (
        <div className={styles.auditWrap}>
          <table className={styles.audit}>
            <caption>Audit</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Comment</th>
              </tr>
            </thead>
            <tbody>
              {task.audit.map((entry, index) => (
                <tr key={index}>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>{entry.actor ?? 'the process'}</td>
                  <td>
                    {entry.action}
                    {entry.detail ? ` (${entry.detail})` : ''}
                  </td>
                  <td>{entry.comment ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <TaskActions taskRef={taskRef} task={task} onChanged={onChanged} />
    </article>
  );
}
