import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { answerComponents, answerRef } from './answers';

export const docsPath = 'docs';

type Responses = Record<string, { description?: string; content?: unknown }>;

/**
 * Every error answer's body is an ApiErrorBody: the exception filter renders each error so, whatever threw it (a
 * guard, a pipe, terminus's 503), so the routes only say when and why, and the document gives the one shape here.
 */
function withErrorBodies(document: OpenAPIObject): OpenAPIObject {
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations as Record<string, { responses?: Responses }>)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (Number(status) >= 400) response.content = { 'application/json': { schema: answerRef('ApiErrorBody') } };
      }
    }
  }
  return document;
}

/**
 * The OpenAPI document of the app's routes, as `/docs-json` serves it. `answerSchemas`: the committed schemas of the
 * answer types unless the document writer passes those it has just generated.
 */
export function buildOpenApiDocument(app: INestApplication, answerSchemas?: Record<string, unknown>): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Ordo process API')
    .setDescription(
      'Start and drive durable business processes. Every `/v1` route needs `Authorization: Bearer <token>`. ' +
        'Errors are `{error, message, details}`; `details` lists each offending field by its path.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...answerComponents(answerSchemas) },
  };
  return withErrorBodies(document);
}

/** Serves Swagger UI at `/docs` and the OpenAPI document at `/docs-json`. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(docsPath, app, buildOpenApiDocument(app), { jsonDocumentUrl: `${docsPath}-json` });
}
