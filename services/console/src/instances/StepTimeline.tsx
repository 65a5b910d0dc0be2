import type { StepView } from '../api/views';
import { formatDateTime } from '../lib/format';
import styles from './StepTimeline.module.css';

/** The steps the process took, in order, with how each ended (compensated steps are the saga undoing them). */
export function StepTimeline({ steps }: { steps: StepView[] }) {
  if (steps.length === 0) return <p>No steps yet.</p>;
  return (
    <ol className={styles.timeline}>
      {steps.map((step, index) => (
        <li key={`${step.name}-${index}`} className={styles[step.status.toLowerCase()] ?? ''}>
          <strong>{step.name}</strong> <span className={styles.status}>{step.status}</span>
          <span className={styles.time}>
            {formatDateTime(step.startedAt)}
            {step.completedAt ? ` → ${formatDateTime(step.completedAt)}` : ''}
          </span>
          {step.detail && <span className={styles.detail}>{step.detail}</span>}
        </li>
      ))}
    </ol>
  );
}
