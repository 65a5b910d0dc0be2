// Capacity: thousands of orders in flight, all waiting for payment. Memory of worker and server against the same
// processes idle; then every process but the sandbox (the outside world) is restarted, and every order must still
// complete once paid through the API.
const fs = require('node:fs');
const path = require('node:path');
const { searchAttributes } = require('@ordo/workflows');
const { startBenchStack } = require('../bench-stack');
const { JsonHttp } = require('../http');
const { startMany } = require('../load');
const { residentMiB } = require('../machine');
const { instancesPath, keyMaker, orderInput, orderTotal, startOptions, stockNeeded } = require('../orders');
const { SandboxAdmin } = require('../sandbox');
const { pool, round, sleep } = require('../stats');
const { connectClient, countWorkflows, waitForCount } = require('../temporal');

function memoryOf(stack) {
  return {
    workerMiB: residentMiB(stack.processes.worker.pid),
    temporalMiB: residentMiB(stack.processes.temporal.pid),
    apiMiB: residentMiB(stack.processes.api.pid),
  };
}

function databaseMiB(dataDir) {
  const bytes = fs
    .readdirSync(dataDir)
    .filter((file) => file.startsWith('temporal.db'))
    .reduce((sum, file) => sum + fs.statSync(path.join(dataDir, file)).size, 0);
  return round(bytes / 2 ** 20, 1);
}

async function isCompleted(api, businessKey) {
  const answer = await api.request('GET', `${instancesPath}/${businessKey}`, { token: 'dev-accounts-receivable' });
  return answer.status === 200 && answer.body?.status === 'COMPLETED';
}

/** Pays one order through the API; answers other than 202 are retried a few times (the stack just restarted). */
async function pay(api, businessKey, payment) {
  for (let attempt = 1; ; attempt += 1) {
    const answer = await api
      .request('POST', `${instancesPath}/${businessKey}/events/payment-received`, {
        token: 'dev-accounts-receivable',
        body: payment,
      })
      .catch((error) => ({ status: 0, text: error.message }));
    if (answer.status === 202) return attempt;
    // A retry after an answer that never came (a timeout on the freshly restarted stack) finds the order closed when
    // the first attempt went through: the payment was recorded once, which is what idempotency promises.
    if (attempt > 1 && answer.status === 409 && (await isCompleted(api, businessKey))) return attempt;
    if (attempt >= 5 || (answer.status >= 400 && answer.status < 500)) {
      throw new Error(`paying ${businessKey}: ${answer.status} ${answer.text.slice(0, 200)}`);
    }
    await sleep(500 * attempt);
  }
}

async function measureCapacity({ settings, log }) {
  const { capacityOrders: count, concurrency } = settings;
  const stack = await startBenchStack({ log, name: 'bench-capacity', sqlitePragmas: settings.sqlitePragmas });
  const sandbox = new SandboxAdmin(stack.urls.sandbox);
  let connection = await connectClient(stack.urls.temporalAddress, { env: stack.env });
  const api = new JsonHttp(stack.urls.api, { connections: concurrency, timeoutMs: 60_000 });
  try {
    await sandbox.restock(stockNeeded('auto', count));
    await sleep(3000); // let start-up garbage settle before the idle reading
    const idle = memoryOf(stack);
    const keys = keyMaker('CP');
    const input = orderInput('auto');
    const orders = `${searchAttributes.process.name} = 'order-to-cash'`;

    log(`capacity: starting ${count} orders; each runs to the point where it waits for payment`);
    const loadStarted = Date.now();
    await startMany(connection.client, {
      count,
      concurrency: 64,
      options: (index) => startOptions(keys(index), input),
      log,
      what: 'capacity',
    });
    await waitForCount(
      connection.client,
      `${orders} AND ${searchAttributes.stage.name} = 'awaiting-payment'`,
      (n) => n >= count,
      {
        timeoutMs: 600_000 + count * 200,
        intervalMs: 5000,
        what: `${count} orders awaiting payment`,
        onProgress: (n) => log(`capacity: ${n}/${count} orders awaiting payment`),
      },
    );
    const loadSeconds = round((Date.now() - loadStarted) / 1000, 1);
    await sleep(3000);
    const loaded = memoryOf(stack);
    const databaseLoaded = databaseMiB(stack.dataDir);
    log(
      `capacity: ${count} in flight; worker ${loaded.workerMiB} MiB (idle ${idle.workerMiB}), server ${loaded.temporalMiB} MiB (idle ${idle.temporalMiB})`,
    );

    log('capacity: restarting Temporal, worker and API (the sandbox stands for the outside world and keeps running)');
    const restartStarted = Date.now();
    await connection.close();
    for (const name of ['api', 'worker', 'temporal']) await stack.kill(name, 'SIGTERM');
    for (const name of ['temporal', 'worker', 'api']) await stack.start(name);
    const restartSeconds = round((Date.now() - restartStarted) / 1000, 1);
    connection = await connectClient(stack.urls.temporalAddress, { env: stack.env });
    const afterRestart = memoryOf(stack);
    const stillWaiting = await countWorkflows(connection.client, `${orders} AND ExecutionStatus = 'Running'`);
    if (stillWaiting !== count) throw new Error(`after the restart ${stillWaiting} of ${count} orders are running`);

    log(`capacity: paying all ${count} orders through the API, ${concurrency} at a time`);
    const payment = { amount: orderTotal(input), currency: input.currency };
    const paidStarted = Date.now();
    let retried = 0;
    await pool(count, concurrency, async (index) => {
      const attempts = await pay(api, keys(index), { ...payment, reference: `PAY-${keys(index)}` });
      retried += attempts - 1;
    });
    const paySeconds = round((Date.now() - paidStarted) / 1000, 1);
    await waitForCount(connection.client, `${orders} AND ExecutionStatus = 'Completed'`, (n) => n >= count, {
      timeoutMs: 600_000 + count * 200,
      intervalMs: 5000,
      what: `${count} completed orders`,
      onProgress: (n) => log(`capacity: ${n}/${count} completed`),
    });
    const drainSeconds = round((Date.now() - paidStarted) / 1000, 1);
    const notCompleted = await countWorkflows(connection.client, `${orders} AND ExecutionStatus != 'Completed'`);
    const receipts = (await sandbox.ledger({ system: 'accounting', action: 'receipt.posted' })).length;
    if (notCompleted !== 0 || receipts !== count) {
      throw new Error(`after payment: ${notCompleted} orders not completed, ${receipts} receipts for ${count} orders`);
    }

    const perThousand = (after, before) => round(((after - before) / count) * 1000, 1);
    return {
      orders: count,
      loadSeconds,
      memoryMiB: { idle, loaded, afterRestart },
      perThousandOrdersMiB: {
        worker: perThousand(loaded.workerMiB, idle.workerMiB),
        temporal: perThousand(loaded.temporalMiB, idle.temporalMiB),
      },
      databaseMiB: databaseLoaded,
      restartSeconds,
      paySeconds,
      paymentRetries: retried,
      completedAfterRestart: count - notCompleted,
      receiptsVerified: receipts,
      completionsPerSecondAfterRestart: round(count / drainSeconds, 1),
    };
  } finally {
    api.close();
    sandbox.close();
    await connection.close();
    await stack.dispose();
  }
}

module.exports = { measureCapacity };
