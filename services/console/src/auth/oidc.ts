import type { UserManager } from 'oidc-client-ts';
import { type SignInOptions, signInOptions } from '../api/ordo-api';

/** What the API says about its issuer and the Console's client there (ORDO_AUTH_JWT_ISSUER, ORDO_CONSOLE_OIDC_*). */
export type OidcSignIn = NonNullable<SignInOptions['oidc']>;

/** Where the issuer sends people back: a route of the Console (App), registered as the client's redirect URI. */
export const oidcCallbackPath = '/oidc/callback';

/** Keys of the sign-in's round-trip state in sessionStorage. */
const stateKeyPrefix = 'ordo.oidc.';

/** oidc-client-ts is loaded when an OIDC sign-in starts or returns: the first page stays lean for everyone else. */
async function userManagerFor(oidc: OidcSignIn): Promise<UserManager> {
  const { InMemoryWebStorage, UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  return new UserManager({
    authority: oidc.issuer,
    client_id: oidc.clientId,
    redirect_uri: `${window.location.origin}${oidcCallbackPath}`,
    // Authorization code with PKCE: oidc-client-ts sends the S256 challenge and keeps the verifier in the state store.
    response_type: 'code',
    scope: oidc.scope,
    ...(oidc.resource !== undefined && { resource: oidc.resource }),
    // The state and PKCE verifier must outlive the page's trip to the issuer: this tab's sessionStorage (never
    // localStorage, which every later visit and every tab reads); removed once the callback has used them.
    stateStore: new WebStorageStateStore({ store: window.sessionStorage, prefix: stateKeyPrefix }),
    // The tokens stay in memory: the access token goes on to signIn, which keeps it for the tab like any other token.
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    // The API's /v1/me says who the person is and which roles they hold: no userinfo call.
    loadUserInfo: false,
    // No refresh tokens and no hidden iframe: when the access token expires, the person signs in again.
    automaticSilentRenew: false,
  });
}

/** Sends the browser to the issuer's sign-in page; it comes back to {@link oidcCallbackPath}. */
export async function startOidcSignIn(oidc: OidcSignIn): Promise<void> {
  await (await userManagerFor(oidc)).signinRedirect();
}

let completion: { url: string; accessToken: Promise<string> } | undefined;

/**
 * The access token of the sign-in the issuer just sent the browser back from (the code in the address, exchanged with
 * the PKCE verifier). Asked once per address: the callback page may be rendered twice (React's strict mode), while a
 * code can be exchanged only once.
 */
export function completeOidcSignIn(url = window.location.href): Promise<string> {
  if (completion?.url !== url) completion = { url, accessToken: exchangeCode(url) };
  return completion.accessToken;
}

async function exchangeCode(url: string): Promise<string> {
  const { oidc } = await signInOptions();
  if (!oidc) throw new Error('This API no longer offers OIDC sign-in: sign in another way.');
  const user = await (await userManagerFor(oidc)).signinRedirectCallback(url);
  return user.access_token;
}

/** Forgets any sign-in still under way (its state and PKCE verifier): at sign-out. */
export function forgetOidcSignIn(): void {
  completion = undefined;
  try {
    const keys = Array.from({ length: window.sessionStorage.length }, (_, index) => window.sessionStorage.key(index));
    for (const key of keys) if (key?.startsWith(stateKeyPrefix)) window.sessionStorage.removeItem(key);
  } catch {
    // Storage disabled: nothing was kept.
  }
}
