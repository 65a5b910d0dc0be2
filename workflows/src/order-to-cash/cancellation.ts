import { ApplicationFailure } from '@temporalio/common';
import { type CancelRequest, processErrors } from '../lib/process-contract';
import type { OrderContext } from './order-context';

function refuse(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

/** Validator of `cancelUpdate`: a reason is required, and money already collected in full is not undone. */
export function assertCancellable(ctx: OrderContext, request: unknown): asserts request is CancelRequest {
  const candidate = request as Partial<CancelRequest> | null | undefined;
  const wellFormed =
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.reason === 'string' &&
    candidate.reason.trim().length > 0 &&
    typeof candidate.actor === 'object' &&
    candidate.actor !== null &&
    typeof candidate.actor.id === 'string';
  if (!wellFormed) refuse(processErrors.invalidPayload, 'a cancellation needs an actor and a non-empty reason');
  if (ctx.ledger.fullyPaid) refuse(processErrors.notCancellable, `order ${ctx.orderId} is fully paid`);
  if (ctx.facts.settled || ctx.tracker.currentStatus !== 'RUNNING') {
    refuse(processErrors.notCancellable, `order ${ctx.orderId} is already closed`);
  }
  if (ctx.facts.cancellation) refuse(processErrors.notCancellable, `order ${ctx.orderId} is already being cancelled`);
}

/** Handler of `cancelUpdate`: records who asked and stops the forward flow; compensation follows. */
export function requestCancellation(ctx: OrderContext, request: CancelRequest, stopForwardFlow: () => void): { accepted: true } {
  // Validators are skipped on replay: the handler re-checks so history alone decides.
  assertCancellable(ctx, request);
  const reason = request.reason.trim();
  ctx.facts.cancellation = { reason, requestedBy: request.actor.id };
  ctx.tracker.finish('cancel-requested', 'COMPLETED', `by ${request.actor.id}: ${reason}`);
  stopForwardFlow();
  return { accepted: true };
}
