import type { Actor } from '@ordo/workflows';
import { z } from 'zod';

/** Actor ids and roles end up inside visibility queries: keep them to characters that need no escaping. */
export const identifierPattern = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;

export interface ApiConfig {
  port: number;
  host: string;
  temporal: { address: string; namespace: string };
  /** Bearer token → the actor it authenticates. */
  tokens: ReadonlyMap<string, Actor>;
  /** How long a read waits for a worker to answer the status query before falling back to visibility. */
  queryTimeoutMs: number;
  /** How long a task completion or cancellation waits for the workflow to accept or reject it. */
  updateTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

const devRoles = ['clerk', 'manager', 'cfo', 'credit-controller', 'collections'] as const;

/** `dev-<role>` authenticates as the actor `<role>` holding only that role; serves the local stack. */
export function devTokens(): Map<string, Actor> {
  return new Map(devRoles.map((role) => [`dev-${role}`, { id: role, roles: [role] }]));
}

const identifier = z.string().regex(identifierPattern, 'must be 1-128 letters, digits or . _ @ -');
const tokensSchema = z
  .record(z.string().min(1, 'a token must not be empty'), z.object({ id: identifier, roles: z.array(identifier).min(1) }).strict())
  .refine((tokens) => Object.keys(tokens).length > 0, 'must define at least one token');

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
  ORDO_API_TOKENS: z.string().optional(),
  ORDO_API_QUERY_TIMEOUT_MS: timeoutMs.default(5000),
  ORDO_API_UPDATE_TIMEOUT_MS: timeoutMs.default(15000),
});

type Env = Record<string, string | undefined>;

function firstProblem(error: z.ZodError, variablePrefix?: string): ConfigError {
  const issue = error.issues[0]!;
  const variable = variablePrefix ?? String(issue.path[0] ?? 'environment');
  const where = variablePrefix && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return new ConfigError(variable, `is invalid${where}: ${issue.message}`);
}

function parseTokens(raw: string | undefined): Map<string, Actor> {
  if (raw === undefined || raw.trim() === '') return devTokens();
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigError('ORDO_API_TOKENS', 'is not valid JSON (expected {"<token>": {"id": "...", "roles": ["..."]}})');
  }
  const parsed = tokensSchema.safeParse(json);
  if (!parsed.success) throw firstProblem(parsed.error, 'ORDO_API_TOKENS');
  return new Map(Object.entries(parsed.data));
}

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
    tokens: parseTokens(vars.ORDO_API_TOKENS),
    queryTimeoutMs: vars.ORDO_API_QUERY_TIMEOUT_MS,
    updateTimeoutMs: vars.ORDO_API_UPDATE_TIMEOUT_MS,
  };
}
