import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ExternalSystem } from '../external-systems';
import { ExternalSystemUnavailableError } from './errors';

/** Histogram of calls to external systems, seconds; the worker's exporter adds no prefix to it. */
export const externalCallDurationMetric = 'ordo_external_call_duration_seconds';

/** From a local sandbox answer (milliseconds) to a call that runs into the HTTP timeout (10 s by default). */
export const externalCallDurationBuckets: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
];

export type ExternalCallOutcome = 'ok' | 'business_error' | 'transient_error';

/** How a failed call counts: a refusal (non-retryable) or an outage Temporal retries; a cancelled call is neither. */
export function outcomeOfFailure(error: unknown): ExternalCallOutcome | undefined {
  if (error instanceof ExternalSystemUnavailableError) return 'transient_error';
  if (error instanceof ApplicationFailure) return 'business_error';
  return undefined;
}

/**
 * Records one call in the running activity's metric meter, labelled by system, operation (the activity
 * type, a bounded name) and outcome. Outside an activity (scripts, tests of the adapters) nothing is recorded.
 */
export function recordExternalCall(system: ExternalSystem, outcome: ExternalCallOutcome, seconds: number): void {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return;
  }
  context.metricMeter
    // No unit: the worker's exporter would append it to a name that already ends in `_seconds`.
    .createHistogram(
      externalCallDurationMetric,
      'float',
      undefined,
      'Duration of calls to external systems, by system, operation (activity type) and outcome',
    )
    .record(seconds, { system, operation: context.info.activityType, outcome });
}
