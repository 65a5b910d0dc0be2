// Drives the planned orders through the REST API as people and banks would, riding out faults: every call is retried
// until it is answered for good, and the next step waits until Temporal visibility shows the order is ready for it.
const { searchAttributes } = require('@ordo/workflows');
const { JsonHttp } = require('../http');
const { instancesPath } = require('../orders');
const { sleep } = require('../stats');

/** Limits the calls in flight to the API. */
function semaphore(size) {
  let free = size;
  const waiting = [];
  return async (work) => {
    if (free === 0) await new Promise((resolve) => waiting.push(resolve));
    else free -= 1;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    }
  };
}

/** Lists every order-to-cash instance now and then; a failed listing (server restarting) keeps the last snapshot. */
class VisibilityWatcher {
  constructor(client, { intervalMs = 1500 } = {}) {
    this.client = client;
    this.intervalMs = intervalMs;
    this.snapshot = new Map();
    this.running = false;
  }

  start() {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          await this.refresh();
        } catch {
          // the server may be restarting: keep the last picture
        }
        await sleep(this.intervalMs);
      }
    })();
  }

  async refresh() {
    const next = new Map();
    for await (const info of this.client.workflow.list({
      query: `${searchAttributes.process.name} = 'order-to-cash'`,
    })) {
      const key =
        info.typedSearchAttributes.get(searchAttributes.businessKey) ?? info.workflowId.replace(/^order-to-cash:/, '');
      next.set(key, {
        status: info.status.name,
        stage: info.typedSearchAttributes.get(searchAttributes.stage),
        taskRoles: info.typedSearchAttributes.get(searchAttributes.openTaskRoles) ?? [],
      });
    }
    this.snapshot = next;
  }

  async stop() {
    this.running = false;
    await this.loop;
  }
}

const retryable = (status) => status === 0 || status === 408 || status === 429 || status >= 500;

class OrderDriver {
  constructor({ apiUrls, client, concurrency, log, callDeadlineMs = 300_000, stepDeadlineMs = 900_000 }) {
    // Each call goes to the next API replica in turn, its retries too: a replica's state must never matter.
    this.apis = apiUrls.map((url) => new JsonHttp(url, { connections: concurrency, timeoutMs: 60_000 }));
    this.nextApi = 0;
    this.watcher = new VisibilityWatcher(client);
    this.gate = semaphore(concurrency);
    this.log = log;
    this.callDeadlineMs = callDeadlineMs;
    this.stepDeadlineMs = stepDeadlineMs;
    this.stats = { calls: 0, retries: 0, byStatus: {} };
  }

  /**
   * One API call, repeated while the answer is transient (network error, 5xx, 408, 429). `accept(status)` says
   * whether an answer settles the call; any other non-transient answer is an error.
   */
  async call(method, path, { token = 'dev-clerk', body, accept }) {
    const deadline = Date.now() + this.callDeadlineMs;
    for (let attempt = 1; ; attempt += 1) {
      const api = this.apis[this.nextApi++ % this.apis.length];
      const answer = await this.gate(() => api.request(method, path, { token, body })).catch((error) => ({
        status: 0,
        text: error.message,
      }));
      this.stats.calls += 1;
      this.stats.byStatus[answer.status] = (this.stats.byStatus[answer.status] ?? 0) + 1;
      if (accept(answer.status)) return answer;
      if (!retryable(answer.status) || Date.now() > deadline) {
        throw new Error(`${method} ${path}: ${answer.status} ${String(answer.text).slice(0, 200)}`);
      }
      this.stats.retries += 1;
      await sleep(Math.min(5000, 250 * 2 ** Math.min(attempt, 5)));
    }
  }

  async waitUntil(order, ready, what) {
    const deadline = Date.now() + this.stepDeadlineMs;
    for (;;) {
      const seen = this.watcher.snapshot.get(order.businessKey);
      if (seen && ready(seen)) return;
      if (seen && seen.status !== 'RUNNING')
        throw new Error(`${order.businessKey} closed (${seen.status}) while waiting for ${what}`);
      if (Date.now() > deadline)
        throw new Error(
          `${order.businessKey}: no ${what} within ${this.stepDeadlineMs / 1000} s (last seen ${JSON.stringify(seen)})`,
        );
      await sleep(1000);
    }
  }

