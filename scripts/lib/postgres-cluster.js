// A PostgreSQL cluster private to one stack, for the Temporal server backend: created with the machine's own
// PostgreSQL (Debian's `postgresql` package) under `<dataDir>/postgres`, reused on every later start, listening only
// on 127.0.0.1 (a port chosen per start; no Unix socket). PostgreSQL refuses to run as root, so when this process is
// root the cluster belongs to the `postgres` user and every PostgreSQL command runs as that user.
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { runCommand, lastLines } = require('./run');

/** The cluster's superuser: Temporal connects as it, so it can create its databases with the schema tool. */
const superuser = 'temporal';

/** Temporal's two databases and the schema directory (inside the release's `schema/postgresql/v12`) of each. */
const temporalDatabases = Object.freeze([
  Object.freeze({ name: 'temporal', schema: 'temporal' }),
  Object.freeze({ name: 'temporal_visibility', schema: 'visibility' }),
]);

const clusterOwner = 'postgres';

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const binaryNames = ['initdb', 'postgres', 'pg_isready'];
const binariesIn = (dir) => Object.fromEntries(binaryNames.map((name) => [name, path.join(dir, name)]));
const hasAll = (dir) => binaryNames.every((name) => isExecutable(path.join(dir, name)));

/**
 * The directory with initdb and postgres: ORDO_POSTGRES_BIN if set, else the newest Debian install
 * (/usr/lib/postgresql/<major>/bin: Debian keeps them off PATH), else PATH.
 */
function findPostgresBinaries(env = process.env) {
  if (env.ORDO_POSTGRES_BIN) {
    const dir = path.resolve(env.ORDO_POSTGRES_BIN);
    if (!hasAll(dir))
      throw new Error(`ORDO_POSTGRES_BIN=${env.ORDO_POSTGRES_BIN} lacks one of ${binaryNames.join(', ')}`);
    return { dir, ...binariesIn(dir) };
  }
  const debianRoot = '/usr/lib/postgresql';
  const majors = fs.existsSync(debianRoot)
    ? fs
        .readdirSync(debianRoot)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const candidates = [
    ...majors.map((major) => path.join(debianRoot, major, 'bin')),
    ...(env.PATH || '').split(path.delimiter).filter(Boolean),
  ];
  const dir = candidates.find(hasAll);
  if (!dir) {
    throw new Error(
      'PostgreSQL is not installed (no initdb and postgres in /usr/lib/postgresql/*/bin or on PATH). ' +
        'Install it (Debian/Ubuntu: apt-get install postgresql) or set ORDO_POSTGRES_BIN to the directory holding initdb.',
    );
  }
  return { dir, ...binariesIn(dir) };
}

/** The uid and gid PostgreSQL runs as: this process's own, or the `postgres` user's when this process is root. */
async function clusterUser() {
  if (process.getuid() !== 0) return { runAsOther: false, uid: process.getuid(), gid: process.getgid() };
  const [uid, gid] = await Promise.all(
    ['-u', '-g'].map(async (flag) => {
      const result = await runCommand('id', [flag, clusterOwner]).catch(() => ({ code: 1 }));
      if (result.code !== 0)
        throw new Error(`running as root, PostgreSQL needs the "${clusterOwner}" user, and there is none`);
      return Number(result.stdout.trim());
    }),
  );
  return { runAsOther: true, uid, gid };
}

/**
 * `command args` as the cluster's user. setpriv executes in place (no extra parent process), so the managed
 * process's pid is the postmaster's and signals reach it directly.
 */
