import { ApplicationFailure } from '@temporalio/common';
import type { ExternalSystem } from '../external-systems';

/**
 * A transient problem (5xx, 408, 429, network error, timeout). A plain error, so Temporal retries the
 * activity with backoff; the worker reports it with the class name as failure type
 * (`ExternalSystemUnavailableError`), which is what the workflow sees once retries run out.
 */
export class ExternalSystemUnavailableError extends Error {
  constructor(
    readonly system: ExternalSystem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ExternalSystemUnavailableError';
  }
}

/** Error codes of the external systems that the processes tell apart, by failure type. */
const failureTypeByErrorCode: Readonly<Record<string, string>> = {
  customer_not_found: 'CustomerNotFound',
  out_of_stock: 'OutOfStock',
  invoice_voided: 'InvoiceVoided',
  invoice_not_found: 'InvoiceNotFound',
  reservation_not_found: 'ReservationNotFound',
  reservation_not_active: 'ReservationNotActive',
  shipment_not_found: 'ShipmentNotFound',
  idempotency_key_reused: 'IdempotencyKeyReused',
  employee_not_found: 'EmployeeNotFound',
  username_taken: 'UsernameTaken',
};

/** Statuses below 500 that still mean "try again later". */
const transientClientStatuses = new Set([408, 429]);

export function isTransientStatus(status: number): boolean {
  return status >= 500 || transientClientStatuses.has(status);
}

/** The details carried by a rejection: which system said what (`error` and the answer's other fields). */
export interface RejectionDetails {
  system: ExternalSystem;
  status: number;
  method: string;
  path: string;
  error?: string;
  [field: string]: unknown;
}

/**
 * A business refusal (4xx): retrying cannot help, so the failure is non-retryable. Its type is the
 * specific one for known error codes (`OutOfStock`…) and `<System>Rejected` otherwise; its single
 * detail is a `RejectionDetails` (e.g. `details[0].skus` for `OutOfStock`).
 */
export function rejectionFailure(
  system: ExternalSystem,
  status: number,
  method: string,
  path: string,
  answer: unknown,
): ApplicationFailure {
  const fields: Record<string, unknown> =
    answer !== null && typeof answer === 'object' && !Array.isArray(answer)
      ? (answer as Record<string, unknown>)
      : { body: answer };
  const code = typeof fields.error === 'string' ? fields.error : undefined;
  const type = (code && failureTypeByErrorCode[code]) ?? `${capitalized(system)}Rejected`;
  const details: RejectionDetails = { ...fields, system, status, method, path };
  return ApplicationFailure.nonRetryable(
    `${system} rejected ${method} ${path}: ${status}${code ? ` ${code}` : ''}`,
    type,
    details,
  );
}

function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
