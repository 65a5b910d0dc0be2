#!/usr/bin/env node
// Obtains the pinned Temporal CLI, test server and Temporal server (see scripts/lib/temporal-binaries.js and
// scripts/lib/temporal-server.js) and prints their paths, as shell assignments so
// `eval "$(node scripts/obtain-temporal.js)"` exports them. The Temporal server is built with Go the first time
// (a few minutes, cached after); `--without-server` leaves it out where only the dev server is wanted.
const { ensureTemporalCli, ensureTestServer } = require('./lib/temporal-binaries');
const { ensureTemporalServer } = require('./lib/temporal-server');

async function main() {
  const log = (message) => process.stderr.write(`[ordo] ${message}\n`);
  const withServer = !process.argv.includes('--without-server');
  const cli = await ensureTemporalCli({ log });
  const testServer = await ensureTestServer({ log });
  const lines = [`ORDO_TEMPORAL_CLI=${cli}`, `ORDO_TEST_SERVER=${testServer}`];
  if (withServer) lines.push(`ORDO_TEMPORAL_SERVER=${(await ensureTemporalServer({ log })).dir}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
