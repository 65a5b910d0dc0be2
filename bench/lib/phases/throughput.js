// Process throughput: M auto-approved orders, each paid as it starts, run end to end by the Ordo worker against the
// sandbox; the baseline runs the same order-to-cash code on its own worker whose activities do nothing.
const { paymentReceivedSignal } = require('@ordo/workflows');
const { baselineTaskQueue } = require('../baseline-worker');
const { startBenchStack } = require('../bench-stack');
const { keyMaker, orderInput, orderTotal, startOptions, stockNeeded } = require('../orders');
const { SandboxAdmin } = require('../sandbox');
const { elapsedMs, pool, ratio, round, summarize } = require('../stats');
const { connectClient } = require('../temporal');

const warmUpOrders = 20;

/** Starts `count` paid orders (signal-with-start carries the payment) and waits for every result. */
async function runOrders(client, { count, concurrency, taskQueue, keys }) {
  const input = orderInput('auto');
  const payment = { amount: orderTotal(input), currency: input.currency };
  const endToEnd = [];
  const outcomes = {};
  const started = process.hrtime.bigint();
  const completions = [];
  await pool(count, concurrency, async (index) => {
    const businessKey = keys(index);
    const one = process.hrtime.bigint();
    const handle = await client.workflow.signalWithStart('orderToCash', {
      ...startOptions(businessKey, input, { taskQueue }),
      signal: paymentReceivedSignal,
      signalArgs: [{ ...payment, reference: `PAY-${businessKey}` }],
    });
    // Awaited right away, so each completion is timed when it happens, not when the loop gets to it.
    completions.push(
      handle.result().then(
        (result) => {
          endToEnd.push(elapsedMs(one));
          outcomes[result.status] = (outcomes[result.status] ?? 0) + 1;
        },
        (error) => {
          outcomes.FAILED = (outcomes.FAILED ?? 0) + 1;
          outcomes.lastError = error.message;
        },
      ),
    );
  });
  await Promise.all(completions);
  const wallMs = elapsedMs(started);
  if ((outcomes.COMPLETED ?? 0) !== count) throw new Error(`${taskQueue}: ${count} orders ended as ${JSON.stringify(outcomes)}`);
  return { perSecond: round((count / wallMs) * 1000, 1), wallSeconds: round(wallMs / 1000, 1), endToEndMs: summarize(endToEnd) };
}

async function measureThroughput({ settings, log }) {
  const { orders, concurrency } = settings;
  const stack = await startBenchStack({ log, name: 'bench-throughput', sqlitePragmas: settings.sqlitePragmas });
  const sandbox = new SandboxAdmin(stack.urls.sandbox);
  const { client, close } = await connectClient(stack.urls.temporalAddress);
  try {
    await stack.startBaselineWorker();
    await sandbox.restock(stockNeeded('auto', 2 * (orders + warmUpOrders)));
    const ordo = { taskQueue: undefined, keys: keyMaker('TP') };
    const baseline = { taskQueue: baselineTaskQueue, keys: keyMaker('TB') };

    log(`throughput: warming up both workers with ${warmUpOrders} orders each`);
    for (const side of [ordo, baseline]) {
      await runOrders(client, { count: warmUpOrders, concurrency, taskQueue: side.taskQueue, keys: (index) => side.keys(`W${index}`) });
    }
    log(`throughput: ${orders} orders on the baseline worker (activities do nothing)`);
    const base = await runOrders(client, { count: orders, concurrency, taskQueue: baseline.taskQueue, keys: baseline.keys });
    log(`throughput: ${orders} orders on the Ordo worker against the sandbox`);
    const real = await runOrders(client, { count: orders, concurrency, taskQueue: ordo.taskQueue, keys: ordo.keys });

    // Nothing happened twice: one receipt per order in accounting.
    const receipts = (await sandbox.ledger({ system: 'accounting', action: 'receipt.posted' })).length;
    if (receipts !== orders + warmUpOrders) throw new Error(`expected ${orders + warmUpOrders} receipts in the sandbox, found ${receipts}`);

    return { orders, concurrency, ordo: real, baseline: base, throughputRatio: ratio(real.perSecond, base.perSecond), receiptsVerified: receipts };
  } finally {
    sandbox.close();
    await close();
    await stack.dispose();
  }
}

module.exports = { measureThroughput };
