// Starts and stops the whole local stack: Temporal, sandbox, worker, API — each one only after the previous is
// healthy, so a failure points at the process that caused it. Temporal is one of two backends: the CLI's embedded
// dev server on SQLite (default), or a real Temporal server on a PostgreSQL cluster of the stack's own.
const fs = require('node:fs');
const path = require('node:path');
const { ensureTemporalCli } = require('./temporal-binaries');
const temporalServer = require('./temporal-server');
const postgresCluster = require('./postgres-cluster');
const { freePort } = require('./ports');
const { spawnManaged } = require('./managed-process');
const { runCommand } = require('./run');
const { createSupervisor } = require('./supervisor');
const { defaultPorts, defaultNamespace, portVariables, serviceEnv } = require('./conventions');

const repoRoot = path.resolve(__dirname, '..', '..');

const sdkTypeToCliType = {
  KEYWORD: 'Keyword',
  KEYWORD_LIST: 'KeywordList',
  DOUBLE: 'Double',
  DATETIME: 'Datetime',
  INT: 'Int',
  BOOL: 'Bool',
  TEXT: 'Text',
};

/** Every attribute the processes declare as `{ name, type }`, with the CLI's type names. */
function searchAttributeTypes(keys) {
  return keys.map((key) => {
    const type = sdkTypeToCliType[key.type];
    if (!type) throw new Error(`search attribute ${key.name} has a type the Temporal CLI does not know: ${key.type}`);
    return { name: key.name, type };
  });
}

/** `--search-attribute Name=Type` arguments for every attribute the processes declare. */
function searchAttributeArgs(keys) {
  return searchAttributeTypes(keys).flatMap(({ name, type }) => ['--search-attribute', `${name}=${type}`]);
}

/** The Temporal backends a stack can run on: `dev` is the CLI's dev server, `postgres` the real server. */
const temporalBackends = Object.freeze(['dev', 'postgres']);

/** The backend asked for: the option, else ORDO_TEMPORAL_BACKEND in the stack's env, else the dev server. */
function resolveBackend(requested, env) {
  const backend = (requested ?? env.ORDO_TEMPORAL_BACKEND ?? '').trim() || 'dev';
  if (!temporalBackends.includes(backend)) {
    throw new Error(`ORDO_TEMPORAL_BACKEND must be one of ${temporalBackends.join(', ')}, got "${backend}"`);
  }
  return backend;
}

function loadSearchAttributeKeys() {
  try {
    return require('@ordo/workflows').allSearchAttributeKeys;
  } catch (error) {
    throw new Error(`cannot load @ordo/workflows (${error.message}); build it first: npx nx run-many -t build`, {
      cause: error,
    });
  }
}

function loadCodec() {
  try {
    return require('@ordo/codec');
  } catch (error) {
    throw new Error(`cannot load @ordo/codec (${error.message}); build it first: npx nx run-many -t build`, {
      cause: error,
    });
  }
}

const isSet = (value) => value !== undefined && String(value).trim() !== '';

/**
 * Payload encryption settings every service of the stack gets: unless the environment brings its own key
 * (ORDO_CODEC_KEYS or ORDO_CODEC_KEY_FILE), the data dir's key file (`codec-keys.json`, mode 0600), created on the
 * first start and reused after, so the payloads in the data dir's database stay readable; and the Temporal UI's
 * origins as the only ones the API's codec endpoint answers cross-origin.
 */
function codecEnv(dataDir, ports, env) {
  const codec = {};
  if (!isSet(env.ORDO_CODEC_KEYS) && !isSet(env.ORDO_CODEC_KEY_FILE)) {
    codec.ORDO_CODEC_KEY_FILE = loadCodec().ensureDevKeyFile(dataDir).path;
  }
  if (!isSet(env.ORDO_CODEC_CORS_ORIGIN)) {
    codec.ORDO_CODEC_CORS_ORIGIN = `http://localhost:${ports.temporalUi},http://127.0.0.1:${ports.temporalUi}`;
  }
  return codec;
}

/** Process intelligence's store and the scheduled reports live with the stack's other state, unless the environment puts them elsewhere. */
function analyticsStoresEnv(dataDir, env) {
  return {
    ...(isSet(env.ORDO_MINING_STORE) ? {} : { ORDO_MINING_STORE: path.join(dataDir, 'mining.duckdb') }),
    ...(isSet(env.ORDO_REPORTS_STORE) ? {} : { ORDO_REPORTS_STORE: path.join(dataDir, 'reports') }),
  };
}

