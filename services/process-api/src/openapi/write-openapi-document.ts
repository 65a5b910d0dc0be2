// `npm run openapi -w services/process-api`: rewrites answer-schemas.json from the answer types and openapi.json from
// the routes and those schemas (after any change to either).
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { answerSchemasPath, answerSchemasText, generateAnswerSchemas } from './answer-schema-generator';
import { currentOpenApiDocumentText, openApiDocumentPath } from './openapi-document-file';

async function write(): Promise<void> {
  const answerSchemas = generateAnswerSchemas();
  writeFileSync(answerSchemasPath, answerSchemasText(answerSchemas));
  console.log(`wrote ${answerSchemasPath}`);
  writeFileSync(openApiDocumentPath, await currentOpenApiDocumentText(answerSchemas));
  console.log(`wrote ${openApiDocumentPath}`);
}

write().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
