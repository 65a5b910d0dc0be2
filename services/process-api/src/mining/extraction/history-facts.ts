import { decodedHistory } from '@ordo/codec';
import { type Client, defaultPayloadConverter, type WorkflowHandle } from '@temporalio/client';
import type { Payload, PayloadCodec } from '@temporalio/common';

/**
 * The facts of one workflow history that the event log is made of, decoded (payloads are encrypted by the codec):
 * activities with their scheduled/started/closed times, accepted updates, signals, memo changes, start and close.
 * Pure reading: what those facts mean for the business is `business-events.ts`'s job.
 */

export type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
type HistoryEvent = NonNullable<History['events']>[number];
type LoadedDataConverter = Client['options']['loadedDataConverter'];

export type ActivityOutcome = 'completed' | 'failed' | 'timed-out' | 'cancelled';

export interface ActivityFact {
  /** The ActivityTaskScheduled event's id: the activity instance. */
  scheduledEventId: number;
  activityType: string;
  input: unknown;
  scheduledMs: number;
  /** The last attempt's start (Temporal records the started event with the attempt that ended it). */
  startedMs?: number;
  attempt?: number;
  startedEventId?: number;
  closedMs?: number;
  closedEventId?: number;
  outcome?: ActivityOutcome;
  result?: unknown;
}

export interface UpdateFact {
  eventId: number;
  atMs: number;
  name: string;
  request: unknown;
}

export interface SignalFact {
  eventId: number;
  atMs: number;
  name: string;
  payload: unknown;
}

export interface MemoFact {
  eventId: number;
  atMs: number;
  /** Only the keys this event set (null when it removed one). */
  fields: Record<string, unknown>;
}

export type CloseStatus = 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'TERMINATED' | 'TIMED_OUT' | 'CONTINUED_AS_NEW';

export interface HistoryFacts {
  startedMs: number;
  /** The workflow's first argument (the process start: business key, input, requester). */
  start: unknown;
  /** Memo fields written at start. */
  startMemo: Record<string, unknown>;
  closedMs?: number;
  closeStatus?: CloseStatus;
  result?: unknown;
  activities: ActivityFact[];
  updates: UpdateFact[];
  signals: SignalFact[];
  memos: MemoFact[];
  historyLength: number;
}

function int64(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(String(value));
}

function millisOf(timestamp: HistoryEvent['eventTime']): number {
  return int64(timestamp?.seconds) * 1000 + Math.floor((timestamp?.nanos ?? 0) / 1e6);
}

function valueOf(payloads: readonly Payload[] | null | undefined, index = 0): unknown {
  const payload = payloads?.[index];
  return payload ? defaultPayloadConverter.fromPayload(payload) : undefined;
}

function memoFields(fields: Record<string, Payload> | null | undefined): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields ?? {}).map(([key, payload]) => [key, defaultPayloadConverter.fromPayload(payload)]),
  );
}

/** The client's codecs as one (decoding runs them last to first, as the SDK does). */
function chainedCodec(converter: LoadedDataConverter): PayloadCodec {
  const codecs = converter.payloadCodecs;
  return {
    encode: async (payloads) => payloads,
    decode: async (payloads) => {
      let decoded = payloads;
      for (const codec of [...codecs].reverse()) decoded = await codec.decode(decoded);
      return decoded;
    },
  };
}

const closeStatusOfAttribute: ReadonlyArray<[keyof HistoryEvent, CloseStatus]> = [
  ['workflowExecutionCompletedEventAttributes', 'COMPLETED'],
  ['workflowExecutionFailedEventAttributes', 'FAILED'],
  ['workflowExecutionCanceledEventAttributes', 'CANCELLED'],
  ['workflowExecutionTerminatedEventAttributes', 'TERMINATED'],
  ['workflowExecutionTimedOutEventAttributes', 'TIMED_OUT'],
  ['workflowExecutionContinuedAsNewEventAttributes', 'CONTINUED_AS_NEW'],
];

