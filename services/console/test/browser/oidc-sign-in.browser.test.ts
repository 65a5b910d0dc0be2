/**
 * OIDC sign-in in the Console, in a real browser against a real OpenID Connect provider (panva's oidc-provider with its
 * development login page) and the real stack: authorization code with PKCE, back through /oidc/callback, the access
 * token (a JWT for the API's audience carrying the person's roles) accepted by the API, nothing of it in
 * localStorage, and sign-out back to the sign-in page.
 */
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { blockingA11yViolations, launchChromium } from '../support/browser';
import { issuerAt, issuerPort, startOidcProvider, type TestOidcProvider } from '../support/oidc-provider';
import { type ConsoleStack, startConsoleStack } from '../support/stack';

jest.setTimeout(240_000);

const run = Date.now().toString(36).toUpperCase();
const clientId = 'ordo-console';
/** The API's resource indicator, and so the access tokens' audience. */
const apiResource = 'https://ordo.test/api';
/** A manager's login at the provider; the provider gives the name its roles. */
const managerLogin = 'mona.manager';
/** Requests documents through the API with a static token, so the manager has a task to see. */
const requesterToken = 'tok-rita-requester';

let provider: TestOidcProvider;
let stack: ConsoleStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
/** The access token the Console signed in with. */
let bearer = '';

beforeAll(async () => {
  const port = await issuerPort();
  const issuer = issuerAt(port);
  stack = await startConsoleStack({
    ORDO_AUTH_JWT_ISSUER: issuer,
    ORDO_AUTH_JWT_JWKS_URL: `${issuer}/jwks`,
    ORDO_AUTH_JWT_AUDIENCE: apiResource,
    ORDO_CONSOLE_OIDC_CLIENT_ID: clientId,
    ORDO_CONSOLE_OIDC_RESOURCE: apiResource,
    ORDO_API_TOKENS: JSON.stringify({ [requesterToken]: { id: 'rita', roles: ['manager'] } }),
  });
  provider = await startOidcProvider({
    port,
    clientId,
    redirectUris: [`${stack.url}/oidc/callback`],
    resource: apiResource,
    rolesByLogin: { [managerLogin]: ['manager'] },
  });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  // What goes wrong on the Console's own pages (a Content-Security-Policy refusing the issuer, a script error); the
  // provider's development pages load a web font, unreachable offline, and are not the Console's concern.
  page.on('console', (message) => {
    if (message.type() === 'error' && message.location().url.startsWith(stack.url)) consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
}, 200_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await provider?.stop();
  await stack?.dispose();
});

async function requestDocument(businessKey: string): Promise<void> {
  const answer = await fetch(`${stack.url}/v1/processes/document-approval/instances`, {
    method: 'POST',
    headers: { authorization: `Bearer ${requesterToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      businessKey,
      input: {
        documentType: 'purchase-order',
        title: `Keyboards ${businessKey}`,
        amount: 650,
        currency: 'EUR',
        category: 'it',
        department: 'engineering',
      },
    }),
  });
  expect(answer.status).toBe(201);
}

/** The claims of a compact JWT, unverified: the API has verified it already, the test only reads what it says. */
function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The sign-in page's button to the issuer, named by the issuer's host. */
const oidcButton = (on: Page = page) =>
  on.getByRole('button', { name: `Sign in with ${new URL(provider.issuer).host}` });

const storageOf = (kind: 'localStorage' | 'sessionStorage') =>
  page.evaluate((name) => JSON.stringify({ ...window[name] }), kind);

describe('OIDC sign-in', () => {
  it('signs a person in at the issuer with authorization code and PKCE, as who the token says with its roles', async () => {
    const key = `DOC-OIDC-${run}`;
    await requestDocument(key);

    const options = await (await fetch(`${stack.url}/v1/sign-in-options`)).json();
    expect(options).toEqual({
      devTokens: [],
      oidc: { issuer: provider.issuer, clientId, scope: 'openid profile', resource: apiResource },
    });

    await page.goto(stack.url);
    const signInButton = oidcButton();
    await signInButton.waitFor();
    expect(await blockingA11yViolations(page)).toEqual([]);

    const authorizationRequest = page.waitForRequest((request) => request.url().startsWith(`${provider.issuer}/auth`));
    await signInButton.click();
    const authorization = new URL((await authorizationRequest).url()).searchParams;
    expect(authorization.get('response_type')).toBe('code');
    expect(authorization.get('client_id')).toBe(clientId);
    expect(authorization.get('redirect_uri')).toBe(`${stack.url}/oidc/callback`);
    expect(authorization.get('code_challenge_method')).toBe('S256');
    expect(authorization.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorization.get('resource')).toBe(apiResource);

    // The provider's development pages: any login name and password, then consent.
    await page.getByPlaceholder('Enter any login').fill(managerLogin);
    await page.getByPlaceholder('and password').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    const inboxAnswer = page.waitForResponse((response) => new URL(response.url()).pathname === '/v1/tasks');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByText('Signed in as').waitFor();
    expect(await page.getByRole('banner').textContent()).toContain(`Signed in as ${managerLogin} (manager)`);
    expect(new URL(page.url()).pathname).toBe('/');

    // The inbox is read with the access token: a JWT of the issuer for the API, with the roles the API mapped.
    const tasks = await inboxAnswer;
    expect(tasks.status()).toBe(200);
    bearer = bearerOf(tasks.request());
    expect(claimsOf(bearer)).toMatchObject({
      iss: provider.issuer,
      aud: apiResource,
      sub: managerLogin,
      client_id: clientId,
      roles: ['manager'],
    });
    await page.getByRole('article').filter({ hasText: key }).waitFor({ timeout: 30_000 });

    // Nothing of the sign-in in localStorage; the tab's sessionStorage holds the token (as any sign-in's) and no
    // leftover round-trip state or PKCE verifier.
    const local = await storageOf('localStorage');
    expect(local).not.toContain(bearer);
    expect(local).not.toContain('oidc');
    const session = await storageOf('sessionStorage');
    expect(Object.keys(JSON.parse(session) as object).filter((name) => name.includes('oidc'))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('signs out back to the sign-in page, and forgets the token', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Ordo Console' }).waitFor();
    await oidcButton().waitFor();
    expect(bearer).not.toBe('');
    expect(await storageOf('sessionStorage')).not.toContain(bearer);
    expect(await storageOf('localStorage')).not.toContain(bearer);
    // A reload stays signed out.
    await page.reload();
    await oidcButton().waitFor();
    expect(await page.getByText('Signed in as').count()).toBe(0);

    // The issuer still knows the person (its own session, and the consent given): signing in again asks nothing.
    await oidcButton().click();
    await page.getByText(`Signed in as ${managerLogin}`).waitFor();
    expect(consoleErrors).toEqual([]);
  });

  it('says why when the person cancels at the issuer, and leads back to the sign-in page', async () => {
    const elsewhere = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const other = await elsewhere.newPage();
      await other.goto(stack.url);
      await oidcButton(other).click();
      await other.getByRole('link', { name: '[ Cancel ]' }).click();
      const alert = other.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/Sign-in failed.*End-User aborted interaction/);
      expect(await blockingA11yViolations(other)).toEqual([]);
      await other.getByRole('button', { name: 'Back to sign-in' }).click();
      await oidcButton(other).waitFor();
      expect(new URL(other.url()).pathname).toBe('/');
    } finally {
      await elsewhere.close();
    }
  });
});

function bearerOf(request: Request): string {
  const authorization = request.headers()['authorization'] ?? '';
  expect(authorization).toMatch(/^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  return authorization.slice('Bearer '.length);
}
