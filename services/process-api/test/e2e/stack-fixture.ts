import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The stack launcher is project tooling (plain JS), shared with `npm start`, benchmarks and chaos runs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startStack } = require(resolve(__dirname, '../../../../scripts/lib/stack.js')) as {
  startStack(options: Record<string, unknown>): Promise<RunningStack>;
};

export interface RunningStack {
  urls: { api: string; sandbox: string; temporalAddress: string; workerMetrics: string; apiMetrics: string };
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts the real stack (dev server, sandbox, worker, API) on free ports in a throw-away data folder;
 * `env` is added to every process's environment (e.g. `ORDO_API_TOKENS` for actors with distinct ids).
 */
export async function startTestStack(options: { env?: Record<string, string> } = {}): Promise<RunningStack & { dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ordo-e2e-'));
  const names = ['temporal', 'temporalUi', 'temporalMetrics', 'api', 'sandbox', 'workerMetrics', 'workerHealth'] as const;
  const ports: Record<string, number> = {};
  for (const name of names) ports[name] = await freePort();
  const stack = await startStack({ dataDir, ports, log: () => undefined, ...(options.env ? { env: options.env } : {}) });
  return {
    ...stack,
    async dispose() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a value, or fails with the last observation. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  { timeoutMs = 30_000, intervalMs = 250, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
