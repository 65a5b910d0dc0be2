import type { MiningCase, MiningEvent } from '../store/mining-records';
import { isoWithOffset } from './timestamps';

/** XML text and attribute values: the five predefined entities; control characters XML 1.0 cannot hold are dropped. */
function xml(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const string = (key: string, value: string | null | undefined) =>
  value === null || value === undefined ? '' : `<string key="${xml(key)}" value="${xml(value)}"/>`;
const float = (key: string, value: number | null | undefined) =>
  value === null || value === undefined ? '' : `<float key="${xml(key)}" value="${value}"/>`;

function eventXml(event: MiningEvent): string {
  return [
    '    <event>',
    string('concept:name', event.activity),
    string('lifecycle:transition', event.lifecycle),
    `<date key="time:timestamp" value="${isoWithOffset(event.timestampMs)}"/>`,
    string('org:resource', event.resource),
    string('org:role', event.role),
    string('concept:instance', event.activityInstance),
    string('ordo:kind', event.kind),
    float('ordo:waitingSeconds', event.waitingSeconds),
    float('ordo:workingSeconds', event.workingSeconds),
    string('ordo:outcome', event.outcome),
    string('ordo:decision', event.decision),
    '</event>',
  ]
    .filter((part) => part !== '')
    .join('');
}

function traceXml(record: MiningCase, events: readonly MiningEvent[]): string {
  const attributes = [
    string('concept:name', record.caseId),
    string('ordo:process', record.process),
    string('ordo:version', record.version),
    string('ordo:outcome', record.outcome),
    string('ordo:amountBand', record.amountBand),
    string('ordo:currency', record.currency),
    string('ordo:customer', record.customer),
    string('ordo:ruleFired', record.ruleFired),
  ].filter((part) => part !== '');
  return ['  <trace>', `    ${attributes.join('')}`, ...events.map(eventXml), '  </trace>'].join('\n');
}

/**
 * The log as XES (IEEE 1849-2016): a trace per case (`concept:name` = business key) with its events in log order,
 * each with the standard extensions' `concept:name`, `time:timestamp`, `lifecycle:transition`, `org:resource`.
 */
export function eventLogXes(cases: readonly MiningCase[], events: readonly MiningEvent[]): string {
  const byRun = new Map<string, MiningEvent[]>();
  for (const event of events) {
    const list = byRun.get(event.runId) ?? [];
    list.push(event);
    byRun.set(event.runId, list);
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<log xes.version="1849-2016" xes.features="" xmlns="http://www.xes-standard.org/">',
    '  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>',
    '  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>',
    '  <extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>',
    '  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>',
    '  <global scope="trace"><string key="concept:name" value="__INVALID__"/></global>',
    '  <global scope="event"><string key="concept:name" value="__INVALID__"/><string key="lifecycle:transition" value="complete"/></global>',
    '  <classifier name="Activity" keys="concept:name"/>',
    ...cases.map((record) => traceXml(record, byRun.get(record.runId) ?? [])),
    '</log>',
    '',
  ].join('\n');
}
