// What `npm start` prints once the stack is up: where everything is, how to authenticate, a first request.
const path = require('node:path');
const { devApiTokens } = require('./conventions');

/** Token names the API accepts: the ORDO_API_TOKENS keys when that variable holds valid JSON, else the dev defaults. */
function apiTokenNames(env) {
  if (env.ORDO_API_TOKENS && env.ORDO_API_TOKENS.trim() !== '') {
    try {
      return { source: 'ORDO_API_TOKENS', names: Object.keys(JSON.parse(env.ORDO_API_TOKENS)) };
    } catch {
      return { source: 'ORDO_API_TOKENS', names: [] };
    }
  }
  return { source: 'dev defaults', names: Object.keys(devApiTokens()) };
}

const exampleOrder = {
  businessKey: 'SO-1001',
  input: {
    customerId: 'C-100',
    currency: 'EUR',
    paymentTermsDays: 30,
    lines: [{ sku: 'SKU-A', quantity: 3, unitPrice: 4000 }],
  },
};

function banner({ urls, namespace, dataDir, repoRoot, env = process.env }) {
  const tokens = apiTokenNames(env);
  const token = tokens.names.includes('dev-clerk') ? 'dev-clerk' : (tokens.names[0] ?? '<token>');
  const instances = `${urls.api}/v1/processes/order-to-cash/instances`;
  const row = (label, value) => `  ${label.padEnd(15)}${value}`;
  return [
    '',
    'Ordo is running.',
    row('API', urls.api),
    row('OpenAPI docs', urls.docs),
    row('Temporal UI', urls.temporalUi),
    row('Temporal', `${urls.temporalAddress} (namespace ${namespace})`),
    row('Sandbox', urls.sandbox),
    row('Metrics', `${urls.apiMetrics}  ${urls.workerMetrics}  ${urls.temporalMetrics}`),
    row('Worker health', urls.workerHealth),
    row('Data and logs', `${path.relative(repoRoot, dataDir) || dataDir}/ (kept between runs; logs in logs/)`),
    '',
    `API tokens (${tokens.source}), sent as "Authorization: Bearer <token>":`,
    `  ${tokens.names.join(', ') || '(none readable)'}`,
    '',
    'Start an order and read its status:',
    `  curl -s -X POST ${instances} \\`,
    `    -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' \\`,
    `    -d '${JSON.stringify(exampleOrder)}'`,
    `  curl -s ${instances}/${exampleOrder.businessKey} -H 'Authorization: Bearer ${token}'`,
    '',
    'Press Ctrl-C to stop everything.',
    '',
  ].join('\n');
}

module.exports = { banner, apiTokenNames, exampleOrder };
