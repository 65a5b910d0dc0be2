import type { z } from 'zod';
import { type ErrorDetail, RequestValidationError } from '../errors/api-error';

type PathSegment = PropertyKey;

function joinPath(segments: readonly PathSegment[]): string {
  return segments.map((segment) => String(segment)).join('.');
}

/** Flattens zod issues into field-level details; an unknown key is reported at its own path. */
export function issuesToDetails(error: z.ZodError, prefix: readonly PathSegment[] = []): ErrorDetail[] {
  return error.issues.flatMap((issue): ErrorDetail[] => {
    const at = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: joinPath([...at, key]), message: 'is not an allowed field' }));
    }
    return [{ path: at.length > 0 ? joinPath(at) : '(body)', message: issue.message }];
  });
}

/**
 * The API's single validation mechanism: parse `value` with a zod schema or throw a 400
 * listing every bad field. `prefix` places the value inside the request (e.g. `['input']`).
 */
export function parseWith<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  prefix: readonly PathSegment[] = [],
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) throw new RequestValidationError(issuesToDetails(result.error, prefix));
  return result.data;
}
