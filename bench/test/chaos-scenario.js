// The small chaos run of `npm test`, shared by the Temporal backends it runs on: orders through the real API, worker,
// sandbox and Temporal while 30% of external calls fail, latency spikes, one system hangs, the worker is killed with
// SIGKILL and the Temporal server restarted. Nothing may be lost or duplicated.
const { chaosSettings } = require('../lib/settings');
const { renderChaos, runChaos } = require('../lib/chaos/run-chaos');

async function runSmallChaos(defaults) {
  // Each test file names its backend; ORDO_CHAOS_BACKEND is for `npm run chaos`.
  const settings = {
    ...chaosSettings(process.env, defaults),
    backend: defaults.backend,
    workers: defaults.workers ?? 1,
    apis: defaults.apis ?? 1,
  };
  const lines = [];
  const report = await runChaos({ ...settings, log: (line) => lines.push(line) });
  const table = renderChaos(report);
  process.stdout.write(
    `\nchaos on the ${report.backend} backend (seed ${report.seed}; ORDO_CHAOS_SEED=${report.seed} repeats it):\n${table}\n`,
  );

  // The disruptions really happened, with work in flight...
  expect(report.backend).toBe(defaults.backend);
  expect(report.faults).toMatchObject({
    workerKills: settings.workerKills,
    serverRestarts: settings.serverRestarts,
    hangs: 1,
  });
  expect(report.faults.errorsInjected).toBeGreaterThan(0);
  expect(report.faults.hungAnswers).toBeGreaterThan(0);
  expect(report.faults.inFlightAtEach.every((inFlight) => inFlight > 0)).toBe(true);
  // ...and every order still ended as planned, each effect exactly once.
  expect({ driveFailures: report.driveFailures, stillRunning: report.stillRunning, failures: report.failures }).toEqual(
    {
      driveFailures: [],
      stillRunning: [],
      failures: [],
    },
  );
  expect(report.lost).toBe(0);
  expect(report.duplicated).toBe(0);
  expect(report.byStatus).toEqual({ COMPLETED: expect.any(Number), CANCELLED: expect.any(Number) });
  return report;
}

module.exports = { runSmallChaos };
