// Inbox: with thousands of open approval tasks, how fast `GET /v1/tasks` answers. The API answers from an in-memory
// index built from visibility (services/process-api/src/tasks/inbox-index/); the baselines are the raw visibility
// queries that index is built on, made straight through @temporalio/client: the full scan of every instance with an
// open task, its open tasks decoded from each memo and sorted by due time (what a rebuild reads, and what the inbox
// used to read per request), and one poll for what changed in the last few seconds (what keeps the index fresh).
const { openTasksMemoKey, searchAttributes } = require('@ordo/workflows');
const { defaultPayloadConverter } = require('@temporalio/client');
const path = require('node:path');
const { startBenchStack } = require('../bench-stack');
const { measureConsoleInbox } = require('./console-inbox');
const { JsonHttp } = require('../http');
const { autocannonRun, startMany, timedCalls } = require('../load');
const { keyMaker, orderInput, startOptions } = require('../orders');
const { ratio, round, sleep, summarize } = require('../stats');
const { connectClient, waitForCount } = require('../temporal');

// Visibility's largest page, as the index reads it.
const pageSize = 1000;
const hasOpenTasks = `(${searchAttributes.openTaskRoles.name} IS NOT NULL OR ${searchAttributes.openTaskAssignees.name} IS NOT NULL)`;

