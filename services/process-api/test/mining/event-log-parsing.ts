/**
 * Independent readers of the exported logs, for the tests: a CSV parser (RFC 4180), a reader of XES traces, and the
 * directly-follows graph computed from rows the way PM4Py does (complete events, per case in time order, file order
 * breaking ties). None of it shares code with the API's exports or its SQL.
 */

export function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
      continue;
    }
    if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header!.map((name, column) => [name, cells[column] ?? ''])));
}

export interface XesEvent {
  [key: string]: string;
}

export interface XesTrace {
  attributes: Record<string, string>;
  events: XesEvent[];
}

function unescapeXml(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function attributesIn(xml: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of xml.matchAll(/<(string|date|float|int|boolean) key="([^"]*)" value="([^"]*)"\/>/g))
    attributes[unescapeXml(match[2]!)] = unescapeXml(match[3]!);
  return attributes;
}

export function parseXesTraces(xml: string): XesTrace[] {
  return [...xml.matchAll(/<trace>([\s\S]*?)<\/trace>/g)].map((trace) => {
    const body = trace[1]!;
    const events = [...body.matchAll(/<event>([\s\S]*?)<\/event>/g)].map((event) => attributesIn(event[1]!));
    return { attributes: attributesIn(body.replace(/<event>[\s\S]*?<\/event>/g, '')), events };
  });
}

export interface CaseEvent {
  caseId: string;
  activity: string;
  lifecycle: string;
  timestamp: string;
}

export function completedTracesOf(events: readonly CaseEvent[]): Map<string, string[]> {
  const byCase = new Map<string, Array<CaseEvent & { index: number }>>();
  events.forEach((event, index) => {
    if (event.lifecycle !== 'complete') return;
    const list = byCase.get(event.caseId) ?? [];
    list.push({ ...event, index });
    byCase.set(event.caseId, list);
  });
  return new Map(
    [...byCase].map(([caseId, list]) => [
      caseId,
      list
        .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || a.index - b.index)
        .map((event) => event.activity),
    ]),
  );
}

export interface IndependentDfg {
  activities: Record<string, number>;
  edges: Record<string, number>;
  startActivities: Record<string, number>;
  endActivities: Record<string, number>;
  variants: Record<string, number>;
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

export function dfgOf(events: readonly CaseEvent[]): IndependentDfg {
  const dfg: IndependentDfg = { activities: {}, edges: {}, startActivities: {}, endActivities: {}, variants: {} };
  for (const trace of completedTracesOf(events).values()) {
    trace.forEach((activity, position) => {
      bump(dfg.activities, activity);
      if (position > 0) bump(dfg.edges, `${trace[position - 1]} -> ${activity}`);
    });
    if (trace.length > 0) {
      bump(dfg.startActivities, trace[0]!);
      bump(dfg.endActivities, trace[trace.length - 1]!);
      bump(dfg.variants, trace.join(','));
    }
  }
  return dfg;
}

/** The API's DFG answer in the same shape, for comparison. */
export function dfgAnswerAsCounts(answer: {
  activities: Array<{ name: string; count: number }>;
  edges: Array<{ from: string; to: string; count: number }>;
  startActivities: Array<{ name: string; count: number }>;
  endActivities: Array<{ name: string; count: number }>;
  variants: Array<{ activities: string[]; count: number }>;
}): IndependentDfg {
  const named = (list: Array<{ name: string; count: number }>) =>
    Object.fromEntries(list.map((e) => [e.name, e.count]));
  return {
    activities: named(answer.activities),
    edges: Object.fromEntries(answer.edges.map((edge) => [`${edge.from} -> ${edge.to}`, edge.count])),
    startActivities: named(answer.startActivities),
    endActivities: named(answer.endActivities),
    variants: Object.fromEntries(answer.variants.map((variant) => [variant.activities.join(','), variant.count])),
  };
}
