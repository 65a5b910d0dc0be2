// Load generators: REST calls through autocannon (keep-alive connections), and direct @temporalio/client calls
// with the same concurrency, each timing every single request.
const autocannon = require('autocannon');
const { elapsedMs, pool } = require('./stats');

/**
 * `count` requests over `connections` keep-alive connections; `bodyFor(index)` makes each body (unique business
 * keys). Resolves with per-request latencies, the wall time and the status codes seen.
 */
function autocannonRun({ url, method = 'GET', token, count, connections, bodyFor }) {
  const latencies = [];
  const statuses = {};
  let next = 0;
  const headers = { authorization: `Bearer ${token}` };
  if (bodyFor) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const instance = autocannon(
      {
        url: url.replace('localhost', '127.0.0.1'),
        method,
        headers,
        connections,
        pipelining: 1,
        amount: count,
        timeout: 60,
        requests: bodyFor
          ? [{ method, setupRequest: (request) => ({ ...request, body: JSON.stringify(bodyFor(next++)) }) }]
          : undefined,
      },
      (error, result) => {
        if (error) return reject(error);
        const wallMs = elapsedMs(started);
        if (result.errors > 0 || result.timeouts > 0) {
          return reject(new Error(`autocannon ${method} ${url}: ${result.errors} errors, ${result.timeouts} timeouts`));
        }
        return resolve({ latencies, wallMs, statuses, requests: latencies.length });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}

/** `count` calls of `call(index)` with `concurrency` in flight, each timed. */
async function timedCalls(count, concurrency, call) {
  const latencies = [];
  const started = process.hrtime.bigint();
  await pool(count, concurrency, async (index) => {
    const one = process.hrtime.bigint();
    await call(index);
    latencies.push(elapsedMs(one));
  });
  return { latencies, wallMs: elapsedMs(started), requests: count };
}

/** Starts `count` workflows straight through the client (setting up big runs quickly), with progress lines. */
async function startMany(client, { count, concurrency, options, log, what }) {
  let done = 0;
  const started = Date.now();
  await pool(count, concurrency, async (index) => {
    await client.workflow.start('orderToCash', options(index));
    done += 1;
    if (done % 1000 === 0)
      log?.(`${what}: ${done}/${count} started (${Math.round(done / ((Date.now() - started) / 1000))}/s)`);
  });
}

module.exports = { autocannonRun, timedCalls, startMany };
