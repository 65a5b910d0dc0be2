import type { MiningCase, MiningEvent, RelatedObject } from '../store/mining-records';
import { isoWithOffset } from './timestamps';

/** OCEL 2.0 JSON (ocel-standard.org): object and event types, objects with their relations, events with theirs. */
export interface OcelLog {
  objectTypes: Array<{ name: string; attributes: Array<{ name: string; type: string }> }>;
  eventTypes: Array<{ name: string; attributes: Array<{ name: string; type: string }> }>;
  objects: Array<{
    id: string;
    type: string;
    attributes: Array<{ name: string; time: string; value: string }>;
    relationships: Array<{ objectId: string; qualifier: string }>;
  }>;
  events: Array<{
    id: string;
    type: string;
    time: string;
    attributes: Array<{ name: string; value: string | number }>;
    relationships: Array<{ objectId: string; qualifier: string }>;
  }>;
}

const eventAttributes = [
  { name: 'resource', type: 'string' },
  { name: 'role', type: 'string' },
  { name: 'waiting_s', type: 'float' },
  { name: 'working_s', type: 'float' },
  { name: 'outcome', type: 'string' },
  { name: 'decision', type: 'string' },
];

const caseAttributes = ['process', 'version', 'outcome', 'amountBand', 'currency', 'customer'] as const;

/** Ids are unique per type only (an order and its invoice may share a number): the object id carries the type. */
const objectIdOf = (object: Pick<RelatedObject, 'type' | 'id'>) => `${object.type}:${object.id}`;

/**
 * The log object-centrically: an event per completed activity instance (OCEL events have no lifecycle), related to
 * the case's object (an order, a document…) and to every object it created or used (invoice, shipment, payment, task,
 * customer…); each case's object is related to all of those, so an invoice or a customer is followed across orders.
 */
export function eventLogOcel(cases: readonly MiningCase[], events: readonly MiningEvent[]): OcelLog {
  const byRun = new Map(cases.map((record) => [record.runId, record]));
  const objects = new Map<string, OcelLog['objects'][number]>();
  const eventTypes = new Set<string>();
  const caseObjectOf = new Map<string, string>();
  const ocelEvents: OcelLog['events'] = [];

  const ensureObject = (object: Pick<RelatedObject, 'type' | 'id'>) => {
    const id = objectIdOf(object);
    if (!objects.has(id)) objects.set(id, { id, type: object.type, attributes: [], relationships: [] });
    return objects.get(id)!;
  };

  for (const event of events) {
    if (event.lifecycle !== 'complete') continue;
    eventTypes.add(event.activity);
    const caseObject = event.objects.find((object) => object.qualifier === 'case');
    if (caseObject && !caseObjectOf.has(event.runId)) {
      const created = ensureObject(caseObject);
      caseObjectOf.set(event.runId, created.id);
      const record = byRun.get(event.runId);
      if (record && created.attributes.length === 0) {
        for (const name of caseAttributes) {
          const value = record[name];
          if (value !== null) created.attributes.push({ name, time: isoWithOffset(record.startedMs), value });
        }
      }
    }
    const relationships = event.objects.map((object) => ({
      objectId: ensureObject(object).id,
      qualifier: object.qualifier,
    }));
    const owner = caseObjectOf.get(event.runId);
    if (owner) {
      const ownerObject = objects.get(owner)!;
      for (const { objectId } of relationships) {
        if (objectId !== owner && !ownerObject.relationships.some((relation) => relation.objectId === objectId))
          ownerObject.relationships.push({ objectId, qualifier: objects.get(objectId)!.type });
      }
    }
    const attributes: OcelLog['events'][number]['attributes'] = [{ name: 'resource', value: event.resource }];
    if (event.role !== null) attributes.push({ name: 'role', value: event.role });
    if (event.waitingSeconds !== null) attributes.push({ name: 'waiting_s', value: event.waitingSeconds });
    if (event.workingSeconds !== null) attributes.push({ name: 'working_s', value: event.workingSeconds });
    if (event.outcome !== null) attributes.push({ name: 'outcome', value: event.outcome });
    if (event.decision !== null) attributes.push({ name: 'decision', value: event.decision });
    ocelEvents.push({
      id: `${event.workflowId}/${event.runId}/${event.sequence}`,
      type: event.activity,
      time: isoWithOffset(event.timestampMs),
      attributes,
      relationships,
    });
  }

  const objectTypes = [...new Set([...objects.values()].map((object) => object.type))].sort();
  return {
    objectTypes: objectTypes.map((name) => ({
      name,
      attributes: [...objects.values()].some((object) => object.type === name && object.attributes.length > 0)
        ? caseAttributes.map((attribute) => ({ name: attribute, type: 'string' }))
        : [],
    })),
    eventTypes: [...eventTypes].sort().map((name) => ({ name, attributes: eventAttributes })),
    objects: [...objects.values()],
    events: ocelEvents,
  };
}
