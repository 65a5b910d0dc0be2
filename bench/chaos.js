#!/usr/bin/env node
// `npm run chaos`: 500 orders through the API while the external systems fail and hang, the worker is killed and the
// dev server restarted; prints load, faults, lost and duplicated, and exits non-zero unless nothing was lost or
// duplicated. Sizes: ORDO_CHAOS_ORDERS, ORDO_CHAOS_WORKER_KILLS, ORDO_CHAOS_SERVER_RESTARTS, ORDO_CHAOS_CONCURRENCY,
// ORDO_CHAOS_SEED (repeat a run); ORDO_CHAOS_BACKEND (dev, postgres), ORDO_CHAOS_WORKERS and ORDO_CHAOS_APIS (scale-out).
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
  // The default shape is `chaos` (the README shows it); other backends and scale-outs are kept beside it.
  const shape = [
    ...(settings.backend === 'dev' ? [] : [settings.backend]),
    ...(settings.workers > 1 || settings.apis > 1 ? [`${settings.workers}w${settings.apis}a`] : []),
  ];
  const name = ['chaos', ...shape].join('-');
  fs.writeFileSync(
    path.join(resultsDir, `${name}.json`),
    `${JSON.stringify({ finishedAt: new Date().toISOString(), ...report }, null, 2)}\n`,
  );
  fs.writeFileSync(path.join(resultsDir, `${name}.md`), `# Chaos run (${name})\n\n${table}\n`);
  process.exit(report.lost === 0 && report.duplicated === 0 ? 0 : 1);
}

main().catch((error) => {
  log(error.stack ?? String(error));
  process.exit(1);
});
