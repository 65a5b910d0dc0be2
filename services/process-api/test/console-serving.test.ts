/** The API serves the Console's build at `/`, leaves its own routes alone, and says so when there is no build. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { httpRequest, startApp } from './support/api-harness';

const unreachableTemporal = { temporal: { address: '127.0.0.1:1', namespace: 'default' } };

describe('the Console at /', () => {
  let consoleDir: string;
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    consoleDir = mkdtempSync(join(tmpdir(), 'ordo-console-build-'));
    mkdirSync(join(consoleDir, 'assets'));
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(consoleDir, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await startApp(unreachableTemporal, { consoleDir });
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
    rmSync(consoleDir, { recursive: true, force: true });
  });

  it('answers its page at / and at every client-side route, never cached, with a policy allowing only this origin', async () => {
    for (const path of ['/', '/instances/order-to-cash/SO-1', '/start']) {
      const page = await httpRequest(url, 'GET', path, { token: null });
      expect(page.status).toBe(200);
      expect(page.text).toContain('id="root"');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
  });

  it('serves its hashed assets for good', async () => {
    const asset = await httpRequest(url, 'GET', '/assets/index-abc123.js', { token: null });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await httpRequest(url, 'GET', '/assets/missing.js', { token: null })).status).toBe(404);
  });

  it('leaves /v1, /health and /docs to the API', async () => {
    const tasks = await httpRequest(url, 'GET', '/v1/tasks', { token: null });
    expect(tasks.status).toBe(401);
    expect(tasks.body).toMatchObject({ error: 'unauthorized' });
    expect((await httpRequest(url, 'GET', '/health/live', { token: null })).status).toBe(200);
    expect((await httpRequest(url, 'GET', '/docs-json', { token: null })).body).toHaveProperty('openapi');
  });

  it('tells the sign-in page which dev tokens exist, and who a token is', async () => {
    const options = await httpRequest(url, 'GET', '/v1/sign-in-options', { token: null });
    expect(options.status).toBe(200);
    expect(options.body.devTokens).toContainEqual({ token: 'dev-cfo', id: 'cfo', roles: ['cfo'] });
    expect(options.body.oidc).toBeNull();
    const me = await httpRequest(url, 'GET', '/v1/me', { token: 'dev-manager' });
    expect(me.body).toEqual({ id: 'manager', roles: ['manager'] });
    expect((await httpRequest(url, 'GET', '/v1/me', { token: null })).status).toBe(401);
  });
});

describe('without a Console build', () => {
  it('still starts, and / says how to build it', async () => {
    const app = await startApp(unreachableTemporal, { consoleDir: null });
    try {
      const home = await httpRequest(await app.getUrl(), 'GET', '/', { token: null });
      expect(home.status).toBe(404);
      expect(home.text).toContain('The Ordo Console is not built');
      expect((await httpRequest(await app.getUrl(), 'GET', '/health/live', { token: null })).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('with static tokens only', () => {
  it('lists no token on the sign-in page', async () => {
    const app = await startApp(
      {
        ...unreachableTemporal,
        tokens: new Map([['s3cret', { id: 'ops', roles: ['clerk'] }]]),
        devTokensEnabled: false,
      },
      { consoleDir: null },
    );
    try {
      const options = await httpRequest(await app.getUrl(), 'GET', '/v1/sign-in-options', { token: null });
      expect(options.body).toEqual({ devTokens: [], oidc: null });
    } finally {
      await app.close();
    }
  });
});
