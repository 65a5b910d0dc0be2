import { ApiBody, type SchemaObject } from '@nestjs/swagger';
import { type ProcessDefinition, processCatalog } from '@ordo/workflows';
import type { z } from 'zod';
import { requestJsonSchema } from './zod-json-schema';

function openApiSchema(schema: z.ZodType): SchemaObject {
  return requestJsonSchema(schema, 'openapi-3.0') as SchemaObject;
}

/** Documents a request body with the zod schema that validates it. */
export const ApiZodBody = (schema: z.ZodType, description?: string) =>
  ApiBody({ schema: openApiSchema(schema), required: true, ...(description ? { description } : {}) });

function oneOfCatalog(
  pick: (definition: ProcessDefinition) => Array<{ title: string; schema: z.ZodType }>,
): SchemaObject {
  const variants = [...processCatalog.values()]
    .flatMap(pick)
    .map(({ title, schema }) => ({ ...openApiSchema(schema), title }));
  return variants.length === 1 ? variants[0]! : { oneOf: variants };
}

/** The start body: `input` is whatever the named process's input schema accepts. */
export const ApiStartInstanceBody = (envelope: z.ZodType) => {
  const schema = openApiSchema(envelope);
  const properties = (schema.properties ?? {}) as Record<string, SchemaObject>;
  properties.input = oneOfCatalog((definition) => [
    { title: `${definition.name} input`, schema: definition.inputSchema },
  ]);
  return ApiBody({
    schema: { ...schema, properties },
    required: true,
    description: "The `input` schema depends on `{process}`; see `GET /v1/processes` for each process's schema.",
  });
};

/** An event body: the schema of the event named in the path, per process. */
export const ApiEventBody = () =>
  ApiBody({
    schema: oneOfCatalog((definition) =>
      Object.entries(definition.events).map(([name, event]) => ({
        title: `${definition.name} ${name}`,
        schema: event.schema,
      })),
    ),
    required: true,
    description: 'Validated by the schema of the event named in the path.',
  });