function asClusterUser(user, command, args) {
  if (!user.runAsOther) return { command, args };
  return {
    command: 'setpriv',
    args: [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--init-groups', '--', command, ...args],
  };
}

/**
 * The first directory above `dir` the cluster's user cannot enter (so initdb would fail with a bare "Permission
 * denied"), or undefined. Approximate: supplementary groups are not looked at.
 */
function unreachableAncestor(dir, user) {
  for (let current = path.dirname(path.resolve(dir)); ; current = path.dirname(current)) {
    const { mode, uid, gid } = fs.statSync(current);
    const searchBit = uid === user.uid ? 0o100 : gid === user.gid ? 0o010 : 0o001;
    if ((mode & searchBit) === 0) return current;
    if (current === path.dirname(current)) return undefined;
  }
}

function clusterPaths(dataDir) {
  return {
    dir: path.join(dataDir, 'postgres'),
    /** The superuser's password and which databases have their schema set up; readable by this user only. */
    stateFile: path.join(dataDir, 'postgres-cluster.json'),
  };
}

function readState(stateFile) {
  return fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : undefined;
}

function writeState(stateFile, state) {
  const temporary = `${stateFile}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, stateFile);
}

/** Runs an initdb-like command as the cluster's user and throws with its output when it fails. */
async function runAsClusterUser(user, command, args, what) {
  const spec = asClusterUser(user, command, args);
  const result = await runCommand(spec.command, spec.args, { cwd: '/', timeoutMs: 120_000 });
  if (result.code !== 0)
    throw new Error(`${what} failed (exit ${result.code}):\n${lastLines(result.stdout + result.stderr, 15)}`);
  return result;
}

/**
 * Creates the cluster under `<dataDir>/postgres` unless it is there already, and resolves to what starting and
 * using it takes: `{ dir, binaries, user, superuser, password, stateFile }`.
 */
async function prepareCluster({ dataDir, env = process.env, log = () => undefined }) {
  const binaries = findPostgresBinaries(env);
  const user = await clusterUser();
  const { dir, stateFile } = clusterPaths(dataDir);
  const state = readState(stateFile);
  const cluster = (password) => ({ dir, binaries, user, superuser, password, stateFile });

  if (fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    if (!state?.password) {
      throw new Error(
        `${dir} holds a PostgreSQL cluster but ${stateFile} (its password) is missing; delete ${dir} to start afresh`,
      );
    }
    return cluster(state.password);
  }
  // A directory without PG_VERSION is an initdb that did not finish: nothing in it is worth keeping.
  fs.rmSync(dir, { recursive: true, force: true });

  if (user.runAsOther) {
    const blocked = unreachableAncestor(dataDir, user);
    if (blocked) {
      throw new Error(
        `the "${clusterOwner}" user, which runs PostgreSQL when this runs as root, cannot enter ${blocked}, so it ` +
          `cannot reach ${dir}: use a data dir it can reach (e.g. under /tmp), or run as another user than root`,
      );
    }
    // The cluster's user must reach <dataDir>/postgres: let it traverse (not list) the data dir.
    fs.chmodSync(dataDir, fs.statSync(dataDir).mode | 0o001);
  }
  fs.mkdirSync(dir, { mode: 0o700 });
  fs.chownSync(dir, user.uid, user.gid);
  const password = randomBytes(24).toString('hex');
  // initdb reads the password from a file, never from its arguments (visible in `ps`); the file is gone right after.
  const passwordFile = path.join(dataDir, `.postgres-initdb-${process.pid}`);
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  fs.chownSync(passwordFile, user.uid, user.gid);
  log(`creating a PostgreSQL cluster in ${dir}`);
  try {
    await runAsClusterUser(
      user,
      binaries.initdb,
      [
        '--pgdata',
        dir,
        '--username',
        superuser,
        `--pwfile=${passwordFile}`,
        '--auth-host=scram-sha-256',
        '--auth-local=scram-sha-256',
        '--encoding=UTF8',
        // Byte order collation: what Temporal's schema expects, and independent of the machine's locales.
        '--locale=C',
      ],
      'initdb',
    );
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
  writeState(stateFile, { superuser, password, schemasSetUp: [] });
  return cluster(password);
}

/**
 * Temporal's services keep pools of up to 20 (history) + 10 (visibility) connections each; four services plus the
 * schema tool exceed PostgreSQL's default of 100.
 */
const maxConnections = 200;

/** How to launch the postmaster on `port` in the foreground, as a managed process of the stack. */
function postgresCommand(cluster, port) {
  return asClusterUser(cluster.user, cluster.binaries.postgres, [
    '-D',
    cluster.dir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    // No socket file: nothing here connects through one, and Debian's default directory may not be writable.
    '-c',
    'unix_socket_directories=',
    '-c',
    `max_connections=${maxConnections}`,
  ]);
}

/** Whether the postmaster on `port` accepts connections (not just the port: also past startup and recovery). */
async function postgresReady(cluster, port) {
  const result = await runCommand(
    cluster.binaries.pg_isready,
    ['--host', '127.0.0.1', '--port', String(port), '--username', cluster.superuser, '--dbname', 'postgres'],
    { timeoutMs: 5_000 },
  ).catch(() => ({ code: 1 }));
  return result.code === 0;
}

/** The schema tool's connection settings, by environment so the password stays out of `ps`. */
function sqlToolEnv(cluster, port, database) {
  return {
    ...process.env,
    SQL_PLUGIN: 'postgres12',
    SQL_HOST: '127.0.0.1',
    SQL_PORT: String(port),
    SQL_USER: cluster.superuser,
    SQL_PASSWORD: cluster.password,
    SQL_DATABASE: database,
  };
}

async function runSqlTool(sqlTool, env, args) {
  const result = await runCommand(sqlTool, args, { env, timeoutMs: 5 * 60_000 });
  return { ...result, output: `${result.stdout}\n${result.stderr}` };
}

/**
 * Creates Temporal's databases and brings their schemas to the release's version, with the release's own schema
 * tool: `setup-schema -v 0.0` once per database (it would reset an existing schema's recorded version, so the
 * state file remembers it ran), then `update-schema`, which applies only the versions not applied yet.
 */
async function ensureTemporalDatabases({ cluster, port, sqlTool, schemaDir, log = () => undefined }) {
  for (const database of temporalDatabases) {
    const env = sqlToolEnv(cluster, port, database.name);
    const created = await runSqlTool(sqlTool, env, ['create-database', '--defaultdb', 'postgres']);
    if (created.code !== 0 && !/already exists/.test(created.output)) {
      throw new Error(`creating database ${database.name} failed:\n${lastLines(created.output, 10)}`);
    }
    const state = readState(cluster.stateFile);
    if (!state.schemasSetUp.includes(database.name)) {
      log(`setting up the schema of ${database.name}`);
      const setup = await runSqlTool(sqlTool, env, ['setup-schema', '-v', '0.0']);
      if (setup.code !== 0) throw new Error(`setup-schema of ${database.name} failed:\n${lastLines(setup.output, 10)}`);
      writeState(cluster.stateFile, { ...state, schemasSetUp: [...state.schemasSetUp, database.name] });
    }
    const update = await runSqlTool(sqlTool, env, [
      'update-schema',
      '-d',
      path.join(schemaDir, database.schema, 'versioned'),
    ]);
    if (update.code !== 0)
      throw new Error(`update-schema of ${database.name} failed:\n${lastLines(update.output, 10)}`);
  }
}

module.exports = {
  prepareCluster,
  postgresCommand,
  postgresReady,
  ensureTemporalDatabases,
  findPostgresBinaries,
  clusterPaths,
  temporalDatabases,
  superuser,
};
