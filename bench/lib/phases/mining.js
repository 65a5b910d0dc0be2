// Process intelligence: the extractor reading the histories of thousands of closed orders into the mining store,
// beside the same history reads made raw through @temporalio/client in the same run (what the extraction cannot go
// below); the analyses' latency on that store; and an incremental run after a hundred more orders. The orders run
// on the baseline worker (the real order-to-cash workflow, activities that do nothing): the histories have the
// shape of real ones and are made quickly.
const { miningExtractionWorkflowType, ordoTaskQueue, searchAttributes } = require('@ordo/workflows');
const { baselineTaskQueue } = require('../baseline-worker');
const { startBenchStack } = require('../bench-stack');
const { autocannonRun } = require('../load');
const { keyMaker } = require('../orders');
const { elapsedMs, pool, ratio, round, summarize } = require('../stats');
const { connectClient } = require('../temporal');
const { runOrders } = require('./throughput');

/** As many histories at once as the extractor fetches (services/process-api/src/mining/extraction). */
const fetchConcurrency = 4;
const incrementalOrders = 100;
const analysisRequests = 200;
const analysisConcurrency = 4;
const ordersPerBatch = 250;

/** Every closed order's history, fetched as the extractor does (listed first, then 4 at a time). */
async function rawHistoryReads(client) {
  const query = `${searchAttributes.process.name} = 'order-to-cash' AND ExecutionStatus = 'Completed'`;
  const executions = [];
  for await (const execution of client.workflow.list({ query })) executions.push(execution);
  const started = process.hrtime.bigint();
  await pool(executions.length, fetchConcurrency, async (index) => {
    const { workflowId, runId } = executions[index];
    await client.workflow.getHandle(workflowId, runId).fetchHistory();
  });
  const wallMs = elapsedMs(started);
  return { histories: executions.length, wallMs };
}

async function extract(client, request) {
  const started = process.hrtime.bigint();
  const report = await client.workflow.execute(miningExtractionWorkflowType, {
    taskQueue: ordoTaskQueue,
    workflowId: `bench-mining-${Date.now()}`,
    args: [request],
  });
  if (report.failures > 0 || report.incomplete) throw new Error(`extraction run: ${JSON.stringify(report)}`);
  return { report, wallMs: elapsedMs(started) };
}

async function analysisLatency(apiUrl, route) {
  const run = await autocannonRun({
    url: `${apiUrl}/v1/mining/order-to-cash/${route}`,
    token: 'dev-process-analyst',
    count: analysisRequests,
    connections: analysisConcurrency,
  });
  if (Object.keys(run.statuses).some((status) => status !== '200'))
    throw new Error(`GET ${route} answered ${JSON.stringify(run.statuses)}`);
  return summarize(run.latencies);
}

async function measureMining({ settings, log }) {
  const { miningOrders, concurrency } = settings;
  const stack = await startBenchStack({
    log,
    name: 'bench-mining',
    sqlitePragmas: settings.sqlitePragmas,
    // The phase runs the extraction itself; the Schedule exists but is not due during the run.
    env: { ORDO_MINING_INTERVAL: '24h' },
  });
  const { client, close } = await connectClient(stack.urls.temporalAddress, { env: stack.env });
  try {
    await stack.startBaselineWorker();
    log(`mining: ${miningOrders} orders to COMPLETED on the baseline worker`);
    // In batches: thousands of result() long polls open at once make the dev server drop some of them.
    const keys = keyMaker('MN');
    const setupStarted = process.hrtime.bigint();
    for (let done = 0; done < miningOrders; done += ordersPerBatch) {
      await runOrders(client, {
        count: Math.min(ordersPerBatch, miningOrders - done),
        concurrency,
        taskQueue: baselineTaskQueue,
        keys: (index) => keys(done + index),
      });
      if ((done / ordersPerBatch) % 8 === 7) log(`mining: ${done + ordersPerBatch}/${miningOrders} orders completed`);
    }
    const setup = { wallMs: elapsedMs(setupStarted) };
    log(`mining: orders done in ${round(setup.wallMs / 1000, 1)} s; raw history reads through @temporalio/client`);
    const raw = await rawHistoryReads(client);
    log(`mining: ${raw.histories} histories read raw in ${round(raw.wallMs / 1000, 1)} s; now the extraction`);
    const full = await extract(client, { rebuild: true });
    if (full.report.closedHistoriesRead < miningOrders)
      throw new Error(`the extraction read ${full.report.closedHistoriesRead} of ${miningOrders} closed histories`);

    const latency = {};
    for (const route of ['dfg', 'bottlenecks', 'insights?target=slow']) {
      latency[route.split('?')[0]] = await analysisLatency(stack.urls.api, route);
      log(`mining: GET ${route} p99 ${latency[route.split('?')[0]].p99} ms`);
    }

    log(`mining: ${incrementalOrders} more orders, then an incremental run`);
    await runOrders(client, {
      count: incrementalOrders,
      concurrency,
      taskQueue: baselineTaskQueue,
      keys: keyMaker('MI'),
    });
    const incremental = await extract(client, {});

    const rawPerSecond = (raw.histories / raw.wallMs) * 1000;
    const extractedPerSecond = (full.report.closedHistoriesRead / full.wallMs) * 1000;
    return {
      instances: miningOrders,
      baseline: 'the same closed histories fetched through @temporalio/client, 4 at a time',
      extraction: {
        histories: full.report.closedHistoriesRead,
        events: full.report.eventsWritten,
        seconds: round(full.wallMs / 1000, 1),
        perSecond: round(extractedPerSecond, 1),
      },
      raw: { histories: raw.histories, seconds: round(raw.wallMs / 1000, 1), perSecond: round(rawPerSecond, 1) },
      extractionRatio: ratio(extractedPerSecond, rawPerSecond),
      analysisLatencyMs: latency,
      incremental: {
        newInstances: incrementalOrders,
        historiesRead: incremental.report.historiesRead,
        closedSkipped: incremental.report.closedSkipped,
        seconds: round(incremental.wallMs / 1000, 2),
      },
    };
  } finally {
    await close();
    await stack.dispose();
  }
}

module.exports = { measureMining };
