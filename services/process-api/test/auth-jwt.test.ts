/**
 * Bearer JWTs against a real JWKS endpoint (a local HTTP server publishing a freshly generated key)
 * and the API running in-process over a real Temporal dev server.
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import { generateKeyPair, UnsecuredJWT } from 'jose';
import { loadApiConfig } from '../src/config/api-config';
import { ApiHarness, httpRequest, startApp } from './support/api-harness';
import { LocalIssuer, type PrivateKey } from './support/local-issuer';

let issuer: LocalIssuer;
let api: ApiHarness;
let otherKey: PrivateKey;

beforeAll(async () => {
  issuer = await LocalIssuer.start();
  otherKey = (await generateKeyPair('RS256')).privateKey;
  // Dev tokens are not switched on: with an issuer configured they default to off.
  const { tokens, jwt } = loadApiConfig({ ORDO_AUTH_JWT_ISSUER: issuer.url, ORDO_AUTH_JWT_AUDIENCE: 'ordo-api' });
  api = await ApiHarness.start({ tokens, jwt });
});

afterAll(async () => {
  await api?.close();
  await issuer?.close();
});

const inbox = (token: string | null, query = '') => api.request('GET', `/v1/tasks${query}`, { token });

async function expectRefused(token: string | null, message: RegExp): Promise<void> {
  const response = await inbox(token);
  expect(response.status).toBe(401);
  expect(response.body).toEqual({ error: 'unauthorized', message: expect.stringMatching(message), details: [] });
  expect(response.headers.get('www-authenticate')).toBe('Bearer');
}

describe('JWT bearer tokens', () => {
  test('a valid token authenticates its subject with the roles of its roles claim', async () => {
    const token = await issuer.sign({ sub: 'alice', roles: ['cfo', 'clerk'] });
    expect(await inbox(token)).toMatchObject({ status: 200, body: { items: [], partial: false } });
    expect((await inbox(token, '?role=cfo')).status).toBe(200);
    expect((await inbox(token, '?assignee=alice')).status).toBe(200);
    const notHers = await inbox(token, '?role=manager');
    expect(notHers.status).toBe(403);
    expect(notHers.body.message).toBe("You do not hold the role 'manager'");
    expect((await inbox(token, '?assignee=bob')).status).toBe(403);
  });

  test('an expired token is refused, saying so', async () => {
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    await expectRefused(
      await issuer.sign({ sub: 'alice', roles: ['cfo'] }, { expiresAt: hourAgo }),
      /^Token expired at 20\d\d-/,
    );
  });

  test('a wrong signature is refused, whether the key id is published or not', async () => {
    await expectRefused(
      await issuer.sign({ sub: 'alice', roles: ['cfo'] }, { key: otherKey }),
      /^Token signature is invalid$/,
    );
    await expectRefused(
      await issuer.sign({ sub: 'alice', roles: ['cfo'] }, { key: otherKey, kid: 'forged' }),
      /key the issuer does not publish/,
    );
    const genuine = await issuer.sign({ sub: 'alice', roles: ['cfo'] });
    const [header, , signature] = genuine.split('.');
    const escalated = Buffer.from(
      JSON.stringify({ sub: 'alice', roles: ['cfo', 'manager'], iss: issuer.url, aud: 'ordo-api', exp: 4e9 }),
    ).toString('base64url');
    await expectRefused(`${header}.${escalated}.${signature}`, /^Token signature is invalid$/);
  });

  test('a token of another issuer or for another audience is refused, saying which', async () => {
    const foreign = await issuer.sign({ sub: 'alice', roles: ['cfo'] }, { issuer: 'https://evil.example.com' });
    await expectRefused(
      foreign,
      /^Token issuer "https:\/\/evil\.example\.com" is not the expected "http:\/\/127\.0\.0\.1:\d+"$/,
    );
    await expectRefused(
      await issuer.sign({ sub: 'alice', roles: ['cfo'] }, { audience: 'billing-api' }),
      /^Token audience "billing-api" does not include "ordo-api"$/,
    );
  });

  test('missing, malformed and unsigned credentials are refused', async () => {
    await expectRefused(null, /^Missing bearer token/);
    // The harness only sends Bearer headers: send this one by hand.
    const byHand = await fetch(`${api.baseUrl.replace('[::1]', '127.0.0.1')}/v1/tasks`, {
      headers: { authorization: 'Basic YWxpY2U6c2VjcmV0' },
    });
    expect(byHand.status).toBe(401);
    expect(await byHand.json()).toMatchObject({
      error: 'unauthorized',
      message: 'Malformed Authorization header (expected Bearer <token>)',
    });
    await expectRefused('not-a-jwt', /^Invalid bearer token: neither a known token nor a JWT$/);
    await expectRefused('abc.def.ghi', /^Malformed token/);
    const unsigned = new UnsecuredJWT({ sub: 'alice', roles: ['cfo'] })
      .setIssuer(issuer.url)
      .setAudience('ordo-api')
      .setExpirationTime('10m')
      .encode();
    await expectRefused(unsigned, /^Token algorithm is not accepted/);
  });

  test('tokens that do not name a usable actor are refused', async () => {
    await expectRefused(await issuer.sign({ roles: ['cfo'] }), /^Token claim sub is missing$/);
    await expectRefused(
      await issuer.sign({ sub: "x' OR 1=1", roles: ['cfo'] }),
      /^Token claim sub is not a usable actor id/,
    );
    await expectRefused(await issuer.sign({ sub: 'alice' }), /^Token has no roles claim roles/);
    await expectRefused(await issuer.sign({ sub: 'alice', roles: [1, 2] }), /^Token has no roles claim roles/);
  });

  test('dev tokens are refused when switched off', async () => {
    await expectRefused('dev-cfo', /^Invalid bearer token/);
  });

  test('the issuer keys are fetched once and cached', async () => {
    const before = issuer.requests;
    for (let i = 0; i < 3; i += 1)
      expect((await inbox(await issuer.sign({ sub: 'carol', roles: ['clerk'] }))).status).toBe(200);
    expect(issuer.requests).toBe(before);
  });
});

describe('a differently configured API on the same Temporal', () => {
  let app: NestExpressApplication;
  let baseUrl: string;

  beforeAll(async () => {
    const config = loadApiConfig({
      ORDO_AUTH_JWT_ISSUER: issuer.url,
      ORDO_AUTH_ROLES_CLAIM: 'realm_access.roles',
      ORDO_AUTH_ID_CLAIM: 'preferred_username',
      ORDO_AUTH_DEV_TOKENS: 'on',
      ORDO_API_TOKENS: JSON.stringify({ 'ci-secret': { id: 'ci', roles: ['collections'] } }),
    });
    app = await startApp({ ...config, temporal: { address: api.env.address, namespace: 'default' } });
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (token: string, query = '') => httpRequest(baseUrl, 'GET', `/v1/tasks${query}`, { token });

  test('roles and the actor id come from configured, nested claims; no audience is required', async () => {
    const token = await issuer.sign({
      sub: 'f6c1',
      preferred_username: 'dora',
      realm_access: { roles: ['manager', 'offline access'] },
      roles: ['cfo'],
    });
    expect((await get(token, '?role=manager')).status).toBe(200);
    expect((await get(token, '?assignee=dora')).status).toBe(200);
    // The top-level `roles` claim is not the configured one, and a role Ordo cannot name is dropped.
    expect((await get(token, '?role=cfo')).status).toBe(403);
    const withoutNested = await get(await issuer.sign({ preferred_username: 'dora', roles: ['manager'] }));
    expect(withoutNested.status).toBe(401);
    expect(withoutNested.body.message).toBe('Token has no roles claim realm_access.roles (a list of strings)');
  });

  test('dev tokens and static tokens authenticate alongside JWTs when switched on', async () => {
    expect((await get('dev-cfo', '?role=cfo')).status).toBe(200);
    expect((await get('ci-secret', '?role=collections')).status).toBe(200);
    expect((await get('ci-secret', '?role=cfo')).status).toBe(403);
  });
});

test('an unreachable JWKS is a 503, not a 401: the caller is not at fault', async () => {
  const closed = await LocalIssuer.start();
  const token = await closed.sign({ sub: 'alice', roles: ['cfo'] });
  const jwksUrl = `${closed.url}/.well-known/jwks.json`;
  await closed.close();
  const config = loadApiConfig({
    ORDO_AUTH_JWT_ISSUER: closed.url,
    ORDO_AUTH_JWT_JWKS_URL: jwksUrl,
    ORDO_AUTH_JWT_AUDIENCE: 'ordo-api',
  });
  const app = await startApp({ ...config, temporal: { address: api.env.address, namespace: 'default' } });
  try {
    const response = await httpRequest(await app.getUrl(), 'GET', '/v1/tasks', { token });
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({
      error: 'service_unavailable',
      message: "Cannot verify tokens right now: the issuer's signing keys are unavailable",
    });
    expect(response.text).not.toContain('127.0.0.1');
  } finally {
    await app.close();
  }
});
