import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { type AuthConfig, loadAuthConfig } from './auth-config';
import { type Env, firstProblem } from './config-errors';

export { devTokens, identifierPattern, type AuthConfig, type JwtAuthConfig } from './auth-config';
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
}

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
  ORDO_API_HOST: z.string().min(1).default('0.0.0.0'),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^(\[[0-9A-Fa-f:.]+\]|[^\s:/[\]]+):\d{1,5}$/, 'must be host:port, e.g. localhost:7233')
    .default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  ORDO_API_QUERY_TIMEOUT_MS: timeoutMs.default(5000),
  ORDO_API_UPDATE_TIMEOUT_MS: timeoutMs.default(15000),
  ORDO_API_PAGE_TOKEN_SECRET: z.string().trim().min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)').optional(),
});

/** Reads and validates the API's environment; throws a ConfigError naming the first bad variable. */
export function loadApiConfig(env: Env = process.env): ApiConfig {
  // An empty variable means "unset" so that `FOO= node main.js` falls back to the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) throw firstProblem(parsed.error);
  const vars = parsed.data;
  return {
    port: vars.ORDO_API_PORT,
    host: vars.ORDO_API_HOST,
    temporal: { address: vars.TEMPORAL_ADDRESS, namespace: vars.TEMPORAL_NAMESPACE },
    ...loadAuthConfig(present),
    queryTimeoutMs: vars.ORDO_API_QUERY_TIMEOUT_MS,
    updateTimeoutMs: vars.ORDO_API_UPDATE_TIMEOUT_MS,
    pageTokenSecret: vars.ORDO_API_PAGE_TOKEN_SECRET ?? randomBytes(32).toString('hex'),
  };
}
