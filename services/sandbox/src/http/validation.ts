import type { z } from 'zod';
import { Rejection } from './answers';

/** Parses a request part with a zod schema; a failure becomes a 400 naming the offending field. */
export function parseRequestPart<S extends z.ZodType>(
  schema: S,
  value: unknown,
  part: 'body' | 'params' | 'query',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : `(${part})`;
  throw new Rejection(400, { error: 'invalid_request', field, message: issue?.message ?? 'invalid request' });
}
