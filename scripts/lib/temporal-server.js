// Obtains a real Temporal server (the production engine, not the CLI's dev server) and its SQL schema tool, pinned
// to one release. There is no release download reachable from every machine, so it is built from source with
// `go install` once and cached outside the repository, together with the PostgreSQL schema files of the same
// release (the schema tool applies them; they live only in the server module's source).
const fs = require('node:fs');
const path = require('node:path');
const { runCommand, lastLines } = require('./run');
const { cacheRoot, installAtomically } = require('./temporal-binaries');

const temporalServer = Object.freeze({
  version: '1.32.0',
  module: 'go.temporal.io/server',
  // `go install` names each binary after the last element of its package path: `server` and `sql`.
  packages: Object.freeze({ server: 'cmd/server', sql: 'cmd/tools/sql' }),
  // Installed under names that say what they are.
  binaries: Object.freeze({ server: 'temporal-server', sqlTool: 'temporal-sql-tool' }),
  // What each binary prints for --version (urfave/cli: `<app name> version <version>`).
  versionLines: Object.freeze({ server: 'temporal version 1.32.0', sqlTool: 'temporal-sql-tool version 1.32.0' }),
  // The module's go.mod asks for this toolchain; an older `go` would try to download a newer one.
  minimumGo: '1.26.8',
  schemaSource: 'schema/postgresql/v12',
});

const defaultLog = (message) => process.stderr.write(`[ordo] ${message}\n`);

/** Where a verified install lives: `bin/` with both binaries, `schema/postgresql/v12/{temporal,visibility}`. */
function installPaths(dir) {
  return {
    dir,
    server: path.join(dir, 'bin', temporalServer.binaries.server),
    sqlTool: path.join(dir, 'bin', temporalServer.binaries.sqlTool),
    schemaDir: path.join(dir, temporalServer.schemaSource),
  };
}

async function reportedVersion(executable) {
  const result = await runCommand(executable, ['--version'], { timeoutMs: 30_000 }).catch((error) => ({
    code: 1,
    stdout: '',
    stderr: error.message,
  }));
  return result.code === 0 ? result.stdout.trim() : `cannot run (${lastLines(result.stderr, 2) || result.code})`;
}

/** Why `dir` is not a usable install of the pinned release, or undefined when it is. */
async function problemWithInstall(dir) {
  const paths = installPaths(dir);
  for (const [key, expected] of Object.entries(temporalServer.versionLines)) {
    const version = await reportedVersion(paths[key]);
    if (version !== expected) return `${paths[key]} reports "${version}", expected "${expected}"`;
  }
  for (const store of ['temporal', 'visibility']) {
    if (!fs.existsSync(path.join(paths.schemaDir, store, 'versioned')))
      return `${path.join(paths.schemaDir, store, 'versioned')} is missing`;
  }
  return undefined;
}

async function goVersion(env) {
  const result = await runCommand('go', ['env', 'GOVERSION'], { env, timeoutMs: 30_000 }).catch(() => undefined);
  return result?.code === 0 ? result.stdout.trim().replace(/^go/, '') : undefined;
}

const versionAtLeast = (actual, minimum) => {
  const [a, b] = [actual, minimum].map((version) => version.split(/[.-]/).map((part) => Number.parseInt(part, 10)));
  for (let index = 0; index < b.length; index += 1) {
    if ((a[index] || 0) !== b[index]) return (a[index] || 0) > b[index];
  }
  return true;
};

/** Builds both binaries into `staging/bin` and copies the release's PostgreSQL schemas next to them. */
async function buildInto(staging, { env, log }) {
  const goEnv = { ...env, GOBIN: path.join(staging, 'bin') };
  const started = Date.now();
  log(
    `building Temporal server ${temporalServer.version} with go install (a few minutes the first time, cached after)`,
  );
  const targets = Object.values(temporalServer.packages).map(
    (pkg) => `${temporalServer.module}/${pkg}@v${temporalServer.version}`,
  );
  const build = await runCommand('go', ['install', ...targets], { env: goEnv, timeoutMs: 30 * 60_000 });
  if (build.code !== 0) throw new Error(`go install ${targets.join(' ')} failed:\n${lastLines(build.stderr, 15)}`);
  fs.renameSync(path.join(staging, 'bin', 'server'), path.join(staging, 'bin', temporalServer.binaries.server));
  fs.renameSync(path.join(staging, 'bin', 'sql'), path.join(staging, 'bin', temporalServer.binaries.sqlTool));

  // The module is in Go's module cache now; `go mod download -json` says where, without needing a go.mod here.
  const download = await runCommand(
    'go',
    ['mod', 'download', '-json', `${temporalServer.module}@v${temporalServer.version}`],
    { env: goEnv, timeoutMs: 10 * 60_000 },
  );
  if (download.code !== 0) throw new Error(`go mod download failed:\n${lastLines(download.stdout + download.stderr)}`);
  const moduleDir = JSON.parse(download.stdout).Dir;
  const target = path.join(staging, temporalServer.schemaSource);
  fs.cpSync(path.join(moduleDir, temporalServer.schemaSource), target, { recursive: true });
  // The module cache is read-only; the copies need not be, so a later cleanup of the cache can delete them.
  fs.chmodSync(target, 0o755);
  for (const entry of fs.readdirSync(target, { recursive: true })) {
    const file = path.join(target, entry);
    fs.chmodSync(file, fs.statSync(file).isDirectory() ? 0o755 : 0o644);
  }
  log(`built Temporal server ${temporalServer.version} in ${Math.round((Date.now() - started) / 1000)} s`);
}

