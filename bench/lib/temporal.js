// Direct Temporal access for baselines and for checking what the runs left behind.
const { Client, Connection } = require('@temporalio/client');
const { loadCodecFromEnv } = require('@ordo/codec');
const { sleep } = require('./stats');

/**
 * A client with the payload codec of the stack's services (`env` is the stack's: its ORDO_CODEC_KEY_FILE), so the
 * baselines encrypt as the API does and can read what the worker wrote.
 */
async function connectClient(address, { namespace = 'default', env = process.env } = {}) {
  const dataConverter = loadCodecFromEnv(env);
  const connection = await Connection.connect({ address });
  return { client: new Client({ connection, namespace, dataConverter }), close: () => connection.close() };
}

/** Visibility count of `query`; 0 while the server is unreachable is not assumed: errors propagate. */
async function countWorkflows(client, query) {
  const { count } = await client.workflow.count(query);
  return Number(count);
}

/**
 * Polls a visibility count until `done(count)`, reporting progress; throws with the last count after `timeoutMs`.
 * Visibility lags behind the workflows by a moment, so every wait in the benchmarks goes through here.
 */
async function waitForCount(client, query, done, { timeoutMs, intervalMs = 1000, onProgress, what = query } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await countWorkflows(client, query);
      onProgress?.(last);
      if (done(last)) return last;
    } catch (error) {
      // A restarting server: keep polling until the deadline.
      last = `error: ${error.message}`;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}; last count ${last}`);
    await sleep(intervalMs);
  }
}

module.exports = { connectClient, countWorkflows, waitForCount };
