// What `npm start` prints once the stack is up: where everything is, how to authenticate, a first request.
const path = require('node:path');
const { devApiTokens } = require('./conventions');

/** The dev tokens, unless ORDO_API_TOKENS configures real ones: those are secrets and never printed. */
function apiTokenHint(env) {
  if (env.ORDO_API_TOKENS && env.ORDO_API_TOKENS.trim() !== '') {
    return { line: 'API tokens: as configured in ORDO_API_TOKENS (not shown).', token: '<token>' };
  }
  const names = Object.keys(devApiTokens());
  return { line: `Dev API tokens (Authorization: Bearer <token>): ${names.join(', ')}`, token: 'dev-clerk' };
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
  const { line: tokenLine, token } = apiTokenHint(env);
  const instances = `${urls.api}/v1/processes/order-to-cash/instances`;
  const row = (label, value) => `  ${label.padEnd(15)}${value}`;
  return [
    '',
    'Ordo is running.',
    row('Console', urls.console ?? `${urls.api}/`),
    row('API', urls.api),
    row('OpenAPI docs', urls.docs),
    row('Temporal UI', urls.temporalUi),
    row('Temporal', `${urls.temporalAddress} (namespace ${namespace})`),
    row('Sandbox', urls.sandbox),
    row('Metrics', `${urls.apiMetrics}  ${urls.workerMetrics}  ${urls.temporalMetrics}`),
    row('Worker health', urls.workerHealth),
    row('Data and logs', `${path.relative(repoRoot, dataDir) || dataDir}/ (kept between runs; logs in logs/)`),
    row(
      'Supervision',
      `a crashed process is restarted with backoff; restarts: ${path.relative(repoRoot, path.join(dataDir, 'stack-status.json'))}`,
    ),
    '',
    tokenLine,
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

module.exports = { banner, exampleOrder };