/**
 * Resolves the pinned Temporal server: `ORDO_TEMPORAL_SERVER` (a directory laid out like the cache entry) if set,
 * else the cache `<cacheRoot>/temporal-server/1.32.0/`, else a build with `go install`. Resolves to
 * `{ dir, server, sqlTool, schemaDir }`; every source is version checked.
 */
async function ensureTemporalServer({ log = defaultLog, env = process.env, offline = false } = {}) {
  if (env.ORDO_TEMPORAL_SERVER) {
    const dir = path.resolve(env.ORDO_TEMPORAL_SERVER);
    const problem = await problemWithInstall(dir);
    if (problem) throw new Error(`ORDO_TEMPORAL_SERVER=${env.ORDO_TEMPORAL_SERVER} is not usable: ${problem}`);
    return installPaths(dir);
  }

  const cacheDir = path.join(cacheRoot(env), 'temporal-server', temporalServer.version);
  if (fs.existsSync(cacheDir)) {
    const problem = await problemWithInstall(cacheDir);
    if (!problem) return installPaths(cacheDir);
    log(`discarding a broken cache entry at ${cacheDir}: ${problem}`);
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
  if (offline) throw new Error(`Temporal server ${temporalServer.version} is not in the cache ${cacheDir} (offline)`);

  const go = await goVersion(env);
  if (!go || !versionAtLeast(go, temporalServer.minimumGo)) {
    throw new Error(
      [
        `Could not obtain Temporal server ${temporalServer.version}: it is built from source with Go >= ${temporalServer.minimumGo}, ` +
          (go ? `found go ${go}.` : 'and no `go` is on PATH.'),
        'Install Go (https://go.dev/dl/), or point ORDO_TEMPORAL_SERVER at a directory holding',
        `  bin/${temporalServer.binaries.server}, bin/${temporalServer.binaries.sqlTool} and ${temporalServer.schemaSource}/ of release ${temporalServer.version}.`,
      ].join('\n'),
    );
  }
  await installAtomically(cacheDir, async (staging) => {
    await buildInto(staging, { env, log });
    const problem = await problemWithInstall(staging);
    if (problem) throw new Error(`the build of Temporal server ${temporalServer.version} is not usable: ${problem}`);
  });
  return installPaths(cacheDir);
}

// ---- Running it: the server's configuration and what the stack needs registered in it ----

/** The internal ports a single-binary server needs besides its frontend; picked free at each stack start. */
const internalPortNames = Object.freeze([
  'frontendHttp',
  'frontendMembership',
  'historyGrpc',
  'historyMembership',
  'matchingGrpc',
  'matchingMembership',
  'workerGrpc',
  'workerMembership',
]);

/**
 * Fixed when Temporal's database is created and never changeable after; 4 is the size of Temporal's own
 * development configurations, enough for one machine.
 */
const numHistoryShards = 4;

function sqlStore({ database, postgres, maxConns }) {
  return {
    sql: {
      pluginName: 'postgres12',
      databaseName: database,
      connectAddr: `127.0.0.1:${postgres.port}`,
      connectProtocol: 'tcp',
      user: postgres.user,
      password: postgres.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  };
}

/**
 * The server's configuration as an object (Temporal's config schema): PostgreSQL for history and SQL visibility,
 * one cluster on loopback with the frontend on `frontendPort`, Prometheus metrics on `metricsPort`.
 */
function serverConfig({ frontendPort, metricsPort, internalPorts, postgres, dynamicConfigFile, logLevel = 'warn' }) {
  const rpc = (grpcPort, membershipPort, extra = {}) => ({
    rpc: { grpcPort, membershipPort, bindOnLocalHost: true, ...extra },
  });
  return {
    log: { stdout: true, level: logLevel },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards,
      datastores: {
        'postgres-default': sqlStore({ database: 'temporal', postgres, maxConns: 20 }),
        'postgres-visibility': sqlStore({ database: 'temporal_visibility', postgres, maxConns: 10 }),
      },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      metrics: {
        prometheus: { framework: 'tally', timerType: 'histogram', listenAddress: `127.0.0.1:${metricsPort}` },
      },
    },
    services: {
      frontend: rpc(frontendPort, internalPorts.frontendMembership, { httpPort: internalPorts.frontendHttp }),
      history: rpc(internalPorts.historyGrpc, internalPorts.historyMembership),
      matching: rpc(internalPorts.matchingGrpc, internalPorts.matchingMembership),
      worker: rpc(internalPorts.workerGrpc, internalPorts.workerMembership),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `127.0.0.1:${frontendPort}`,
          httpAddress: `127.0.0.1:${internalPorts.frontendHttp}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: dynamicConfigFile, pollInterval: '10s' },
  };
}

/**
 * The dynamic config file, the place to tune a setting at run time (the server reads it every 10 s). Empty: the
 * point of this backend is to run Ordo on the server's defaults, the ones a company's cluster starts from.
 */
function dynamicConfig() {
  return {};
}

/**
 * Writes the server's config and dynamic config into `dataDir` (readable by this user only: it holds the database
 * password) and resolves to the config file's path. JSON is valid YAML, so no YAML writer is needed.
 */
function writeServerConfig({ dataDir, ...options }) {
  const configFile = path.join(dataDir, 'temporal-server.yaml');
  const dynamicConfigFile = path.join(dataDir, 'temporal-dynamic-config.yaml');
  fs.writeFileSync(dynamicConfigFile, `${JSON.stringify(dynamicConfig(), null, 2)}\n`, { mode: 0o600 });
  const config = serverConfig({ ...options, dynamicConfigFile });
  fs.writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(configFile, 0o600); // an existing file keeps its mode otherwise
  return configFile;
}

/** The server in the foreground, all four services in one process. */
function serverCommand(install, configFile) {
  return { command: install.server, args: ['--config-file', configFile, '--allow-no-auth', 'start'] };
}

async function runCli(cli, args, timeoutMs = 15_000) {
  return runCommand(cli, args, { timeoutMs }).catch((error) => ({ code: 1, stdout: '', stderr: error.message }));
}

/** Whether the frontend at `address` answers its health check (the server's services may still be joining). */
async function frontendServing(cli, address) {
  return (await runCli(cli, ['operator', 'cluster', 'health', '--address', address], 5_000)).code === 0;
}

/**
 * Whether workers and clients can use `namespace` now: a visibility query goes through the frontend's namespace
 * registry (refreshed every few seconds after a create) and the SQL visibility store.
 */
async function namespaceUsable(cli, address, namespace) {
  const args = ['workflow', 'count', '--namespace', namespace, '--address', address];
  return (await runCli(cli, args, 5_000)).code === 0;
}

/**
 * Creates `namespace` unless it exists and registers every search attribute the processes declare that it lacks,
 * so a second start changes nothing. `attributes` are `{ name, type }` with the CLI's type names (Keyword, Int…).
 */
async function registerNamespace({ cli, address, namespace, attributes, log = () => undefined }) {
  const common = ['--namespace', namespace, '--address', address];
  const described = await runCli(cli, ['operator', 'namespace', 'describe', ...common]);
  if (described.code !== 0) {
    log(`creating namespace ${namespace}`);
    const created = await runCli(cli, ['operator', 'namespace', 'create', ...common]);
    if (created.code !== 0 && !/already (exists|registered)/i.test(created.stderr + created.stdout)) {
      throw new Error(`creating namespace ${namespace} failed: ${lastLines(created.stderr + created.stdout, 5)}`);
    }
  }
  // A namespace just created reaches the frontend's namespace registry a few seconds later (it is refreshed).
  const listArgs = ['operator', 'search-attribute', 'list', ...common, '--output', 'json'];
  let listed = await runCli(cli, listArgs);
  for (const deadline = Date.now() + 30_000; listed.code !== 0 && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    listed = await runCli(cli, listArgs);
  }
  if (listed.code !== 0) throw new Error(`listing search attributes failed: ${lastLines(listed.stderr, 5)}`);
  const existing = new Set(registeredAttributeNames(JSON.parse(listed.stdout)));
  const missing = attributes.filter((attribute) => !existing.has(attribute.name));
  if (missing.length === 0) return { created: [] };
  log(`registering search attributes ${missing.map((attribute) => attribute.name).join(', ')}`);
  const created = await runCli(cli, [
    'operator',
    'search-attribute',
    'create',
    ...common,
    ...missing.flatMap((attribute) => ['--name', attribute.name, '--type', attribute.type]),
  ]);
  if (created.code !== 0)
    throw new Error(`registering search attributes failed: ${lastLines(created.stderr + created.stdout, 5)}`);
  return { created: missing.map((attribute) => attribute.name) };
}

/** The custom attribute names in `temporal operator search-attribute list -o json` output. */
function registeredAttributeNames(listing) {
  return Object.keys(listing.customAttributes ?? {});
}

module.exports = {
  ensureTemporalServer,
  temporalServer,
  versionAtLeast,
  internalPortNames,
  serverConfig,
  writeServerConfig,
  serverCommand,
  frontendServing,
  namespaceUsable,
  registerNamespace,
};
