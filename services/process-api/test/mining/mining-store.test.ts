/**
 * The analytical store and the exports on a hand-made log (real DuckDB in memory): the directly-follows graph equals
 * the one computed independently from the exported CSV, durations are PM4Py's (complete → complete, numpy's
 * interpolation), bottlenecks rank by total waiting, XES and CSV agree case by case, OCEL relates the objects.
 */
import { eventLogCsv } from '../../src/mining/export/event-log-csv';
import { eventLogOcel } from '../../src/mining/export/event-log-ocel';
import { eventLogXes } from '../../src/mining/export/event-log-xes';
import { DuckDbMiningStore } from '../../src/mining/store/duckdb-mining-store';
import type { MiningCase, MiningEvent } from '../../src/mining/store/mining-records';
import { dfgAnswerAsCounts, dfgOf, parseCsv, parseXesTraces } from './event-log-parsing';

const t0 = Date.parse('2026-01-05T09:00:00Z');
const minutes = (count: number) => count * 60_000;

interface Step {
  activity: string;
  kind?: MiningEvent['kind'];
  /** Minutes after the case start: scheduled (or created), started, completed. */
  at: [number, number, number];
  resource?: string;
  role?: string;
}

function caseOf(caseId: string, version: string, startMin: number, steps: Step[], outcome: string | null) {
  const runId = `run-${caseId}`;
  const startedMs = t0 + minutes(startMin);
  const record: MiningCase = {
    process: 'order-to-cash',
    version,
    caseId,
    workflowId: `order-to-cash:${caseId}`,
    runId,
    startedMs,
    closedMs: outcome === null ? null : startedMs + minutes(Math.max(...steps.map((step) => step.at[2]))),
    historyLength: 10,
    outcome,
    amount: 500,
    amountBand: '<1k',
    currency: 'EUR',
    customer: 'C-1',
    requestedBy: 'clerk',
    ruleFired: 'order-approval:default',
  };
  const drafts = steps.flatMap((step, index) => {
    const base = {
      process: record.process,
      version,
      caseId,
      workflowId: record.workflowId,
      runId,
      activity: step.activity,
      activityInstance: `activity-${index}`,
      kind: step.kind ?? ('activity' as const),
      resource: step.resource ?? 'erp',
      role: step.role ?? null,
      decision: null,
      objects: [{ type: 'order', id: caseId, qualifier: 'case' }],
    };
    return [
      {
        ...base,
        lifecycle: 'start' as const,
        timestampMs: startedMs + minutes(step.at[1]),
        waitingSeconds: null,
        workingSeconds: null,
        outcome: null,
      },
      {
        ...base,
        lifecycle: 'complete' as const,
        timestampMs: startedMs + minutes(step.at[2]),
        waitingSeconds: (step.at[1] - step.at[0]) * 60,
        workingSeconds: (step.at[2] - step.at[1]) * 60,
        outcome: 'completed',
        objects:
          step.activity === 'create-invoice'
            ? [...base.objects, { type: 'invoice', id: `INV-${caseId}`, qualifier: 'creates' }]
            : base.objects,
      },
    ];
  });
  const events = drafts
    .sort((a, b) => a.timestampMs - b.timestampMs)
    .map((event, sequence): MiningEvent => ({ ...event, sequence }));
  return { record, events };
}

const happy = (caseId: string, startMin: number, approvalWait: number) =>
  caseOf(
    caseId,
    '1.0.0',
    startMin,
    [
      { activity: 'credit-check', at: [0, 0, 1] },
      {
        activity: 'approval',
        kind: 'task',
        at: [1, 1 + approvalWait, 2 + approvalWait],
        resource: 'mo',
        role: 'manager',
      },
      { activity: 'reserve-stock', at: [3 + approvalWait, 4 + approvalWait, 5 + approvalWait] },
      {
        activity: 'create-invoice',
        at: [5 + approvalWait, 5 + approvalWait, 6 + approvalWait],
        resource: 'accounting',
      },
    ],
    'COMPLETED',
  );

const cases = [
  happy('SO-1', 0, 10),
  happy('SO-2', 1, 30),
  happy('SO-3', 2, 50),
  caseOf(
    'SO-4',
    '1.0.0',
    3,
    [
      { activity: 'credit-check', at: [0, 0, 2] },
      { activity: 'approval', kind: 'task', at: [2, 4, 5], resource: 'fran', role: 'cfo' },
    ],
    'REJECTED',
  ),
  caseOf('SO-5', '1.1.0', 4, [{ activity: 'credit-check', at: [0, 1, 2] }], null),
];

let store: DuckDbMiningStore;

beforeAll(async () => {
  store = await DuckDbMiningStore.open(':memory:');
  await store.replaceCases(cases);
});

afterAll(async () => {
  await store?.close();
});

const all = { process: 'order-to-cash' };

it('reads only the events a selection names, in the same order as all of them', async () => {
  const every = await store.events(all);
  const completedTasks = await store.events(all, { kind: 'task', lifecycle: 'complete' });
  expect(completedTasks.length).toBeGreaterThan(0);
  expect(completedTasks).toEqual(every.filter((event) => event.kind === 'task' && event.lifecycle === 'complete'));
  expect(await store.events(all, { lifecycle: 'start' })).toEqual(every.filter((event) => event.lifecycle === 'start'));
});

