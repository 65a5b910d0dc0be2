import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const docsPath = 'docs';

/** The OpenAPI document of the app's routes, as `/docs-json` serves it. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Ordo process API')
    .setDescription(
      'Start and drive durable business processes. Every `/v1` route needs `Authorization: Bearer <token>`. ' +
        'Errors are `{error, message, details}`; `details` lists each offending field by its path.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Serves Swagger UI at `/docs` and the OpenAPI document at `/docs-json`. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(docsPath, app, buildOpenApiDocument(app), { jsonDocumentUrl: `${docsPath}-json` });
}
