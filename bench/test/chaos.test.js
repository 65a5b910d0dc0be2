// The small chaos run that CI runs on every `npm test` (the full one is `npm run chaos`): 50 orders through the
// real API, worker, sandbox and dev server while 30% of external calls fail, latency spikes, one system hangs,
// the worker is killed twice with SIGKILL and the dev server restarted once. Nothing may be lost or duplicated.
// Needs the built services (`npm test` builds first; alone: npx nx run-many -t build).
const { chaosSettings } = require('../lib/settings');
const { renderChaos, runChaos } = require('../lib/chaos/run-chaos');

jest.setTimeout(480_000);

test('50 orders under faults, two worker kills and a server restart: all reach their end, none lost, none duplicated', async () => {
  const settings = chaosSettings(process.env, { orders: 50, workerKills: 2, serverRestarts: 1, concurrency: 16 });
  const lines = [];
  const report = await runChaos({ ...settings, log: (line) => lines.push(line) });
  const table = renderChaos(report);
  process.stdout.write(`\nchaos (seed ${report.seed}; ORDO_CHAOS_SEED=${report.seed} repeats it):\n${table}\n`);

  // The disruptions really happened, with work in flight...
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
});
