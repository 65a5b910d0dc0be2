import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('the typed API client', () => {
  it("is generated from the API's current OpenAPI document", () => {
    const check = spawnSync(process.execPath, [join(__dirname, '..', 'scripts', 'generate-api-types.mjs'), '--check'], {
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
