import type { ApiError } from '../api/api-error';
import styles from './ErrorAlert.module.css';

const statusMeaning: Record<number, string> = {
  0: 'The API could not be reached',
  400: 'The request was refused',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Someone else acted first, or it is no longer possible',
  422: "Against the process's rules",
  429: 'Too many requests; try again shortly',
};

/** An API error as the API gave it: what kind (status), its message, and each field it names. */
export function ErrorAlert({ error, title }: { error: ApiError; title?: string }) {
  const heading = title ?? statusMeaning[error.status] ?? 'Something went wrong';
  // A refusal often repeats its message as its only detail: said once.
  const details = error.details.filter((detail) => detail.path || detail.message !== error.message);
  return (
    <div role="alert" className={styles.alert}>
      <p className={styles.heading}>
        {heading}
        {error.status > 0 && <span className={styles.status}> ({error.status})</span>}
      </p>
      <p className={styles.message}>{error.message}</p>
      {details.length > 0 && (
        <ul className={styles.details}>
          {details.map((detail, index) => (
            <li key={index}>
              {detail.path && <code>{detail.path}</code>} {detail.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
