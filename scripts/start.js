#!/usr/bin/env node
// `npm start`: from a fresh clone to a running local stack (Temporal, sandbox, worker, API) in one command.
// State lives in .data/ and survives restarts: in-flight processes resume when the stack comes back.
// Supervised: a process that crashes is restarted with backoff (logged, counted in .data/stack-status.json); one
// that keeps crashing stops the stack with exit code 1.
// ORDO_TEMPORAL_BACKEND=postgres runs Temporal server 1.32.0 on a PostgreSQL cluster in .data/postgres instead of the
// CLI's dev server (the first start builds the server with Go: a few minutes, cached after).
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { portsFromEnv } = require('./lib/conventions');

const repoRoot = path.resolve(__dirname, '..');
const log = (message) => process.stderr.write(`[ordo] ${message}\n`);

function runStep(description, command, args) {
  log(description);
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) {
    log(`${description} failed (${result.error?.message ?? `exit code ${result.status}`})`);
    process.exit(1);
  }
}

/** Exactly the committed lock: the lock carries every platform's optional binaries (scripts/test/lock-file.test.js). */
function installDependencies() {
  runStep('installing dependencies (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund']);
}

/** The banner's URLs: on the PostgreSQL backend there is no Temporal UI (it comes with the CLI's dev server only). */
function bannerUrls(stack) {
  if (stack.urls.temporalUi) return stack.urls;
  return { ...stack.urls, temporalUi: `not available on the ${stack.backend} backend (the dev server has it)` };
}

async function main() {
  let ports;
  let backend;
  try {
    ports = portsFromEnv(process.env);
    // Checked before the build so a typo is reported at once (stack.js needs no build for this).
    backend = require('./lib/stack').resolveBackend(process.env.ORDO_TEMPORAL_BACKEND, {});
  } catch (error) {
    log(`invalid configuration: ${error.message}`);
    process.exit(1);
  }

  if (!fs.existsSync(path.join(repoRoot, 'node_modules'))) installDependencies();
  runStep('building (nx run-many -t build)', 'npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=stream']);

  // Required only now: the stack needs the built @ordo/workflows.
  const { startStack } = require('./lib/stack');
  const { banner } = require('./lib/banner');
  const dataDir = path.join(repoRoot, '.data');

  let stack;
  let shuttingDown = false;
  const shutdown = async (code, why) => {
    if (shuttingDown) return;
    shuttingDown = true;
    if (why) log(why);
    await stack?.stop();
    process.exit(code);
  };

  let signals = 0;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      signals += 1;
      // A second Ctrl-C does not wait: exiting kills every child (see managed-process.js).
      if (signals > 1) process.exit(130);
      void shutdown(0, `${signal}: stopping (Ctrl-C again to kill)`);
    });
  }

  try {
    stack = await startStack({ dataDir, ports, inheritOutput: true, log, supervise: true, backend });
  } catch (error) {
    log(error.message);
    log(`full logs: ${path.join(dataDir, 'logs')}`);
    process.exit(1);
  }
  if (shuttingDown) return; // a signal arrived while starting

  // The stack has already been stopped and the reason logged when a process kept failing.
  void stack.gaveUp.then(() => shutdown(1, `full logs: ${path.join(dataDir, 'logs')}`));
  if (!stack.urls.temporalUi) log(`the Temporal UI is not available on the ${stack.backend} backend`);
  process.stdout.write(banner({ urls: bannerUrls(stack), namespace: stack.namespace, dataDir, repoRoot }));
}

main().catch((error) => {
  log(error.stack ?? String(error));
  process.exit(1);
});
