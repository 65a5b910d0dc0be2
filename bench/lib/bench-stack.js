// The local stack as the benchmarks and the chaos run use it: free ports, a throw-away data folder, quiet logs,
// and (for the throughput baseline) a second worker with do-nothing activities.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startStack } = require('../../scripts/lib/stack');
const { spawnManaged } = require('../../scripts/lib/managed-process');
const { freePort, freePorts, stackPortNames } = require('../../scripts/lib/ports');
const { ensureTemporalCli } = require('../../scripts/lib/temporal-binaries');
const { runCommand } = require('../../scripts/lib/run');
const { sleep } = require('./stats');

async function temporalVersion(cli) {
  const { stdout } = await runCommand(cli, ['--version'], { timeoutMs: 20_000 }).catch(() => ({ stdout: 'unknown' }));
  return stdout.trim();
}

/**
 * Starts the stack in a fresh folder under the system temp dir. Request logs are off (`ORDO_LOG_LEVEL=warn`):
 * at thousands of requests per second they would measure the log pipe, not the service.
 */
async function startBenchStack({ services, env = {}, log, name = 'bench', sqlitePragmas, replicas } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ordo-${name}-`));
  const temporalCli = await ensureTemporalCli({ log });
  const launch = async () =>
    startStack({
      dataDir,
      ports: await freePorts(stackPortNames),
      // The bench drives thousands of starts and payments with one token: the API's per-actor limit would measure itself.
      env: { ORDO_LOG_LEVEL: 'warn', ORDO_API_RATE_LIMIT_PER_MINUTE: '0', ...env },
      log,
      temporalCli,
      ...(services ? { services } : {}),
      // Stopping thousands of in-flight workflows politely can take long; the data is thrown away anyway.
      stopTimeoutMs: 10_000,
      ...(sqlitePragmas ? { sqlitePragmas } : {}),
      ...(replicas ? { replicas } : {}),
    });
  let stack;
  for (let attempt = 1; !stack; attempt += 1) {
    try {
      stack = await launch();
    } catch (error) {
      // A free port can be taken by another process between the check and the listen (shared machines, parallel
      // test runs): a fresh set of ports is the cure.
      if (attempt >= 3 || !/EADDRINUSE/.test(error.message)) throw error;
      log(`a port was taken meanwhile (${error.process ?? 'unknown process'}); starting again on other ports`);
    }
  }
  const extra = [];
  return {
    ...stack,
    temporalCli,
    /** Starts the baseline worker (do-nothing activities) and resolves once it polls. */
    async startBaselineWorker() {
      const managed = spawnManaged({
        name: 'baseline-worker',
        command: process.execPath,
        args: [path.join(__dirname, 'baseline-worker.js')],
        env: { ...stack.env, ORDO_BENCH_BASELINE_METRICS: `127.0.0.1:${await freePort()}` },
        cwd: path.resolve(__dirname, '..'),
        logFile: path.join(dataDir, 'logs', 'baseline-worker.log'),
      });
      extra.push(managed);
      const deadline = Date.now() + 120_000;
      while (!managed.outputTail(50).includes('baseline worker polling')) {
        if (!managed.running || Date.now() > deadline) {
          throw new Error(`baseline worker did not start. Last output:\n${managed.outputTail(30)}`);
        }
        await sleep(200);
      }
      return managed;
    },
    async dispose({ keepData = false } = {}) {
      for (const managed of extra) await managed.stop({ timeoutMs: 10_000 });
      await stack.stop();
      if (!keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

module.exports = { startBenchStack, temporalVersion };
