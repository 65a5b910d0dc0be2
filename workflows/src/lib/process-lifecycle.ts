import { ApplicationFailure } from '@temporalio/common';
import { type CancellationScope, setHandler } from '@temporalio/workflow';
import type { ZodType } from 'zod';
import type { HumanTasks } from './human-task';
import { type CancelRequest, cancelUpdate, processErrors, type ProcessStart, statusQuery } from './process-contract';
import { businessKeyPattern } from './process-definition';
import type { ProcessTracker } from './process-tracker';

/**
 * Rejects an update (or a start) for good: retrying the same request would be refused again. `path` names the field
 * at fault, so the API can point at it.
 */
export function refuse(type: string, message: string, path?: string): never {
  throw ApplicationFailure.create({
    type,
    message,
    nonRetryable: true,
    ...(path === undefined ? {} : { details: [{ path, message }] }),
  });
}

/** The shape every process asks of a cancellation: an actor and a non-empty reason. */
export function assertCancelRequest(request: unknown): asserts request is CancelRequest {
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
}

/**
 * The process input after validation; `noun` names the instance in the message ("ticket T-1: …").
 * The API validates too, but a workflow can be started by anyone with access to the namespace: the business key,
 * which ends up in idempotency keys, is checked against the API's pattern as well.
 */
export function parseProcessInput<Input>(schema: ZodType<Input>, start: ProcessStart<unknown>, noun: string): Input {
  if (!businessKeyPattern.test(start.businessKey))
    refuse('InvalidInput', `business key "${start.businessKey}" is not a valid ${noun} id`, 'businessKey');
  const parsed = schema.safeParse(start.input);
  if (!parsed.success) refuse('InvalidInput', `${noun} ${start.businessKey}: ${parsed.error.message}`);
  return parsed.data;
}

/** Answers `statusQuery` from the tracker, with the open tasks, after registering the task updates. */
export function registerStatusAndTasks(tracker: ProcessTracker<string>, tasks: HumanTasks): void {
  tasks.register();
  setHandler(statusQuery, () => tracker.view(tasks.openTasks()));
}

export interface AcceptedCancellation {
  reason: string;
  requestedBy: string;
}

export interface CancellationRules {
  tracker: ProcessTracker<string>;
  /** The scope of the forward flow; cancelling it starts the process's own clean-up. */
  forward: CancellationScope;
  /** The process's own rule, for a well-formed request: refuses (see `refuse`) when it may not be cancelled now. */
  assertMayCancel(): void;
  /** Remembers the accepted cancellation, so that the process closes with its reason. */
  record(cancellation: AcceptedCancellation): void;
}

/**
 * Registers `cancelUpdate`: a well-formed request the process allows is recorded as the
 * `cancel-requested` step and cancels the forward flow.
 */
export function registerCancellation(rules: CancellationRules): void {
  function validate(request: unknown): asserts request is CancelRequest {
    assertCancelRequest(request);
    rules.assertMayCancel();
  }
  setHandler(
    cancelUpdate,
    (request) => {
      // Validators are skipped on replay: the handler re-checks so history alone decides.
      validate(request);
      const reason = request.reason.trim();
      rules.record({ reason, requestedBy: request.actor.id });
      rules.tracker.finish('cancel-requested', 'COMPLETED', `by ${request.actor.id}: ${reason}`);
      rules.forward.cancel();
      return { accepted: true as const };
    },
    { validator: validate },
  );
}
