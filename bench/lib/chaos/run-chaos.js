// The chaos run: a mix of orders through the API while external systems fail, slow down and hang, the worker is
// killed and the server restarted; then every order is checked against its expected end and the sandbox's ledger.
const { startBenchStack } = require('../bench-stack');
const { SandboxAdmin } = require('../sandbox');
const { round } = require('../stats');
const { connectClient } = require('../temporal');
const { Disruptor, errorRate } = require('./disruptions');
const { OrderDriver } = require('./driver');
const { planOrders, stockForPlan } = require('./plan');
const { seededRandom } = require('./random');
const { verifyRun } = require('./verify');

/** Sum of a counter's samples in a Prometheus scrape whose labels include `match`. */
function counterSum(scrape, name, match = '') {
  return scrape
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && line.includes(match))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

async function runChaos({
  orders: count,
  workerKills,
  serverRestarts,
  concurrency,
  seed,
  log,
  windowMs,
  settleTimeoutMs = 900_000,
  backend = 'dev',
  workers = 1,
  apis = 1,
}) {
  const random = seededRandom(seed);
  const runTag = seed.toString(36).toUpperCase();
  const orders = planOrders(count, random, runTag);
  const window = windowMs ?? Math.round(Math.min(600_000, Math.max(60_000, count * 400)));
  const started = Date.now();
  log(
    `chaos: seed ${seed}, ${count} orders, ${workerKills} worker kills, ${serverRestarts} server restarts, fault window ${window / 1000} s, Temporal backend ${backend}, ${workers} worker(s), ${apis} API(s)`,
  );

  // The stack reads its Temporal backend from its env (scripts/lib/stack.js).
  const stack = await startBenchStack({
    log,
    name: 'chaos',
    env: { ORDO_TEMPORAL_BACKEND: backend },
    replicas: { worker: workers, api: apis },
  });
  const sandbox = new SandboxAdmin(stack.urls.sandbox);
  const { client, close } = await connectClient(stack.urls.temporalAddress, { env: stack.env });
  const driver = new OrderDriver({ apiUrls: stack.apiUrls, client, concurrency, log });
  try {
    // Before any fault: enough stock that no order waits for a restock.
    const stock = stockForPlan(orders);
    await sandbox.restock(Object.fromEntries(Object.entries(stock).map(([sku, quantity]) => [sku, 2 * quantity])));

    const inFlight = () => driver.inFlight();
    const disruptor = new Disruptor({
      stack,
      sandbox,
      random,
      windowMs: window,
      workerKills,
      serverRestarts,
      log,
      inFlight,
    });
    const disruptions = disruptor.run();
    const driving = driver.driveAll(orders, { spreadMs: window * 0.7 });
    await disruptions;
    const driveFailures = await driving;
    log(`chaos: every order driven (${driveFailures.length} could not be); waiting for all to close`);
    const stillRunning = await driver.waitAllClosed(orders, settleTimeoutMs);
    const statuses = await driver.finalStatuses(orders);
    const ledger = await sandbox.ledger();
    const verdict = verifyRun(orders, statuses, ledger);
    const scrape = (await sandbox.http.request('GET', '/metrics')).text;

    const byKind = {};
    for (const order of orders) byKind[order.kind] = (byKind[order.kind] ?? 0) + 1;
    const byStatus = {};
    for (const status of statuses.values()) byStatus[status ?? 'unknown'] = (byStatus[status ?? 'unknown'] ?? 0) + 1;
    return {
      seed,
      backend,
      workers,
      apis,
      orders: count,
      byKind,
      byStatus,
      windowSeconds: window / 1000,
      durationSeconds: round((Date.now() - started) / 1000, 1),
      faults: {
        errorRate,
        errorsInjected: counterSum(scrape, 'ordo_sandbox_faults_injected_total', 'fault="error"'),
        delayedAnswers: counterSum(scrape, 'ordo_sandbox_faults_injected_total', 'fault="latency"'),
        hungAnswers: counterSum(scrape, 'ordo_sandbox_faults_injected_total', 'fault="hang"'),
        ...disruptor.injected,
      },
      api: driver.stats,
      driveFailures,
      stillRunning,
      lost: verdict.lost,
      duplicated: verdict.duplicated,
      failures: verdict.failures.slice(0, 20),
      effects: ledger.filter((entry) => entry.orderId).length,
    };
  } finally {
    await driver.close();
    sandbox.close();
    await close();
    await stack.dispose();
  }
}

const serverName = (backend) => (backend === 'postgres' ? 'Temporal server (PostgreSQL)' : 'dev server');

function renderChaos(report) {
  const kinds = Object.entries(report.byKind)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  const f = report.faults;
  const rows = [
    [
      'load',
      `${report.orders} orders (${kinds}); ${report.api.calls} API calls, ${report.api.retries} retried; ` +
        `${report.workers ?? 1} worker(s), ${report.apis ?? 1} API replica(s)`,
    ],
    [
      'faults injected',
      `${Math.round(f.errorRate * 100)}% 5xx on every system: ${f.errorsInjected} errors; ${f.latencySpikes} latency spikes (${f.delayedAnswers} delayed answers); ` +
        `${f.hangs} hang of ${f.hungSystem} (${f.hungAnswers} held answers); worker SIGKILL ×${f.workerKills}; ${serverName(report.backend)} restart ×${f.serverRestarts}` +
        ` (orders in flight at each: ${f.inFlightAtEach.join(', ') || '—'})`,
    ],
    [
      'reached expected status',
      `${report.orders - report.lost} of ${report.orders} (${Object.entries(report.byStatus)
        .map(([s, n]) => `${n} ${s}`)
        .join(', ')})`,
    ],
    ['lost', String(report.lost)],
    ['duplicated', String(report.duplicated)],
    ['time', `${report.durationSeconds} s (fault window ${report.windowSeconds} s), seed ${report.seed}`],
  ];
  const lines = ['| | |', '| --- | --- |', ...rows.map(([a, b]) => `| ${a} | ${b} |`)];
  for (const failure of report.failures)
    lines.push(`\n- ${failure.businessKey} (${failure.kind}): ${failure.problems.join('; ')}`);
  return lines.join('\n');
}

module.exports = { runChaos, renderChaos };
