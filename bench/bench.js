#!/usr/bin/env node
// `npm run bench`: builds, then measures each figure beside a baseline taken in the same run, on fresh local stacks
// (start overhead, process throughput, inbox, capacity, process intelligence). Writes bench/results/<label>.json and .md and refreshes
// the README's Performance section. Sizes and tuning come from the environment (see lib/settings.js).
const path = require('node:path');
const { repoRoot, settingsAfterBuild, taggedLog } = require('./lib/entry');
const { benchSettings } = require('./lib/settings');

const log = taggedLog('bench');

/** The worker's tuning variables as this run sets them (they reach the worker through the stack's environment). */
function workerTuningEnv(env = process.env) {
  return Object.fromEntries(
    Object.entries(env).filter(
      ([name, value]) => name.startsWith('ORDO_WORKER_') && !/_(PORT|HOST)$/.test(name) && value,
    ),
  );
}

async function main() {
  const settings = settingsAfterBuild(benchSettings, log);
  // Loaded after the build: they need the compiled workspaces.
  const { defaultSqlitePragmas } = require('../scripts/lib/stack');
  const { ensureTemporalCli } = require('../scripts/lib/temporal-binaries');
  const { temporalVersion } = require('./lib/bench-stack');
  const { machineInfo } = require('./lib/machine');
  const { measureStartOverhead } = require('./lib/phases/start-overhead');
  const { measureThroughput } = require('./lib/phases/throughput');
  const { measureInbox } = require('./lib/phases/inbox');
  const { measureCapacity } = require('./lib/phases/capacity');
  const { measureMining } = require('./lib/phases/mining');
  const { readResults, renderRun, writeResults } = require('./lib/report');
  const { refreshReadme } = require('./lib/readme-section');

  const measures = {
    starts: measureStartOverhead,
    throughput: measureThroughput,
    inbox: measureInbox,
    capacity: measureCapacity,
    mining: measureMining,
  };
  const cli = await ensureTemporalCli({ log });
  const startedAt = new Date();
  const results = {
    label: settings.label,
    startedAt: startedAt.toISOString(),
    machine: machineInfo({ temporalVersion: await temporalVersion(cli) }),
    settings,
    tuning: { sqlitePragmas: settings.sqlitePragmas ?? [...defaultSqlitePragmas], workerEnv: workerTuningEnv() },
    phases: {},
    errors: {},
    byBackend: {},
  };
  // ORDO_BENCH_MERGE=1 re-measures only the phases named and keeps the others of the same label's last run.
  const previous = process.env.ORDO_BENCH_MERGE === '1' ? readResults(settings.label) : undefined;
  if (previous) {
    results.phases = { ...previous.phases };
    results.errors = Object.fromEntries(
      Object.entries(previous.errors ?? {}).filter(([phase]) => !settings.phases.includes(phase)),
    );
    results.settings = {
      ...previous.settings,
      ...settings,
      phases: [...new Set([...previous.settings.phases, ...settings.phases])],
    };
  }
  log(`machine: ${JSON.stringify(results.machine)}`);
  log(`tuning: ${JSON.stringify(results.tuning)}`);
  // Every phase on each backend in turn: the first fills `phases`, any other `byBackend[backend]`.
  for (const [index, backend] of settings.backends.entries()) {
    // The stacks read their Temporal backend from the environment (scripts/lib/stack.js).
    process.env.ORDO_TEMPORAL_BACKEND = backend;
    const target = index === 0 ? results : (results.byBackend[backend] = { phases: {}, errors: {} });
    for (const phase of settings.phases) {
      const phaseStarted = Date.now();
      log(`phase ${phase} on the ${backend} backend`);
      try {
        target.phases[phase] = await measures[phase]({ settings, log });
        log(
          `phase ${phase} (${backend}) done in ${Math.round((Date.now() - phaseStarted) / 1000)} s: ${JSON.stringify(target.phases[phase])}`,
        );
      } catch (error) {
        target.errors[phase] = error.message.split('\n')[0];
        log(`phase ${phase} (${backend}) failed: ${error.stack ?? error}`);
      }
    }
  }
  results.durationSeconds = Math.round((Date.now() - startedAt.getTime()) / 1000) + (previous?.durationSeconds ?? 0);
  const files = writeResults(results);
  process.stdout.write(
    `\n${renderRun(results)}\n\nresults: ${path.relative(repoRoot, files.json)}, ${path.relative(repoRoot, files.markdown)}\n`,
  );
  if (process.env.ORDO_BENCH_UPDATE_README !== '0') {
    refreshReadme();
    log('README.md Performance section refreshed');
  }
  const failed = [results, ...Object.values(results.byBackend)].some((run) => Object.keys(run.errors).length > 0);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  log(error.stack ?? String(error));
  process.exit(1);
});
