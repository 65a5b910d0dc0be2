import type { JsonSchema } from '@ordo/api-views';
import { z } from 'zod';

export type { JsonSchema } from '@ordo/api-views';

/**
 * JSON Schema of what a client sends (`io: 'input'`: fields with defaults are optional).
 * `openapi-3.0` for the OpenAPI document, draft 2020-12 for the catalog.
 */
export function requestJsonSchema(
  schema: z.ZodType,
  target: 'openapi-3.0' | 'draft-2020-12' = 'draft-2020-12',
): JsonSchema {
  const jsonSchema = z.toJSONSchema(schema, { io: 'input', target, unrepresentable: 'any' }) as JsonSchema;
  if (target === 'openapi-3.0') {
    // OpenAPI 3.0 schema objects have no `$schema` keyword.
    delete jsonSchema.$schema;
  }
  return jsonSchema;
}
