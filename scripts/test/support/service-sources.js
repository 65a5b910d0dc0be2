// What the Ordo services read from their environment and where they answer health checks, taken from their
// sources, so the deployment files (docker-compose.yml, deploy/k8s) are checked against the code and not against a
// copy of it. Static on purpose: the services are TypeScript, and these tests run without building them.
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const read = (file) => fs.readFileSync(path.join(repoRoot, file), 'utf8');

/** Helpers of @ordo/config whose schema carries its own default (`logLevel()`). */
const defaultingHelpers = (() => {
  const source = read('libs/config/src/schemas.ts');
  const helpers = new Set();
  for (const match of source.matchAll(/export function (\w+)\([^)]*\)[^{]*\{([\s\S]*?)\n\}/g)) {
    if (match[2].includes('.default(')) helpers.add(match[1]);
  }
  return helpers;
})();

/**
 * The variables of the zod env shapes in `files`: `{ name, required }`, required meaning the schema has neither a
 * default nor `.optional()`. Plus every variable name quoted in them (ORDO_CRM_URL and its kind are built from a map).
 */
function envVariablesOf(files) {
  const variables = new Map();
  for (const file of files) {
    const source = read(file);
    const entry = /^ {2}((?:ORDO|TEMPORAL)_[A-Z0-9_]+): ([\s\S]*?)(?=^ {2}(?:ORDO|TEMPORAL)_[A-Z0-9_]+: |^\};)/gm;
    for (const [, name, schema] of source.matchAll(entry)) {
      const helper = /^(\w+)\(/.exec(schema.trim())?.[1];
      const defaulted = /\.default\(|\.optional\(\)/.test(schema) || defaultingHelpers.has(helper);
      variables.set(name, { name, required: !defaulted && !(variables.get(name)?.required === false) });
    }
    // Quoted names, inline shapes (`readEnv({ ORDO_LOG_LEVEL: logLevel() }, env)`) and `env.NAME` reads.
    const mentions =
      /'((?:ORDO|TEMPORAL)_[A-Z0-9_]+)'|\{ ((?:ORDO|TEMPORAL)_[A-Z0-9_]+): |env\.((?:ORDO|TEMPORAL)_[A-Z0-9_]+)/g;
    for (const match of source.matchAll(mentions)) {
      const name = match[1] ?? match[2] ?? match[3];
      if (!variables.has(name)) variables.set(name, { name, required: false });
    }
  }
  return variables;
}

const sourceFiles = (dir, pattern) =>
  fs
    .readdirSync(path.join(repoRoot, dir), { recursive: true })
    .filter((file) => pattern.test(path.basename(file)) && !file.includes('.spec.'))
    .map((file) => path.join(dir, file));

// Every Ordo service also reads the codec's key ring (API and worker) and the log level.
const shared = ['libs/codec/src/load.ts', 'libs/config/src/schemas.ts'];
const servicesVariables = {
  api: envVariablesOf([
    ...sourceFiles('services/process-api/src/config', /\.ts$/),
    ...sourceFiles('services/process-api/src', /settings\.ts$/),
    ...shared,
  ]),
  worker: envVariablesOf(['services/worker/src/config.ts', 'activities/src/config.ts', ...shared]),
  sandbox: envVariablesOf(['services/sandbox/src/config.ts', 'libs/config/src/schemas.ts']),
};
// The codec's variables are constants in load.ts; give them their names.
for (const variables of [servicesVariables.api, servicesVariables.worker]) {
  for (const name of ['ORDO_CODEC_KEYS', 'ORDO_CODEC_KEY_FILE']) variables.set(name, { name, required: false });
}
const externalSystemUrlVariables = [...read('activities/src/config.ts').matchAll(/'(ORDO_[A-Z]+_URL)'/g)].map(
  ([, name]) => name,
);

/** The service a container runs, from its entry point. */
function serviceOf(container) {
  const entry = (container.command ?? []).join(' ');
  if (entry === 'node services/process-api/dist/main.js') return 'api';
  if (entry === 'node services/worker/dist/main.js') return 'worker';
  if (entry === 'node services/sandbox/dist/main.js') return 'sandbox';
  throw new Error(`container ${container.name} runs "${entry}", which is no Ordo service`);
}

/** `@Controller('health')` + `@Get('live')` → `/health/live`, for every route of the controllers in `files`. */
function routesOf(files) {
  const routes = new Set();
  for (const file of files) {
    const source = read(file);
    const prefix = /@Controller\('([^']*)'\)/.exec(source)?.[1];
    if (prefix === undefined) continue;
    for (const [, argument] of source.matchAll(/@Get\(([^)]*)\)/g)) {
      const paths = argument.trim() === '' ? [''] : [...argument.matchAll(/'([^']*)'/g)].map(([, route]) => route);
      for (const route of paths) routes.add(`/${[prefix, route].filter(Boolean).join('/')}`);
    }
  }
  return routes;
}
const healthRoutes = {
  api: routesOf(sourceFiles('services/process-api/src/health', /controller\.ts$/)),
  worker: routesOf(sourceFiles('services/worker/src/health', /controller\.ts$/)),
  sandbox: new Set(
    [...read('services/sandbox/src/admin-routes.ts').matchAll(/app\.get\('(\/health[^']*)'/g)].map(([, r]) => r),
  ),
};

/** The `.default(...)` of `variable` in `file`, a number. */
function defaultOf(file, variable) {
  const source = read(file);
  const match = new RegExp(`${variable}:[\\s\\S]*?\\.default\\(\\s*([\\d_]+)`).exec(source);
  if (!match) throw new Error(`no numeric default for ${variable} in ${file}`);
  return Number(match[1].replaceAll('_', ''));
}

/**
 * How long the worker waits for running activities after SIGTERM: `shutdownGraceTime` where the worker's sources
 * set it (an ORDO_WORKER_SHUTDOWN_GRACE* variable or a literal), else the SDK's default.
 */
function workerShutdownGraceMs(valueOf) {
  const variable = [...servicesVariables.worker.keys()].find((name) => /^ORDO_WORKER_SHUTDOWN_GRACE/.test(name));
  if (variable) {
    const raw = Number(valueOf(variable) ?? defaultOf('services/worker/src/config.ts', variable));
    return /_MS$/.test(variable) ? raw : raw * 1000;
  }
  const setting = sourceFiles('services/worker/src', /\.ts$/)
    .map((file) => /shutdownGraceTime:\s*([^,\n]+)/.exec(read(file))?.[1])
    .find(Boolean);
  const sdkDefault = /shutdownGraceTime:\s*(\d+)/.exec(read('node_modules/@temporalio/worker/lib/worker-options.js'));
  const value = setting ?? sdkDefault[1];
  const literal = /^'?(\d+)\s*(ms|s|m)?'?$/.exec(value.trim());
  if (!literal) throw new Error(`cannot read the worker's shutdownGraceTime "${value}": teach this test`);
  return Number(literal[1]) * { ms: 1, s: 1000, m: 60_000 }[literal[2] ?? 'ms'];
}

/**
 * What a stopping worker may need before it exits: its shutdown grace, then one external call's timeout for the
 * activities that saw the cancellation. `valueOf(name)` answers a variable as the deployment sets it, or undefined.
 */
function workerStopNeedsMs(valueOf) {
  const httpTimeoutMs = Number(
    valueOf('ORDO_HTTP_TIMEOUT_MS') ?? defaultOf('activities/src/config.ts', 'ORDO_HTTP_TIMEOUT_MS'),
  );
  return workerShutdownGraceMs(valueOf) + httpTimeoutMs;
}

module.exports = {
  servicesVariables,
  externalSystemUrlVariables,
  healthRoutes,
  serviceOf,
  sourceFiles,
  workerStopNeedsMs,
  read,
};
