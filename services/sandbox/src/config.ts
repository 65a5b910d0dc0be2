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
  ORDO_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' })
    .default('info'),
});

export interface SandboxConfig {
  port: number;
  host: string;
  /** Level of the JSON logs (fastify's pino). */
  logLevel: string;
}

/** Reads the sandbox's settings from the environment; a bad value fails with the variable's name. */
export function loadSandboxConfig(env: NodeJS.ProcessEnv): SandboxConfig {
  const result = sandboxEnvSchema.safeParse({
    ORDO_SANDBOX_PORT: blankToUndefined(env.ORDO_SANDBOX_PORT),
    ORDO_SANDBOX_HOST: blankToUndefined(env.ORDO_SANDBOX_HOST),
    ORDO_LOG_LEVEL: blankToUndefined(env.ORDO_LOG_LEVEL)?.trim().toLowerCase(),
  });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const variable = String(issue.path[0]);
      return `${variable} ${issue.message} (got ${JSON.stringify(env[variable])})`;
    });
    throw new Error(`Invalid sandbox configuration: ${problems.join('; ')}`);
  }
  return { port: result.data.ORDO_SANDBOX_PORT, host: result.data.ORDO_SANDBOX_HOST, logLevel: result.data.ORDO_LOG_LEVEL };
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
