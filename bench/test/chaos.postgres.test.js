// The same small chaos run on the production engine: Temporal server 1.32.0 on the stack's PostgreSQL cluster, the
// server restarted on its database once while orders are in flight (chaos-scenario.js).
// Needs the built services (`npm test` builds first; alone: npx nx run-many -t build).
const { runSmallChaos } = require('./chaos-scenario');

jest.setTimeout(480_000);

test('on Temporal server with PostgreSQL: 50 orders under faults, two worker kills and a server restart, none lost, none duplicated', async () => {
  await runSmallChaos({ backend: 'postgres', orders: 50, workerKills: 2, serverRestarts: 1, concurrency: 16 });
});
