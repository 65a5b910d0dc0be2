import type { RJSFSchema } from '@rjsf/utils';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type ApiError, toApiError } from '../api/api-error';
import { startInstance } from '../api/ordo-api';
import type { StartedInstance } from '../api/views';
import { useCatalog, useProcess } from '../catalog/catalog';
import { placeApiErrors } from '../forms/api-error-schema';
import { SchemaForm } from '../forms/SchemaForm';
import { instancePath } from '../instances/instance-path';
import controls from '../ui/controls.module.css';
import { ErrorAlert } from '../ui/ErrorAlert';
import styles from './StartProcessPage.module.css';

/** The start form of one process, generated from its input schema; the API's 400 lands on the fields it names. */
export function StartProcessPage() {
  const { process: name } = useParams();
  const { loaded } = useCatalog();
  const process = useProcess(name);
  const [businessKey, setBusinessKey] = useState('');
  const [input, setInput] = useState<unknown>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [started, setStarted] = useState<StartedInstance>();
  const keyId = useId();

  if (!process) return loaded ? <p>No process named “{name}” in the catalog.</p> : <p>Loading the catalog…</p>;
  const placed = error ? placeApiErrors(error.details, 'input') : undefined;
  const keyErrors = placed?.unplaced.filter((detail) => detail.path === 'businessKey') ?? [];

  async function start(formData: unknown) {
    setBusy(true);
    setError(undefined);
    setStarted(undefined);
    try {
      setStarted(await startInstance(process!.name, businessKey.trim(), formData));
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p>
        <Link to="/start">← All processes</Link>
      </p>
      <h1>Start {process.name}</h1>
      <p>{process.description}</p>
      {started && (
        <div role="status" className={styles.started}>
          {started.created ? 'Started' : 'Already running under this business key'}:{' '}
          <Link to={instancePath(started.process, started.businessKey)}>
            {started.process} · {started.businessKey}
          </Link>{' '}
          ({started.status})
        </div>
      )}
      {error && <ErrorAlert error={error} />}
      <div className={`${controls.field} ${styles.key}`}>
        <label className={controls.label} htmlFor={keyId}>
          Business key <span className={controls.muted}>(your reference, e.g. an order number)</span>
        </label>
        <input
          id={keyId}
          className={controls.input}
          value={businessKey}
          required
          aria-invalid={keyErrors.length > 0}
          aria-describedby={keyErrors.length > 0 ? `${keyId}-error` : undefined}
          onChange={(event) => setBusinessKey(event.target.value)}
        />
        {keyErrors.length > 0 && (
          <p id={`${keyId}-error`} className={styles.fieldError}>
            {keyErrors.map((detail) => detail.message).join('; ')}
          </p>
        )}
      </div>
      <SchemaForm
        schema={process.inputSchema as RJSFSchema}
        formData={input}
        onChange={setInput}
        onSubmit={start}
        submitLabel={`Start ${process.name}`}
        busy={busy}
        extraErrors={placed?.errorSchema}
        idPrefix="input"
      />
    </>
  );
}
