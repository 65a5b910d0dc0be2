import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { instance } from '../api/ordo-api';
import { useProcess } from '../catalog/catalog';
import { formatDateTime } from '../lib/format';
import { usePolling } from '../lib/usePolling';
import { FactList } from '../tasks/TaskData';
import controls from '../ui/controls.module.css';
import { ErrorAlert } from '../ui/ErrorAlert';
import { StatusBadge } from '../ui/StatusBadge';
import { CancelForm } from './CancelForm';
import { DecisionsTable } from './DecisionsTable';
import { DocumentList } from './DocumentList';
import { EventForm } from './EventForm';
import styles from './InstancePage.module.css';
import { OpenTask } from './OpenTask';
import { StepTimeline } from './StepTimeline';

/** A running instance changes as its worker and other people act: it is read again this often while running. */
const runningPollMs = 3000;

/** One instance: where it stands, its tasks with their audit, documents, steps, decisions; cancel and send events. */
export function InstancePage() {
  const { process: processName = '', businessKey = '' } = useParams();
  const process = useProcess(processName);
  const [announcement, setAnnouncement] = useState('');
  const [running, setRunning] = useState(true);
  const state = usePolling(
    async () => {
      const view = await instance(processName, businessKey);
      setRunning(view.status === 'RUNNING');
      return view;
    },
    `${processName}/${businessKey}`,
    running ? runningPollMs : null,
  );
  const view = state.data;
  const changed = (what: string) => {
    setAnnouncement(what);
    void state.reload();
  };

  return (
    <>
      <p>
        <Link to="/instances">← Instances</Link>
      </p>
      <h1>
        {processName} · {businessKey}
      </h1>
      <p role="status" className={styles.announcement}>
        {announcement}
      </p>
      {state.error && <ErrorAlert error={state.error} />}
      {!view && !state.error && <p>Loading…</p>}
      {view && (
        <>
          {view.failure && (
            // Why the instance stopped is the first thing someone opening a failed instance needs: said above the facts.
            <p role="alert" className={styles.failure} data-testid="instance-failure">
              <strong>Failed:</strong> {view.failure.message} ({view.failure.type})
            </p>
          )}
          <section className={`${controls.panel} ${styles.summary}`} aria-label="Status">
            <dl className={styles.facts}>
              <div>
                <dt>Status</dt>
                <dd data-testid="instance-status">
                  <StatusBadge status={view.status} />
                </dd>
              </div>
              <div>
                <dt>Stage</dt>
                <dd data-testid="instance-stage">{view.stage ?? '—'}</dd>
              </div>
              <div>
                <dt>Version</dt>
                <dd>{view.processVersion ?? '—'}</dd>
              </div>
              <div>
                <dt>Started</dt>
                <dd>{formatDateTime(view.startedAt)}</dd>
              </div>
              <div>
                <dt>Closed</dt>
                <dd>{formatDateTime(view.closedAt)}</dd>
              </div>
            </dl>
            {view.stateSource === 'visibility' && (
              <p className={styles.note}>
                No worker answered just now: this is what Temporal’s visibility holds (no tasks, steps or documents).
              </p>
            )}
            {view.result?.reason && <p>Reason: {view.result.reason}</p>}
          </section>

          {view.openTasks.length > 0 && (
            <section className={styles.section}>
              <h2>Open tasks</h2>
              {view.openTasks.map((task) => (
                <OpenTask
                  key={task.taskId}
                  task={task}
                  taskRef={{ process: processName, businessKey, taskId: task.taskId }}
                  onChanged={changed}
                />
              ))}
            </section>
          )}

          <section className={styles.section}>
            <h2>Documents</h2>
            <DocumentList documents={view.documents} />
          </section>

          {view.status === 'RUNNING' && process && process.events.length > 0 && (
            <section className={styles.section}>
              <h2>Send an event</h2>
              {process.events.map((event) => (
                <EventForm
                  key={event.name}
                  process={processName}
                  businessKey={businessKey}
                  event={event}
                  onSent={changed}
                />
              ))}
            </section>
          )}

          <section className={styles.section}>
            <h2>Steps</h2>
            <StepTimeline steps={view.steps} />
          </section>

          {view.decisions.length > 0 && (
            <section className={styles.section}>
              <h2>Decisions</h2>
              <DecisionsTable decisions={view.decisions} />
            </section>
          )}

          {view.result && Object.keys(view.result.summary).length > 0 && (
            <section className={`${controls.panel} ${styles.section}`}>
              <h2>Result</h2>
              <FactList facts={view.result.summary} />
            </section>
          )}

          {view.status === 'RUNNING' && (
            <section className={styles.section}>
              <h2>Cancel</h2>
              <CancelForm process={processName} businessKey={businessKey} onCancelled={changed} />
            </section>
          )}
        </>
      )}
    </>
  );
}
