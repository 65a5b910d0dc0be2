/**
 * Drives order-to-cash through the real REST API with the dev tokens, one flow per scenario the dashboards
 * show: automatic and human approvals, a rejection, a cancellation with a refund, an order waiting for
 * stock, a failed one, an invoice past due, a credit review and a task left open. The sandbox's fault
 * endpoint makes the ERP answer 503 now and then, and the carrier slow.
 */

import { expectStatus, type Json, type OrdoApi } from './ordo-api';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const order = (customerId: string, sku: string, quantity: number, unitPrice: number, paymentTermsDays = 30) => ({
  customerId,
  currency: 'EUR',
  paymentTermsDays,
  lines: [{ sku, quantity, unitPrice }],
});

async function started(api: OrdoApi, key: string, input: Json): Promise<void> {
  expectStatus(await api.start(key, input), 201, `start ${key}`);
}

async function payInFull(api: OrdoApi, key: string, parts: number[]): Promise<Json> {
  await api.waitForStage(key, 'awaiting-payment');
  for (const [index, amount] of parts.entries())
    expectStatus(await api.pay(key, amount, `${key}-PAY-${index + 1}`), 202, `payment of ${key}`);
  return api.waitForStatus(key, 'COMPLETED');
}

async function decided(api: OrdoApi, key: string, taskType: string, role: string, decision: string): Promise<void> {
  const task = await api.waitForTask(key, taskType);
  if (!task.candidateRoles.includes(role))
    throw new Error(`${key}: ${taskType} task for ${task.candidateRoles}, expected ${role}`);
  expectStatus(await api.completeTask(key, task.taskId, `dev-${role}`, decision), 200, `${decision} of ${key}`);
}

/** Final (or, for the orders left running, current) state of every scenario, by business key. */
export type TrafficOutcome = Record<string, { status: string; stage: string }>;

export async function driveOrderToCash(api: OrdoApi, sandboxUrl: string): Promise<TrafficOutcome> {
  const fault = (system: string, settings: Json) =>
    fetch(`${sandboxUrl}/faults/${system}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(settings),
    });
  expectStatus({ status: (await fault('erp', { errorRate: 0.3 })).status, json: {} }, 200, 'ERP fault');
  expectStatus({ status: (await fault('carrier', { latencyMs: 50 })).status, json: {} }, 200, 'carrier latency');

  const flows: Record<string, () => Promise<Json>> = {
    // At most 1,000: approved automatically.
    'AUTO-1': async () => {
      await started(api, 'AUTO-1', order('C-100', 'SKU-A', 1, 400));
      return payInFull(api, 'AUTO-1', [400]);
    },
    'AUTO-2': async () => {
      await started(api, 'AUTO-2', order('C-100', 'SKU-B', 2, 300));
      return payInFull(api, 'AUTO-2', [200, 400]);
    },
    // Above 1,000: a manager approves.
    'MANAGER-1': async () => {
      await started(api, 'MANAGER-1', order('C-100', 'SKU-A', 5, 1000));
      await decided(api, 'MANAGER-1', 'approval', 'manager', 'approve');
      return payInFull(api, 'MANAGER-1', [5000]);
    },
    // Above 10,000: the CFO rejects.
    'CFO-REJECT-1': async () => {
      await started(api, 'CFO-REJECT-1', order('C-100', 'SKU-A', 20, 1000));
      await decided(api, 'CFO-REJECT-1', 'approval', 'cfo', 'reject');
      return api.waitForStatus('CFO-REJECT-1', 'REJECTED');
    },
    // Due at once (0 days): past due, partly paid, then cancelled: the payment is refunded.
    'CANCEL-1': async () => {
      await started(api, 'CANCEL-1', order('C-100', 'SKU-B', 1, 700, 0));
      await api.waitForStage('CANCEL-1', 'dunning');
      expectStatus(await api.pay('CANCEL-1', 100, 'CANCEL-1-PAY-1'), 202, 'partial payment of CANCEL-1');
      await api.waitFor('CANCEL-1', 'the payment booked', (status) =>
        (status.steps ?? []).some((step: Json) => step.name.startsWith('payment-') && step.status === 'COMPLETED'),
      );
      expectStatus(await api.cancel('CANCEL-1', 'customer withdrew the order'), 202, 'cancel of CANCEL-1');
      return api.waitForStatus('CANCEL-1', 'CANCELLED');
    },
    // No stock: waits for a restock (left running).
    'OUT-OF-STOCK-1': async () => {
      await started(api, 'OUT-OF-STOCK-1', order('C-100', 'SKU-OOS', 3, 50));
      return api.waitForStage('OUT-OF-STOCK-1', 'awaiting-restock');
    },
    // The carrier does not serve C-500: the shipment is refused, the reservation released, the order fails for good.
    'FAIL-1': async () => {
      await started(api, 'FAIL-1', order('C-500', 'SKU-A', 1, 100));
      return api.waitForStatus('FAIL-1', 'FAILED');
    },
    // Due at once and unpaid: in dunning (left running).
    'DUNNING-1': async () => {
      await started(api, 'DUNNING-1', order('C-100', 'SKU-A', 1, 300, 0));
      return api.waitForStage('DUNNING-1', 'dunning');
    },
    // Above the customer's available credit (500): a credit controller reviews it.
    'CREDIT-1': async () => {
      await started(api, 'CREDIT-1', order('C-200', 'SKU-A', 2, 300));
      await decided(api, 'CREDIT-1', 'credit-review', 'credit-controller', 'approve');
      return payInFull(api, 'CREDIT-1', [600]);
    },
    // A manager's approval left open: the inbox gauges count it (left running).
    'OPEN-TASK-1': async () => {
      await started(api, 'OPEN-TASK-1', order('C-100', 'SKU-B', 4, 500));
      await api.waitForTask('OPEN-TASK-1', 'approval');
      return (await api.status('OPEN-TASK-1')).json;
    },
  };

  // The worker creates a histogram series at its first observation, so a rate of it (the wait percentiles)
  // needs a second observation scraped apart from the first: the same decisions again, seconds later.
  const secondRound: Record<string, () => Promise<Json>> = {
    'MANAGER-2': async () => {
      await started(api, 'MANAGER-2', order('C-100', 'SKU-B', 3, 1000));
      await decided(api, 'MANAGER-2', 'approval', 'manager', 'approve');
      return payInFull(api, 'MANAGER-2', [3000]);
    },
    'CREDIT-2': async () => {
      await started(api, 'CREDIT-2', order('C-200', 'SKU-B', 1, 550));
      await decided(api, 'CREDIT-2', 'credit-review', 'credit-controller', 'approve');
      return payInFull(api, 'CREDIT-2', [550]);
    },
  };

  const run = (round: Record<string, () => Promise<Json>>) =>
    Promise.all(Object.entries(round).map(async ([key, flow]) => [key, await flow()] as const));
  const results = await run(flows);
  await sleep(3_000);
  results.push(...(await run(secondRound)));
  await fetch(`${sandboxUrl}/faults`, { method: 'DELETE' });

  // The API's other answers: the same key again, an invalid input, an unknown instance.
  expectStatus(await api.start('AUTO-1', order('C-100', 'SKU-A', 1, 400)), 200, 'second start of AUTO-1');
  expectStatus(await api.start('INVALID-1', { customerId: 'C-100' }), 400, 'invalid start');
  expectStatus(await api.status('NO-SUCH-ORDER'), 404, 'unknown instance');

  return Object.fromEntries(results.map(([key, status]) => [key, { status: status.status, stage: status.stage }]));
}