/** Decodes `history` with the client's payload codecs and collects its facts, in history order. */
export async function historyFactsOf(history: History, converter: LoadedDataConverter): Promise<HistoryFacts> {
  const decoded = await decodedHistory(history, chainedCodec(converter));
  const facts: HistoryFacts = {
    startedMs: 0,
    start: undefined,
    startMemo: {},
    activities: [],
    updates: [],
    signals: [],
    memos: [],
    historyLength: decoded.events?.length ?? 0,
  };
  const activities = new Map<number, ActivityFact>();
  const closeActivity = (
    scheduledEventId: unknown,
    event: HistoryEvent,
    outcome: ActivityOutcome,
    result?: unknown,
  ) => {
    const activity = activities.get(int64(scheduledEventId));
    if (!activity) return;
    activity.closedMs = millisOf(event.eventTime);
    activity.closedEventId = int64(event.eventId);
    activity.outcome = outcome;
    if (result !== undefined) activity.result = result;
  };

  for (const event of decoded.events ?? []) {
    const eventId = int64(event.eventId);
    const atMs = millisOf(event.eventTime);
    const started = event.workflowExecutionStartedEventAttributes;
    if (started) {
      facts.startedMs = atMs;
      facts.start = valueOf(started.input?.payloads);
      facts.startMemo = memoFields(started.memo?.fields as Record<string, Payload> | undefined);
      continue;
    }
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled) {
      const activity: ActivityFact = {
        scheduledEventId: eventId,
        activityType: scheduled.activityType?.name ?? 'unknown',
        input: valueOf(scheduled.input?.payloads),
        scheduledMs: atMs,
      };
      activities.set(eventId, activity);
      facts.activities.push(activity);
      continue;
    }
    const activityStarted = event.activityTaskStartedEventAttributes;
    if (activityStarted) {
      const activity = activities.get(int64(activityStarted.scheduledEventId));
      if (activity) {
        activity.startedMs = atMs;
        activity.startedEventId = eventId;
        activity.attempt = activityStarted.attempt ?? 1;
      }
      continue;
    }
    if (event.activityTaskCompletedEventAttributes) {
      const attributes = event.activityTaskCompletedEventAttributes;
      closeActivity(attributes.scheduledEventId, event, 'completed', valueOf(attributes.result?.payloads));
      continue;
    }
    if (event.activityTaskFailedEventAttributes) {
      closeActivity(event.activityTaskFailedEventAttributes.scheduledEventId, event, 'failed');
      continue;
    }
    if (event.activityTaskTimedOutEventAttributes) {
      closeActivity(event.activityTaskTimedOutEventAttributes.scheduledEventId, event, 'timed-out');
      continue;
    }
    if (event.activityTaskCanceledEventAttributes) {
      closeActivity(event.activityTaskCanceledEventAttributes.scheduledEventId, event, 'cancelled');
      continue;
    }
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
    if (accepted) {
      facts.updates.push({
        eventId,
        atMs,
        name: accepted.acceptedRequest?.input?.name ?? '',
        request: valueOf(accepted.acceptedRequest?.input?.args?.payloads),
      });
      continue;
    }
    const signaled = event.workflowExecutionSignaledEventAttributes;
    if (signaled) {
      facts.signals.push({
        eventId,
        atMs,
        name: signaled.signalName ?? '',
        payload: valueOf(signaled.input?.payloads),
      });
      continue;
    }
    const modified = event.workflowPropertiesModifiedEventAttributes;
    if (modified?.upsertedMemo?.fields) {
      facts.memos.push({
        eventId,
        atMs,
        fields: memoFields(modified.upsertedMemo.fields as Record<string, Payload>),
      });
      continue;
    }
    for (const [attribute, status] of closeStatusOfAttribute) {
      if (!event[attribute]) continue;
      facts.closedMs = atMs;
      facts.closeStatus = status;
      if (status === 'COMPLETED')
        facts.result = valueOf(event.workflowExecutionCompletedEventAttributes?.result?.payloads);
    }
  }
  return facts;
}
