import { patched, setHandler } from '@temporalio/workflow';
import {
  type Actor,
  processErrors,
  processEventUpdate,
  type ProcessEventRequest,
  takenEventKey,
  takenEventKeysQuery,
} from './process-contract';
import type { ProcessEventDefinition } from './process-definition';
import { refuse } from './process-lifecycle';
import { isActor } from './human-task/rejection';

/** How a process takes one of its events when a person or a system sends it through the API. */
export interface EventIntake<Payload> {
  definition: ProcessEventDefinition<Payload>;
  /**
   * The process's own rules for a well-formed event, checked before anything is written: throws an
   * `ApplicationFailure` (see `refuse`) when the event cannot be taken now or by this sender.
   */
  assertAcceptable?(payload: Payload, sender: Actor): void;
  /** Takes the event; the same code serves the event's signal, so both ways in behave alike. */
  apply(payload: Payload, sender: Actor): void;
}

/** Lets intakes of events with different payloads be registered together. */
export function eventIntake<Payload>(intake: EventIntake<Payload>): EventIntake<unknown> {
  return intake as unknown as EventIntake<unknown>;
}

function assertEventRequest(request: unknown): asserts request is ProcessEventRequest {
  const candidate = request as Partial<ProcessEventRequest> | null | undefined;
  const wellFormed =
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.event === 'string' &&
    isActor(candidate.actor);
  if (!wellFormed) refuse(processErrors.invalidPayload, 'expected { event, payload, actor: { id, roles[] } }');
}

/**
 * Registers `processEventUpdate` for the given events. Its validator checks the payload against the event's schema
 * and the process's rules, so a refused event (400, 403, 409, 422) leaves no trace in history; the handler applies it.
 */
export function registerEventIntake(intakes: ReadonlyArray<EventIntake<unknown>>): void {
  const byName = new Map(intakes.map((intake) => [intake.definition.name, intake]));
  function parse(request: unknown): { intake: EventIntake<unknown>; payload: unknown; sender: Actor } {
    assertEventRequest(request);
    const intake = byName.get(request.event);
    if (!intake) refuse(processErrors.unknownEvent, `this process takes no event '${request.event}'`, 'event');
    const parsed = intake.definition.schema.safeParse(request.payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      refuse(processErrors.invalidPayload, issue?.message ?? 'invalid payload', issue?.path.join('.') || undefined);
    }
    return { intake, payload: parsed.data, sender: request.actor };
  }
  const taken = new Set<string>();
  const keyOf = (intake: EventIntake<unknown>, payload: unknown): string | undefined => {
    const field = intake.definition.idempotencyKey;
    const value = field === undefined ? undefined : (payload as Record<string, unknown>)[field];
    return typeof value === 'string' ? takenEventKey(intake.definition.name, value) : undefined;
  };
  // Instances started before this answered a retried event by the process's own rules (a settled order refused it).
  const retriesAreTaken = patched('event-idempotency-keys');
  const isRetry = (key: string | undefined) => retriesAreTaken && key !== undefined && taken.has(key);
  setHandler(takenEventKeysQuery, () => [...taken]);
  setHandler(
    processEventUpdate,
    (request) => {
      const { intake, payload, sender } = parse(request);
      const key = keyOf(intake, payload);
      if (isRetry(key)) return { accepted: true as const };
      intake.apply(payload, sender);
      if (key !== undefined) taken.add(key);
      return { accepted: true as const };
    },
    {
      validator: (request) => {
        const { intake, payload, sender } = parse(request);
        if (isRetry(keyOf(intake, payload))) return;
        intake.assertAcceptable?.(payload, sender);
      },
    },
  );
}
