import { loadApiConfig } from '../src/config/api-config';
import { configProblemWith } from './support/config-problem';

const issuer = 'https://login.example.com/realms/ordo';
const staticTokens = JSON.stringify({ 'ci-token': { id: 'ci', roles: ['clerk'] } });

describe('auth configuration', () => {
  test('the embedded stack: dev tokens on, no JWT', () => {
    const config = loadApiConfig({});
    expect(config.jwt).toBeUndefined();
    expect([...config.tokens.keys()]).toEqual([
      'dev-clerk',
      'dev-manager',
      'dev-cfo',
      'dev-credit-controller',
      'dev-collections',
      'dev-director',
      'dev-legal',
      'dev-hr',
      'dev-it',
      'dev-facilities',
      'dev-support-l1',
      'dev-support-l2',
      'dev-accounts-receivable',
      'dev-accounts-payable',
      'dev-payment-provider',
      'dev-warehouse',
      'dev-support-intake',
      'dev-process-analyst',
      'dev-auditor',
      'dev-finance-operations',
      'dev-people-operations',
      'dev-procurement',
      'dev-customer-support',
      'dev-process-admin',
    ]);
  });

  test('an issuer switches dev tokens off by default; the JWKS URL defaults to <issuer>/.well-known/jwks.json', () => {
    const config = loadApiConfig({ ORDO_AUTH_JWT_ISSUER: issuer });
    expect(config.tokens.size).toBe(0);
    expect(config.jwt).toEqual({
      issuer,
      jwksUrl: `${issuer}/.well-known/jwks.json`,
      rolesClaim: 'roles',
      idClaim: 'sub',
    });
    expect(loadApiConfig({ ORDO_AUTH_JWT_ISSUER: 'https://tenant.example.com/' }).jwt?.jwksUrl).toBe(
      'https://tenant.example.com/.well-known/jwks.json',
    );
  });

  test('every JWT setting is read', () => {
    const config = loadApiConfig({
      ORDO_AUTH_JWT_ISSUER: issuer,
      ORDO_AUTH_JWT_JWKS_URL: `${issuer}/protocol/openid-connect/certs`,
      ORDO_AUTH_JWT_AUDIENCE: 'ordo-api, ordo-admin',
      ORDO_AUTH_ROLES_CLAIM: 'realm_access.roles',
      ORDO_AUTH_ID_CLAIM: 'preferred_username',
      ORDO_AUTH_DEV_TOKENS: 'on',
      ORDO_API_TOKENS: staticTokens,
    });
    expect(config.jwt).toEqual({
      issuer,
      jwksUrl: `${issuer}/protocol/openid-connect/certs`,
      audience: ['ordo-api', 'ordo-admin'],
      rolesClaim: 'realm_access.roles',
      idClaim: 'preferred_username',
    });
    expect(config.tokens.get('dev-cfo')).toEqual({ id: 'cfo', roles: ['cfo'] });
    expect(config.tokens.get('ci-token')).toEqual({ id: 'ci', roles: ['clerk'] });
  });

  test('static tokens replace the dev tokens unless these are switched on', () => {
    expect([...loadApiConfig({ ORDO_API_TOKENS: staticTokens }).tokens.keys()]).toEqual(['ci-token']);
    expect(loadApiConfig({ ORDO_API_TOKENS: staticTokens, ORDO_AUTH_DEV_TOKENS: 'on' }).tokens.size).toBe(25);
    expect([...loadApiConfig({ ORDO_AUTH_JWT_ISSUER: issuer, ORDO_API_TOKENS: staticTokens }).tokens.keys()]).toEqual([
      'ci-token',
    ]);
  });

  test('bad settings are named', () => {
    expect(configProblemWith({ ORDO_AUTH_JWT_ISSUER: 'login.example.com' })).toMatch(
      /^Invalid configuration: ORDO_AUTH_JWT_ISSUER .*http\(s\) URL/,
    );
    expect(configProblemWith({ ORDO_AUTH_JWT_ISSUER: issuer, ORDO_AUTH_JWT_JWKS_URL: 'ftp://keys' })).toMatch(
      /ORDO_AUTH_JWT_JWKS_URL .*http\(s\) URL/,
    );
    expect(configProblemWith({ ORDO_AUTH_DEV_TOKENS: 'yes' })).toMatch(/ORDO_AUTH_DEV_TOKENS .*must be on or off/);
    expect(configProblemWith({ ORDO_AUTH_JWT_AUDIENCE: 'ordo-api' })).toBe(
      'Invalid configuration: ORDO_AUTH_JWT_AUDIENCE needs ORDO_AUTH_JWT_ISSUER to be set as well',
    );
    expect(configProblemWith({ ORDO_AUTH_JWT_JWKS_URL: 'https://keys.example.com' })).toContain(
      'ORDO_AUTH_JWT_JWKS_URL needs ORDO_AUTH_JWT_ISSUER',
    );
    expect(configProblemWith({ ORDO_AUTH_JWT_ISSUER: issuer, ORDO_AUTH_JWT_AUDIENCE: ' , ' })).toContain(
      'ORDO_AUTH_JWT_AUDIENCE lists no audience',
    );
    expect(configProblemWith({ ORDO_AUTH_ROLES_CLAIM: 'realm_access..roles' })).toMatch(
      /ORDO_AUTH_ROLES_CLAIM .*dotted path/,
    );
    expect(configProblemWith({ ORDO_AUTH_DEV_TOKENS: 'off' })).toMatch(
      /ORDO_AUTH_DEV_TOKENS is off, but neither ORDO_AUTH_JWT_ISSUER nor ORDO_API_TOKENS is set/,
    );
  });

  describe('the Console’s OIDC client', () => {
    test('is off without a client id', () => {
      expect(loadApiConfig({ ORDO_AUTH_JWT_ISSUER: issuer }).consoleOidc).toBeUndefined();
    });

    test('asks for openid profile by default; scope and resource are read', () => {
      expect(
        loadApiConfig({ ORDO_AUTH_JWT_ISSUER: issuer, ORDO_CONSOLE_OIDC_CLIENT_ID: 'ordo-console' }).consoleOidc,
      ).toEqual({ clientId: 'ordo-console', scope: 'openid profile' });
      const config = loadApiConfig({
        ORDO_AUTH_JWT_ISSUER: issuer,
        ORDO_CONSOLE_OIDC_CLIENT_ID: 'ordo-console',
        ORDO_CONSOLE_OIDC_SCOPE: '  openid   email\tordo ',
        ORDO_CONSOLE_OIDC_RESOURCE: 'https://ordo.example.com/api',
      });
      expect(config.consoleOidc).toEqual({
        clientId: 'ordo-console',
        scope: 'openid email ordo',
        resource: 'https://ordo.example.com/api',
      });
    });

    test('bad settings are named', () => {
      expect(configProblemWith({ ORDO_CONSOLE_OIDC_CLIENT_ID: 'ordo-console', ORDO_API_TOKENS: staticTokens })).toBe(
        'Invalid configuration: ORDO_CONSOLE_OIDC_CLIENT_ID needs ORDO_AUTH_JWT_ISSUER to be set as well',
      );
      expect(
        configProblemWith({ ORDO_AUTH_JWT_ISSUER: issuer, ORDO_CONSOLE_OIDC_RESOURCE: 'https://ordo.example.com/api' }),
      ).toBe('Invalid configuration: ORDO_CONSOLE_OIDC_RESOURCE needs ORDO_CONSOLE_OIDC_CLIENT_ID to be set as well');
      const message = configProblemWith({
        ORDO_AUTH_JWT_ISSUER: issuer,
        ORDO_CONSOLE_OIDC_CLIENT_ID: 'ordo-console',
        ORDO_CONSOLE_OIDC_SCOPE: 'profile email',
        ORDO_CONSOLE_OIDC_RESOURCE: 'ordo-api',
      });
      expect(message).toMatch(/ORDO_CONSOLE_OIDC_SCOPE must include openid/);
      expect(message).toMatch(/ORDO_CONSOLE_OIDC_RESOURCE must be an absolute URI/);
      expect(
        configProblemWith({
          ORDO_AUTH_JWT_ISSUER: issuer,
          ORDO_CONSOLE_OIDC_CLIENT_ID: 'ordo-console',
          ORDO_CONSOLE_OIDC_SCOPE: 'openid "profile"',
        }),
      ).toMatch(/ORDO_CONSOLE_OIDC_SCOPE must be scopes separated by spaces/);
    });
  });
});
