import { z } from 'zod';

const portMessage = 'must be a port number between 0 and 65535';

const sandboxEnvSchema = z.object({
  ORDO_SANDBOX_PORT: z.coerce
    .number({ error: portMessage })
    .int({ error: portMessage })
    .min(0, { error: portMessage })
    .max(65_535, { error: portMessage })
    .default(4000),
  ORDO_SANDBOX_HOST: z.string().trim().min(1).default('127.0.0.1'),
  ORDO_SANDBOX_TOKEN: z.string().trim().min(16, { error: 'must be at least 16 characters (e.g. openssl rand -hex 16)' }).optional(),
  ORDO_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' })
    .default('info'),
});

export interface SandboxConfig {
  port: number;
  host: string;
  /** Level of the JSON logs (fastify's pino). */
  logLevel: string;
  /** When set, mutating routes need `Authorization: Bearer <token>`; unset, they answer only on a loopback host. */
  token?: string;
}

/** Reads the sandbox's settings from the environment; a bad value fails with the variable's name. */
export function loadSandboxConfig(env: NodeJS.ProcessEnv): SandboxConfig {
  const result = sandboxEnvSchema.safeParse({
    ORDO_SANDBOX_PORT: blankToUndefined(env.ORDO_SANDBOX_PORT),
    ORDO_SANDBOX_HOST: blankToUndefined(env.ORDO_SANDBOX_HOST),
    ORDO_LOG_LEVEL: blankToUndefined(env.ORDO_LOG_LEVEL)?.trim().toLowerCase(),
    ORDO_SANDBOX_TOKEN: blankToUndefined(env.ORDO_SANDBOX_TOKEN),
  });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const variable = String(issue.path[0]);
      // Never echo the token.
      const got = variable === 'ORDO_SANDBOX_TOKEN' ? '' : ` (got ${JSON.stringify(env[variable])})`;
      return `${variable} ${issue.message}${got}`;
    });
    throw new Error(`Invalid sandbox configuration: ${problems.join('; ')}`);
  }
  const { ORDO_SANDBOX_PORT: port, ORDO_SANDBOX_HOST: host, ORDO_LOG_LEVEL: logLevel, ORDO_SANDBOX_TOKEN: token } = result.data;
  return { port, host, logLevel, ...(token !== undefined && { token }) };
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
