/**
 * What the process-intelligence e2e tests do through the API and Temporal: authenticated calls, waits on instance
 * state, order starts and payments, and extraction runs (as the Schedule starts them). One place, used by each suite.
 */
import {
  type MiningRunReport,
  type MiningRunRequest,
  miningExtractionWorkflowType,
  ordoTaskQueue,
} from '@ordo/workflows';
import type { Client } from '@temporalio/client';
import { eventually } from '../e2e/stack-fixture';

export interface Json {
  [key: string]: any;
}

export const ordersPath = '/v1/processes/order-to-cash/instances';

export function miningE2eClient(apiUrl: () => string, temporal: () => Client) {
  /**
   * A keep-alive socket the API closed while idle fails the next request on it before the API read it: the request
   * is sent again. Reads are safe to repeat; so are the writes these tests send, which Ordo deduplicates (a start by
   * its business key, a payment by its reference), hence `retried`, for the answer a repeated start gets.
   */
  async function send(method: string, path: string, token: string | null, body?: unknown) {
    const request = () =>
      fetch(`${apiUrl()}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    try {
      return { response: await request(), retried: false };
    } catch (error) {
      const socketClosed = (error as { cause?: { code?: string } }).cause?.code === 'UND_ERR_SOCKET';
      if (method !== 'GET' && !socketClosed) throw error;
      return { response: await request(), retried: true };
    }
  }

  async function call(method: string, path: string, token: string | null, body?: unknown) {
    const { response, retried } = await send(method, path, token, body);
    const text = await response.text();
    let json: Json;
    try {
      json = JSON.parse(text) as Json;
    } catch {
      json = {};
    }
    return { status: response.status, text, json, headers: response.headers, retried };
  }

  const state = async (path: string, key: string) => (await call('GET', `${path}/${key}`, 'dev-process-analyst')).json;

  return {
    call,
    state,
    closed: (path: string, key: string): Promise<Json> =>
      eventually(
        async () => {
          const current = await state(path, key);
          return current.closedAt ? current : undefined;
        },
        { what: `${key} closed`, timeoutMs: 120_000 },
      ),
    openTask: (path: string, key: string, taskId: string): Promise<Json> =>
      eventually(async () => (await state(path, key)).openTasks?.find((task: Json) => task.taskId === taskId), {
        what: `${key} ${taskId}`,
        timeoutMs: 120_000,
      }),
    awaitingPayment: (key: string): Promise<unknown> =>
      eventually(async () => ((await state(ordersPath, key)).stage === 'awaiting-payment' ? true : undefined), {
        what: `${key} awaiting payment`,
        timeoutMs: 120_000,
      }),
    async startOrder(key: string, total: number, customerId = 'C-100') {
      const input = {
        customerId,
        lines: [{ sku: 'SKU-A', quantity: 1, unitPrice: total }],
        currency: 'EUR',
        paymentTermsDays: 30,
      };
      const started = await call('POST', ordersPath, 'dev-clerk', { businessKey: key, input });
      // Sent twice (see send), the second start answers 200 with the instance the first created.
      expect(started.retried ? [200, 201] : [201]).toContain(started.status);
    },
    async pay(key: string, amount: number, reference: string) {
      const paid = await call('POST', `${ordersPath}/${key}/events/payment-received`, 'dev-accounts-receivable', {
        amount,
        currency: 'EUR',
        reference,
      });
      expect(paid.status).toBe(202);
    },
    extract: (request: MiningRunRequest = {}): Promise<MiningRunReport> =>
      temporal().workflow.execute(miningExtractionWorkflowType, {
        taskQueue: ordoTaskQueue,
        workflowId: `mining-test-${Date.now()}-${Math.random().toString(36).slice(2)}`,
        args: [request],
      }),
  };
}
