// The project's fixed conventions (ports, env variable names, dev tokens) in one place, so the stack,
// `npm start`, the README checks and the docker-compose test cannot drift apart.

const defaultPorts = Object.freeze({
  temporal: 7233,
  temporalUi: 8233,
  api: 3000,
  sandbox: 4000,
  workerMetrics: 9464,
  workerHealth: 9465,
});

/** The env variable each service reads its own listening port from. */
const portVariables = Object.freeze({
  api: 'ORDO_API_PORT',
  sandbox: 'ORDO_SANDBOX_PORT',
  workerMetrics: 'ORDO_WORKER_METRICS_PORT',
  workerHealth: 'ORDO_WORKER_HEALTH_PORT',
});

/** External systems the worker reaches, each under `${ORDO_SANDBOX_URL}/<name>` unless overridden. */
const externalSystems = Object.freeze(['crm', 'erp', 'carrier', 'accounting', 'payments', 'mail']);

const systemUrlVariable = (system) => `ORDO_${system.toUpperCase()}_URL`;

const devRoles = Object.freeze(['clerk', 'manager', 'cfo', 'credit-controller', 'collections']);

/** The tokens the API accepts when ORDO_API_TOKENS is not set: `dev-<role>` → { id: role, roles: [role] }. */
function devApiTokens() {
  return Object.fromEntries(devRoles.map((role) => [`dev-${role}`, { id: role, roles: [role] }]));
}

const defaultNamespace = 'default';

function parsePort(variable, raw) {
  const port = Number(raw);
  if (!/^\d+$/.test(String(raw).trim()) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${variable} must be a TCP port between 1 and 65535, got "${raw}"`);
  }
  return port;
}

/**
 * The stack's ports as the environment sets them. Temporal's frontend port comes from TEMPORAL_ADDRESS
 * (the address the services dial), its UI port from ORDO_TEMPORAL_UI_PORT.
 */
function portsFromEnv(env = process.env) {
  const ports = { ...defaultPorts };
  for (const [key, variable] of Object.entries(portVariables)) {
    if (env[variable]) ports[key] = parsePort(variable, env[variable]);
  }
  if (env.TEMPORAL_ADDRESS) {
    const match = /^(?:[^:]+|\[[^\]]+\]):(\d+)$/.exec(env.TEMPORAL_ADDRESS.trim());
    if (!match) throw new Error(`TEMPORAL_ADDRESS must look like host:port, got "${env.TEMPORAL_ADDRESS}"`);
    ports.temporal = parsePort('TEMPORAL_ADDRESS', match[1]);
  }
  if (env.ORDO_TEMPORAL_UI_PORT) ports.temporalUi = parsePort('ORDO_TEMPORAL_UI_PORT', env.ORDO_TEMPORAL_UI_PORT);
  return ports;
}

/** Env the services of a local stack need to find each other. */
function serviceEnv(ports, namespace = defaultNamespace) {
  return {
    TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporal}`,
    TEMPORAL_NAMESPACE: namespace,
    ORDO_API_PORT: String(ports.api),
    ORDO_SANDBOX_PORT: String(ports.sandbox),
    ORDO_SANDBOX_URL: `http://127.0.0.1:${ports.sandbox}`,
    ORDO_WORKER_METRICS_PORT: String(ports.workerMetrics),
    ORDO_WORKER_HEALTH_PORT: String(ports.workerHealth),
  };
}

module.exports = {
  defaultPorts,
  portVariables,
  externalSystems,
  systemUrlVariable,
  devRoles,
  devApiTokens,
  defaultNamespace,
  portsFromEnv,
  serviceEnv,
};
