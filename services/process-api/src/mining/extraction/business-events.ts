import {
  assignTaskUpdate,
  cancelUpdate,
  claimTaskUpdate,
  completeTaskUpdate,
  externalSystemOfActivity,
  type InboxTaskView,
  type InstanceValue,
  openTasksMemoKey,
  type ProcessDefinition,
  processEventUpdate,
  valueMemoKey,
} from '@ordo/workflows';
import type { MiningCase, MiningEvent, RelatedObject } from '../store/mining-records';
import { ActivityNamer } from './activity-names';
import type { ActivityFact, HistoryFacts, UpdateFact } from './history-facts';

/**
 * Turns the facts of one history into the case and its business events (pure). What becomes an event:
 * - every activity: `start` when its last attempt started, `complete` when it closed; resource = its external system;
 * - every human task (from the open-tasks memo the human-task helper keeps, and the task updates): `start` at the
 *   first action of a person (claim, assign, completion), `complete` at completion (or `system` cancellation);
 * - every event sent in (payment, restock…, as Update or signal) and a cancellation, `complete` only;
 * - every escalation of a task, `complete` only, resource `system`.
 */

export interface ListedRun {
  workflowId: string;
  runId: string;
  /** OrdoProcessVersion as visibility holds it. */
  version?: string;
}

export interface ExtractedCase {
  record: MiningCase;
  events: MiningEvent[];
}

/** The object type of a case in the object-centric log. */
const caseObjectTypes: Readonly<Record<string, string>> = {
  'order-to-cash': 'order',
  'document-approval': 'document',
  'purchase-requisition': 'requisition',
  'support-ticket': 'ticket',
};

/** Ids in an activity's input or result that name no business object of their own. */
const nonObjectIds = new Set(['orderId', 'messageId']);

const taskUpdates = new Set([claimTaskUpdate.name, assignTaskUpdate.name, completeTaskUpdate.name]);

type Draft = Omit<MiningEvent, 'process' | 'version' | 'caseId' | 'workflowId' | 'runId' | 'sequence'> & {
  /** History event id that produced it: orders events of equal time as history does. */
  order: number;
};

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function seconds(fromMs: number, toMs: number): number {
  return Math.max(0, toMs - fromMs) / 1000;
}

export function amountBandOf(amount: number | null): string | null {
  if (amount === null) return null;
  if (amount < 1_000) return '<1k';
  if (amount < 10_000) return '1k-10k';
  if (amount < 100_000) return '10k-100k';
  return '>=100k';
}

