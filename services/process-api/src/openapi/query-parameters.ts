import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiQuery, type SchemaObject } from '@nestjs/swagger';
import type { z } from 'zod';
import { requestJsonSchema } from './zod-json-schema';

/** Where `@ApiZodQuery` keeps the schema it documented, for the test that compares it with the route's pipe. */
export const documentedQuerySchema = 'ordo:documented-query-schema';

type QueryNames<Schema extends z.ZodType> = keyof z.input<Schema> & string;

/** A parameter's words: its zod `.describe()`/`.meta()` description, else the one the route gives. */
export type QueryDescriptions<Schema extends z.ZodType> = Partial<Record<QueryNames<Schema>, string>>;

interface QueryParameter {
  name: string;
  required: boolean;
  description?: string;
  schema: SchemaObject;
}

/** The query parameters a zod object schema accepts: names, required flags and each one's JSON schema. */
export function zodQueryParameters<Schema extends z.ZodType>(
  schema: Schema,
  descriptions: QueryDescriptions<Schema> = {},
): QueryParameter[] {
  const jsonSchema = requestJsonSchema(schema, 'openapi-3.0') as SchemaObject;
  const required = new Set(jsonSchema.required ?? []);
  return Object.entries((jsonSchema.properties ?? {}) as Record<string, SchemaObject>).map(
    ([name, { description, ...property }]) => {
      const words = description ?? (descriptions as Record<string, string | undefined>)[name];
      return { name, required: required.has(name), ...(words ? { description: words } : {}), schema: property };
    },
  );
}

/**
 * Documents a route's query parameters from the zod schema its `ZodValidationPipe` parses them with (input side:
 * a parameter with a default is optional), so the document cannot list a parameter the API refuses or miss one it
 * takes. `descriptions` only adds words where the schema has none; its keys are checked against the schema's.
 */
export function ApiZodQuery<Schema extends z.ZodType>(
  schema: Schema,
  descriptions: QueryDescriptions<Schema> = {},
): MethodDecorator {
  return applyDecorators(
    SetMetadata(documentedQuerySchema, schema),
    ...zodQueryParameters(schema, descriptions).map(({ name, required, description, schema: parameter }) =>
      ApiQuery({ name, required, ...(description ? { description } : {}), schema: parameter }),
    ),
  );
}
