// The PostgreSQL backend's parts, each against the real thing: the pinned Temporal server build, a PostgreSQL
// cluster of the machine's own PostgreSQL with Temporal's schemas applied by Temporal's schema tool, the server's
// generated configuration, and a stack started twice on the same data dir (everything reused, nothing applied twice).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureTemporalServer, temporalServer, serverConfig, writeServerConfig } = require('../lib/temporal-server');
const postgresCluster = require('../lib/postgres-cluster');
const { spawnManaged } = require('../lib/managed-process');
const { freePort, freePorts, stackPortNames } = require('../lib/ports');
const { runCommand } = require('../lib/run');
const { startStack, resolveBackend } = require('../lib/stack');

jest.setTimeout(600_000);

const quiet = () => undefined;
const temporaryDirs = [];

function tempDir(prefix = 'ordo-postgres-test-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporaryDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of temporaryDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** The newest version directory of a versioned schema (`v1.19` → `1.19`): where update-schema must end. */
function newestSchemaVersion(versionedDir) {
  const versions = fs.readdirSync(versionedDir).map((name) => name.replace(/^v/, ''));
  return versions.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1);
}

async function schemaVersion(cluster, port, database) {
  const psql = path.join(cluster.binaries.dir, 'psql');
  const args = ['-h', '127.0.0.1', '-p', String(port), '-U', cluster.superuser, '-d', database, '-tAc'];
  const { code, stdout, stderr } = await runCommand(psql, [...args, 'SELECT curr_version FROM schema_version'], {
    env: { ...process.env, PGPASSWORD: cluster.password },
  });
  if (code !== 0) throw new Error(`psql failed: ${stderr}`);
  return stdout.trim();
}

describe('ensureTemporalServer', () => {
  test('resolves the pinned 1.32.0 server and schema tool with the PostgreSQL schemas next to them', async () => {
    const install = await ensureTemporalServer({ log: quiet });
    for (const [key, expected] of Object.entries(temporalServer.versionLines)) {
      expect((await runCommand(install[key], ['--version'])).stdout.trim()).toBe(expected);
    }
    for (const store of ['temporal', 'visibility']) {
      expect(fs.existsSync(path.join(install.schemaDir, store, 'versioned', 'v1.0', 'manifest.json'))).toBe(true);
    }
  });

  test('ORDO_TEMPORAL_SERVER pointing at something else is an error that names it', async () => {
    const dir = tempDir();
    await expect(
      ensureTemporalServer({ log: quiet, env: { ...process.env, ORDO_TEMPORAL_SERVER: dir } }),
    ).rejects.toThrow(`ORDO_TEMPORAL_SERVER=${dir} is not usable`);
  });

  test('without Go and without a cached build, the error says Go is needed and how to do without', async () => {
    const env = { ...process.env, ORDO_CACHE_DIR: tempDir(), PATH: '/nonexistent' };
    delete env.ORDO_TEMPORAL_SERVER;
    await expect(ensureTemporalServer({ log: quiet, env })).rejects.toThrow(
      /built from source with Go >= 1\.26\.8, and no `go` is on PATH[\s\S]*ORDO_TEMPORAL_SERVER/,
    );
  });
});

describe('server configuration', () => {
  const internalPorts = {
    frontendHttp: 20001,
    frontendMembership: 20002,
    historyGrpc: 20003,
    historyMembership: 20004,
    matchingGrpc: 20005,
    matchingMembership: 20006,
    workerGrpc: 20007,
    workerMembership: 20008,
  };
  const options = {
    frontendPort: 17233,
    metricsPort: 19090,
    internalPorts,
    postgres: { port: 15432, user: 'temporal', password: 'secret' },
    dynamicConfigFile: '/data/temporal-dynamic-config.yaml',
  };

  test('history and SQL visibility on the cluster, frontend and metrics on the stack ports, everything on loopback', () => {
    const config = serverConfig(options);
    expect(config.persistence.datastores[config.persistence.defaultStore].sql).toMatchObject({
      pluginName: 'postgres12',
      databaseName: 'temporal',
      connectAddr: '127.0.0.1:15432',
      user: 'temporal',
      password: 'secret',
    });
    expect(config.persistence.datastores[config.persistence.visibilityStore].sql).toMatchObject({
      pluginName: 'postgres12',
      databaseName: 'temporal_visibility',
    });
    expect(config.services.frontend.rpc).toMatchObject({ grpcPort: 17233, httpPort: 20001, bindOnLocalHost: true });
    expect(config.global.metrics.prometheus.listenAddress).toBe('127.0.0.1:19090');
    expect(config.clusterMetadata.clusterInformation.active.rpcAddress).toBe('127.0.0.1:17233');
    const ports = Object.values(config.services).flatMap(({ rpc }) => [rpc.grpcPort, rpc.membershipPort]);
    expect(new Set(ports).size).toBe(ports.length);
  });

  test('is written readable only by its owner (it holds the password), in a form the server accepts', async () => {
    const dataDir = tempDir();
    const configFile = writeServerConfig({ dataDir, ...options });
    expect(fs.statSync(configFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(configFile, 'utf8')).persistence.numHistoryShards).toBe(4);
    const install = await ensureTemporalServer({ log: quiet });
    const dynamicConfig = path.join(dataDir, 'temporal-dynamic-config.yaml');
    const validation = await runCommand(install.server, ['validate-dynamic-config', dynamicConfig]);
    expect(validation.code).toBe(0);
  });
});