it('replacing a case twice keeps one copy of it; the watermark survives until cleared', async () => {
  await store.replaceCases([cases[0]!]);
  expect((await store.events(all)).filter((event) => event.caseId === 'SO-1')).toHaveLength(8);
  expect((await store.storedRuns(['run-SO-1', 'run-SO-5', 'run-none'])).get('run-SO-5')).toEqual({
    runId: 'run-SO-5',
    closed: false,
    historyLength: 10,
  });
  await store.setWatermark(t0);
  await store.setWatermark(t0 + 1);
  expect(await store.watermark()).toBe(t0 + 1);
});

it('the DFG equals the one computed independently from the exported CSV, with PM4Py-style durations', async () => {
  const csv = eventLogCsv(await store.cases(all), await store.events(all));
  const rows = parseCsv(csv).map((row) => ({
    caseId: row.case_id!,
    activity: row.activity!,
    lifecycle: row.lifecycle!,
    timestamp: row.timestamp!,
  }));
  expect(rows).toHaveLength(2 * (4 * 3 + 2 + 1));
  expect(rows[0]!.timestamp).toBe('2026-01-05T09:00:00.000+00:00');
  const dfg = await store.directlyFollows(all);
  expect(dfgAnswerAsCounts(dfg)).toEqual(dfgOf(rows));
  expect(dfg.startActivities).toEqual([{ name: 'credit-check', count: 5 }]);
  expect(dfg.variants[0]).toEqual({
    activities: ['credit-check', 'approval', 'reserve-stock', 'create-invoice'],
    count: 3,
  });
  // complete(credit-check) → complete(approval): 11, 31, 51 minutes for the happy cases, 3 minutes for SO-4.
  const edge = dfg.edges.find((candidate) => candidate.from === 'credit-check' && candidate.to === 'approval')!;
  const seconds = [3, 11, 31, 51].map((value) => value * 60);
  expect(edge.count).toBe(4);
  expect(edge.duration.mean).toBeCloseTo(seconds.reduce((sum, value) => sum + value, 0) / 4, 6);
  expect(edge.duration.median).toBeCloseTo((seconds[1]! + seconds[2]!) / 2, 6);
  // numpy.percentile(x, 95) with linear interpolation: x[2] + 0.85 * (x[3] - x[2]).
  expect(edge.duration.p95).toBeCloseTo(seconds[2]! + 0.85 * (seconds[3]! - seconds[2]!), 6);
  expect(await store.directlyFollows({ ...all, version: '1.1.0' })).toMatchObject({
    activities: [{ name: 'credit-check', count: 1 }],
    edges: [],
    variants: [{ activities: ['credit-check'], count: 1 }],
  });
});

it('ranks bottlenecks by total waiting and splits human tasks by role', async () => {
  const ranked = await store.bottlenecks(all);
  expect(ranked.map((row) => [row.activity, row.role])).toEqual([
    ['approval', 'manager'],
    ['reserve-stock', null],
    ['approval', 'cfo'],
    ['credit-check', null],
    ['create-invoice', null],
  ]);
  const manager = ranked[0]!;
  expect(manager.count).toBe(3);
  expect(manager.waiting).toMatchObject({ p50: 30 * 60, mean: 30 * 60, total: 90 * 60 });
  expect(manager.working).toMatchObject({ p50: 60, total: 180 });
  expect(manager.shareOfCycleTime).toBeGreaterThan(0.5);
});

it('summarises versions: instances, outcome mix, cycle time, SLA breaches, variants', async () => {
  const versions = await store.versions(all, 30 * 60);
  expect(versions.map((version) => [version.version, version.instances, version.closed, version.outcomes])).toEqual([
    ['1.0.0', 4, 4, { COMPLETED: 3, REJECTED: 1 }],
    ['1.1.0', 1, 0, { RUNNING: 1 }],
  ]);
  // Cycle times 16, 36, 56 and 5 minutes: two of four above the 30-minute target.
  expect(versions[0]!.slaBreachRate).toBe(0.5);
  expect(versions[0]!.cycleTime!.p50).toBe(26 * 60);
  expect(versions[1]!.cycleTime).toBeNull();
});

it('XES and CSV agree case by case; OCEL relates orders to their invoices', async () => {
  const [records, events] = [await store.cases(all), await store.events(all)];
  const traces = parseXesTraces(eventLogXes(records, events));
  const rows = parseCsv(eventLogCsv(records, events));
  expect(traces.map((trace) => trace.attributes['concept:name'])).toEqual(['SO-1', 'SO-2', 'SO-3', 'SO-4', 'SO-5']);
  for (const trace of traces) {
    const caseRows = rows.filter((row) => row.case_id === trace.attributes['concept:name']);
    expect(
      trace.events.map((event) => [
        event['concept:name'],
        event['lifecycle:transition'],
        event['time:timestamp'],
        event['org:resource'],
      ]),
    ).toEqual(caseRows.map((row) => [row.activity, row.lifecycle, row.timestamp, row.resource]));
  }
  const ocel = eventLogOcel(records, events);
  expect(ocel.events).toHaveLength(events.filter((event) => event.lifecycle === 'complete').length);
  expect(ocel.objectTypes.map((type) => type.name)).toEqual(['invoice', 'order']);
  expect(ocel.objects.find((object) => object.id === 'order:SO-2')!.relationships).toEqual([
    { objectId: 'invoice:INV-SO-2', qualifier: 'invoice' },
  ]);
});
