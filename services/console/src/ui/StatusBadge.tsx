import type { ProcessStatus } from '../api/views';
import styles from './StatusBadge.module.css';

const tone: Record<ProcessStatus, string> = {
  RUNNING: styles.running!,
  COMPLETED: styles.completed!,
  REJECTED: styles.stopped!,
  CANCELLED: styles.stopped!,
  FAILED: styles.failed!,
};

export function StatusBadge({ status }: { status: ProcessStatus }) {
  return <span className={`${styles.badge} ${tone[status]}`}>{status}</span>;
}
