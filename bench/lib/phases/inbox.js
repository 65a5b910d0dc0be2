// Inbox: with thousands of open approval tasks, how fast `GET /v1/tasks` answers. The baseline does the same work
// straight through @temporalio/client: the visibility scan the API makes, reading the open tasks from each memo.
const { openTasksMemoKey, searchAttributes } = require('@ordo/workflows');
const { defaultPayloadConverter } = require('@temporalio/client');
const { startBenchStack } = require('../bench-stack');
const { JsonHttp } = require('../http');
const { autocannonRun, startMany, timedCalls } = require('../load');
const { keyMaker, orderInput, startOptions } = require('../orders');
const { ratio, round, summarize } = require('../stats');
const { connectClient, waitForCount } = require('../temporal');

// The API's own limits (services/process-api/src/tasks/task-inbox.service.ts), mirrored by the baseline.
const scanLimit = 3000;
const pageSize = 1000;

/**
 * What the inbox costs the engine for the manager: list running instances with a manager task, decode the open
 * tasks each one's memo holds, and order them by due time. Resolves to the number of tasks read.
 */
async function engineInbox(client, role) {
  // The condition the API builds for a caller with one role and the same id (a dev token), without filters.
  const query = `ExecutionStatus = 'Running' AND (${searchAttributes.openTaskRoles.name} IN ('${role}') OR ${searchAttributes.openTaskAssignees.name} = '${role}')`;
  const executions = [];
  let nextPageToken;
  do {
    // One past the limit, as the API reads to tell a complete scan from a cut one.
    const size = Math.min(pageSize, scanLimit + 1 - executions.length);
    const page = await client.workflowService.listWorkflowExecutions({
      namespace: client.options.namespace,
      query,
      pageSize: size,
      nextPageToken,
    });
    executions.push(...page.executions);
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken && executions.length <= scanLimit);
  // The memos are encrypted like every payload: decrypted in one batch through the client's codec, as the API does.
  const memos = executions.slice(0, scanLimit).flatMap((execution) => execution.memo?.fields?.[openTasksMemoKey] ?? []);
  let decoded = memos;
  for (const codec of [...client.options.loadedDataConverter.payloadCodecs].reverse())
    decoded = await codec.decode(decoded);
  const tasks = decoded.flatMap((memo) => defaultPayloadConverter.fromPayload(memo));
  tasks.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return tasks.length;
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
    const setupSeconds = round((Date.now() - loadStarted) / 1000, 1);

    const sample = await api.request('GET', '/v1/tasks', { token: 'dev-manager' });
    if (sample.status !== 200 || !Array.isArray(sample.body?.items) || sample.body.items.length === 0) {
      throw new Error(`GET /v1/tasks answered ${sample.status}: ${sample.text.slice(0, 300)}`);
    }
    const baselineTasks = await engineInbox(client, 'manager');
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
    log(`inbox: ${inboxRequests} × the same scan through @temporalio/client`);
    const viaClient = await timedCalls(inboxRequests, inboxConcurrency, () => engineInbox(client, 'manager'));

    const apiLatency = summarize(viaApi.latencies);
    const clientLatency = summarize(viaClient.latencies);
    return {
      openTasks: inboxTasks,
      requests: inboxRequests,
      concurrency: inboxConcurrency,
      tasksPerAnswer: sample.body.items.length,
      partial: sample.body.partial,
      baseline: 'the same visibility scan (tasks from the memo) via client',
      setupSeconds,
      api: { latencyMs: apiLatency, perSecond: round((viaApi.requests / viaApi.wallMs) * 1000, 1) },
      client: { latencyMs: clientLatency, perSecond: round((viaClient.requests / viaClient.wallMs) * 1000, 1) },
      latencyRatio: { p50: ratio(apiLatency.p50, clientLatency.p50), p99: ratio(apiLatency.p99, clientLatency.p99) },
    };
  } finally {
    api.close();
    await close();
    await stack.dispose();
  }
}

module.exports = { measureInbox, engineInbox };