/** The node services in start order, with the URL that says each is ready. */
const services = [
  {
    name: 'sandbox',
    entry: 'services/sandbox/dist/main.js',
    health: (ports) => `http://127.0.0.1:${ports.sandbox}/health`,
  },
  {
    name: 'worker',
    entry: 'services/worker/dist/main.js',
    health: (ports) => `http://127.0.0.1:${ports.workerHealth}/health/ready`,
    // Every replica polls the same task queues; each needs ports of its own.
    replicaPorts: ['workerMetrics', 'workerHealth'],
  },
  {
    name: 'api',
    entry: 'services/process-api/dist/main.js',
    health: (ports) => `http://127.0.0.1:${ports.api}/health/ready`,
    replicaPorts: ['api'],
    // One replica runs process intelligence's extractor and the reports' worker (the store has one writer, decision
    // 9); the others answer from their own empty in-memory store, which nothing in a scale-out run reads.
    replicaEnv: { ORDO_MINING_EXTRACTOR: 'off', ORDO_MINING_STORE: ':memory:' },
  },
];

/**
 * Write-ahead logging with NORMAL sync: the dev server's SQLite then commits without an fsync per transaction,
 * which more than doubled its start throughput in the benchmarks (README, Performance). A killed process loses
 * nothing committed; only an OS crash or power cut may lose the last transactions, acceptable for a local stack.
 */
const defaultSqlitePragmas = Object.freeze(['journal_mode=wal', 'synchronous=normal']);

const defaultHealthTimeouts = { postgres: 60_000, temporal: 60_000, sandbox: 30_000, worker: 120_000, api: 60_000 };

