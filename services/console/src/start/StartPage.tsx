import { Link } from 'react-router';
import { useCatalog } from '../catalog/catalog';
import controls from '../ui/controls.module.css';
import { ErrorAlert } from '../ui/ErrorAlert';
import styles from './StartPage.module.css';

/** The catalog as cards: what each process does, who owns it, and a way to start one. */
export function StartPage() {
  const { processes, error, loaded } = useCatalog();
  return (
    <>
      <h1>Start a process</h1>
      {error && <ErrorAlert error={error} />}
      {!loaded && <p>Loading the catalog…</p>}
      <ul className={styles.cards}>
        {processes.map((process) => (
          <li key={process.name} className={`${controls.panel} ${styles.card}`}>
            <h2>{process.name}</h2>
            <p>{process.description}</p>
            <p className={controls.muted}>
              Version {process.version} · owned by {process.ownerTeam}
            </p>
            <Link className={controls.primary} to={`/start/${encodeURIComponent(process.name)}`}>
              Start {process.name}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
