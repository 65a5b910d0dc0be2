import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The one stack launcher (plain JS project tooling shared with `npm start` and the API's end-to-end tests).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startStack } = require(resolve(__dirname, '../../../../scripts/lib/stack.js')) as {
  startStack(options: Record<string, unknown>): Promise<{ urls: { api: string }; stop(): Promise<void> }>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePorts, stackPortNames } = require(resolve(__dirname, '../../../../scripts/lib/ports.js')) as {
  freePorts(names: readonly string[]): Promise<Record<string, number>>;
  stackPortNames: readonly string[];
};

export interface ConsoleStack {
  /** Where the API serves the Console (and /v1). */
  url: string;
  dispose(): Promise<void>;
}

/**
 * The real stack (Temporal dev server, sandbox, worker, API from their builds) on free ports in a throw-away data
 * folder, with `env` added to every service's environment. A port found free may be taken before the stack binds it (other suites start servers too): tried again.
 */
export async function startConsoleStack(env: Record<string, string> = {}): Promise<ConsoleStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ordo-console-e2e-'));
  for (let attempt = 1; ; attempt += 1) {
    try {
      const ports = await freePorts(stackPortNames);
      const stack = await startStack({ dataDir, ports, env, log: () => undefined });
      return {
        url: stack.urls.api,
        async dispose() {
          await stack.stop();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('address already in use')) {
        rmSync(dataDir, { recursive: true, force: true });
        throw error;
      }
    }
  }
}