async function httpOk(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it passes, the process dies, or the deadline passes; throws with the process's last output. */
async function waitHealthy(managed, check, { timeoutMs, description }) {
  const deadline = Date.now() + timeoutMs;
  let reason = `not healthy within ${timeoutMs / 1000} s (${description})`;
  while (Date.now() < deadline) {
    if (!managed.running) {
      const { code, signal } = managed.exitInfo;
      reason = `exited before it was healthy (${signal ? `signal ${signal}` : `exit code ${code}`})`;
      break;
    }
    if (await check()) return;
    await sleep(250);
  }
  await sleep(100); // let the last lines of output arrive
  const error = new Error(`${managed.name} ${reason}. Last output:\n${managed.outputTail(30) || '(none)'}`);
  error.process = managed.name;
  error.exitInfo = managed.exitInfo;
  throw error;
}

/** The CLI's dev server: SQLite in the data dir, namespace and search attributes created by its own flags. */
function devServerSpec({ cli, address: temporalAddress, namespace, dataDir, ports, timeoutMs, sqlitePragmas }) {
  // The namespace answering (not just the port) means workers and clients can start right away.
  const namespaceReady = async () =>
    (
      await runCommand(
        cli,
        ['operator', 'namespace', 'describe', '--namespace', namespace, '--address', temporalAddress],
        {
          timeoutMs: 5_000,
        },
      ).catch(() => ({ code: 1 }))
    ).code === 0;
  return {
    command: cli,
    args: [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(ports.temporal),
      '--ui-port',
      String(ports.temporalUi),
      // The UI on loopback only; it decodes payloads through the API's codec endpoint (role process-admin).
      '--ui-ip',
      '127.0.0.1',
      '--ui-codec-endpoint',
      `http://localhost:${ports.api}/codec`,
      '--metrics-port',
      String(ports.temporalMetrics),
      '--db-filename',
      path.join(dataDir, 'temporal.db'),
      '--log-level',
      'warn',
      ...searchAttributeArgs(loadSearchAttributeKeys()),
      ...sqlitePragmas.flatMap((pragma) => ['--sqlite-pragma', pragma]),
    ],
    check: namespaceReady,
    timeoutMs,
    description: `namespace ${namespace} on ${temporalAddress}`,
  };
}

/**
 * The real Temporal server on the stack's own PostgreSQL cluster: the cluster is created (first start) or reused,
 * started as the process `postgres`, Temporal's databases are brought to the release's schema, then the server
 * starts as the process `temporal` and the namespace and search attributes are registered unless they are already.
 * Both are ordinary processes of the stack: kill('temporal') / restart('temporal') restart the server on its data.
 */
async function startServerOnPostgres({
  cli,
  address,
  namespace,
  dataDir,
  ports,
  log,
  timeouts,
  launchSpecs,
  startSupervised,
  server,
  env,
}) {
  const install = server ?? (await temporalServer.ensureTemporalServer({ log, env }));
  const cluster = await postgresCluster.prepareCluster({ dataDir, env, log });
  // Chosen per start (the cluster keeps no port) and recorded with the stack's other ports.
  const postgresPort = (ports.postgres ??= await freePort());
  launchSpecs.set('postgres', {
    ...postgresCluster.postgresCommand(cluster, postgresPort),
    check: () => postgresCluster.postgresReady(cluster, postgresPort),
    timeoutMs: timeouts.postgres,
    description: `PostgreSQL accepting connections on 127.0.0.1:${postgresPort}`,
  });
  log(`starting PostgreSQL on 127.0.0.1:${postgresPort} (${cluster.dir})`);
  await startSupervised('postgres');
  await postgresCluster.ensureTemporalDatabases({
    cluster,
    port: postgresPort,
    sqlTool: install.sqlTool,
    schemaDir: install.schemaDir,
    log,
  });

  const internalPorts = {};
  for (const name of temporalServer.internalPortNames) internalPorts[name] = await freePort();
  const configFile = temporalServer.writeServerConfig({
    dataDir,
    frontendPort: ports.temporal,
    metricsPort: ports.temporalMetrics,
    internalPorts,
    postgres: { port: postgresPort, user: cluster.superuser, password: cluster.password },
  });
  // Until the namespace is registered, a serving frontend is all a first start can wait for; every later start
  // (a restart on the same data) waits until workers and clients can use the namespace again.
  let registered = false;
  const ready = async () =>
    registered ? temporalServer.namespaceUsable(cli, address, namespace) : temporalServer.frontendServing(cli, address);
  launchSpecs.set('temporal', {
    ...temporalServer.serverCommand(install, configFile),
    check: ready,
    timeoutMs: timeouts.temporal,
    description: `Temporal server ${temporalServer.temporalServer.version} answering on ${address}`,
  });
  log(`starting Temporal server ${temporalServer.temporalServer.version} on ${address}`);
  const managed = await startSupervised('temporal');
  await temporalServer.registerNamespace({
    cli,
    address,
    namespace,
    attributes: searchAttributeTypes(loadSearchAttributeKeys()),
    log,
  });
  registered = true;
  await waitHealthy(managed, ready, { timeoutMs: timeouts.temporal, description: `namespace ${namespace} usable` });
}

/**
 * The processes of a service: the first on the stack's ports and env, each further replica (`name-2`, `name-3`, …)
 * on free ports of its own for the service's `replicaPorts` and with its `replicaEnv`.
 */
async function replicasOf(service, count, ports) {
  if (!Number.isInteger(count) || count < 1) throw new Error(`replicas of ${service.name} must be a whole number ≥ 1`);
  if (count > 1 && !service.replicaPorts) throw new Error(`${service.name} runs once per stack; it has no replicas`);
  const replicas = [{ name: service.name, ports, env: {} }];
  for (let index = 2; index <= count; index += 1) {
    const own = { ...ports };
    const env = { ...service.replicaEnv };
    for (const key of service.replicaPorts) {
      own[key] = await freePort();
      env[portVariables[key]] = String(own[key]);
    }
    replicas.push({ name: `${service.name}-${index}`, ports: own, env });
  }
  return replicas;
}

/**
 * Starts Temporal, sandbox, worker and API (or the subset named in `services`) and resolves once all are healthy.
 * `entries` replaces a service's entry script (stand-ins in tests, benchmarks).
 * Resolves to `{ urls, ports, processes, stop() }`, plus `kill(name, signal)`, `start(name)` and `restart(name)`
 * for one process at a time (chaos runs, restarts under load); a process comes back with the same command and env.
 *
 * `supervise` (`true`, or options for supervisor.js: `{ initialDelayMs, maxDelayMs, stableAfterMs, maxRestarts }`)
 * restarts a process that exits unexpectedly — from the moment it was first healthy, until stop() — with backoff,
 * logs and counts each restart, and keeps `<dataDir>/stack-status.json` up to date. A process that keeps failing
 * stops the whole stack; `gaveUp` then resolves with the error (it never resolves otherwise). kill/restart/start are
 * deliberate: a process killed through kill() stays down until start(). Off by default (tests, bench).
 *
 * `backend` (else `ORDO_TEMPORAL_BACKEND` in `env`): `dev` (default) runs the CLI's dev server on SQLite with the
 * Temporal UI; `postgres` runs Temporal server 1.32.0 on a PostgreSQL cluster in `<dataDir>/postgres`, two
 * processes (`postgres`, `temporal`) and no UI. `temporalServerInstall` is what ensureTemporalServer() resolved.
 *
 * `replicas` (e.g. `{ worker: 3, api: 2 }`) runs more processes of a service on the same task queues and Temporal:
 * `worker-2`, `api-2`, … each on ports of its own (`apiUrls`, `replicaNames`), killed and started one by one.
 */
async function startStack({
  dataDir,
  ports: requestedPorts = {},
  env = {},
  log = (message) => process.stderr.write(`[ordo] ${message}\n`),
  inheritOutput = false,
  namespace = defaultNamespace,
  temporalCli,
  services: wanted = services.map((service) => service.name),
  entries = {},
  healthTimeoutsMs = {},
  stopTimeoutMs = 15_000,
  sqlitePragmas = defaultSqlitePragmas,
  supervise = false,
  backend: requestedBackend,
  temporalServerInstall,
  replicas = {},
} = {}) {
  if (!dataDir) throw new Error('startStack needs a dataDir for the Temporal database and logs');
  const backend = resolveBackend(requestedBackend, env);
  const ports = { ...defaultPorts, ...requestedPorts };
  ports.temporalMetrics ??= await freePort();
  const timeouts = { ...defaultHealthTimeouts, ...healthTimeoutsMs };
  const logDir = path.join(dataDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });

  const started = [];
  /** The current process of each name, in start order: replaced when it is started again. */
  const processes = {};
  let supervisor;
  let stopping;
  const stop = () => {
    // Reverse start order: API, worker, sandbox, Temporal. One shared promise makes stop() idempotent.
    stopping ??= (async () => {
      supervisor?.setStackState('stopping');
      for (const managed of [...started].reverse()) {
        if (managed.running) log(`stopping ${managed.name}`);
        await managed.stop({ timeoutMs: stopTimeoutMs });
      }
      supervisor?.setStackState('stopped');
    })();
    return stopping;
  };

  const baseEnv = { ...process.env, ...serviceEnv(ports, namespace), ...env };
  const childEnv = { ...baseEnv, ...codecEnv(dataDir, ports, baseEnv), ...analyticsStoresEnv(dataDir, baseEnv) };
  /** How each process is (re)started and how it proves it is ready, by name. */
  const launchSpecs = new Map();
  const launch = (name) => {
    const { command, args, env: ownEnv = {} } = launchSpecs.get(name);
    const managed = spawnManaged({
      name,
      command,
      args,
      env: { ...childEnv, ...ownEnv },
      cwd: repoRoot,
      logFile: path.join(logDir, `${name}.log`),
      echo: inheritOutput,
    });
    // A relaunched process takes its predecessor's place, so stop() keeps the reverse start order.
    const previous = started.findIndex((candidate) => candidate.name === name);
    if (previous === -1) started.push(managed);
    else started[previous] = managed;
    processes[name] = managed;
    return managed;
  };
  const launchHealthy = async (name) => {
    const managed = launch(name);
    const { check, timeoutMs, description } = launchSpecs.get(name);
    try {
      await waitHealthy(managed, check, { timeoutMs, description });
    } catch (error) {
      // Not healthy in time but still running: nothing may keep it (or its ports) once this attempt is given up.
      await managed.stop({ timeoutMs: stopTimeoutMs });
      throw error;
    }
    return managed;
  };

  let gaveUpWith;
  let reportGaveUp;
  const gaveUp = new Promise((resolve) => {
    reportGaveUp = resolve;
  });
  if (supervise) {
    supervisor = createSupervisor({
      relaunch: (name) => launchHealthy(name),
      isStopping: () => stopping !== undefined,
      onGiveUp: (error) => {
        gaveUpWith = error;
        log(error.message);
        void stop().then(() => reportGaveUp(error));
      },
      log,
      statusFile: path.join(dataDir, 'stack-status.json'),
      options: supervise === true ? {} : supervise,
    });
  }
  /** The first start of a process: once healthy, the supervisor (if any) looks after it. */
  const startSupervised = async (name) => {
    if (stopping) throw gaveUpWith ?? new Error(`the stack is stopping: ${name} is not started`);
    const managed = await launchHealthy(name);
    supervisor?.watch(managed);
    return managed;
  };

  const temporalAddress = `127.0.0.1:${ports.temporal}`;
  /** Per service, the names of its processes: `worker`, `worker-2`, … (one unless `replicas` asks for more). */
  const replicaNames = {};
  const apiUrls = [];
  try {
    const cli = temporalCli ?? (await ensureTemporalCli({ log }));
    const temporal = { cli, address: temporalAddress, namespace, dataDir, ports, log, launchSpecs, startSupervised };
    if (backend === 'postgres') {
      await startServerOnPostgres({ ...temporal, timeouts, server: temporalServerInstall, env: baseEnv });
    } else {
      launchSpecs.set('temporal', devServerSpec({ ...temporal, timeoutMs: timeouts.temporal, sqlitePragmas }));
      log(`starting the Temporal dev server on ${temporalAddress}`);
      await startSupervised('temporal');
    }

    for (const service of services.filter((candidate) => wanted.includes(candidate.name))) {
      const entry = path.resolve(repoRoot, entries[service.name] ?? service.entry);
      if (!fs.existsSync(entry))
        throw new Error(`${service.name}: ${entry} does not exist; build first: npx nx run-many -t build`);
      const serviceReplicas = await replicasOf(service, replicas[service.name] ?? 1, ports);
      replicaNames[service.name] = serviceReplicas.map((replica) => replica.name);
      for (const replica of serviceReplicas) {
        const url = service.health(replica.ports);
        launchSpecs.set(replica.name, {
          command: process.execPath,
          args: [entry],
          env: replica.env,
          check: () => httpOk(url),
          timeoutMs: timeouts[service.name],
          description: `GET ${url}`,
        });
        if (service.name === 'api') apiUrls.push(`http://localhost:${replica.ports.api}`);
        log(`starting ${replica.name}`);
        await startSupervised(replica.name);
      }
    }
  } catch (error) {
    await stop();
    // A process that kept crashing while later ones started: the supervisor's reason is the one that counts.
    throw gaveUpWith ?? error;
  }
  supervisor?.setStackState('running');

  const knownName = (name) => {
    if (!launchSpecs.has(name))
      throw new Error(`this stack has no process named ${name}; it runs ${[...launchSpecs.keys()].join(', ')}`);
    if (stopping) throw new Error(`the stack is stopping: ${name} cannot be controlled any more`);
  };

  /** Sends `signal` (SIGKILL by default) to one process and resolves once it is gone; `start(name)` brings it back. */
  async function kill(name, signal = 'SIGKILL') {
    knownName(name);
    const managed = processes[name];
    supervisor?.hold(name);
    if (!managed.running) return managed.exitInfo;
    log(`sending ${signal} to ${name}`);
    try {
      process.kill(-managed.pid, signal);
    } catch {
      // already gone
    }
    return managed.exited;
  }

  /** Starts a process that is not running (after kill), and resolves once it is healthy again. */
  async function start(name) {
    knownName(name);
    if (processes[name].running) throw new Error(`${name} is already running`);
    log(`starting ${name} again`);
    supervisor?.hold(name);
    return startSupervised(name);
  }

  /** Stops one process politely (SIGTERM, then SIGKILL after the stop timeout) and starts it again. */
  async function restart(name) {
    knownName(name);
    log(`restarting ${name}`);
    supervisor?.hold(name);
    await processes[name].stop({ timeoutMs: stopTimeoutMs });
    return start(name);
  }

  return {
    urls: {
      api: `http://localhost:${ports.api}`,
      console: `http://localhost:${ports.api}/`,
      docs: `http://localhost:${ports.api}/docs`,
      apiMetrics: `http://localhost:${ports.api}/metrics`,
      // The Temporal UI comes with the CLI's dev server only.
      temporalUi: backend === 'dev' ? `http://localhost:${ports.temporalUi}` : undefined,
      temporalAddress,
      temporalMetrics: `http://localhost:${ports.temporalMetrics}/metrics`,
      sandbox: `http://localhost:${ports.sandbox}`,
      workerMetrics: `http://localhost:${ports.workerMetrics}/metrics`,
      workerHealth: `http://localhost:${ports.workerHealth}/health`,
    },
    ports,
    /** Every API replica's base URL, the first being `urls.api`. */
    apiUrls,
    /** Per service, its process names (`worker`, `worker-2`, …), for kill/start/restart of one replica. */
    replicaNames,
    namespace,
    dataDir,
    /** `dev` (the CLI's dev server on SQLite) or `postgres` (Temporal server on the stack's PostgreSQL). */
    backend,
    /** The current process of each name: replaced when it is started again (by start(), restart() or the supervisor). */
    processes,
    env: childEnv,
    /** Restarts by the supervisor so far, per process (all 0 without `supervise`). */
    restarts: () => supervisor?.restarts() ?? Object.fromEntries(Object.keys(processes).map((name) => [name, 0])),
    /** With `supervise`: the status file the supervisor keeps up to date. */
    statusFile: supervisor ? path.join(dataDir, 'stack-status.json') : undefined,
    /** With `supervise`: resolves with the error once a process kept failing and the stack was stopped. */
    gaveUp,
    kill,
    start,
    restart,
    stop,
  };
}

module.exports = {
  startStack,
  searchAttributeArgs,
  searchAttributeTypes,
  sdkTypeToCliType,
  defaultSqlitePragmas,
  temporalBackends,
  resolveBackend,
};
