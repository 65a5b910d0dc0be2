import type { ErrorSchema } from '@rjsf/utils';
import type { ApiErrorDetail } from '../api/api-error';

export interface PlacedErrors {
  /** For rjsf's `extraErrors`: each message under the field it names. */
  errorSchema: ErrorSchema;
  /** Messages naming no field of this form (or the body as a whole): shown above it. */
  unplaced: ApiErrorDetail[];
}

/**
 * Places the API's 400 details (`input.lines.0.quantity: must be …`) on the fields of a generated form whose data
 * sits under `prefix` in the request body (`input` for a start, nothing for an event).
 */
export function placeApiErrors(details: readonly ApiErrorDetail[], prefix?: string): PlacedErrors {
  const errorSchema: ErrorSchema = {};
  const unplaced: ApiErrorDetail[] = [];
  for (const detail of details) {
    const path = detail.path?.split('.') ?? [];
    if (prefix !== undefined) {
      if (path[0] !== prefix) {
        unplaced.push(detail);
        continue;
      }
      path.shift();
    }
    if (path.length === 0 || path[0] === '(body)') {
      unplaced.push(detail);
      continue;
    }
    let node = errorSchema as Record<string, unknown>;
    for (const segment of path) {
      node[segment] ??= {};
      node = node[segment] as Record<string, unknown>;
    }
    node.__errors = [...((node.__errors as string[] | undefined) ?? []), detail.message];
  }
  return { errorSchema, unplaced };
}