function objectType(idKey: string): string {
  return idKey
    .slice(0, -2)
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

/** Business objects named by `…Id` fields (invoiceId → invoice): created when in the result, used when in the input. */
function objectsOf(input: unknown, result: unknown): RelatedObject[] {
  const objects: RelatedObject[] = [];
  const collect = (value: unknown, qualifier: string) => {
    for (const [key, id] of Object.entries(record(value))) {
      if (!key.endsWith('Id') || key.length <= 2 || nonObjectIds.has(key) || typeof id !== 'string' || id === '')
        continue;
      if (!objects.some((object) => object.type === objectType(key) && object.id === id))
        objects.push({ type: objectType(key), id, qualifier });
    }
  };
  collect(result, 'creates');
  collect(input, 'uses');
  return objects;
}

function activityDrafts(activity: ActivityFact, name: string): Draft[] {
  const resource =
    (externalSystemOfActivity as Readonly<Record<string, string>>)[activity.activityType] ?? activity.activityType;
  const base = {
    activity: name,
    activityInstance: `activity-${activity.scheduledEventId}`,
    kind: 'activity' as const,
    resource,
    role: null,
    decision: null,
    objects: objectsOf(activity.input, activity.result),
  };
  const drafts: Draft[] = [];
  if (activity.startedMs !== undefined) {
    drafts.push({
      ...base,
      lifecycle: 'start',
      timestampMs: activity.startedMs,
      order: activity.startedEventId ?? activity.scheduledEventId,
      waitingSeconds: null,
      workingSeconds: null,
      outcome: null,
    });
  }
  if (activity.closedMs !== undefined) {
    const startedMs = activity.startedMs ?? activity.closedMs;
    drafts.push({
      ...base,
      lifecycle: 'complete',
      timestampMs: activity.closedMs,
      order: activity.closedEventId ?? activity.scheduledEventId,
      waitingSeconds: seconds(activity.scheduledMs, startedMs),
      workingSeconds: seconds(startedMs, activity.closedMs),
      outcome: activity.outcome ?? null,
    });
  }
  return drafts;
}

interface TaskTrack {
  view: InboxTaskView;
  createdMs: number;
  roles: string[];
  escalationLevel: number;
  firstAction?: { atMs: number; order: number; actor: string | null };
  completion?: { atMs: number; order: number; actor: string | null; role: string | null; decision: string | null };
  /** When it left the open-tasks memo without being completed (cancelled by the process). */
  droppedAt?: { atMs: number; order: number };
}

function actorOf(request: Record<string, unknown>): { id: string | null; roles: string[] } {
  const actor = record(request.actor);
  const roles = Array.isArray(actor.roles)
    ? actor.roles.filter((role): role is string => typeof role === 'string')
    : [];
  return { id: text(actor.id), roles };
}

/** The tasks of the history: opened and escalated per the memo, acted on per the updates. */
function trackTasks(facts: HistoryFacts): { tasks: Map<string, TaskTrack>; escalations: Draft[] } {
  const tasks = new Map<string, TaskTrack>();
  const escalations: Draft[] = [];
  type Change =
    { kind: 'memo'; order: number; atMs: number; open: InboxTaskView[] } | (UpdateFact & { kind: 'update' });
  const changes: Change[] = [
    ...facts.memos
      .filter((memo) => openTasksMemoKey in memo.fields)
      .map((memo): Change => {
        const open = memo.fields[openTasksMemoKey];
        return { kind: 'memo', order: memo.eventId, atMs: memo.atMs, open: Array.isArray(open) ? open : [] };
      }),
    ...facts.updates
      .filter((update) => taskUpdates.has(update.name))
      .map((update): Change => ({ ...update, kind: 'update' })),
  ].sort((a, b) => (a.kind === 'memo' ? a.order : a.eventId) - (b.kind === 'memo' ? b.order : b.eventId));

  for (const change of changes) {
    if (change.kind === 'memo') {
      const openIds = new Set(change.open.map((view) => view.taskId));
      for (const view of change.open) {
        const known = tasks.get(view.taskId);
        if (!known) {
          const createdMs = Date.parse(view.createdAt);
          tasks.set(view.taskId, {
            view,
            createdMs: Number.isFinite(createdMs) ? createdMs : change.atMs,
            roles: [...view.candidateRoles],
            escalationLevel: view.escalationLevel ?? 0,
          });
          continue;
        }
        if ((view.escalationLevel ?? 0) > known.escalationLevel) {
          escalations.push({
            activity: 'escalation',
            activityInstance: `escalation-${view.taskId}-${view.escalationLevel}`,
            kind: 'system',
            lifecycle: 'complete',
            timestampMs: change.atMs,
            order: change.order,
            resource: 'system',
            role: view.candidateRoles.join(' ') || null,
            waitingSeconds: 0,
            workingSeconds: 0,
            outcome: 'completed',
            decision: null,
            objects: [{ type: 'task', id: view.taskId, qualifier: 'escalates' }],
          });
        }
        known.escalationLevel = view.escalationLevel ?? 0;
        known.roles = [...view.candidateRoles];
      }
      for (const [taskId, track] of tasks) {
        if (!openIds.has(taskId) && !track.completion && !track.droppedAt)
          track.droppedAt = { atMs: change.atMs, order: change.order };
      }
      continue;
    }
    const request = record(change.request);
    const taskId = text(request.taskId);
    const track = taskId ? tasks.get(taskId) : undefined;
    if (!track || track.completion) continue;
    const actor = actorOf(request);
    track.firstAction ??= { atMs: change.atMs, order: change.eventId, actor: actor.id };
    if (change.name === completeTaskUpdate.name) {
      track.completion = {
        atMs: change.atMs,
        order: change.eventId,
        actor: actor.id,
        role: actor.roles.find((role) => track.roles.includes(role)) ?? track.roles[0] ?? null,
        decision: text(request.decision),
      };
    }
  }
  return { tasks, escalations };
}

function taskDrafts(caseObject: RelatedObject, track: TaskTrack): Draft[] {
  const end = track.completion ?? (track.droppedAt && { ...track.droppedAt, actor: null, role: null, decision: null });
  if (!end) return [];
  const first = track.firstAction ?? { atMs: end.atMs, order: end.order, actor: end.actor };
  const base = {
    activity: track.view.type,
    activityInstance: `task-${track.view.taskId}`,
    kind: 'task' as const,
    role: end.role,
    objects: [{ type: 'task', id: `${caseObject.id}/${track.view.taskId}`, qualifier: 'performs' }],
  };
  return [
    {
      ...base,
      lifecycle: 'start',
      timestampMs: first.atMs,
      order: first.order,
      resource: first.actor ?? 'system',
      waitingSeconds: null,
      workingSeconds: null,
      outcome: null,
      decision: null,
    },
    {
      ...base,
      lifecycle: 'complete',
      timestampMs: end.atMs,
      order: end.order,
      resource: end.actor ?? 'system',
      waitingSeconds: seconds(track.createdMs, first.atMs),
      workingSeconds: seconds(first.atMs, end.atMs),
      outcome: track.completion ? 'completed' : 'cancelled',
      decision: end.decision,
    },
  ];
}

function instantDraft(
  activity: string,
  kind: Draft['kind'],
  atMs: number,
  order: number,
  resource: string,
  objects: RelatedObject[],
): Draft {
  return {
    activity,
    activityInstance: `${kind}-${order}`,
    kind,
    lifecycle: 'complete',
    timestampMs: atMs,
    order,
    resource,
    role: null,
    waitingSeconds: 0,
    workingSeconds: 0,
    outcome: 'completed',
    decision: null,
    objects,
  };
}

/** A payment's reference names the payment object. */
function eventObjects(event: string, payload: unknown): RelatedObject[] {
  const reference = text(record(payload).reference);
  return reference && event.startsWith('payment') ? [{ type: 'payment', id: reference, qualifier: 'pays' }] : [];
}

function sentInDrafts(facts: HistoryFacts, definition: ProcessDefinition): Draft[] {
  const eventBySignal = new Map(Object.values(definition.events).map((event) => [event.signal.name, event.name]));
  const drafts: Draft[] = [];
  for (const update of facts.updates) {
    const request = record(update.request);
    const actor = actorOf(request).id ?? 'unknown';
    if (update.name === processEventUpdate.name) {
      const event = text(request.event) ?? 'event';
      drafts.push(
        instantDraft(event, 'event', update.atMs, update.eventId, actor, eventObjects(event, request.payload)),
      );
    } else if (update.name === cancelUpdate.name) {
      drafts.push(instantDraft('cancel', 'event', update.atMs, update.eventId, actor, []));
    }
  }
  for (const signal of facts.signals) {
    const event = eventBySignal.get(signal.name);
    // Signals carry no actor: their sender is an integration talking to Temporal directly.
    if (event)
      drafts.push(
        instantDraft(event, 'event', signal.atMs, signal.eventId, 'external', eventObjects(event, signal.payload)),
      );
  }
  return drafts;
}

function outcomeOf(facts: HistoryFacts): string | null {
  if (facts.closeStatus === undefined) return null;
  if (facts.closeStatus !== 'COMPLETED') return facts.closeStatus;
  return text(record(facts.result).status) ?? 'COMPLETED';
}

/** `order-approval:above-10000` per decision the result records. */
function rulesFired(result: unknown): string | null {
  const decisions = record(result).decisions;
  if (!Array.isArray(decisions)) return null;
  const fired = decisions.flatMap((decision) => {
    const { table, output } = record(decision);
    const { rule, rules } = record(output);
    const ids = typeof rule === 'string' ? [rule] : Array.isArray(rules) ? rules.map(String) : [];
    return ids.map((id) => `${String(table)}:${id}`);
  });
  return fired.length > 0 ? fired.join(',') : null;
}

function latestValue(facts: HistoryFacts): InstanceValue | undefined {
  let value = record(facts.startMemo[valueMemoKey]);
  for (const memo of facts.memos) if (valueMemoKey in memo.fields) value = record(memo.fields[valueMemoKey]);
  return typeof value.amount === 'number' ? (value as unknown as InstanceValue) : undefined;
}

export function extractCase(facts: HistoryFacts, definition: ProcessDefinition, run: ListedRun): ExtractedCase {
  const start = record(facts.start);
  const input = record(start.input);
  const caseId = text(start.businessKey) ?? run.workflowId.slice(run.workflowId.indexOf(':') + 1);
  const caseObject: RelatedObject = {
    type: caseObjectTypes[definition.name] ?? definition.name,
    id: caseId,
    qualifier: 'case',
  };
  const namer = new ActivityNamer(definition.taskTypes.map((task) => task.type));
  const { tasks, escalations } = trackTasks(facts);
  const drafts = [
    ...facts.activities.flatMap((activity) =>
      activityDrafts(activity, namer.nameOf(activity.activityType, activity.input)),
    ),
    ...[...tasks.values()].flatMap((track) => taskDrafts(caseObject, track)),
    ...escalations,
    ...sentInDrafts(facts, definition),
  ].sort((a, b) => a.timestampMs - b.timestampMs || a.order - b.order || (a.lifecycle === 'start' ? -1 : 1));

  const version = run.version ?? definition.version;
  const events: MiningEvent[] = drafts.map(({ order: _order, objects, ...draft }, sequence) => ({
    ...draft,
    process: definition.name,
    version,
    caseId,
    workflowId: run.workflowId,
    runId: run.runId,
    sequence,
    objects: [caseObject, ...objects],
  }));
  const value = latestValue(facts);
  const amount = value?.amount ?? (typeof input.amount === 'number' ? input.amount : null);
  return {
    record: {
      process: definition.name,
      version,
      caseId,
      workflowId: run.workflowId,
      runId: run.runId,
      startedMs: facts.startedMs,
      closedMs: facts.closedMs ?? null,
      historyLength: facts.historyLength,
      outcome: outcomeOf(facts),
      amount,
      amountBand: amountBandOf(amount),
      currency: value?.currency ?? text(input.currency),
      customer: text(input.customerId) ?? text(input.customer),
      requestedBy: text(start.requestedBy),
      ruleFired: rulesFired(facts.result),
    },
    events,
  };
}
