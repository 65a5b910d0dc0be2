// The same small chaos run on the production engine, scaled out: Temporal server 1.32.0 on the stack's PostgreSQL
// cluster, three workers on the one task queue (each killed on its own), requests spread over two APIs, the server
// restarted on its database once while orders are in flight (chaos-scenario.js).
// Needs the built services (`npm test` builds first; alone: npx nx run-many -t build).
const { runSmallChaos } = require('./chaos-scenario');

jest.setTimeout(480_000);

test('on Temporal server with PostgreSQL, scaled out to 3 workers and 2 APIs: 50 orders under faults, two worker kills and a server restart, none lost, none duplicated', async () => {
  const report = await runSmallChaos({
    backend: 'postgres',
    orders: 50,
    workerKills: 2,
    serverRestarts: 1,
    concurrency: 16,
    workers: 3,
    apis: 2,
  });
  expect(report).toMatchObject({ workers: 3, apis: 2 });
});
