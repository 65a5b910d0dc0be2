import type { z } from 'zod';

/** Environment variables as `process.env` holds them. */
export type Env = Readonly<Record<string, string | undefined>>;

/** One thing wrong with the configuration: the variable to fix and what is wrong with it. */
export interface ConfigProblem {
  readonly variable: string;
  /** Worded to follow the variable's name: `must be a port number between 0 and 65535 (got "eighty")`. */
  readonly problem: string;
}

/**
 * Every problem a configuration has, in one error: `Invalid configuration: A must …; B is invalid at x: …`.
 * Each problem names its variable, so whoever starts the service can fix them all in one go.
 */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(variable: string, problem: string);
  constructor(problems: readonly ConfigProblem[]);
  constructor(first: string | readonly ConfigProblem[], problem = 'is invalid') {
    const problems = typeof first === 'string' ? [{ variable: first, problem }] : [...first];
    if (problems.length === 0) throw new TypeError('a ConfigError needs at least one problem');
    super(`Invalid configuration: ${problems.map((entry) => `${entry.variable} ${entry.problem}`).join('; ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }

  /** The first variable named (the only one when there is one problem). */
  get variable(): string {
    return this.problems[0]!.variable;
  }

  /** Every variable named, in order, each once. */
  get variables(): string[] {
    return [...new Set(this.problems.map((entry) => entry.variable))];
  }
}

/** The schema of one variable; it is given the variable's value, `undefined` when unset or blank. */
export type VariableSchema = z.ZodType;

export type EnvShape = Record<string, VariableSchema>;

export type EnvValues<Shape extends EnvShape> = { [Variable in keyof Shape]: z.output<Shape[Variable]> };

/**
 * Reads the variables `shape` names from `env`, each through its own zod schema, and answers their parsed values.
 * A blank variable counts as unset (so `FOO= node main.js` falls back to the default). Every variable is checked
 * before anything is thrown: a single {@link ConfigError} names each bad one, with the value it had unless the
 * variable holds a secret (its name mentions TOKEN, SECRET, KEY, PASSWORD or CREDENTIAL), whose paths are not shown
 * either.
 *
 * Messages of the schemas are worded to follow the variable's name (`must be …`); a message of zod's own is shown
 * as `is invalid: <message>`, and an issue inside a value (a JSON variable) as `is invalid at <path>: <message>`.
 */
export function readEnv<Shape extends EnvShape>(shape: Shape, env: Env = process.env): EnvValues<Shape> {
  const problems: ConfigProblem[] = [];
  const values: Record<string, unknown> = {};
  for (const [variable, schema] of Object.entries(shape)) {
    const raw = env[variable];
    const value = raw === undefined || raw.trim() === '' ? undefined : raw;
    const result = schema.safeParse(value);
    if (result.success) {
      values[variable] = result.data;
      continue;
    }
    const secret = secretName.test(variable);
    const worded = new Set(result.error.issues.map((issue) => wording(issue, value, secret)));
    for (const problem of worded) problems.push({ variable, problem: `${problem}${echo(variable, value)}` });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values as EnvValues<Shape>;
}

/**
 * Runs every step, even after one failed, and answers their results in order. The problems of every step that
 * fails with a {@link ConfigError}, or with another error that names its variable (`variable` and `problem`, as
 * `@ordo/codec`'s CodecConfigError does), are thrown together as one ConfigError; any other error is thrown as it is.
 */
export function readAll<Results extends readonly unknown[]>(
  ...steps: { [Index in keyof Results]: () => Results[Index] }
): Results {
  const problems: ConfigProblem[] = [];
  const results: unknown[] = [];
  for (const step of steps) {
    try {
      results.push(step());
    } catch (error) {
      const found = problemsOf(error);
      if (!found) throw error;
      problems.push(...found);
      results.push(undefined);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return results as unknown as Results;
}

function problemsOf(error: unknown): readonly ConfigProblem[] | undefined {
  if (error instanceof ConfigError) return error.problems;
  if (error instanceof Error) {
    const { variable, problem } = error as Error & Partial<ConfigProblem>;
    if (typeof variable === 'string' && typeof problem === 'string') return [{ variable, problem }];
  }
  return undefined;
}

function wording(issue: z.core.$ZodIssue, value: string | undefined, secret: boolean): string {
  // A path inside a secret's value may be the secret itself (the keys of a token map): never shown.
  if (issue.path.length > 0 && secret) return `is invalid: ${issue.message}`;
  if (issue.path.length > 0) return `is invalid at ${issue.path.map(String).join('.')}: ${issue.message}`;
  if (value === undefined && issue.code === 'invalid_type') return 'must be set';
  // Ours start in lower case, worded to follow the variable's name; zod's own start with a capital.
  return /^[a-z]/.test(issue.message) ? issue.message : `is invalid: ${issue.message}`;
}

const secretName = /TOKEN|SECRET|KEY|PASSWORD|CREDENTIAL/i;
const echoLimit = 80;

function echo(variable: string, value: string | undefined): string {
  if (value === undefined || secretName.test(variable)) return '';
  const shown = value.length > echoLimit ? `${value.slice(0, echoLimit)}…` : value;
  return ` (got ${JSON.stringify(shown)})`;
}
