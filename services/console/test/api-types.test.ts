import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The validator openapi-typescript bundles documents with: what the generator reads is checked by its own rules.
import { createConfig, lintFromString } from '@redocly/openapi-core';

const repoRoot = join(__dirname, '..', '..', '..');
const documentPath = join(repoRoot, 'services', 'process-api', 'openapi.json');

describe('the typed API client', () => {
  it("is generated from the API's current OpenAPI document", () => {
    const check = spawnSync(process.execPath, [join(__dirname, '..', 'scripts', 'generate-api-types.mjs'), '--check'], {
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('exists once, in @ordo/client, which the Console imports', () => {
    expect(existsSync(join(repoRoot, 'libs', 'client', 'src', 'generated', 'ordo-api.ts'))).toBe(true);
    expect(existsSync(join(__dirname, '..', 'src', 'api', 'generated'))).toBe(false);
  });

  it('is generated from a valid OpenAPI 3.0 document', async () => {
    const config = await createConfig({ extends: ['spec'] });
    const problems = await lintFromString({
      source: readFileSync(documentPath, 'utf8'),
      absoluteRef: documentPath,
      config,
    });
    expect(problems.map(({ ruleId, message, location }) => `${ruleId} ${location[0]?.pointer}: ${message}`)).toEqual(
      [],
    );
  });
});
