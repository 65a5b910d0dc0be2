/**
 * Safe defaults of the API: the per-actor limit on changes, security headers (Swagger UI included) and health
 * answers that tell strangers nothing but statuses. A real Temporal dev server, no worker.
 */
import { workflowIdFor } from '@ordo/workflows';
import { WorkflowNotFoundError } from '@temporalio/client';
import { isRateLimited } from '../src/throttling/actor-rate-limit.guard';
import { ApiHarness, httpRequest, startApp } from './support/api-harness';

const process = 'order-to-cash';
const instances = `/v1/processes/${process}/instances`;
const validInput = {
  customerId: 'C-100',
  lines: [{ sku: 'SKU-1', quantity: 1, unitPrice: 10 }],
  currency: 'EUR',
  paymentTermsDays: 30,
};
const limit = 4;
const alice = 'token-alice';
const bob = 'token-bob';

let api: ApiHarness;

beforeAll(async () => {
  api = await ApiHarness.start({
    rateLimitPerMinute: limit,
    tokens: new Map([
      [alice, { id: 'alice', roles: ['clerk'] }],
      [bob, { id: 'bob', roles: ['clerk'] }],
    ]),
  });
});

afterAll(async () => {
  await api?.close();
});

const start = (token: string, businessKey: string) =>
  api.request('POST', instances, { token, body: { businessKey, input: validInput } });

describe('rate limit on changes, per actor', () => {
  it('answers 429 with Retry-After past the limit, starting nothing; other actors and reads are unaffected', async () => {
    for (let index = 1; index <= limit; index += 1) {
      const started = await start(alice, `RL-A-${index}`);
      expect({ index, status: started.status }).toEqual({ index, status: 201 });
      expect(started.headers.get('x-ratelimit-limit')).toBe(String(limit));
    }

    const refusedKeys = ['RL-A-REFUSED-1', 'RL-A-REFUSED-2'];
    for (const businessKey of refusedKeys) {
      const refused = await start(alice, businessKey);
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
      expect(refused.body).toEqual({
        error: 'too_many_requests',
        message: expect.stringMatching(
          new RegExp(`at most ${limit} changes per minute per caller; retry after \\d+ s`),
        ),
        details: [],
      });
    }
    // Any change counts against the same budget, whichever route it goes to.
    const cancel = await api.request('POST', `${instances}/RL-A-1/cancel`, { token: alice, body: { reason: 'no' } });
    expect(cancel.status).toBe(429);

    for (const businessKey of refusedKeys) {
      await expect(
        api.client.workflow.getHandle(workflowIdFor(process, businessKey)).describe(),
      ).rejects.toBeInstanceOf(WorkflowNotFoundError);
    }

    expect((await start(bob, 'RL-B-1')).status).toBe(201);
    for (let index = 0; index < limit * 3; index += 1) {
      expect((await api.request('GET', '/v1/processes', { token: alice })).status).toBe(200);
    }
    expect((await api.request('GET', `${instances}/RL-A-1`, { token: alice })).status).toBe(200);
    // Without a valid token the request never reaches the limit: authentication answers first.
    expect((await api.request('POST', instances, { token: null, body: {} })).status).toBe(401);
  });

  it('applies to POST, PUT, PATCH and DELETE under /v1 only', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) {
      expect(isRateLimited(method, '/v1/processes/order-to-cash/instances')).toBe(true);
      expect(isRateLimited(method, '/v1/tasks?x=1')).toBe(true);
    }
    for (const [method, url] of [
      ['GET', '/v1/processes'],
      ['HEAD', '/v1/tasks'],
      ['OPTIONS', '/v1/tasks'],
      ['POST', '/health'],
      ['POST', '/v10/x'],
      ['POST', '/docs'],
    ] as const) {
      expect({ method, url, limited: isRateLimited(method, url) }).toEqual({ method, url, limited: false });
    }
  });

  it('is off at 0', async () => {
    const app = await startApp({ rateLimitPerMinute: 0, temporal: { address: api.env.address, namespace: 'default' } });
    try {
      const url = await app.getUrl();
      for (let index = 0; index < 6; index += 1) {
        const answer = await httpRequest(url, 'POST', `${instances}/RL-OFF/cancel`, { token: 'dev-clerk', body: {} });
        expect(answer.status).not.toBe(429);
        expect(answer.headers.get('x-ratelimit-limit')).toBeNull();
      }
    } finally {
      await app.close();
    }
  });
});

