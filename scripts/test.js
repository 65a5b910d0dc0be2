#!/usr/bin/env node
// `npm test`: build everything, run every workspace's jest suite and the scripts' own tests, and end with one
// plain line `N passed, N failed` summed over all of them. Exits non-zero on any failure.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ensureTemporalCli, ensureTestServer } = require('./lib/temporal-binaries');
const { ensureTemporalServer } = require('./lib/temporal-server');

const repoRoot = path.resolve(__dirname, '..');
const log = (message) => process.stderr.write(`[ordo] ${message}\n`);

function run(command, args, env) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env });
  return result.status ?? 1;
}

/** Workspace folders whose package.json has a `test` script: each must report results. */
function workspacesWithTests() {
  const { workspaces = [] } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  return workspaces
    .map((workspace) => path.join(repoRoot, workspace))
    .filter((dir) => {
      const manifest = path.join(dir, 'package.json');
      return fs.existsSync(manifest) && Boolean(JSON.parse(fs.readFileSync(manifest, 'utf8')).scripts?.test);
    });
}

/** Sums the per-run totals the jest reporter (scripts/jest-results-reporter.js) left in `dir`. */
function readTotals(dir) {
  const runs = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  const totals = { passed: 0, failed: 0, runs };
  for (const result of runs) {
    totals.passed += result.passed;
    totals.failed += result.failed + result.suitesFailedToRun;
  }
  return totals;
}

async function main() {
  const buildFailed = run('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=stream']) !== 0;
  // Tests read TypeScript sources, so most still run and tell more than the build error alone.
  if (buildFailed) log('the build failed (counted as 1 failure); running the tests anyway');
  // The import table and the formatting are rules like any test: a violation fails the run (docs/ARCHITECTURE.md §2).
  const lintFailed = run('npx', ['eslint', '.']) !== 0;
  const formatFailed = run('npx', ['prettier', '--check', '**/*.{ts,tsx,js,mjs,cjs}']) !== 0;
  if (lintFailed) log('eslint found problems (counted as 1 failure); `npx eslint .` lists them');
  if (formatFailed) log('files are not formatted (counted as 1 failure); `npm run format` fixes them');

  // Obtained once here so every jest run finds them in the environment instead of resolving them again.
  const env = { ...process.env };
  env.ORDO_TEMPORAL_CLI ||= await ensureTemporalCli({ log });
  env.ORDO_TEST_SERVER ||= await ensureTestServer({ log });
  // The PostgreSQL backend's tests need the real server (built with Go once, cached). Without it they fail with
  // this same message, while every other test still runs.
  if (!env.ORDO_TEMPORAL_SERVER) {
    try {
      env.ORDO_TEMPORAL_SERVER = (await ensureTemporalServer({ log })).dir;
    } catch (error) {
      log(`${error.message}\nthe tests on the PostgreSQL backend will fail`);
    }
  }
  const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordo-test-results-'));
  env.ORDO_JEST_RESULTS_DIR = resultsDir;

  const exitCodes = [
    run('npx', ['nx', 'run-many', '-t', 'test', '--parallel=1', '--outputStyle=stream', '--skip-nx-cache'], env),
    run('npx', ['jest', '-c', 'scripts/jest.config.js'], env),
  ];

  const totals = readTotals(resultsDir);
  fs.rmSync(resultsDir, { recursive: true, force: true });
  let { failed } = totals;
  const reported = new Set(totals.runs.map((result) => path.resolve(result.rootDir)));
  const silent = [...workspacesWithTests(), path.join(repoRoot, 'scripts')].filter((dir) => !reported.has(dir));
  // No results: no tests found, a crash before reporting, or skipped by nx after a failed build.
  failed += silent.length;
  if (exitCodes.some((code) => code !== 0) && failed === 0) {
    // A run that crashed, found no tests or failed its setup reports no failed test, yet it failed.
    log('a test run failed without reporting a failed test (setup error, no tests found, crash): counted as 1 failure');
    failed = 1;
  }
  if (buildFailed) failed += 1;
  if (lintFailed) failed += 1;
  if (formatFailed) failed += 1;
  // Worded unlike the final line on purpose: only that one is the summary.
  process.stdout.write('\nper project:\n');
  for (const result of totals.runs) {
    const project = path.relative(repoRoot, result.rootDir) || '.';
    process.stdout.write(
      `  ${project.padEnd(24)} passed ${result.passed}, failed ${result.failed + result.suitesFailedToRun}\n`,
    );
  }
  for (const dir of silent) {
    process.stdout.write(
      `  ${path.relative(repoRoot, dir).padEnd(24)} no results (no tests found, crashed, or not run): 1 failure\n`,
    );
  }
  process.stdout.write(
    `  ${'lint'.padEnd(24)} eslint ${lintFailed ? 'failed' : 'passed'}, prettier ${formatFailed ? 'failed' : 'passed'}\n`,
  );
  process.stdout.write(`${totals.passed} passed, ${failed} failed\n`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((error) => {
  log(error.stack ?? String(error));
  process.exit(1);
});