describe('PostgreSQL cluster', () => {
  test('is created once, reused after, and Temporal schemas are set up once and stay at the release version', async () => {
    const dataDir = tempDir();
    const install = await ensureTemporalServer({ log: quiet });
    const messages = [];
    const log = (message) => messages.push(message);
    const cluster = await postgresCluster.prepareCluster({ dataDir, log });
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    expect(fs.statSync(cluster.stateFile).mode & 0o777).toBe(0o600);

    const port = await freePort();
    const { command, args } = postgresCluster.postgresCommand(cluster, port);
    const postgres = spawnManaged({ name: 'postgres', command, args, env: process.env, cwd: '/' });
    try {
      const deadline = Date.now() + 30_000;
      while (!(await postgresCluster.postgresReady(cluster, port))) {
        if (Date.now() > deadline || !postgres.running) throw new Error(postgres.outputTail());
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const ensure = () =>
        postgresCluster.ensureTemporalDatabases({
          cluster,
          port,
          sqlTool: install.sqlTool,
          schemaDir: install.schemaDir,
          log,
        });
      await ensure();
      const expected = {
        temporal: newestSchemaVersion(path.join(install.schemaDir, 'temporal', 'versioned')),
        temporal_visibility: newestSchemaVersion(path.join(install.schemaDir, 'visibility', 'versioned')),
      };
      for (const [database, version] of Object.entries(expected)) {
        expect(await schemaVersion(cluster, port, database)).toBe(version);
      }
      expect(messages.filter((message) => message.startsWith('setting up the schema'))).toHaveLength(2);

      await ensure();
      for (const [database, version] of Object.entries(expected)) {
        expect(await schemaVersion(cluster, port, database)).toBe(version);
      }
      expect(messages.filter((message) => message.startsWith('setting up the schema'))).toHaveLength(2);
    } finally {
      await postgres.stop();
    }

    const again = await postgresCluster.prepareCluster({ dataDir, log });
    expect(again.password).toBe(cluster.password);
    expect(messages.filter((message) => message.startsWith('creating a PostgreSQL cluster'))).toHaveLength(1);
  });

  test('a cluster without its state file is reported, not overwritten', async () => {
    const dataDir = tempDir();
    await postgresCluster.prepareCluster({ dataDir });
    fs.rmSync(path.join(dataDir, 'postgres-cluster.json'));
    await expect(postgresCluster.prepareCluster({ dataDir })).rejects.toThrow(/password\) is missing; delete/);
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
  });
});

describe('startStack on the postgres backend', () => {
  test('the backend comes from the option or ORDO_TEMPORAL_BACKEND; anything else is refused with the choices', () => {
    expect(resolveBackend(undefined, {})).toBe('dev');
    expect(resolveBackend(undefined, { ORDO_TEMPORAL_BACKEND: 'postgres' })).toBe('postgres');
    expect(resolveBackend('dev', { ORDO_TEMPORAL_BACKEND: 'postgres' })).toBe('dev');
    expect(() => resolveBackend('mysql', {})).toThrow(
      'ORDO_TEMPORAL_BACKEND must be one of dev, postgres, got "mysql"',
    );
  });

  test('starts twice on the same data dir: cluster, schemas, namespace and search attributes are reused', async () => {
    const dataDir = tempDir();
    const start = async (messages) =>
      startStack({
        dataDir,
        backend: 'postgres',
        services: [],
        ports: await freePorts(stackPortNames),
        log: (message) => messages.push(message),
      });
    const first = [];
    const stack = await start(first);
    try {
      expect(stack.backend).toBe('postgres');
      expect(stack.urls.temporalUi).toBeUndefined();
      expect(Object.keys(stack.processes)).toEqual(['postgres', 'temporal']);
      const metrics = await fetch(stack.urls.temporalMetrics);
      expect(metrics.status).toBe(200);
    } finally {
      await stack.stop();
    }
    expect(first.some((message) => message.startsWith('creating namespace'))).toBe(true);
    expect(first.some((message) => message.startsWith('registering search attributes'))).toBe(true);

    const second = [];
    const again = await start(second);
    await again.stop();
    const firstTimeOnly =
      /^(creating a PostgreSQL cluster|setting up the schema|creating namespace|registering search)/;
    expect(second.filter((message) => firstTimeOnly.test(message))).toEqual([]);
  });
});
