import type { DecisionRecord } from '../api/views';
import styles from './DecisionsTable.module.css';

/** Which decision table (and version) decided what for this instance. */
export function DecisionsTable({ decisions }: { decisions: DecisionRecord[] }) {
  return (
    <div className={styles.wrap}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">Table</th>
            <th scope="col">Version</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {decisions.map((decision, index) => (
            <tr key={index}>
              <td>{decision.table}</td>
              <td>{decision.version}</td>
              <td>
                {Object.entries(decision.output)
                  .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
                  .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
