import { type FormEvent, useId, useState } from 'react';
import { type ApiError, toApiError } from '../api/api-error';
import { assignTask, claimTask, completeTask, releaseTask } from '../api/ordo-api';
import type { TaskView } from '../api/views';
import { useActor } from '../auth/session';
import { humanize } from '../lib/format';
import controls from '../ui/controls.module.css';
import { ErrorAlert } from '../ui/ErrorAlert';
import styles from './TaskActions.module.css';

export interface TaskRef {
  process: string;
  businessKey: string;
  taskId: string;
}

interface Props {
  taskRef: TaskRef;
  task: Pick<TaskView, 'assignee' | 'decisions' | 'title'>;
  /** After an accepted action, with what happened: the page says so and reloads what it shows. */
  onChanged(what: string): void;
}

/**
 * What a person does with a task: claim, release, assign, and complete with one of the decisions the task allows and
 * a comment. The API and the workflow decide who may; a refusal is shown as the API worded it.
 */
export function TaskActions({ taskRef, task, onChanged }: Props) {
  const actor = useActor();
  const [comment, setComment] = useState('');
  const [assignee, setAssignee] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const ids = useId();

  async function act(what: string, action: () => Promise<unknown>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      setComment('');
      onChanged(what);
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(false);
    }
  }

  const note = comment.trim() || undefined;
  const mine = task.assignee === actor.id;
  const assign = (event: FormEvent) => {
    event.preventDefault();
    void act(`Assigned to ${assignee.trim()}.`, () => assignTask(taskRef, assignee.trim(), note));
  };

  return (
    <div className={styles.actions}>
      <div className={styles.field}>
        <label className={controls.label} htmlFor={`${ids}-comment`}>
          Comment <span className={controls.muted}>(kept in the task’s audit)</span>
        </label>
        <textarea
          id={`${ids}-comment`}
          className={controls.input}
          rows={2}
          maxLength={2000}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
      </div>
      <div className={controls.row} role="group" aria-label={`Decide: ${task.title}`}>
        {task.decisions.map((decision) => (
          <button
            key={decision}
            type="button"
            className={decision === 'reject' ? controls.danger : controls.primary}
            disabled={busy}
            onClick={() => act(`Completed: ${decision}.`, () => completeTask(taskRef, decision, note))}
          >
            {humanize(decision)}
          </button>
        ))}
        {!task.assignee && (
          <button
            type="button"
            className={controls.button}
            disabled={busy}
            onClick={() => act('Claimed: the task is yours.', () => claimTask(taskRef, note))}
          >
            Claim
          </button>
        )}
        {task.assignee && (
          <button
            type="button"
            className={controls.button}
            disabled={busy}
            onClick={() => act('Released to its roles.', () => releaseTask(taskRef, note))}
          >
            {mine ? 'Release' : `Release from ${task.assignee}`}
          </button>
        )}
      </div>
      <form className={`${controls.row} ${styles.assign}`} onSubmit={assign}>
        <label className={controls.field}>
          <span className={controls.label}>Assign to (actor id)</span>
          <input
            className={controls.input}
            value={assignee}
            autoComplete="off"
            onChange={(event) => setAssignee(event.target.value)}
          />
        </label>
        <button type="submit" className={controls.button} disabled={busy || !assignee.trim()}>
          Assign
        </button>
      </form>
      {error && <ErrorAlert error={error} />}
    </div>
  );
}
