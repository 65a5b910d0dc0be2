// `npm run openapi -w services/process-api`: rewrites openapi.json from the routes (after any change to them).
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { currentOpenApiDocumentText, openApiDocumentPath } from './openapi-document-file';

currentOpenApiDocumentText()
  .then((text) => {
    writeFileSync(openApiDocumentPath, text);
    console.log(`wrote ${openApiDocumentPath}`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
