import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { prometheus } from './prometheus-binaries';

// The stack's process supervisor (plain JS, shared with `npm start`): process groups, stop with a deadline,
// and an orphan reaper should the test runner die.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { spawnManaged } = require(resolve(__dirname, '../../../../scripts/lib/managed-process.js')) as {
  spawnManaged(options: {
    name: string;
    command: string;
    args: string[];
    env: NodeJS.ProcessEnv;
    cwd: string;
    logFile: string;
  }): ManagedProcess;
};

interface ManagedProcess {
  readonly running: boolean;
  outputTail(lines?: number): string;
  stop(options?: { timeoutMs?: number }): Promise<unknown>;
}

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/** Starts the real `prometheus` binary on `port` with `config`, its storage in `dir`; resolves once it is ready. */
export async function startPrometheus({
  config,
  dir,
  port,
}: {
  config: string;
  dir: string;
  port: number;
}): Promise<RunningPrometheus> {
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, config);
  const managed = spawnManaged({
    name: 'prometheus',
    command: prometheus,
    args: [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    env: process.env,
    cwd: dir,
    logFile: join(dir, 'prometheus.log'),
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (!managed.running) throw new Error(`prometheus exited before it was ready:\n${managed.outputTail()}`);
    const ready = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { url, stop: async () => void (await managed.stop({ timeoutMs: 10_000 })) };
    await sleep(200);
  }
  await managed.stop();
  throw new Error(`prometheus not ready within 30 s:\n${managed.outputTail()}`);
}
