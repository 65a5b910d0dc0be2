#!/usr/bin/env node
// `npm run chaos`: 500 orders through the API while the external systems fail and hang, the worker is killed and the
// dev server restarted; prints load, faults, lost and duplicated, and exits non-zero unless nothing was lost or
// duplicated. Sizes: ORDO_CHAOS_ORDERS, ORDO_CHAOS_WORKER_KILLS, ORDO_CHAOS_SERVER_RESTARTS, ORDO_CHAOS_CONCURRENCY,
// ORDO_CHAOS_SEED (repeat a run).
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { chaosSettings } = require('./lib/settings');

const repoRoot = path.resolve(__dirname, '..');
const log = (message) => process.stderr.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function main() {
  let settings;
  try {
    settings = chaosSettings();
  } catch (error) {
    log(`invalid configuration: ${error.message}`);
    process.exit(2);
  }
  log(`settings: ${JSON.stringify(settings)}`);
  if (process.env.ORDO_BENCH_SKIP_BUILD !== '1') {
    const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=stream'], { cwd: repoRoot, stdio: 'inherit' });
    if (build.status !== 0) process.exit(1);
  }
  const { runChaos, renderChaos } = require('./lib/chaos/run-chaos');
  const report = await runChaos({ ...settings, log });
  const table = renderChaos(report);
  process.stdout.write(`\n${table}\n`);
  const resultsDir = path.join(__dirname, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'chaos.json'), `${JSON.stringify({ finishedAt: new Date().toISOString(), ...report }, null, 2)}\n`);
  fs.writeFileSync(path.join(resultsDir, 'chaos.md'), `# Chaos run\n\n${table}\n`);
  process.exit(report.lost === 0 && report.duplicated === 0 ? 0 : 1);
}

main().catch((error) => {
  log(error.stack ?? String(error));
  process.exit(1);
});
