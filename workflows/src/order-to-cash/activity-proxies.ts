import { type ActivityOptions, CancellationScope, proxyActivities } from '@temporalio/workflow';
import type { OrderToCashActivities } from './activities-contract';

// Adapters turn business errors (4xx) into non-retryable failures; everything else is transient
// and retried with backoff without a cap on attempts: the order waits for the system to return.
const retry: ActivityOptions['retry'] = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' };

/** Plain calls to external systems. */
export const activities = proxyActivities<OrderToCashActivities>({ startToCloseTimeout: '30 seconds', retry });

/** Rendering and storing a PDF takes longer than an API call. */
export const documentActivities = proxyActivities<Pick<OrderToCashActivities, 'renderInvoicePdf'>>({
  startToCloseTimeout: '2 minutes',
  retry,
});

/**
 * Runs a call that creates something compensation must undo (a reservation, a shipment, an
 * invoice) to its end even when the order is being cancelled: abandoning it half-way would leave
 * an effect the saga does not know about. The cancellation is observed at the next await.
 */
export function completeEvenIfCancelled<T>(call: () => Promise<T>): Promise<T> {
  return CancellationScope.nonCancellable(call);
}
