#!/usr/bin/env node
// Prebuilds the workflow bundle for ORDO_WORKER_WORKFLOW_BUNDLE (the image runs it at build time), so that the worker
// starts without webpack. Usage, after `npm run build`: node services/worker/scripts/bundle-workflows.js <output.js>
const path = require('node:path');
// The package's entry (dist/main.js, built): loading it starts nothing, only running it does.
const { writeWorkflowBundle } = require('@ordo/worker');

async function main() {
  const output = process.argv[2];
  if (!output) throw new Error('usage: bundle-workflows.js <output file>');
  const file = path.resolve(output);
  const { bytes } = await writeWorkflowBundle(file);
  console.log(`workflow bundle written to ${file} (${Math.round(bytes / 1024)} KiB)`);
}

main().catch((error) => {
  console.error(`bundle-workflows: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
