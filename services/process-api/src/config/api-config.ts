import { randomBytes } from 'node:crypto';
import { type KeyRing, loadKeyRingFromEnv } from '@ordo/codec';
import { ConfigError, type Env, isLoopbackHost, port, readAll, readEnv, text, wholeNumber } from '@ordo/config';
import { z } from 'zod';
import { type AuthConfig, loadAuthConfig } from './auth-config';

export { devTokenOf, devTokens, identifierPattern, type AuthConfig, type JwtAuthConfig } from './auth-config';
export { ConfigError } from '@ordo/config';

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
  /** How the inbox's in-memory index follows visibility (docs/ARCHITECTURE.md, the inbox index). */
  inboxIndex: InboxIndexSettings;
  /** ORDO_GRAFANA_URL: where Ordo's dashboards are served; the Overview links each process to its dashboard. */
  grafanaUrl?: string;
}

export interface InboxIndexSettings {
  /** ORDO_INBOX_INDEX_POLL_MS: time between two polls for instances whose open tasks changed; bounds staleness. */
  pollIntervalMs: number;
  /**
   * ORDO_INBOX_INDEX_LOOKBACK_MS: how far before the previous poll each poll looks, so a change whose visibility
   * record landed late (or was stamped by a server clock behind the API's) is still seen.
   */
  lookbackMs: number;
  /** ORDO_INBOX_INDEX_RESYNC_MS: time between two full rebuilds, which repair anything a poll could have missed. */
  resyncIntervalMs: number;
}

export const defaultInboxIndexSettings: InboxIndexSettings = {
  pollIntervalMs: 500,
  lookbackMs: 30_000,
  resyncIntervalMs: 60_000,
};

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

function isOrigin(value: string): boolean {
  return URL.canParse(value) && new URL(value).origin === value;
}

const envShape = {
  ORDO_API_PORT: port().default(3000),
  ORDO_API_HOST: text().default('127.0.0.1'),
  TEMPORAL_ADDRESS: z
    .string()
    .trim()
    .regex(/^(\[[0-9A-Fa-f:.]+\]|[^\s:/[\]]+):\d{1,5}$/, 'must be host:port, e.g. localhost:7233')
    .default('localhost:7233'),
  TEMPORAL_NAMESPACE: text().default('default'),
  ORDO_API_QUERY_TIMEOUT_MS: wholeNumber(
    100,
    600_000,
    'must be a whole number of milliseconds between 100 and 600000',
  ).default(5000),
  ORDO_API_UPDATE_TIMEOUT_MS: wholeNumber(
    100,
    600_000,
    'must be a whole number of milliseconds between 100 and 600000',
  ).default(15000),
  ORDO_API_PAGE_TOKEN_SECRET: z
    .string()
    .trim()
    .min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)')
    .optional(),
  ORDO_CODEC_CORS_ORIGIN: z
    .string()
    .default(defaultCodecCorsOrigin)
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    )
    .refine(
      (origins) => origins.every(isOrigin),
      'must list origins such as http://localhost:8233 (scheme, host, port; no path), comma-separated',
    ),
  ORDO_GRAFANA_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://localhost:3001' })
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  // The in-memory window keeps one timestamp per counted request; beyond 60000, switch the limit off (0).
  ORDO_API_RATE_LIMIT_PER_MINUTE: wholeNumber(
    0,
    60_000,
    'must be a whole number of requests per minute from 0 (no limit) to 60000',
  ).default(defaultRateLimitPerMinute),
  ORDO_INBOX_INDEX_POLL_MS: wholeNumber(
    50,
    60_000,
    'must be a whole number of milliseconds between 50 and 60000',
  ).default(defaultInboxIndexSettings.pollIntervalMs),
  ORDO_INBOX_INDEX_LOOKBACK_MS: wholeNumber(
    0,
    600_000,
    'must be a whole number of milliseconds between 0 and 600000',
  ).default(defaultInboxIndexSettings.lookbackMs),
  ORDO_INBOX_INDEX_RESYNC_MS: wholeNumber(
    10_000,
    86_400_000,
    'must be a whole number of milliseconds between 10000 and 86400000',
  ).default(defaultInboxIndexSettings.resyncIntervalMs),
};

/**
 * Reads and validates the API's environment (a blank variable counts as unset); throws one ConfigError naming every
 * bad variable: the API's own, authentication's and the codec's.
 */
export function loadApiConfig(env: Env = process.env): ApiConfig {
  const [vars, auth, keyRing] = readAll(
    () => readEnv(envShape, env),
    () => loadAuthConfig(env),
    () => loadKeyRingFromEnv(env),
  );
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
    codec: { ...(keyRing && { keyRing }), corsOrigins: vars.ORDO_CODEC_CORS_ORIGIN },
    rateLimitPerMinute: vars.ORDO_API_RATE_LIMIT_PER_MINUTE,
    inboxIndex: {
      pollIntervalMs: vars.ORDO_INBOX_INDEX_POLL_MS,
      lookbackMs: vars.ORDO_INBOX_INDEX_LOOKBACK_MS,
      resyncIntervalMs: vars.ORDO_INBOX_INDEX_RESYNC_MS,
    },
    ...(vars.ORDO_GRAFANA_URL && { grafanaUrl: vars.ORDO_GRAFANA_URL }),
  };
}

/** Runs a step of `@ordo/codec`'s configuration; a problem it finds is reported like every other of the API's. */
export function asApiConfigProblem<T>(step: () => T): T {
  return readAll(step)[0];
}
