// Start overhead: N starts through the REST API against N starts of the same workflow through @temporalio/client,
// same server, same concurrency. No worker runs, so nothing but the starts competes for the two cores.
const { searchAttributes } = require('@ordo/workflows');
const { startBenchStack } = require('../bench-stack');
const { autocannonRun, timedCalls } = require('../load');
const { instancesPath, keyMaker, orderInput, startOptions } = require('../orders');
const { ratio, round, summarize } = require('../stats');
const { connectClient, waitForCount } = require('../temporal');

const warmUpStarts = 100;

async function measureStartOverhead({ settings, log }) {
  const { starts, concurrency } = settings;
  const stack = await startBenchStack({
    services: ['api'],
    log,
    name: 'bench-starts',
    sqlitePragmas: settings.sqlitePragmas,
  });
  const { client, close } = await connectClient(stack.urls.temporalAddress, { env: stack.env });
  try {
    const input = orderInput('auto');
    const keys = keyMaker('ST');
    let restIndex = 0;
    let clientIndex = 0;
    const viaRest = (count) =>
      autocannonRun({
        url: `${stack.urls.api}${instancesPath}`,
        method: 'POST',
        token: 'dev-clerk',
        count,
        connections: concurrency,
        bodyFor: () => ({ businessKey: keys(`R${restIndex++}`), input }),
      });
    const viaClient = (count) =>
      timedCalls(count, concurrency, () =>
        client.workflow.start('orderToCash', startOptions(keys(`C${clientIndex++}`), input)),
      );

    log(`start overhead: warming up with ${warmUpStarts} starts each way`);
    await viaRest(warmUpStarts);
    await viaClient(warmUpStarts);

    // Two rounds in opposite order (API, client, client, API), so drift of the server (a growing database,
    // a warming JIT) weighs on both sides alike.
    const half = Math.ceil(starts / 2);
    const rounds = { rest: [], client: [] };
    for (const side of ['rest', 'client', 'client', 'rest']) {
      log(
        `start overhead: ${half} starts via ${side === 'rest' ? 'REST API' : '@temporalio/client'}, concurrency ${concurrency}`,
      );
      rounds[side].push(side === 'rest' ? await viaRest(half) : await viaClient(half));
    }
    const api = combine(rounds.rest);
    const direct = combine(rounds.client);
    const rejected = Object.entries(api.statuses).filter(([status]) => status !== '201');
    if (rejected.length > 0)
      throw new Error(`the API answered other than 201 to some starts: ${JSON.stringify(api.statuses)}`);

    // Every start must have produced a workflow, or the figures flatter the side that dropped some.
    const expected = 2 * (warmUpStarts + 2 * half);
    await waitForCount(client, `${searchAttributes.process.name} = 'order-to-cash'`, (count) => count >= expected, {
      timeoutMs: 60_000,
      what: `${expected} started workflows in visibility`,
    });

    return {
      starts: 2 * half,
      concurrency,
      api: sideFigures(api),
      client: sideFigures(direct),
      throughputRatio: ratio(api.requests / api.wallMs, direct.requests / direct.wallMs),
      addedLatencyMs: {
        p50: round(summarize(api.latencies).p50 - summarize(direct.latencies).p50),
        p99: round(summarize(api.latencies).p99 - summarize(direct.latencies).p99),
      },
      verifiedWorkflows: expected,
    };
  } finally {
    await close();
    await stack.dispose();
  }
}

function combine(runs) {
  const statuses = {};
  for (const run of runs)
    for (const [status, count] of Object.entries(run.statuses ?? {}))
      statuses[status] = (statuses[status] ?? 0) + count;
  return {
    latencies: runs.flatMap((run) => run.latencies),
    wallMs: runs.reduce((sum, run) => sum + run.wallMs, 0),
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    statuses,
  };
}

function sideFigures(side) {
  return { perSecond: round((side.requests / side.wallMs) * 1000, 1), latencyMs: summarize(side.latencies) };
}

module.exports = { measureStartOverhead };
