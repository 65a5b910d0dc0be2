/**
 * Root causes, what-if and DMN import on the real stack: a seeded mix of orders runs to its end (the orders of
 * customer C-900 are paid only after every other order closed, so they are the slow ones; three large orders go to
 * the CFO), the extraction runs, and the answers are checked against what was seeded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataConverterFor, KeyRing } from '@ordo/codec';
import { Client, Connection } from '@temporalio/client';
import { startTestStack, type RunningStack } from '../e2e/stack-fixture';
import { type Json, miningE2eClient, ordersPath } from './mining-e2e-client';

jest.setTimeout(600_000);

const keyJson = JSON.stringify(KeyRing.generateJson('mining-insights-e2e'));
const run = Date.now();
const people = { 'tok-olga': { id: 'olga', roles: ['finance-operations'] } };
const committedTable = JSON.parse(
  readFileSync(join(__dirname, '../../../../workflows/src/order-to-cash/approval-table.json'), 'utf8'),
) as Json;

let stack: RunningStack & { dispose(): Promise<void> };
let connection: Connection;
let client: Client;
const api = miningE2eClient(
  () => stack.urls.api,
  () => client,
);

const slow = Array.from({ length: 5 }, (_, index) => `SO-INS-SLOW-${index}-${run}`);
const small = Array.from({ length: 3 }, (_, index) => `SO-INS-SMALL-${index}-${run}`);
const managerOrder = `SO-INS-MGR-${run}`;
const cfoOrders: Array<[string, number]> = [
  [`SO-INS-CFO12-${run}`, 12_000],
  [`SO-INS-CFO15-${run}`, 15_000],
  [`SO-INS-CFO30-${run}`, 30_000],
];
const cycleSeconds = new Map<string, number>();

async function approve(key: string, token: string) {
  await api.openTask(ordersPath, key, 'approval-1');
  const done = await api.call('POST', `${ordersPath}/${key}/tasks/approval-1/complete`, token, { decision: 'approve' });
  expect(done.status).toBe(200);
}

async function settle(key: string, amount: number) {
  await api.awaitingPayment(key);
  await api.pay(key, amount, `PAY-${key}`);
  const closed = await api.closed(ordersPath, key);
  cycleSeconds.set(key, (Date.parse(closed.closedAt) - Date.parse(closed.startedAt)) / 1000);
}

beforeAll(async () => {
  stack = await startTestStack({
    env: {
      ORDO_CODEC_KEYS: keyJson,
      ORDO_API_TOKENS: JSON.stringify(people),
      ORDO_AUTH_DEV_TOKENS: 'on',
      ORDO_MINING_INTERVAL: '1h',
    },
  });
  connection = await Connection.connect({ address: stack.urls.temporalAddress });
  client = new Client({ connection, dataConverter: dataConverterFor(KeyRing.fromJsonText(keyJson)) });

  // The slow customer's orders start first and are paid last: each of their cycles is longer than any other.
  for (const key of slow) await api.startOrder(key, 800, 'C-900');
  for (const key of small) await api.startOrder(key, 800, 'C-100');
  await api.startOrder(managerOrder, 5_000, 'C-100');
  for (const [key, total] of cfoOrders) await api.startOrder(key, total, 'C-100');

  await approve(managerOrder, 'dev-manager');
  for (const [key] of cfoOrders) await approve(key, 'dev-cfo');
  for (const key of small) await settle(key, 800);
  await settle(managerOrder, 5_000);
  for (const [key, total] of cfoOrders) await settle(key, total);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  for (const key of slow) await settle(key, 800);

  const report = await api.extract();
  expect(report).toMatchObject({ failures: 0, incomplete: false });
});

afterAll(async () => {
  await connection?.close();
  await stack?.dispose();
});

const insights = (query: string, token = 'dev-process-analyst') =>
  api.call('GET', `/v1/mining/order-to-cash/insights?${query}`, token);
const whatIf = (body: unknown, token = 'dev-process-analyst') =>
  api.call('POST', '/v1/mining/order-to-cash/what-if', token, body);

/** The committed table with the CFO from above `threshold` on. */
function withCfoThreshold(threshold: number): Json {
  const [cfo, manager, ...rest] = committedTable.rules as Json[];
  return {
    ...committedTable,
    version: '2',
    rules: [
      { ...cfo, when: { total: { op: '>', value: threshold } } },
      { ...manager, when: { total: { ...manager!.when.total, max: threshold } } },
      ...rest,
    ],
  };
}

