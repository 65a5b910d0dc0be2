import { Link } from 'react-router';
import { useCatalog } from '../catalog/catalog';
import controls from '../ui/controls.module.css';
import { ErrorAlert } from '../ui/ErrorAlert';
import { ProcessFacts } from './ProcessFacts';
import styles from './ProcessesPage.module.css';

/** The process catalog for owners and analysts: each process with its owner, version, SLA and decision tables. */
export function ProcessesPage() {
  const { processes, error, loaded } = useCatalog();
  return (
    <>
      <h1>Processes</h1>
      {error && <ErrorAlert error={error} />}
      {!loaded && <p>Loading…</p>}
      <ul className={styles.cards}>
        {processes.map((process) => (
          <li key={process.name}>
            <article className={`${controls.panel} ${styles.card}`} aria-labelledby={`process-${process.name}`}>
              <h2 id={`process-${process.name}`}>{process.name}</h2>
              <p>{process.description}</p>
              <ProcessFacts process={process} />
              <Link className={`${controls.button} ${styles.open}`} to={`/processes/${process.name}`}>
                Map and analysis of {process.name}
              </Link>
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}
