import type { MiningCase, MiningEvent } from '../store/mining-records';

/** One attribute value a case carries, e.g. `customer = C-200`. A case may carry several values of one attribute. */
export interface AttributeValue {
  attribute: string;
  value: string;
}

/**
 * What the event log knows of a case that could explain how it went: who it was for, how large, which version and
 * rules decided it, who asked, and which roles worked on it. Only values the store holds per case; nothing is guessed.
 */
export function attributesOfCase(record: MiningCase, events: readonly MiningEvent[]): AttributeValue[] {
  const values: AttributeValue[] = [{ attribute: 'version', value: record.version }];
  const add = (attribute: string, value: string | null) => {
    if (value !== null && value !== '') values.push({ attribute, value });
  };
  add('customer', record.customer);
  add('amountBand', record.amountBand);
  add('currency', record.currency);
  add('requestedBy', record.requestedBy);
  for (const rule of new Set((record.ruleFired ?? '').split(',').filter(Boolean))) add('ruleFired', rule);
  // The roles that completed the case's human tasks, e.g. `approverRole = cfo` for an approval task.
  const roles = new Set(
    events
      .filter((event) => event.kind === 'task' && event.lifecycle === 'complete' && event.role !== null)
      .map((event) => `${event.activity}:${event.role}`),
  );
  for (const role of roles) add('taskRole', role);
  return values;
}
