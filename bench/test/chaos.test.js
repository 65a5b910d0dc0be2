// The small chaos run that CI runs on every `npm test` (the full one is `npm run chaos`) on the embedded dev server:
// 50 orders under faults, the worker killed twice with SIGKILL and the dev server restarted once (chaos-scenario.js).
// Needs the built services (`npm test` builds first; alone: npx nx run-many -t build).
const { runSmallChaos } = require('./chaos-scenario');

jest.setTimeout(480_000);

test('50 orders under faults, two worker kills and a server restart: all reach their end, none lost, none duplicated', async () => {
  await runSmallChaos({ backend: 'dev', orders: 50, workerKills: 2, serverRestarts: 1, concurrency: 16 });
});
