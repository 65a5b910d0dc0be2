import {
  assignTaskUpdate,
  cancelUpdate,
  claimTaskUpdate,
  completeTaskUpdate,
  processEventUpdate,
  releaseTaskUpdate,
} from '@ordo/workflows';
import type { Client, WorkflowHandle } from '@temporalio/client';
import {
  decodeFromPayloadsAtIndex,
  decodeOptionalFailureToOptionalError,
} from '@temporalio/common/lib/internal-non-workflow';

/**
 * The audit of human actions, read from a workflow history. Every action a person or a system takes through the API
 * reaches its instance as an Update whose single argument names the actor ({@link Actor} in the process contract): an
 * accepted one is written to history as `WorkflowExecutionUpdateAccepted` (name and arguments) and later
 * `WorkflowExecutionUpdateCompleted` (success or the handler's failure). An update its validator refused leaves no
 * trace there (the API logs those refusals as `security.refused`).
 *
 * Two steps: {@link decodeUpdateHistory} decodes the update events of a fetched history with the client's data
 * converter (payloads are encrypted by the codec); {@link auditEntriesOf} turns them into entries, pure.
 */

export type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
type HistoryEvent = NonNullable<History['events']>[number];
type LoadedDataConverter = Client['options']['loadedDataConverter'];
type SerializationContext = Parameters<typeof decodeFromPayloadsAtIndex>[3];

export const auditActions = ['claim', 'release', 'assign', 'complete', 'cancel', 'event'] as const;
export type AuditAction = (typeof auditActions)[number];

/** The contract's update names (`define*Update`) and the action each records. */
const actionsByUpdate: ReadonlyMap<string, AuditAction> = new Map<string, AuditAction>([
  [claimTaskUpdate.name, 'claim'],
  [releaseTaskUpdate.name, 'release'],
  [assignTaskUpdate.name, 'assign'],
  [completeTaskUpdate.name, 'complete'],
  [cancelUpdate.name, 'cancel'],
  [processEventUpdate.name, 'event'],
]);

export type AuditOutcome = 'accepted' | 'failed';

/** One human action on one instance; every field is present, null where the action has none. */
export interface AuditEntry {
  /** When the instance accepted the action (ISO 8601, UTC). */
  at: string;
  process: string;
  businessKey: string;
  workflowId: string;
  runId: string;
  /** The update's id (Temporal's), to find the action in the Temporal UI. */
  updateId: string;
  /** Who acted, as the API authenticated them; null only if the recorded request named nobody. */
  actor: string | null;
  roles: string[];
  action: AuditAction;
  taskId: string | null;
  decision: string | null;
  /** The event's name (`event` actions); its payload is not copied into the audit. */
  event: string | null;
  assignee: string | null;
  /** The comment of a task action, the reason of a cancellation. */
  comment: string | null;
  /** `accepted`, or `failed` when the update's handler failed after the validator had let it through. */
  outcome: AuditOutcome;
  /** The handler's failure message (`failed` only). */
  failure: string | null;
}

/** An accepted update of one of the audited names, its request decoded. */
export interface AcceptedUpdate {
  eventId: number;
  at: string;
  updateId: string;
  name: string;
  /** The update's single argument as the workflow received it (undefined when it had none). */
  request: unknown;
}

export interface CompletedUpdate {
  eventId: number;
  at: string;
  updateId: string;
  acceptedEventId: number;
  /** Set when the handler failed: its message. */
  failure?: string;
}

/** What of a history the audit needs: its audited updates, decoded, in history order. */
export interface DecodedUpdateHistory {
  accepted: AcceptedUpdate[];
  completed: CompletedUpdate[];
}

/** Where the history comes from: what visibility says of the instance. */
export interface AuditedInstance {
  workflowId: string;
  runId: string;
  process: string;
  businessKey: string;
}

function int64(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(String(value));
}

function isoOf(timestamp: HistoryEvent['eventTime']): string {
  const millis = int64(timestamp?.seconds) * 1000 + Math.floor((timestamp?.nanos ?? 0) / 1e6);
  return new Date(millis).toISOString();
}

/**
 * Decodes the audited updates of `history` with the client's data converter (codecs, then the payload converter), in
 * the serialization context the client encoded them in. Updates of other names are not decoded. Throws when a payload
 * does not decode (e.g. a key no longer in the ring): the caller decides what an unreadable history means.
 */
export async function decodeUpdateHistory(
  history: History,
  converter: LoadedDataConverter,
  context?: SerializationContext,
): Promise<DecodedUpdateHistory> {
  const accepted: AcceptedUpdate[] = [];
  const completed: CompletedUpdate[] = [];
  const acceptedIds = new Set<number>();
  for (const event of history.events ?? []) {
    const acceptedAttributes = event.workflowExecutionUpdateAcceptedEventAttributes;
    if (acceptedAttributes) {
      const name = acceptedAttributes.acceptedRequest?.input?.name ?? '';
      if (!actionsByUpdate.has(name)) continue;
      const payloads = acceptedAttributes.acceptedRequest?.input?.args?.payloads;
      const request = payloads?.length
        ? await decodeFromPayloadsAtIndex<unknown>(converter, 0, payloads, context)
        : undefined;
      const eventId = int64(event.eventId);
      acceptedIds.add(eventId);
      accepted.push({
        eventId,
        at: isoOf(event.eventTime),
        updateId: acceptedAttributes.acceptedRequest?.meta?.updateId || acceptedAttributes.protocolInstanceId || '',
        name,
        request,
      });
      continue;
    }
    const completedAttributes = event.workflowExecutionUpdateCompletedEventAttributes;
    if (completedAttributes) {
      const acceptedEventId = int64(completedAttributes.acceptedEventId);
      if (!acceptedIds.has(acceptedEventId)) continue;
      const failure = completedAttributes.outcome?.failure
        ? await decodeOptionalFailureToOptionalError(converter, completedAttributes.outcome.failure, context)
        : undefined;
      completed.push({
        eventId: int64(event.eventId),
        at: isoOf(event.eventTime),
        updateId: completedAttributes.meta?.updateId ?? '',
        acceptedEventId,
        ...(failure ? { failure: failure.message || 'failed' } : {}),
      });
    }
  }
  return { accepted, completed };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The audit entries of one instance, in history order: one per accepted update, with its outcome once completed. */
export function auditEntriesOf(instance: AuditedInstance, history: DecodedUpdateHistory): AuditEntry[] {
  const completions = new Map<number, CompletedUpdate>();
  for (const completion of history.completed) completions.set(completion.acceptedEventId, completion);
  return history.accepted.flatMap((update): AuditEntry[] => {
    const action = actionsByUpdate.get(update.name);
    if (!action) return [];
    const request = record(update.request);
    const actor = record(request.actor);
    const roles = Array.isArray(actor.roles)
      ? actor.roles.filter((role): role is string => typeof role === 'string')
      : [];
    const completion = completions.get(update.eventId);
    return [
      {
        at: update.at,
        process: instance.process,
        businessKey: instance.businessKey,
        workflowId: instance.workflowId,
        runId: instance.runId,
        updateId: update.updateId,
        actor: text(actor.id),
        roles,
        action,
        taskId: text(request.taskId),
        decision: text(request.decision),
        event: action === 'event' ? text(request.event) : null,
        assignee: text(request.assignee),
        comment: text(action === 'cancel' ? request.reason : request.comment),
        outcome: completion?.failure === undefined ? 'accepted' : 'failed',
        failure: completion?.failure ?? null,
      },
    ];
  });
}
