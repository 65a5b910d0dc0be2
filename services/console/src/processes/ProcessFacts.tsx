import type { ProcessDescription } from '../api/views';
import styles from './ProcessesPage.module.css';

/** What the catalog says of a process: who owns it, which version runs, what its SLA promises, which tables it uses. */
export function ProcessFacts({ process }: { process: ProcessDescription }) {
  return (
    <dl className={styles.facts}>
      <dt>Owner</dt>
      <dd>{process.ownerTeam}</dd>
      <dt>Version</dt>
      <dd>{process.version}</dd>
      <dt>SLA</dt>
      <dd>
        {process.sla.completionTarget} — {process.sla.description}
      </dd>
      <dt>Decision tables</dt>
      <dd>
        {process.decisionTables.length === 0
          ? 'none'
          : process.decisionTables.map((table) => `${table.name} v${table.version}`).join(', ')}
      </dd>
    </dl>
  );
}