/** Every page of `query`, with the open-tasks memos decrypted in one batch through the client's codec, as the API does. */
async function openTasksListed(client, query) {
  const executions = [];
  let nextPageToken;
  do {
    const page = await client.workflowService.listWorkflowExecutions({
      namespace: client.options.namespace,
      query,
      pageSize,
      nextPageToken,
    });
    executions.push(...page.executions);
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  const memos = executions.flatMap((execution) => execution.memo?.fields?.[openTasksMemoKey] ?? []);
  let decoded = memos;
  for (const codec of [...client.options.loadedDataConverter.payloadCodecs].reverse())
    decoded = await codec.decode(decoded);
  return decoded.flatMap((memo) => defaultPayloadConverter.fromPayload(memo));
}

/** The index's rebuild scan (the old inbox's per-request scan, without its 3,000 cut-off), sorted by due time. */
async function engineInbox(client) {
  const tasks = await openTasksListed(client, `ExecutionStatus = 'Running' AND ${hasOpenTasks}`);
  tasks.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return tasks.length;
}

/** One of the index's polls: what changed in the last `lookbackMs` (the API's default lookback). */
async function enginePoll(client, lookbackMs = 30_000) {
  const at = `'${new Date(Date.now() - lookbackMs).toISOString()}'`;
  const query = `(${searchAttributes.openTasksChangedAt.name} >= ${at} OR ((StartTime >= ${at} OR CloseTime >= ${at}) AND ${hasOpenTasks}))`;
  return (await openTasksListed(client, query)).length;
}

/** A gauge of the API's /metrics, or undefined before it is exported. */
async function apiGauge(api, name) {
  const scrape = await api.request('GET', '/metrics');
  const line = scrape.text.split('\n').find((entry) => entry.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

async function measureInbox({ settings, log }) {
  const { inboxTasks, inboxRequests, inboxConcurrency } = settings;
  const stack = await startBenchStack({ log, name: 'bench-inbox', sqlitePragmas: settings.sqlitePragmas });
  const { client, close } = await connectClient(stack.urls.temporalAddress, { env: stack.env });
  const api = new JsonHttp(stack.urls.api, { connections: inboxConcurrency, timeoutMs: 120_000 });
  try {
    const keys = keyMaker('IN');
    const input = orderInput('manager');
    log(`inbox: starting ${inboxTasks} orders that wait for a manager's approval`);
    const loadStarted = Date.now();
    await startMany(client, {
      count: inboxTasks,
      concurrency: 64,
      options: (index) => startOptions(keys(index), input),
      log,
      what: 'inbox',
    });
    const openTasks = `ExecutionStatus = 'Running' AND ${searchAttributes.openTaskRoles.name} = 'manager'`;
    await waitForCount(client, openTasks, (count) => count >= inboxTasks, {
      timeoutMs: 300_000 + inboxTasks * 100,
      intervalMs: 5000,
      what: `${inboxTasks} open manager tasks`,
      onProgress: (count) => log(`inbox: ${count}/${inboxTasks} approval tasks open`),
    });
    // The index follows visibility within its poll bound: wait until it holds every task.
    for (const deadline = Date.now() + 120_000; ; await sleep(250)) {
      const indexed = await apiGauge(api, 'ordo_inbox_index_open_tasks');
      if (indexed !== undefined && indexed >= inboxTasks) break;
      if (Date.now() > deadline) throw new Error(`the API's inbox index holds ${indexed} of ${inboxTasks} tasks`);
    }
    const setupSeconds = round((Date.now() - loadStarted) / 1000, 1);

    const sample = await api.request('GET', '/v1/tasks', { token: 'dev-manager' });
    if (sample.status !== 200 || !Array.isArray(sample.body?.items) || sample.body.items.length === 0) {
      throw new Error(`GET /v1/tasks answered ${sample.status}: ${sample.text.slice(0, 300)}`);
    }
    if (sample.body.partial) throw new Error('GET /v1/tasks answered partial');
    const baselineTasks = await engineInbox(client);
    log(
      `inbox: the API lists ${sample.body.items.length} tasks (partial: ${sample.body.partial}); the engine baseline reads ${baselineTasks}`,
    );

    log(`inbox: ${inboxRequests} × GET /v1/tasks, ${inboxConcurrency} at a time`);
    const viaApi = await autocannonRun({
      url: `${stack.urls.api}/v1/tasks`,
      token: 'dev-manager',
      count: inboxRequests,
      connections: inboxConcurrency,
    });
    if (Object.keys(viaApi.statuses).some((status) => status !== '200'))
      throw new Error(`GET /v1/tasks answered ${JSON.stringify(viaApi.statuses)}`);
    const stalenessSeconds = await apiGauge(api, 'ordo_inbox_index_staleness_seconds');
    log(`inbox: ${inboxRequests} × the index's full visibility scan through @temporalio/client`);
    const viaClient = await timedCalls(inboxRequests, inboxConcurrency, () => engineInbox(client));
    log(`inbox: ${inboxRequests} × one index poll through @temporalio/client`);
    const polls = await timedCalls(inboxRequests, 1, () => enginePoll(client));

    log(`inbox: the Console's inbox in Chromium, ${settings.consoleRepetitions} navigations`);
    const consoleInbox = await measureConsoleInbox({
      apiUrl: stack.urls.api,
      distDir: path.resolve(__dirname, '../../../services/console/dist'),
      repetitions: settings.consoleRepetitions,
      log,
    });

    const apiLatency = summarize(viaApi.latencies);
    const clientLatency = summarize(viaClient.latencies);
    return {
      openTasks: inboxTasks,
      requests: inboxRequests,
      concurrency: inboxConcurrency,
      tasksPerAnswer: sample.body.items.length,
      partial: sample.body.partial,
      baseline: 'the full visibility scan the index is built on (tasks from the memo) via client',
      setupSeconds,
      api: { latencyMs: apiLatency, perSecond: round((viaApi.requests / viaApi.wallMs) * 1000, 1) },
      client: { latencyMs: clientLatency, perSecond: round((viaClient.requests / viaClient.wallMs) * 1000, 1) },
      /** One poll of the index (what changed in the last 30 s) at steady state, one at a time as the index polls. */
      poll: { latencyMs: summarize(polls.latencies) },
      indexStalenessSeconds: stalenessSeconds,
      latencyRatio: { p50: ratio(apiLatency.p50, clientLatency.p50), p99: ratio(apiLatency.p99, clientLatency.p99) },
      console: consoleInbox,
    };
  } finally {
    api.close();
    await close();
    await stack.dispose();
  }
}

module.exports = { measureInbox, engineInbox, enginePoll };
