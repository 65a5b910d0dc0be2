import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The stack launcher is project tooling (plain JS), shared with `npm start`, benchmarks and chaos runs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startStack } = require(resolve(__dirname, '../../../../scripts/lib/stack.js')) as {
  startStack(options: Record<string, unknown>): Promise<RunningStack>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePorts, stackPortNames } = require(resolve(__dirname, '../../../../scripts/lib/ports.js')) as {
  freePorts(names: readonly string[]): Promise<Record<string, number>>;
  stackPortNames: readonly string[];
};

export interface RunningStack {
  urls: { api: string; sandbox: string; temporalAddress: string; workerMetrics: string; apiMetrics: string };
  /** The Temporal backend it runs on: `dev` (the CLI's dev server) or `postgres` (Temporal server on PostgreSQL). */
  backend: TemporalBackend;
  stop(): Promise<void>;
}

export type TemporalBackend = 'dev' | 'postgres';

/**
 * Starts the real stack (Temporal, sandbox, worker, API) on free ports in a throw-away data folder;
 * `env` is added to every process's environment (e.g. `ORDO_API_TOKENS` for actors with distinct ids);
 * `backend` picks the Temporal backend (default: the dev server).
 */
export async function startTestStack(
  options: { env?: Record<string, string>; backend?: TemporalBackend } = {},
): Promise<RunningStack & { dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ordo-e2e-'));
  const stack = await startOnFreePorts(dataDir, options.env, options.backend ?? 'dev');
  return {
    ...stack,
    async dispose() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** How often a start is tried again when a port found free was taken before the stack bound it. */
const portRaceAttempts = 3;

/**
 * A port is free when probed, not necessarily when the stack binds it: other test files start servers at the same
 * time. A start that fails on a port taken meanwhile is tried again on other free ports; any other failure is final.
 */
async function startOnFreePorts(
  dataDir: string,
  env: Record<string, string> | undefined,
  backend: TemporalBackend,
): Promise<RunningStack> {
  for (let attempt = 1; ; attempt += 1) {
    const ports = await freePorts(stackPortNames);
    try {
      return await startStack({ dataDir, ports, backend, log: () => undefined, ...(env ? { env } : {}) });
    } catch (error) {
      if (attempt >= portRaceAttempts || !String(error).includes('address already in use')) throw error;
    }
  }
}

/** A JSON answer read loosely: the tests' assertions say what they expect of it. */
export interface Json {
  [key: string]: any;
}

/**
 * Calls the API of the stack `apiUrl()` points at as the bearer of `token` (`null`: without credentials); `path` is
 * relative to the API or a full URL. The getter lets a suite create its caller before `beforeAll` starts the stack.
 */
export function apiCaller(apiUrl: () => string) {
  return async (
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ): Promise<{ status: number; json: Json }> => {
    const response = await fetch(path.startsWith('http') ? path : `${apiUrl()}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : {} };
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
