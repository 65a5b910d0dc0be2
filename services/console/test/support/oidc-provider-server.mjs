// A real OpenID Connect provider for the Console's browser tests: panva's oidc-provider with its development login and
// consent pages (any login name, any password). Its own Node process, because oidc-provider is an ES module, which
// jest's CommonJS test runtime cannot load. Started by oidc-provider.ts with its settings as JSON in
// ORDO_TEST_OIDC_SETTINGS; prints one line {"issuer": ...} once it listens.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Provider, { errors } from 'oidc-provider';

/** @type {{port: number, clientId: string, redirectUris: string[], resource: string, rolesByLogin: Record<string, string[]>}} */
const settings = JSON.parse(process.env.ORDO_TEST_OIDC_SETTINGS ?? '{}');
const issuer = `http://127.0.0.1:${settings.port}`;

/** The roles of a login name; the API reads them from the access token's `roles` claim (ORDO_AUTH_ROLES_CLAIM). */
const rolesOf = (accountId) => settings.rolesByLogin[accountId] ?? [];

// A signing key of this run only: no development key of the package, whose private half is public.
const signingKey = {
  ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
  kid: 'ordo-test',
  alg: 'RS256',
  use: 'sig',
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: settings.clientId,
      // A public client (a single-page app keeps no secret): PKCE instead, which oidc-provider requires of such clients.
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: settings.redirectUris,
    },
  ],
  pkce: { required: () => true },
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  claims: { openid: ['sub'], profile: ['name', 'roles'] },
  async findAccount(_ctx, accountId) {
    return {
      accountId,
      async claims() {
        return { sub: accountId, name: accountId, roles: rolesOf(accountId) };
      },
    };
  },
  // The access token carries the roles too: the API authorises from the token alone.
  async extraTokenClaims(_ctx, token) {
    return token.kind === 'AccessToken' ? { roles: rolesOf(token.accountId) } : undefined;
  },
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // The code was granted for the API (the Console's `resource`): its access token is for the API too.
      useGrantedResource: () => true,
      getResourceServerInfo(_ctx, resourceIndicator) {
        if (resourceIndicator !== settings.resource) throw new errors.InvalidTarget();
        // A JWT for the API's audience (ORDO_AUTH_JWT_AUDIENCE), verifiable with the published keys.
        return {
          scope: 'ordo',
          audience: resourceIndicator,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 15 * 60,
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
});

const server = createServer(provider.callback());
server.listen(settings.port, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
