import type { RJSFSchema } from '@rjsf/utils';
import { useState } from 'react';
import { type ApiError, toApiError } from '../api/api-error';
import { sendEvent } from '../api/ordo-api';
import type { ProcessDescription } from '../api/views';
import { placeApiErrors } from '../forms/api-error-schema';
import { SchemaForm } from '../forms/SchemaForm';
import { humanize } from '../lib/format';
import controls from '../ui/controls.module.css';
import { ErrorAlert } from '../ui/ErrorAlert';
import styles from './EventForm.module.css';

interface Props {
  process: string;
  businessKey: string;
  event: ProcessDescription['events'][number];
  onSent(what: string): void;
}

/**
 * One event the process takes (e.g. a payment received), as a form generated from its schema, folded until needed.
 * Whether the caller may send it is the contract's rule: the API's 403 names who may.
 */
export function EventForm({ process, businessKey, event, onSent }: Props) {
  const [payload, setPayload] = useState<unknown>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function send(formData: unknown) {
    setBusy(true);
    setError(undefined);
    try {
      await sendEvent(process, businessKey, event.name, formData);
      setPayload({});
      onSent(`Event ${event.name} accepted.`);
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(false);
    }
  }

  const placed = error ? placeApiErrors(error.details) : undefined;
  return (
    <details className={`${controls.panel} ${styles.event}`}>
      <summary className={styles.summary}>{humanize(event.name)}</summary>
      <p className={controls.muted}>{event.description}</p>
      {error && <ErrorAlert error={error} />}
      <SchemaForm
        schema={event.schema as RJSFSchema}
        formData={payload}
        onChange={setPayload}
        onSubmit={send}
        submitLabel={`Send ${humanize(event.name).toLowerCase()}`}
        busy={busy}
        extraErrors={placed?.errorSchema}
        idPrefix={`event-${event.name}`}
      />
    </details>
  );
}
