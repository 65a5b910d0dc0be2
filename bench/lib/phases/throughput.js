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
  if ((outcomes.COMPLETED ?? 0) !== count)
    throw new Error(`${taskQueue ?? 'ordo'}: ${count} orders ended as ${JSON.stringify(outcomes)}`);
  return { count, wallMs, endToEnd };
}

function combine(runs) {
  const count = runs.reduce((sum, run) => sum + run.count, 0);
  const wallMs = runs.reduce((sum, run) => sum + run.wallMs, 0);
  return {
    perSecond: round((count / wallMs) * 1000, 1),
    wallSeconds: round(wallMs / 1000, 1),
    endToEndMs: summarize(runs.flatMap((run) => run.endToEnd)),
  };
}

async function measureThroughput({ settings, log }) {
  const { orders, concurrency } = settings;
  const stack = await startBenchStack({ log, name: 'bench-throughput', sqlitePragmas: settings.sqlitePragmas });
  const sandbox = new SandboxAdmin(stack.urls.sandbox);
  const { client, close } = await connectClient(stack.urls.temporalAddress, { env: stack.env });
  try {
    await stack.startBaselineWorker();
    await sandbox.restock(stockNeeded('auto', 2 * (orders + warmUpOrders)));
    const ordo = { taskQueue: undefined, keys: keyMaker('TP') };
    const baseline = { taskQueue: baselineTaskQueue, keys: keyMaker('TB') };

    log(`throughput: warming up both workers with ${warmUpOrders} orders each`);
    for (const side of [ordo, baseline]) {
      await runOrders(client, {
        count: warmUpOrders,
        concurrency,
        taskQueue: side.taskQueue,
        keys: (index) => side.keys(`W${index}`),
      });
    }
    // Two rounds in opposite order (baseline, Ordo, Ordo, baseline): a busy machine or a growing database then
    // weighs on both sides alike.
    const half = Math.ceil(orders / 2);
    const rounds = { ordo: [], baseline: [] };
    let roundIndex = 0;
    for (const name of ['baseline', 'ordo', 'ordo', 'baseline']) {
      const side = name === 'ordo' ? ordo : baseline;
      const prefix = `R${roundIndex++}-`;
      log(
        `throughput: ${half} orders on the ${name === 'ordo' ? 'Ordo worker against the sandbox' : 'baseline worker (activities do nothing)'}`,
      );
      rounds[name].push(
        await runOrders(client, {
          count: half,
          concurrency,
          taskQueue: side.taskQueue,
          keys: (index) => side.keys(`${prefix}${index}`),
        }),
      );
    }
    const real = combine(rounds.ordo);
    const base = combine(rounds.baseline);

    // Nothing happened twice: one receipt per order in accounting.
    const receipts = (await sandbox.ledger({ system: 'accounting', action: 'receipt.posted' })).length;
    if (receipts !== 2 * half + warmUpOrders)
      throw new Error(`expected ${2 * half + warmUpOrders} receipts in the sandbox, found ${receipts}`);

    return {
      orders: 2 * half,
      concurrency,
      ordo: real,
      baseline: base,
      throughputRatio: ratio(real.perSecond, base.perSecond),
      receiptsVerified: receipts,
    };
  } finally {
    sandbox.close();
    await close();
    await stack.dispose();
  }
}

module.exports = { measureThroughput, runOrders };
