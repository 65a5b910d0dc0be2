import { z } from 'zod';
import { readEnv, type Env } from './env';

/**
 * Schemas of the kinds of value Ordo's variables hold, for {@link readEnv}. Each takes the variable's text
 * (`undefined` when unset) and words its problems to follow the variable's name.
 */

/** A whole number in `[min, max]`; `message` says so in the words of the variable (`must be a port number …`). */
export function wholeNumber(min: number, max: number, message = `must be a whole number between ${min} and ${max}`) {
  return z.coerce
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });
}

/** A TCP port, 0 (any free one) to 65535. */
export function port() {
  return wholeNumber(0, 65_535, 'must be a port number between 0 and 65535');
}

/** An http(s) URL with a host, trimmed; answered as written (no normalisation, a trailing slash stays). */
export function httpUrl() {
  return z
    .string()
    .trim()
    .refine((value) => {
      if (!URL.canParse(value)) return false;
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '';
    }, 'must be an http(s) URL');
}

/** Text that is not blank, trimmed. */
export function text() {
  return z.string().trim().min(1, 'must not be blank');
}

/** JSON text whose parsed content `schema` checks; `expected` describes its shape in the message for bad JSON. */
export function json<Schema extends z.ZodType>(schema: Schema, expected: string) {
  return z
    .string()
    .transform((value, context): unknown => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: `is not valid JSON (expected ${expected})` });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/** The log levels of every service (pino's, `silent` included). */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export type LogLevel = (typeof logLevels)[number];

/** `ORDO_LOG_LEVEL`'s schema: one of {@link logLevels}, case-insensitive, default `info`. */
export function logLevel() {
  return z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }))
    .default('info');
}

/** `ORDO_LOG_LEVEL`, the same for every service: a bad value is a ConfigError naming it. */
export function readLogLevel(env: Env = process.env): LogLevel {
  return readEnv({ ORDO_LOG_LEVEL: logLevel() }, env).ORDO_LOG_LEVEL;
}
