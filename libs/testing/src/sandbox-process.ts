import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

// Located through its package, not a relative path: the sandbox is started as a process, never imported.
const sandboxRoot = path.dirname(require.resolve('@ordo/sandbox/package.json'));
const sandboxMain = path.join(sandboxRoot, 'dist/main.js');
const buildLock = path.join(tmpdir(), 'ordo-sandbox-build.lock');

/** A real sandbox process on a free port; the activities under test talk to it over HTTP only. */
export interface SandboxProcess {
  url: string;
  stop(): Promise<void>;
  /** Calls the sandbox's own admin and system routes (faults, ledger, reset). */
  call(method: string, route: string, body?: unknown, idempotencyKey?: string): Promise<any>;
  ledger(query?: string): Promise<Array<Record<string, any>>>;
}

/** `env` adds to the sandbox's environment, e.g. ORDO_SANDBOX_TOKEN. */
export async function startSandboxProcess(env: Record<string, string> = {}): Promise<SandboxProcess> {
  await buildSandboxOnce();
  const child = spawn(process.execPath, [sandboxMain], {
    env: { ...process.env, ORDO_SANDBOX_PORT: '0', ORDO_SANDBOX_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await listeningUrl(child);
  const call = async (method: string, route: string, body?: unknown, idempotencyKey?: string): Promise<any> => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const response = await fetch(`${url}${route}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.headers.get('content-type')?.includes('json')
      ? response.json()
      : Buffer.from(await response.arrayBuffer());
  };
  return {
    url,
    call,
    ledger: async (query = '') =>
      ((await call('GET', `/ledger${query}`)) as { entries: Array<Record<string, any>> }).entries,
    stop: () => stop(child),
  };
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start within 15 s:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited with ${code}:\n${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Compiles the sandbox when its sources are newer than its build; one test worker at a time. */
async function buildSandboxOnce(): Promise<void> {
  await withLock(async () => {
    if (isBuildFresh()) return;
    await promisify(execFile)(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', path.join(sandboxRoot, 'tsconfig.json')],
      { cwd: sandboxRoot },
    );
  });
}

function isBuildFresh(): boolean {
  let built: number;
  try {
    built = statSync(sandboxMain).mtimeMs;
  } catch {
    return false;
  }
  return newestSourceTime(path.join(sandboxRoot, 'src')) <= built;
}

function newestSourceTime(directory: string): number {
  return readdirSync(directory, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(directory, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : statSync(full).mtimeMs);
  }, 0);
}

/** A lock directory shared by parallel jest workers; a lock older than two minutes is a leftover. */
async function withLock(work: () => Promise<void>): Promise<void> {
  const staleAfterMs = 120_000;
  for (;;) {
    try {
      mkdirSync(buildLock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const lock = statSync(buildLock, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > staleAfterMs) rmSync(buildLock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    await work();
  } finally {
    rmSync(buildLock, { recursive: true, force: true });
  }
}
