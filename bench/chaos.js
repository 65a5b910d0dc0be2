#!/usr/bin/env node
// `npm run chaos`: 500 orders through the API while the external systems fail and hang, the worker is killed and the
// dev server restarted; prints load, faults, lost and duplicated, and exits non-zero unless nothing was lost or
// duplicated. Sizes: ORDO_CHAOS_ORDERS, ORDO_CHAOS_WORKER_KILLS, ORDO_CHAOS_SERVER_RESTARTS, ORDO_CHAOS_CONCURRENCY,
// ORDO_CHAOS_SEED (repeat a run).
const fs = require('node:fs');
const path = require('node:path');
const { settingsAfterBuild, taggedLog } = require('./lib/entry');
const { chaosSettings } = require('./lib/settings');

const log = taggedLog('chaos');

async function main() {
  const settings = settingsAfterBuild(chaosSettings, log);
  const { runChaos, renderChaos } = require('./lib/chaos/run-chaos');
  const report = await runChaos({ ...settings, log });
  const table = renderChaos(report);
  process.stdout.write(`\n${table}\n`);
  const resultsDir = path.join(__dirname, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(
    path.join(resultsDir, 'chaos.json'),
    `${JSON.stringify({ finishedAt: new Date().toISOString(), ...report }, null, 2)}\n`,
  );
  fs.writeFileSync(path.join(resultsDir, 'chaos.md'), `# Chaos run\n\n${table}\n`);
  process.exit(report.lost === 0 && report.duplicated === 0 ? 0 : 1);
}

main().catch((error) => {
  log(error.stack ?? String(error));
  process.exit(1);
});