const dmnRule = (id: string, test: string, output: string, description: string) => `
      <rule id="${id}">
        <description>${description}</description>
        <inputEntry id="${id}-in"><text>${test}</text></inputEntry>
        <outputEntry id="${id}-out"><text>${output}</text></outputEntry>
      </rule>`;

function dmnOf(rules: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="ordo" name="Ordo" namespace="https://ordo.example/dmn">
  <decision id="order-approval" name="Approval routing of customer orders">
    <decisionTable id="order-approval-table" hitPolicy="UNIQUE">
      <input id="total-input" label="Order total">
        <inputExpression id="total-expression" typeRef="number"><text>total</text></inputExpression>
      </input>
      <output id="role-output" name="approverRole" typeRef="string">
        <outputValues><text>"cfo","manager"</text></outputValues>
      </output>${rules}
    </decisionTable>
  </decision>
</definitions>`;
}

const committedDmn = dmnOf(
  dmnRule('above-10000', '&gt; 10000', '"cfo"', 'Large orders need the CFO') +
    dmnRule('above-1000', '(1000..10000]', '"manager"', 'Medium orders need a manager') +
    dmnRule('default', '&lt;= 1000', 'null', 'Small orders are approved automatically'),
);
const overlappingDmn = dmnOf(
  dmnRule('above-10000', '&gt;= 10000', '"cfo"', 'Large orders need the CFO') +
    dmnRule('above-1000', '(1000..10000]', '"manager"', 'Medium orders need a manager') +
    dmnRule('default', '&lt;= 1000', 'null', 'Small orders are approved automatically'),
);

describe('root causes, what-if and DMN import on the real stack', () => {
  it('insights: customer C-900 is over-represented among the slow orders, significantly', async () => {
    const fast = Math.max(
      ...[...small, managerOrder, ...cfoOrders.map(([key]) => key)].map((key) => cycleSeconds.get(key)!),
    );
    const slowest = Math.min(...slow.map((key) => cycleSeconds.get(key)!));
    expect(slowest).toBeGreaterThan(fast + 1);
    const threshold = ((fast + slowest) / 2).toFixed(3);
    const answer = await insights(`target=slow&slowerThan=PT${threshold}S`);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ process: 'order-to-cash', target: 'slow', targetCount: 5, totalCount: 12 });
    expect(answer.json.definition).toContain("Fisher's exact test (one-sided, greater)");
    const [top] = answer.json.insights as Json[];
    expect(top).toMatchObject({
      attribute: 'customer',
      value: 'C-900',
      targetCount: 5,
      valueCount: 5,
      significant: true,
    });
    expect(top!.lift).toBeCloseTo(12 / 5, 9);
    expect(top!.pValue).toBeCloseTo(1 / 792, 12);
    expect(top!.adjustedPValue).toBeLessThanOrEqual((answer.json.tested as number) / 792 + 1e-12);
    expect(top!.explanation).toContain(
      'orders of customer C-900 are 2.4× as likely as the average order to be slow (5 of 5)',
    );

    // The default "slow" (above the p90 of closed cases) answers too; no order breaches the 60-day SLA.
    expect((await insights('target=slow')).status).toBe(200);
    const breaches = await insights('target=sla-breach');
    expect(breaches.json).toMatchObject({ targetCount: 0, insights: [] });
    expect((await insights('target=cancelled')).json).toMatchObject({ targetCount: 0, totalCount: 12 });
  });

  it('what-if: raising the CFO threshold to 20,000 moves exactly the orders of 12,000 and 15,000 to a manager', async () => {
    const answer = await whatIf({ table: withCfoThreshold(20_000) });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      process: 'order-to-cash',
      table: { name: 'order-approval', version: '2' },
      evaluated: 12,
      changed: 2,
    });
    expect(answer.json.changedInstances).toEqual(
      [
        { businessKey: cfoOrders[0]![0], before: 'cfo', after: 'manager' },
        { businessKey: cfoOrders[1]![0], before: 'cfo', after: 'manager' },
      ].sort((x, y) => x.businessKey.localeCompare(y.businessKey)),
    );
    expect(answer.json.routes).toEqual([
      { route: 'cfo', before: 3, after: 1 },
      { route: 'manager', before: 1, after: 3 },
      { route: 'none', before: 8, after: 8 },
    ]);
    const workload = Object.fromEntries((answer.json.workload as Json[]).map((row) => [row.role, row]));
    expect(workload.cfo).toMatchObject({ tasksBefore: 3, tasksAfter: 1, measuredTasks: 3 });
    expect(workload.manager).toMatchObject({ tasksBefore: 1, tasksAfter: 3, measuredTasks: 1 });
    expect(workload.cfo.hoursAfter).toBeCloseTo(workload.cfo.hoursPerTask, 6);
    // Only the newest N are evaluated.
    expect((await whatIf({ table: withCfoThreshold(20_000), last: 4 })).json.evaluated).toBe(4);
  });

  it('DMN: the committed table written as DMN converts to it and changes nothing; overlapping UNIQUE rules are refused', async () => {
    const imported = await api.call('POST', '/v1/mining/order-to-cash/decision-tables/import', 'tok-olga', {
      dmn: committedDmn,
    });
    expect(imported.status).toBe(200);
    const { table } = imported.json;
    expect(table).toMatchObject({ name: 'order-approval', version: '2', hitPolicy: 'UNIQUE' });
    expect(table.inputs).toEqual(committedTable.inputs);
    expect(table.outputs).toEqual(committedTable.outputs);
    expect(table.rules).toEqual(committedTable.rules);
    const unchanged = await whatIf({ dmn: committedDmn });
    expect(unchanged.json).toMatchObject({ evaluated: 12, changed: 0, changedInstances: [] });

    for (const refused of [
      await api.call('POST', '/v1/mining/order-to-cash/decision-tables/import', 'dev-process-analyst', {
        dmn: overlappingDmn,
      }),
      await whatIf({ dmn: overlappingDmn }),
    ]) {
      expect(refused.status).toBe(400);
      expect(refused.json.details[0]).toMatchObject({ path: 'dmn.rules.0' });
      expect(refused.json.details[0].message).toContain('overlap');
    }
    const badFeel = await whatIf({ dmn: dmnOf(dmnRule('r', 'total > ', '"cfo"', 'x')) });
    expect(badFeel).toMatchObject({ status: 400, json: { details: [{ path: 'dmn.rules.0.inputEntry.0' }] } });
    expect((await whatIf({ dmn: '<not-dmn' })).json.details[0].path).toBe('dmn');
  });

  it('a bad candidate table is refused with 400 naming the field; 401 without a token; 403 for non-analysts', async () => {
    const overlapping = withCfoThreshold(20_000);
    overlapping.rules[0].when.total = { op: '>=', value: 20_000 };
    const overlap = await whatIf({ table: overlapping });
    expect(overlap.status).toBe(400);
    expect(overlap.json.details[0]).toMatchObject({ path: 'table.rules.0' });
    const badRole = withCfoThreshold(20_000);
    badRole.rules[0].then = { approverRole: 'ceo' };
    expect((await whatIf({ table: badRole })).json.details[0].path).toBe('table.rules.0');
    const badPolicy = { ...withCfoThreshold(20_000), hitPolicy: 'SOMETIMES' };
    expect((await whatIf({ table: badPolicy })).json.details[0].path).toBe('table.hitPolicy');
    expect((await whatIf({})).json.details[0].path).toBe('table');
    expect((await whatIf({ table: committedTable, last: 0 })).json.details[0].path).toBe('last');
    expect((await insights('target=late')).json.details[0].path).toBe('target');
    expect((await insights('target=slow&slowerThan=soon')).json.details[0].path).toBe('slowerThan');

    expect((await whatIf({ table: committedTable }, null as unknown as string)).status).toBe(401);
    expect((await insights('target=slow', null as unknown as string)).status).toBe(401);
    expect((await whatIf({ table: committedTable }, 'dev-clerk')).status).toBe(403);
    expect((await insights('target=slow', 'dev-manager')).status).toBe(403);
    expect((await whatIf({ table: committedTable }, 'tok-olga')).status).toBe(200);
    expect(
      (await api.call('POST', '/v1/mining/support-ticket/what-if', 'dev-process-analyst', { table: committedTable }))
        .status,
    ).toBe(404);
  });
});
