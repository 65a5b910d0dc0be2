import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { KeyRing } from '@ordo/codec';
import { createApp } from '../app';
import { buildOpenApiDocument } from './openapi';

/**
 * The committed OpenAPI document (`services/process-api/openapi.json`): what clients generate their types from
 * (the Console's typed client), checked against the routes by `test/openapi-document.test.ts`.
 */
export const openApiDocumentPath = join(__dirname, '..', '..', 'openapi.json');

/** The app as far as its routes go: Temporal is never called, the payload key is thrown away. */
export function createDocumentOnlyApp(): Promise<NestExpressApplication> {
  return createApp(
    {
      temporal: { address: '127.0.0.1:1', namespace: 'default' },
      codec: { keyRing: KeyRing.fromJson(KeyRing.generateJson('openapi')), corsOrigins: [] },
    },
    // Only the routes matter here: no Temporal to reach, so nothing that would try (gauges, the mining extractor).
    {
      logger: false,
      visibilityGauges: { enabled: false },
      consoleDir: null,
      mining: { extractor: false, storePath: ':memory:' },
    },
  );
}

/**
 * The document as the committed file holds it: stable key order from the routes, two-space JSON. `answerSchemas`:
 * freshly generated ones (the writer, the drift test), else the committed answer-schemas.json.
 */
export async function currentOpenApiDocumentText(answerSchemas?: Record<string, unknown>): Promise<string> {
  const app = await createDocumentOnlyApp();
  try {
    return `${JSON.stringify(buildOpenApiDocument(app, answerSchemas), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
