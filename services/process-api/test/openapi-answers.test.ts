/**
 * What a generated client can rely on in the document: every route's 2xx answer has a schema (no prose-only answer),
 * every `$ref` resolves, every error answer is an ApiErrorBody, and the query parameters are exactly those the
 * route's zod query schema accepts (never a hand-typed duplicate).
 */
import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { z } from 'zod';
import { buildOpenApiDocument } from '../src/openapi/openapi';
import { createDocumentOnlyApp } from '../src/openapi/openapi-document-file';
import { documentedQuerySchema, zodQueryParameters } from '../src/openapi/query-parameters';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { enum?: unknown[] };
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

let app: NestExpressApplication;
let document: OpenAPIObject;

beforeAll(async () => {
  app = await createDocumentOnlyApp();
  document = buildOpenApiDocument(app);
});

afterAll(async () => {
  await app?.close();
});

function operations(): Array<{ route: string; operation: Operation }> {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, operation]) => ({
      route: `${method.toUpperCase()} ${path}`,
      operation,
    })),
  );
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, sub]) => (key === '$ref' ? [sub as string] : refsIn(sub)));
}

it('gives every route a 2xx answer with a schema for each of its media types', () => {
  const proseOnly: string[] = [];
  for (const { route, operation } of operations()) {
    const answers = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
    if (answers.length === 0) proseOnly.push(`${route}: no 2xx answer`);
    for (const [status, answer] of answers) {
      const media = Object.entries(answer.content ?? {});
      if (media.length === 0) proseOnly.push(`${route} ${status}: no content`);
      for (const [type, { schema }] of media) {
        if (!schema) proseOnly.push(`${route} ${status} ${type}: no schema`);
        // JSON answers name their component: the generated client types them from it.
        if (type === 'application/json' && typeof schema?.$ref !== 'string') {
          proseOnly.push(`${route} ${status}: JSON answer without a component schema`);
        }
      }
    }
  }
  expect(proseOnly).toEqual([]);
});

it('answers every error with the one ApiErrorBody schema', () => {
  const others = operations().flatMap(({ route, operation }) =>
    Object.entries(operation.responses)
      .filter(([status]) => Number(status) >= 400)
      .filter(
        ([, answer]) => answer.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ApiErrorBody',
      )
      .map(([status]) => `${route} ${status}`),
  );
  expect(others).toEqual([]);
  expect(document.components?.schemas?.ApiErrorBody).toBeDefined();
});

it('resolves every $ref to a component schema', () => {
  const schemas = document.components?.schemas ?? {};
  const dangling = [...new Set(refsIn(document))].filter(
    (ref) => !ref.startsWith('#/components/schemas/') || !(ref.slice('#/components/schemas/'.length) in schemas),
  );
  expect(dangling).toEqual([]);
});

/** Every route of the app with the zod schema its `@Query(new ZodValidationPipe(schema))` parses, if any. */
function routesWithQuerySchemas(): Array<{ route: string; handler: object; querySchema: z.ZodType | undefined }> {
  const controllers = [...app.get(ModulesContainer).values()].flatMap((module) =>
    [...module.controllers.values()].map((wrapper) => wrapper.metatype as new (...args: never[]) => object),
  );
  return controllers.flatMap((controller) => {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const prototype = controller.prototype as Record<string, object>;
    return Object.getOwnPropertyNames(prototype)
      .filter((name) => name !== 'constructor' && Reflect.hasMetadata(METHOD_METADATA, prototype[name]!))
      .map((name) => {
        const handler = prototype[name]!;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]!.toLowerCase();
        const path = `/${[base, String(Reflect.getMetadata(PATH_METADATA, handler))].join('/')}`
          .replace(/\/+/g, '/')
          .replace(/\/$/, '')
          .replace(/:(\w+)/g, '{$1}');
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
          string,
          { pipes?: Array<{ schema?: z.ZodType }> }
        >;
        const query = Object.entries(args).find(([key]) => key.startsWith(`${RouteParamtypes.QUERY}:`))?.[1];
        return { route: `${method} ${path}`, handler, querySchema: query?.pipes?.find((pipe) => pipe.schema)?.schema };
      });
  });
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

function documentedOperation(route: string): Operation | undefined {
  const [method, path] = route.split(' ') as [string, string];
  return (document.paths[path] as Record<string, Operation> | undefined)?.[method];
}

it('documents exactly the query parameters each route’s zod schema accepts, with their required flags and enums', () => {
  const routes = routesWithQuerySchemas().filter(({ route }) => documentedOperation(route));
  expect(routes.filter(({ querySchema }) => querySchema).length).toBeGreaterThanOrEqual(10);
  for (const { route, handler, querySchema } of routes) {
    const documented = (documentedOperation(route)!.parameters ?? [])
      .filter((parameter) => parameter.in === 'query')
      .map(({ name, required, schema }) => ({ route, name, required: required ?? false, enum: schema?.enum }))
      .sort(byName);
    const accepted = querySchema
      ? zodQueryParameters(querySchema)
          .map(({ name, required, schema }) => ({ route, name, required, enum: schema.enum }))
          .sort(byName)
      : [];
    // Same names once each (a hand-typed @ApiQuery beside the zod one would add or repeat one), same flags.
    expect(documented).toEqual(accepted);
    if (querySchema) expect(Reflect.getMetadata(documentedQuerySchema, handler)).toBe(querySchema);
  }
});
