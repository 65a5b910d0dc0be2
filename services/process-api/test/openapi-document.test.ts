import { readFileSync } from 'node:fs';
import { currentOpenApiDocumentText, openApiDocumentPath } from '../src/openapi/openapi-document-file';

describe('the committed OpenAPI document', () => {
  it('matches the routes (after a route change run `npm run openapi -w services/process-api`)', async () => {
    expect(readFileSync(openApiDocumentPath, 'utf8')).toBe(await currentOpenApiDocumentText());
  });
});