describe('security headers', () => {
  it('come with every API answer: nosniff, HSTS, and a CSP that allows nothing', async () => {
    for (const [path, token] of [
      ['/v1/processes', alice],
      ['/v1/processes', null],
      ['/health', null],
      ['/v1/nowhere', null],
    ] as const) {
      const answer = await api.request('GET', path, { token });
      expect({ path, nosniff: answer.headers.get('x-content-type-options') }).toEqual({ path, nosniff: 'nosniff' });
      expect(answer.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('give every other path (the Console and its client-side routes) a policy that runs only its own scripts', async () => {
    const answer = await api.request('GET', '/nowhere', { token: null });
    const policy = answer.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-eval');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('leave Swagger UI working: its page loads only scripts of its own origin, served with their types', async () => {
    const page = await api.request('GET', '/docs', { token: null });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);

    // No inline script (the CSP would block it): every <script> has a src on this origin.
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    const sources = scripts.map(([, attributes, body]) => {
      expect(body?.trim()).toBe('');
      const src = /src=["']([^"']+)["']/.exec(attributes ?? '')?.[1];
      expect(src).toBeDefined();
      expect(src).not.toMatch(/^[a-z]+:\/\//i);
      return src!;
    });
    const styles = [...page.text.matchAll(/<link[^>]*rel=["']stylesheet["'][^>]*>/g)].map(
      (match) => /href=["']([^"']+)["']/.exec(match[0])?.[1],
    );
    for (const asset of [...sources, ...styles]) {
      // Relative to the page, /docs.
      const url = new URL(asset!, `${api.baseUrl}/docs`).pathname;
      const answer = await api.request('GET', url, { token: null });
      expect({ url, status: answer.status }).toEqual({ url, status: 200 });
      // nosniff makes browsers refuse a script or stylesheet served with another type.
      expect(answer.headers.get('content-type')).toMatch(url.endsWith('.css') ? /text\/css/ : /javascript/);
    }
    // The specification the UI shows is in the init script.
    const init = await api.request('GET', '/docs/swagger-ui-init.js', { token: null });
    expect(init.text).toContain('"openapi"');
  });
});

describe('health', () => {
  it('tells an unauthenticated caller statuses only, and an authenticated one what the checks saw', async () => {
    for (const path of ['/health', '/health/ready']) {
      const anonymous = await api.request('GET', path, { token: null });
      expect(anonymous.status).toBe(200);
      expect(anonymous.body).toEqual({
        status: 'ok',
        info: { temporal: { status: 'up' } },
        error: {},
        details: { temporal: { status: 'up' } },
      });
      expect(anonymous.text).not.toMatch(/version|address|namespace|127\.0\.0\.1|localhost/i);

      const wrongToken = await api.request('GET', path, { token: 'not-a-token' });
      expect(wrongToken.status).toBe(200);
      expect(wrongToken.body).toEqual(anonymous.body);

      const authenticated = await api.request('GET', path, { token: alice });
      expect(authenticated.body.info.temporal).toEqual({
        status: 'up',
        address: api.env.address,
        namespace: 'default',
        serverVersion: expect.any(String),
      });
    }
    const live = await api.request('GET', '/health/live', { token: null });
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
  });

  it('names what is down without its error message unless the caller is authenticated', async () => {
    const app = await startApp({ temporal: { address: '127.0.0.1:1', namespace: 'default' } });
    try {
      const url = await app.getUrl();
      const anonymous = await httpRequest(url, 'GET', '/health/ready', { token: null });
      expect(anonymous.status).toBe(503);
      expect(anonymous.body).toEqual({
        error: 'unhealthy',
        message: 'Unhealthy: temporal down',
        details: [{ path: 'temporal', message: 'down' }],
      });
      const authenticated = await httpRequest(url, 'GET', '/health/ready', { token: 'dev-clerk' });
      expect(authenticated.status).toBe(503);
      expect(authenticated.body.details[0].message).not.toBe('down');
    } finally {
      await app.close();
    }
  });
});
