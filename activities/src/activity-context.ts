import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { CallOptions, MutationOptions } from './http/http-client';

/**
 * `Idempotency-Key` of a call that changes an external system: `<workflowId>:<step>`. The workflow id
 * is the business identity (`order-to-cash:<key>`), so every retry and every replay of the same step
 * sends the same key, and the system performs the effect once.
 */
export function idempotencyKeyFor(step: string): string {
  if (!step.trim())
    throw ApplicationFailure.nonRetryable('an effectful activity needs a non-empty step', 'InvalidActivityRequest');
  const workflowId = Context.current().info.workflowExecution?.workflowId;
  if (!workflowId) {
    throw ApplicationFailure.nonRetryable(
      'an effectful activity must run on behalf of a workflow',
      'InvalidActivityRequest',
    );
  }
  return `${workflowId}:${step}`;
}

/** Options for a read inside an activity: it stops when the activity is cancelled. */
export function readOptions(): CallOptions {
  return { signal: Context.current().cancellationSignal };
}

/** Options for a change inside an activity: idempotent per step, stops when the activity is cancelled. */
export function writeOptions(step: string): MutationOptions {
  return { idempotencyKey: idempotencyKeyFor(step), signal: Context.current().cancellationSignal };
}
