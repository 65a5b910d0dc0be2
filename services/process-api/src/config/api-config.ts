import { randomBytes } from 'node:crypto';
import { CodecConfigError, type KeyRing, loadKeyRingFromEnv } from '@ordo/codec';
import { isLoopbackHost } from '@ordo/config';
import { z } from 'zod';
import { type AuthConfig, loadAuthConfig } from './auth-config';
import { ConfigError, type Env, firstProblem } from './config-errors';

export { devTokenOf, devTokens, identifierPattern, type AuthConfig, type JwtAuthConfig } from './auth-config';
export { ConfigError } from './config-errors';

export interface ApiConfig extends AuthConfig {
  port: number;
  host: string;
  temporal: { address: string; namespace: string };
  /** How long a read waits for a worker to answer the status query before falling back to visibility. */
  queryTimeoutMs: number;
  /** How long a task completion or cancellation waits for the workflow to accept or reject it. */
  updateTimeoutMs: number;
  /**
   * Key that signs listing page tokens. Unset, each process draws its own, so a token outlives neither a
   * restart nor a hop to another replica (the caller then starts the listing again).
   */
  pageTokenSecret: string;
  /** Payload encryption: the Temporal client's codec and the `/codec` endpoint (see README, Payload encryption). */
  codec: CodecSettings;
  /** Most POST/PUT/PATCH/DELETE requests under /v1 one actor (else one IP) may make per minute; 0 = no limit. */
  rateLimitPerMinute: number;
}

/** Default of ORDO_API_RATE_LIMIT_PER_MINUTE: far above a person's pace, and above what the test suites send. */
export const defaultRateLimitPerMinute = 3000;

export interface CodecSettings {
  /**
   * Keys of the payload codec (ORDO_CODEC_KEYS / ORDO_CODEC_KEY_FILE). Absent only outside production when neither is
   * set: the configuration loads, but the API refuses to start (CodecModule).
   */
  keyRing?: KeyRing;
  /** Browser origins allowed to call `/codec` cross-origin (the Temporal UI); every other origin gets no CORS headers. */
  corsOrigins: string[];
}

/** Default of ORDO_CODEC_CORS_ORIGIN: the local Temporal UI. */
export const defaultCodecCorsOrigin = 'http://localhost:8233';

const origin = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value) && new URL(value).origin === value, 'must list origins such as http://localhost:8233 (scheme, host, port; no path), comma-separated');

const port = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a port number')
  .min(0, 'must be a port number (0-65535)')
  .max(65535, 'must be a port number (0-65535)');
const timeoutMs = z.coerce
  .number({ error: 'must be a number of milliseconds' })
  .int('must be a whole number of milliseconds')
  .min(100, 'must be at least 100 ms')
  .max(600_000, 'must be at most 600000 ms');

const envSchema = z.object({
  ORDO_API_PORT: port.default(3000),
  ORDO_API_HOST: z.string().trim().min(1).default('127.0.0.1'),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^(\[[0-9A-Fa-f:.]+\]|[^\s:/[\]]+):\d{1,5}$/, 'must be host:port, e.g. localhost:7233')
    .default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  ORDO_API_QUERY_TIMEOUT_MS: timeoutMs.default(5000),
  ORDO_API_UPDATE_TIMEOUT_MS: timeoutMs.default(15000),
  ORDO_API_PAGE_TOKEN_SECRET: z.string().trim().min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)').optional(),
  ORDO_CODEC_CORS_ORIGIN: z
    .string()
    .default(defaultCodecCorsOrigin)
    .transform((value) => value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''))
    .pipe(z.array(origin)),
  ORDO_API_RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ error: 'must be a whole number of requests per minute (0 = no limit)' })
    .int('must be a whole number of requests per minute (0 = no limit)')
    .min(0, 'must be 0 (no limit) or more')
    // The in-memory window keeps one timestamp per counted request; beyond this, switch the limit off (0).
    .max(60_000, 'must be at most 60000 (or 0 for no limit)')
    .default(defaultRateLimitPerMinute),
});

/** Reads and validates the API's environment; throws a ConfigError naming the first bad variable. */
export function loadApiConfig(env: Env = process.env): ApiConfig {
  // An empty variable means "unset" so that `FOO= node main.js` falls back to the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) throw firstProblem(parsed.error);
  const vars = parsed.data;
  const auth = loadAuthConfig(present);
  if (auth.devTokensEnabled && !isLoopbackHost(vars.ORDO_API_HOST)) {
    // The dev tokens are public knowledge: anyone who can reach the API could act as any role.
    throw new ConfigError(
      'ORDO_AUTH_DEV_TOKENS',
      `is on while ORDO_API_HOST is ${vars.ORDO_API_HOST}, not a loopback address (127.0.0.1, ::1, localhost): ` +
        'the well-known dev tokens must not be reachable from other machines. Switch them off (ORDO_AUTH_DEV_TOKENS=off, or ' +
        'leave it unset and configure ORDO_API_TOKENS or ORDO_AUTH_JWT_ISSUER) or bind ORDO_API_HOST to a loopback address',
    );
  }
  return {
    port: vars.ORDO_API_PORT,
    host: vars.ORDO_API_HOST,
    temporal: { address: vars.TEMPORAL_ADDRESS, namespace: vars.TEMPORAL_NAMESPACE },
    ...auth,
    queryTimeoutMs: vars.ORDO_API_QUERY_TIMEOUT_MS,
    updateTimeoutMs: vars.ORDO_API_UPDATE_TIMEOUT_MS,
    pageTokenSecret: vars.ORDO_API_PAGE_TOKEN_SECRET ?? randomBytes(32).toString('hex'),
    codec: loadCodecSettings(present, vars.ORDO_CODEC_CORS_ORIGIN),
    rateLimitPerMinute: vars.ORDO_API_RATE_LIMIT_PER_MINUTE,
  };
}

function loadCodecSettings(env: Env, corsOrigins: string[]): CodecSettings {
  const keyRing = asApiConfigProblem(() => loadKeyRingFromEnv(env));
  return { ...(keyRing && { keyRing }), corsOrigins };
}

/** Runs a step of `@ordo/codec`'s configuration; a problem it finds is reported like every other of the API's. */
export function asApiConfigProblem<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw error instanceof CodecConfigError ? new ConfigError(error.variable, error.problem) : error;
  }
}
