import { logLevel, port, readEnv, text, type Env } from '@ordo/config';
import { z } from 'zod';

const sandboxEnvShape = {
  ORDO_SANDBOX_PORT: port().default(4000),
  ORDO_SANDBOX_HOST: text().default('127.0.0.1'),
  // A secret: readEnv never echoes its value.
  ORDO_SANDBOX_TOKEN: z
    .string()
    .trim()
    .min(16, { error: 'must be at least 16 characters (e.g. openssl rand -hex 16)' })
    .optional(),
  ORDO_LOG_LEVEL: logLevel(),
};

export interface SandboxConfig {
  port: number;
  host: string;
  /** Level of the JSON logs (fastify's pino). */
  logLevel: string;
  /** When set, mutating routes need `Authorization: Bearer <token>`; unset, they answer only on a loopback host. */
  token?: string;
}

/** Reads the sandbox's settings from the environment; every bad value is named in one ConfigError. */
export function loadSandboxConfig(env: Env): SandboxConfig {
  const {
    ORDO_SANDBOX_PORT: port,
    ORDO_SANDBOX_HOST: host,
    ORDO_LOG_LEVEL: logLevel,
    ORDO_SANDBOX_TOKEN: token,
  } = readEnv(sandboxEnvShape, env);
  return { port, host, logLevel, ...(token !== undefined && { token }) };
}
