import type { Duration } from '@temporalio/common';
import { type ActivityInterfaceFor, type ActivityOptions, proxyActivities } from '@temporalio/workflow';

/**
 * How every process retries a call to an external system (docs/ARCHITECTURE.md decision 5): adapters turn business
 * errors (4xx) into non-retryable failures; everything else is transient and retried with backoff without a cap on
 * attempts, so the process waits for the system to return.
 */
export const externalCallRetry: ActivityOptions['retry'] = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
};

/**
 * Activities that call external systems, with `externalCallRetry`; `startToCloseTimeout` is an API call's 30 seconds
 * unless the work takes longer (rendering a document).
 */
export function proxyExternalCalls<Activities>(
  startToCloseTimeout: Duration = '30 seconds',
): ActivityInterfaceFor<Activities> {
  return proxyActivities<Activities>({ startToCloseTimeout, retry: externalCallRetry });
}
