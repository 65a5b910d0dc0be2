import { type FormEvent, useState } from 'react';
import { type ApiError, toApiError } from '../api/api-error';
import { cancelInstance } from '../api/ordo-api';
import controls from '../ui/controls.module.css';
import { ErrorAlert } from '../ui/ErrorAlert';

/** Cancel with a reason (kept in the audit); the process then compensates what it already did. */
export function CancelForm({
  process,
  businessKey,
  onCancelled,
}: {
  process: string;
  businessKey: string;
  onCancelled(what: string): void;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function cancel(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await cancelInstance(process, businessKey, reason.trim());
      setReason('');
      onCancelled('Cancellation accepted: the process is undoing what it did.');
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={controls.row} onSubmit={cancel}>
      <label className={controls.field}>
        <span className={controls.label}>Reason for cancelling</span>
        <input
          className={controls.input}
          value={reason}
          maxLength={500}
          required
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
      <button type="submit" className={controls.danger} disabled={busy || !reason.trim()}>
        Cancel instance
      </button>
      {error && <ErrorAlert error={error} />}
    </form>
  );
}
