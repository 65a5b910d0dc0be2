import type { z } from 'zod';

/** Environment variables; empty ones are removed before parsing so that they fall back to defaults. */
export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/** A ConfigError for the first issue; `variablePrefix` names the variable when the schema parsed its content. */
export function firstProblem(error: z.ZodError, variablePrefix?: string): ConfigError {
  const issue = error.issues[0]!;
  const variable = variablePrefix ?? String(issue.path[0] ?? 'environment');
  const where = variablePrefix && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return new ConfigError(variable, `is invalid${where}: ${issue.message}`);
}
