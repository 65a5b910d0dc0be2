import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const docsPath = 'docs';

/** Serves Swagger UI at `/docs` and the OpenAPI document at `/docs-json`. */
export function setupOpenApi(app: INestApplication): void {
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
  SwaggerModule.setup(docsPath, app, document, { jsonDocumentUrl: `${docsPath}-json` });
}