  async drive(order) {
    const path = `${instancesPath}/${order.businessKey}`;
    await this.call('POST', instancesPath, {
      body: { businessKey: order.businessKey, input: order.input },
      // 200: an earlier attempt started it and its answer was lost.
      accept: (status) => status === 201 || status === 200,
    });
    for (const step of order.steps) {
      switch (step.type) {
        case 'await':
          if (step.stage) await this.waitUntil(order, (seen) => seen.stage === step.stage, `stage ${step.stage}`);
          else await this.waitUntil(order, (seen) => seen.taskRoles.includes(step.taskRole), `a ${step.taskRole} task`);
          break;
        case 'approve':
          await this.call('POST', `${path}/tasks/approval-1/complete`, {
            token: step.token,
            body: { decision: 'approve', comment: 'chaos run' },
            // 409: no longer open, because an earlier attempt whose answer was lost completed it.
            accept: (status) => status === 200 || status === 409,
          });
          break;
        case 'pay':
          // A repeated reference is ignored by the process, so a retry after a lost answer is harmless.
          await this.call('POST', `${path}/events/payment-received`, {
            token: 'dev-accounts-receivable',
            body: { amount: step.amount, currency: step.currency, reference: step.reference },
            accept: (status) => status === 202,
          });
          break;
        case 'cancel':
          await this.call('POST', `${path}/cancel`, {
            token: 'dev-manager',
            body: { reason: step.reason },
            // 409 "already being cancelled": an earlier attempt got through.
            accept: (status) => status === 202 || status === 409,
          });
          break;
        default:
          throw new Error(`unknown step ${step.type}`);
      }
    }
  }

  /** Orders the watcher last saw running: the work a kill or restart hits. */
  inFlight() {
    return [...this.watcher.snapshot.values()].filter((seen) => seen.status === 'RUNNING').length;
  }

  /**
   * Drives every order, their starts spread evenly over `spreadMs` so that faults, kills and restarts always find
   * work in flight; resolves with the orders whose driving failed (they will show up as lost).
   */
  async driveAll(orders, { spreadMs = 0 } = {}) {
    this.watcher.start();
    const failures = [];
    let driven = 0;
    const began = Date.now();
    await Promise.all(
      orders.map((order, index) =>
        sleep(began + (spreadMs * index) / orders.length - Date.now())
          .then(() => this.drive(order))
          .then(
            () => {
              driven += 1;
              if (driven % 50 === 0) this.log(`chaos: ${driven}/${orders.length} orders driven through their steps`);
            },
            (error) => failures.push({ businessKey: order.businessKey, error: error.message }),
          ),
      ),
    );
    return failures;
  }

  /** Waits until no order of the plan is running any more. */
  async waitAllClosed(orders, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const running = orders.filter((order) => this.watcher.snapshot.get(order.businessKey)?.status === 'RUNNING');
      if (running.length === 0) return [];
      if (Date.now() > deadline) return running.map((order) => order.businessKey);
      await sleep(2000);
    }
  }

  /** The API's status of each order (undefined where it cannot be read). */
  async finalStatuses(orders) {
    const statuses = new Map();
    await Promise.all(
      orders.map(async (order) => {
        try {
          const answer = await this.call('GET', `${instancesPath}/${order.businessKey}`, {
            accept: (status) => status === 200 || status === 404,
          });
          statuses.set(order.businessKey, answer.body?.status);
        } catch {
          statuses.set(order.businessKey, undefined);
        }
      }),
    );
    return statuses;
  }

  async close() {
    await this.watcher.stop();
    for (const api of this.apis) api.close();
  }
}

module.exports = { OrderDriver, VisibilityWatcher, semaphore };
