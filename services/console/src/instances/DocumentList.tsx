import { useEffect, useState } from 'react';
import { type ApiError, toApiError } from '../api/api-error';
import { documentBlob } from '../api/ordo-api';
import type { DocumentView } from '../api/views';
import controls from '../ui/controls.module.css';
import { ErrorAlert } from '../ui/ErrorAlert';
import styles from './DocumentList.module.css';

export function DocumentList({ documents }: { documents: DocumentView[] }) {
  if (documents.length === 0) return <p>No documents yet.</p>;
  return (
    <ul className={styles.list}>
      {documents.map((document) => (
        <li key={document.documentId}>
          <DocumentLink document={document} />
        </li>
      ))}
    </ul>
  );
}

/**
 * A document behind the API's bearer token: fetched with the person's token and opened from memory (a `blob:`
 * address), since a plain link would be sent without the token and answer 401.
 */
function DocumentLink({ document }: { document: DocumentView }) {
  const [objectUrl, setObjectUrl] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  // The document stays in memory until the page lets it go.
  useEffect(
    () => () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    },
    [objectUrl],
  );

  async function open() {
    setBusy(true);
    setError(undefined);
    // Opened before the fetch, while the click still counts as the person's: a window opened after an await is
    // often blocked as a pop-up.
    const opened = window.open('', '_blank');
    try {
      const url = URL.createObjectURL(await documentBlob(document.url));
      setObjectUrl(url);
      if (opened) opened.location.href = url;
    } catch (failure) {
      opened?.close();
      setError(toApiError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={styles.document}>
      <span>
        <strong>{document.name}</strong> <span className={controls.muted}>({document.type})</span>
      </span>
      <button type="button" className={controls.button} onClick={open} disabled={busy}>
        Open {document.name}
      </button>
      {objectUrl && (
        <a href={objectUrl} download={document.name}>
          Save {document.name}
        </a>
      )}
      {error && <ErrorAlert error={error} />}
    </div>
  );
}
