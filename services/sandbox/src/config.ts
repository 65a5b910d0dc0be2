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
});

export interface SandboxConfig {
  port: number;
  host: string;
}

/** Reads the sandbox's settings from the environment; a bad value fails with the variable's name. */
export function loadSandboxConfig(env: NodeJS.ProcessEnv): SandboxConfig {
  const result = sandboxEnvSchema.safeParse({
    ORDO_SANDBOX_PORT: blankToUndefined(env.ORDO_SANDBOX_PORT),
    ORDO_SANDBOX_HOST: blankToUndefined(env.ORDO_SANDBOX_HOST),
  });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const variable = String(issue.path[0]);
      return `${variable} ${issue.message} (got ${JSON.stringify(env[variable])})`;
    });
    throw new Error(`Invalid sandbox configuration: ${problems.join('; ')}`);
  }
  return { port: result.data.ORDO_SANDBOX_PORT, host: result.data.ORDO_SANDBOX_HOST };
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
