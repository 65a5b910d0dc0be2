#!/usr/bin/env node
// `npm run mining:rebuild`: rebuilds process intelligence's store from Temporal, the system of record. It does not
// open the store itself (the API owns it: DuckDB has one writer per file): it runs the extraction workflow with
// `rebuild: true`, whose activity the API's mining worker executes; the store is emptied and every history read again.
// Needs the stack running (`npm start`, or TEMPORAL_ADDRESS and the codec keys of a deployed one).
const path = require('node:path');
const fs = require('node:fs');
const { Client, Connection } = require('@temporalio/client');
const { loadCodecFromEnv, devKeyFileName } = require('@ordo/codec');
const { miningExtractionWorkflowType, ordoTaskQueue } = require('@ordo/workflows');

const repoRoot = path.resolve(__dirname, '..');

/** The local stack's key file unless the environment configures the keys. */
function codecEnv(env) {
  if (env.ORDO_CODEC_KEYS || env.ORDO_CODEC_KEY_FILE) return env;
  const keyFile = path.join(repoRoot, '.data', devKeyFileName);
  return fs.existsSync(keyFile) ? { ...env, ORDO_CODEC_KEY_FILE: keyFile } : env;
}

async function main() {
  const address = process.env.TEMPORAL_ADDRESS || '127.0.0.1:7233';
  const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, namespace, dataConverter: loadCodecFromEnv(codecEnv(process.env)) });
    const workflowId = `ordo-mining-rebuild-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    process.stderr.write(`[ordo] rebuilding the mining store from ${address} (workflow ${workflowId})\n`);
    const report = await client.workflow.execute(miningExtractionWorkflowType, {
      taskQueue: ordoTaskQueue,
      workflowId,
      args: [{ rebuild: true }],
    });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await connection.close();
  }
}

main().catch((error) => {
  process.stderr.write(`[ordo] mining:rebuild failed: ${error.message}\n`);
  process.exit(1);
});
