import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require(resolve(__dirname, '../../../../scripts/lib/ports.js')) as {
  freePort(): Promise<number>;
};

export interface OidcProviderSettings {
  /** From {@link issuerPort}: the issuer's URL goes into the stack's environment before the provider starts. */
  port: number;
  clientId: string;
  /** The Console's callback, e.g. `http://localhost:3000/oidc/callback`. */
  redirectUris: string[];
  /** The API's resource indicator: the access tokens' audience. */
  resource: string;
  /** Roles by login name (the development login page takes any name); a name not listed has none. */
  rolesByLogin: Record<string, string[]>;
}

export interface TestOidcProvider {
  issuer: string;
  /** Where oidc-provider publishes its keys (not the `/.well-known/jwks.json` the API assumes by default). */
  jwksUrl: string;
  stop(): Promise<void>;
}

/** A free port for the issuer, chosen before the stack starts: the issuer's URL is part of the API's configuration. */
export function issuerPort(): Promise<number> {
  return freePort();
}

/** The issuer's URL on `port`, as the provider will answer it in `iss`. */
export function issuerAt(port: number): string {
  return `http://127.0.0.1:${port}`;
}

const startTimeoutMs = 20_000;

/**
 * Starts a real OIDC provider (oidc-provider-server.mjs, in a process of its own) with one public client using PKCE,
 * and resolves once it listens.
 */
export async function startOidcProvider(settings: OidcProviderSettings): Promise<TestOidcProvider> {
  const child = spawn(process.execPath, [resolve(__dirname, 'oidc-provider-server.mjs')], {
    env: { ...process.env, ORDO_TEST_OIDC_SETTINGS: JSON.stringify(settings) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const issuer = await new Promise<string>((resolveIssuer, reject) => {
    const timer = setTimeout(() => fail(`did not listen within ${startTimeoutMs} ms`), startTimeoutMs);
    function fail(why: string) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`OIDC provider ${why}: ${stderr.join('').trim()}`));
    }
    child.once('exit', (code) => fail(`exited with ${code}`));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolveIssuer((JSON.parse(line) as { issuer: string }).issuer);
    });
  });
  return { issuer, jwksUrl: `${issuer}/jwks`, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    child.once('exit', () => resolveStop());
    child.kill('SIGTERM');
  });
}
