import { readFileSync } from 'node:fs';
import { answerSchemasPath, answerSchemasText, generateAnswerSchemas } from '../src/openapi/answer-schema-generator';
import { currentOpenApiDocumentText, openApiDocumentPath } from '../src/openapi/openapi-document-file';

const rerun = 'run `flock /tmp/ordo-openapi.lock npm run openapi -w @ordo/process-api`';

describe('the committed OpenAPI document', () => {
  it(`holds the schemas of the answer types as they are now (after a change to them ${rerun})`, () => {
    expect(readFileSync(answerSchemasPath, 'utf8')).toBe(answerSchemasText(generateAnswerSchemas()));
  });

  it(`matches the routes (after a route change ${rerun})`, async () => {
    expect(readFileSync(openApiDocumentPath, 'utf8')).toBe(await currentOpenApiDocumentText());
  });
});
