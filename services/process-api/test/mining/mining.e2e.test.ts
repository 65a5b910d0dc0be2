/**
 * Process intelligence on the real stack (dev server, sandbox, worker, API with its mining worker): a fixed mix of
 * order-to-cash and document-approval instances runs to its end, the extraction workflow runs (as its Schedule would
 * start it) and the API's event log, DFG, bottlenecks and versions are checked against what happened. Extraction is
 * incremental (a second run reads no closed history) and a rebuild gives the same log.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataConverterFor, KeyRing } from '@ordo/codec';
import { miningExtractionWorkflowType, miningScheduleId, type MiningRunReport } from '@ordo/workflows';
import { Client, Connection } from '@temporalio/client';
import { eventually, startTestStack, type RunningStack } from '../e2e/stack-fixture';
import { type Json, miningE2eClient } from './mining-e2e-client';
import { dfgAnswerAsCounts, dfgOf, parseCsv, parseXesTraces } from './event-log-parsing';

jest.setTimeout(300_000);

const keyJson = JSON.stringify(KeyRing.generateJson('mining-e2e'));
const run = Date.now();
const orders = '/v1/processes/order-to-cash/instances';
const documents = '/v1/processes/document-approval/instances';
const people = {
  'tok-olga': { id: 'olga', roles: ['finance-operations'] },
  'tok-ana': { id: 'ana', roles: ['process-analyst'] },
};

let stack: RunningStack & { dispose(): Promise<void> };
let connection: Connection;
let client: Client;

const { call, closed, openTask, awaitingPayment, startOrder, pay, extract } = miningE2eClient(
  () => stack.urls.api,
  () => client,
);

const keys = {
  auto: `SO-MINE-AUTO-${run}`,
  manager: `SO-MINE-MGR-${run}`,
  rejected: `SO-MINE-REJ-${run}`,
  cancelled: `SO-MINE-CXL-${run}`,
  docApproved: `DOC-MINE-OK-${run}`,
  docRejected: `DOC-MINE-NO-${run}`,
};

beforeAll(async () => {
  stack = await startTestStack({
    env: {
      ORDO_CODEC_KEYS: keyJson,
      ORDO_API_TOKENS: JSON.stringify(people),
      ORDO_AUTH_DEV_TOKENS: 'on',
      // The test starts the runs itself; the Schedule exists but is not due during the test.
      ORDO_MINING_INTERVAL: '1h',
    },
  });
  connection = await Connection.connect({ address: stack.urls.temporalAddress });
  client = new Client({ connection, dataConverter: dataConverterFor(KeyRing.fromJsonText(keyJson)) });

  // Auto-approved (≤ 1000), paid in two parts.
  await startOrder(keys.auto, 800);
  // A manager claims, then approves; paid at once.
  await startOrder(keys.manager, 5_000);
  // A manager rejects.
  await startOrder(keys.rejected, 2_000);
  // Cancelled by a manager while waiting for payment: compensated.
  await startOrder(keys.cancelled, 300);

  await awaitingPayment(keys.auto);
  await pay(keys.auto, 300, 'PAY-A1');
  await pay(keys.auto, 500, 'PAY-A2');

  await openTask(orders, keys.manager, 'approval-1');
  expect((await call('POST', `${orders}/${keys.manager}/tasks/approval-1/claim`, 'dev-manager', {})).status).toBe(200);
  const approved = await call('POST', `${orders}/${keys.manager}/tasks/approval-1/complete`, 'dev-manager', {
    decision: 'approve',
  });
  expect(approved.status).toBe(200);
  await awaitingPayment(keys.manager);
  await pay(keys.manager, 5_000, 'PAY-M1');

  await openTask(orders, keys.rejected, 'approval-1');
  const rejected = await call('POST', `${orders}/${keys.rejected}/tasks/approval-1/complete`, 'dev-manager', {
    decision: 'reject',
    comment: 'not this quarter',
  });
  expect(rejected.status).toBe(200);

  await awaitingPayment(keys.cancelled);
  const cancelled = await call('POST', `${orders}/${keys.cancelled}/cancel`, 'dev-manager', {
    reason: 'customer withdrew',
  });
  expect(cancelled.status).toBe(202);

  for (const [key, decision] of [
    [keys.docApproved, 'approve'],
    [keys.docRejected, 'reject'],
  ] as const) {
    const document = {
      documentType: 'purchase-order',
      title: 'Office chairs',
      amount: 400,
      currency: 'EUR',
      category: 'operational',
      department: 'operations',
    };
    expect((await call('POST', documents, 'dev-clerk', { businessKey: key, input: document })).status).toBe(201);
    const task = await openTask(documents, key, 'approval-1');
    const token = `dev-${task.candidateRoles[0]}`;
    const done = await call('POST', `${documents}/${key}/tasks/approval-1/complete`, token, {
      decision,
      comment: 'ok',
    });
    expect(done.status).toBe(200);
  }

  for (const key of [keys.auto, keys.manager, keys.rejected, keys.cancelled]) await closed(orders, key);
  for (const key of [keys.docApproved, keys.docRejected]) await closed(documents, key);
});

afterAll(async () => {
  await connection?.close();
  await stack?.dispose();
});

const csvOf = async (query = '') => {
  const response = await call('GET', `/v1/mining/order-to-cash/event-log?format=csv${query}`, 'dev-process-analyst');
  expect(response.status).toBe(200);
  return parseCsv(response.text);
};

const completedActivities = (rows: Array<Record<string, string>>, key: string) =>
  rows.filter((row) => row.case_id === key && row.lifecycle === 'complete').map((row) => row.activity);

describe('process intelligence on the real stack', () => {
  let first: MiningRunReport;

  it('the API created the extraction Schedule', async () => {
    const schedule = await eventually(
      async () => {
        try {
          return await client.schedule.getHandle(miningScheduleId).describe();
        } catch {
          return undefined;
        }
      },
      { what: 'the mining schedule' },
    );
    expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: miningExtractionWorkflowType });
    expect(schedule.spec.intervals?.[0]?.every).toBe(3_600_000);
  });

  it('a run extracts every closed instance into business events', async () => {
    first = await extract();
    expect(first).toMatchObject({ failures: 0, incomplete: false, closedSkipped: 0 });
    expect(first.closedHistoriesRead).toBeGreaterThanOrEqual(6);

    // The same run on the API's /metrics, where an SRE watches the extractor (this stack runs no other run yet).
    const scrape = await (await fetch(stack.urls.apiMetrics)).text();
    const sample = (series: string) =>
      Number(
        scrape
          .split('\n')
          .find((line) => line.startsWith(`${series} `))
          ?.slice(series.length + 1),
      );
    expect(sample('ordo_mining_extraction_runs_total{outcome="completed"}')).toBe(1);
    expect(sample('ordo_mining_histories_read_total{state="closed"}')).toBe(first.closedHistoriesRead);
    expect(sample('ordo_mining_events_written_total')).toBe(first.eventsWritten);
    expect(sample('ordo_mining_history_failures_total')).toBe(0);
    expect(sample('ordo_mining_last_success_timestamp_seconds') * 1000).toBeGreaterThan(Date.now() - 60_000);
    expect(sample('ordo_mining_extraction_duration_seconds_count')).toBe(1);

    const rows = await csvOf();
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining(['case_id', 'activity', 'lifecycle', 'timestamp', 'resource']),
    );
    for (const row of rows) expect(row.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);

    const happyTail = ['reserve-stock', 'create-shipment', 'create-invoice', 'render-invoice-pdf', 'mail-invoice'];
    expect(completedActivities(rows, keys.auto)).toEqual([
      'credit-check',
      ...happyTail,
      'payment-received',
      'payment-received',
      'post-receipt',
    ]);
    expect(completedActivities(rows, keys.manager)).toEqual([
      'credit-check',
      'approval',
      ...happyTail,
      'payment-received',
      'post-receipt',
    ]);
    expect(completedActivities(rows, keys.rejected).slice(0, 2)).toEqual(['credit-check', 'approval']);
    expect(completedActivities(rows, keys.cancelled)).toEqual(
      expect.arrayContaining(['cancel', 'void-invoice', 'book-return']),
    );

    const byKey = (key: string, activity: string, lifecycle: string) =>
      rows.filter((row) => row.case_id === key && row.activity === activity && row.lifecycle === lifecycle);
    // Resources: the external system of an activity, the person of a task and of an event sent in.
    expect(byKey(keys.auto, 'credit-check', 'complete')[0]).toMatchObject({ resource: 'crm', kind: 'activity' });
    expect(byKey(keys.auto, 'create-shipment', 'complete')[0]).toMatchObject({ resource: 'carrier' });
    expect(byKey(keys.auto, 'payment-received', 'complete')[0]).toMatchObject({
      resource: 'accounts-receivable',
      kind: 'event',
    });
    const approval = byKey(keys.manager, 'approval', 'complete')[0]!;
    expect(approval).toMatchObject({ resource: 'manager', role: 'manager', kind: 'task', decision: 'approve' });
    expect(byKey(keys.manager, 'approval', 'start')[0]).toMatchObject({ resource: 'manager' });
    // Claimed, then completed: waiting = created → claim, working = claim → completion.
    expect(Number(approval.waiting_s)).toBeGreaterThan(0);
    expect(Number(approval.working_s)).toBeGreaterThan(0);
    expect(byKey(keys.rejected, 'approval', 'complete')[0]).toMatchObject({
      decision: 'reject',
      case_outcome: 'REJECTED',
    });
    expect(byKey(keys.auto, 'post-receipt', 'complete')[0]).toMatchObject({
      case_outcome: 'COMPLETED',
      amount_band: '<1k',
      currency: 'EUR',
      customer: 'C-100',
    });
    expect(byKey(keys.cancelled, 'cancel', 'complete')[0]).toMatchObject({
      resource: 'manager',
      case_outcome: 'CANCELLED',
    });
    // Every activity instance starts before (or when) it completes, and says how long it waited and worked.
    for (const row of rows.filter((candidate) => candidate.lifecycle === 'complete')) {
      expect(Number(row.waiting_s)).toBeGreaterThanOrEqual(0);
      expect(Number(row.working_s)).toBeGreaterThanOrEqual(0);
    }

    const documentRows = parseCsv(
      (await call('GET', '/v1/mining/document-approval/event-log?format=csv', 'dev-process-analyst')).text,
    );
    expect(completedActivities(documentRows, keys.docApproved)).toContain('approval');
    expect(
      documentRows.find(
        (row) => row.case_id === keys.docRejected && row.activity === 'approval' && row.lifecycle === 'complete',
      ),
    ).toMatchObject({
      decision: 'reject',
      case_outcome: 'REJECTED',
    });
  });

  it('XES has a trace per instance with the same events as the CSV; OCEL relates orders to invoices and payments', async () => {
    const rows = await csvOf();
    const xes = await call('GET', '/v1/mining/order-to-cash/event-log?format=xes', 'tok-ana');
    expect(xes.status).toBe(200);
    expect(xes.headers.get('content-type')).toContain('application/xml');
    const traces = parseXesTraces(xes.text);
    expect(traces.map((trace) => trace.attributes['concept:name']).sort()).toEqual(
      [...new Set(rows.map((row) => row.case_id))].sort(),
    );
    for (const trace of traces) {
      expect(
        trace.events.map((event) => [
          event['concept:name'],
          event['lifecycle:transition'],
          event['time:timestamp'],
          event['org:resource'],
        ]),
      ).toEqual(
        rows
          .filter((row) => row.case_id === trace.attributes['concept:name'])
          .map((row) => [row.activity, row.lifecycle, row.timestamp, row.resource]),
      );
    }

    const ocel = (await call('GET', '/v1/mining/order-to-cash/event-log?format=ocel', 'tok-olga')).json;
    expect(ocel.objectTypes.map((type: Json) => type.name)).toEqual(
      expect.arrayContaining(['order', 'invoice', 'shipment', 'payment', 'task', 'customer']),
    );
    const managerOrder = ocel.objects.find((object: Json) => object.id === `order:${keys.manager}`);
    const related = managerOrder.relationships.map((relation: Json) => relation.objectId.split(':')[0]);
    expect(related).toEqual(expect.arrayContaining(['invoice', 'shipment', 'payment', 'task', 'customer']));
    expect(ocel.events).toHaveLength(rows.filter((row) => row.lifecycle === 'complete').length);
  });

  it('the DFG equals the one computed independently from the exported CSV', async () => {
    const rows = await csvOf();
    const dfg = (await call('GET', '/v1/mining/order-to-cash/dfg', 'dev-process-analyst')).json;
    const independent = dfgOf(
      rows.map((row) => ({
        caseId: row.case_id!,
        activity: row.activity!,
        lifecycle: row.lifecycle!,
        timestamp: row.timestamp!,
      })),
    );
    expect(dfgAnswerAsCounts(dfg as Parameters<typeof dfgAnswerAsCounts>[0])).toEqual(independent);
    expect(dfg.startActivities).toEqual([{ name: 'credit-check', count: 4 }]);
    expect(dfg.edges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'credit-check', to: 'approval', count: 2 }),
        expect.objectContaining({ from: 'payment-received', to: 'payment-received', count: 1 }),
      ]),
    );
    for (const edge of dfg.edges) {
      expect(edge.duration.mean).toBeGreaterThanOrEqual(0);
      expect(edge.duration.p95).toBeGreaterThanOrEqual(edge.duration.median - 1e-9);
    }
  });

  it('bottlenecks rank by total waiting: the human approval waits longest', async () => {
    const { activities } = (await call('GET', '/v1/mining/order-to-cash/bottlenecks', 'dev-process-analyst')).json;
    expect(activities[0]).toMatchObject({ activity: 'approval', kind: 'task', role: 'manager', count: 2 });
    const totals = activities.map((row: Json) => row.waiting.total);
    expect(totals).toEqual([...totals].sort((a: number, b: number) => b - a));
    const shares = activities.reduce((sum: number, row: Json) => sum + row.shareOfCycleTime, 0);
    expect(shares).toBeGreaterThan(0);
  });

  it('versions: instances and outcome mix per process version', async () => {
    const answer = (await call('GET', '/v1/mining/order-to-cash/versions', 'dev-process-analyst')).json;
    expect(answer.slaTarget).toBe('P60D');
    expect(answer.versions).toEqual([
      expect.objectContaining({
        version: '1.0.0',
        instances: 4,
        closed: 4,
        outcomes: { CANCELLED: 1, COMPLETED: 2, REJECTED: 1 },
        slaBreachRate: 0,
      }),
    ]);
    expect(answer.versions[0].variants.reduce((sum: number, variant: Json) => sum + variant.count, 0)).toBe(4);
  });

  it('conformance: the real instances fit the designed model and every rule of their contracts', async () => {
    const o2c = (await call('GET', '/v1/mining/order-to-cash/conformance', 'dev-process-analyst')).json;
    expect(o2c.model).toEqual({ applicable: 4, fitting: 4, share: 1, violations: [] });
    expect(o2c.rules.map((entry: Json) => [entry.id, entry.applicable, entry.share])).toEqual([
      ['cfo-approves-above-10000', 0, 1],
      ['no-shipment-before-approval', 2, 1],
    ]);
    const documentsReport = (await call('GET', '/v1/mining/document-approval/conformance', 'dev-process-analyst')).json;
    expect(documentsReport.model).toMatchObject({ applicable: 2, share: 1 });
    expect(documentsReport.rules.map((entry: Json) => [entry.id, entry.applicable, entry.share])).toEqual([
      ['approver-is-not-requester', 2, 1],
      ['levels-in-order', 2, 1],
    ]);
    expect((await call('GET', '/v1/mining/support-ticket/conformance', 'dev-process-analyst')).status).toBe(404);
    expect((await call('GET', '/v1/mining/order-to-cash/conformance', 'dev-manager')).status).toBe(403);
  });

  it('a second run reads no closed history again, and a rebuild gives the same log', async () => {
    const before = await csvOf();
    const second = await extract();
    expect(second).toMatchObject({ closedHistoriesRead: 0, failures: 0 });
    // Listed again (they closed within the visibility-lag margin), skipped without a read.
    expect(second.closedSkipped).toBe(first.closedHistoriesRead);
    expect(await csvOf()).toEqual(before);

    const rebuilt = await extract({ rebuild: true });
    expect(rebuilt.closedHistoriesRead).toBe(first.closedHistoriesRead);
    expect(await csvOf()).toEqual(before);
  });

  it('a run stopped after two histories is resumed by the next, with the same log in the end', async () => {
    const before = await csvOf();
    const partial = await extract({ rebuild: true, maxHistories: 2 });
    expect(partial).toMatchObject({ historiesRead: 2, incomplete: true });
    const rest = await extract();
    expect(rest.closedHistoriesRead).toBe(first.closedHistoriesRead - 2);
    expect(await csvOf()).toEqual(before);
  });

  it('401 without a token, 403 for a reader of instances who is no analyst nor owner, 400 naming the bad field', async () => {
    expect((await call('GET', '/v1/mining/order-to-cash/dfg', null)).status).toBe(401);
    const clerk = await call('GET', '/v1/mining/order-to-cash/dfg', 'dev-clerk');
    expect(clerk.status).toBe(403);
    expect(clerk.json.message).toContain('process-analyst');
    expect((await call('GET', '/v1/mining/order-to-cash/bottlenecks', 'tok-olga')).status).toBe(200);
    expect((await call('GET', '/v1/mining/order-to-cash/versions', 'dev-auditor')).status).toBe(200);
    const badFormat = await call('GET', '/v1/mining/order-to-cash/event-log?format=pdf', 'dev-process-analyst');
    expect(badFormat).toMatchObject({ status: 400, json: { details: [{ path: 'format' }] } });
    const badFrom = await call('GET', '/v1/mining/order-to-cash/dfg?from=yesterday', 'dev-process-analyst');
    expect(badFrom).toMatchObject({ status: 400, json: { details: [{ path: 'from' }] } });
    const reversed = await call(
      'GET',
      '/v1/mining/order-to-cash/dfg?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      'dev-process-analyst',
    );
    expect(reversed).toMatchObject({ status: 400, json: { details: [{ path: 'from' }] } });
    const unknown = await call('GET', '/v1/mining/order-to-cash/dfg?colour=red', 'dev-process-analyst');
    expect(unknown).toMatchObject({ status: 400, json: { details: [{ path: 'colour' }] } });
    expect((await call('GET', '/v1/mining/no-such-process/dfg', 'dev-process-analyst')).status).toBe(404);
    const future = await call('GET', '/v1/mining/order-to-cash/dfg?from=2999-01-01T00:00:00Z', 'dev-process-analyst');
    expect(future.json).toMatchObject({ activities: [], edges: [], variants: [] });
  });

  it('PM4Py reads the exported XES with the same DFG (when python3 with pm4py is available)', async () => {
    const probe = spawnSync('python3', ['-c', 'import pm4py'], { stdio: 'ignore' });
    if (probe.status !== 0) {
      process.stderr.write('pm4py not installed: skipping the PM4Py cross-check\n');
      return;
    }
    await extract();
    const dir = mkdtempSync(join(tmpdir(), 'ordo-pm4py-'));
    try {
      const xes = (await call('GET', '/v1/mining/order-to-cash/event-log?format=xes', 'dev-process-analyst')).text;
      const dfg = (await call('GET', '/v1/mining/order-to-cash/dfg', 'dev-process-analyst')).json;
      writeFileSync(join(dir, 'log.xes'), xes);
      writeFileSync(join(dir, 'dfg.json'), JSON.stringify(dfg));
      const script = join(__dirname, '../../../../scripts/mining/pm4py-compare.py');
      const output = execFileSync('python3', [script, join(dir, 'log.xes'), join(dir, 'dfg.json')], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      const comparison = JSON.parse(output) as Json;
      expect(comparison.differences).toEqual([]);
      expect(comparison).toMatchObject({ matches: true, cases: 4 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('a running instance is in the log while it runs, read again only once it changed, and once more when closed', async () => {
    const key = `SO-MINE-RUN-${run}`;
    await startOrder(key, 600);
    await awaitingPayment(key);
    const whileRunning = await extract();
    expect(whileRunning).toMatchObject({ historiesRead: 1, closedHistoriesRead: 0 });
    const rows = await csvOf();
    expect(completedActivities(rows, key)).toEqual([
      'credit-check',
      'reserve-stock',
      'create-shipment',
      'create-invoice',
      'render-invoice-pdf',
      'mail-invoice',
    ]);
    expect(rows.find((row) => row.case_id === key)!.case_outcome).toBe('');

    expect(await extract()).toMatchObject({ historiesRead: 0, runningUnchanged: 1 });

    await pay(key, 600, 'PAY-R1');
    await closed(orders, key);
    // The instances closed within the visibility-lag margin are listed again, and skipped without a read.
    expect(await extract()).toMatchObject({ historiesRead: 1, closedHistoriesRead: 1, closedSkipped: 6 });
    expect(completedActivities(await csvOf(), key).slice(-2)).toEqual(['payment-received', 'post-receipt']);
    expect(await extract()).toMatchObject({ historiesRead: 0, runningUnchanged: 0 });
  });

  it('the Schedule runs the extraction through the API’s mining worker', async () => {
    const schedule = client.schedule.getHandle(miningScheduleId);
    await schedule.trigger();
    const action = await eventually(async () => (await schedule.describe()).info.recentActions[0], {
      what: 'a scheduled run',
    });
    const report = (await client.workflow.getHandle(action.action.workflow.workflowId).result()) as MiningRunReport;
    expect(report).toMatchObject({ failures: 0, closedHistoriesRead: 0 });
  });
});
