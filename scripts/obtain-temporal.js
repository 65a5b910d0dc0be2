#!/usr/bin/env node
// Obtains the pinned Temporal CLI and test server (see scripts/lib/temporal-binaries.js) and prints their paths,
// as shell assignments so `eval "$(node scripts/obtain-temporal.js)"` exports them.
const { ensureTemporalCli, ensureTestServer } = require('./lib/temporal-binaries');

async function main() {
  const log = (message) => process.stderr.write(`[ordo] ${message}\n`);
  const cli = await ensureTemporalCli({ log });
  const testServer = await ensureTestServer({ log });
  process.stdout.write(`ORDO_TEMPORAL_CLI=${cli}\nORDO_TEST_SERVER=${testServer}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
