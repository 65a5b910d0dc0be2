import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`): playwright-core downloads no browser. */
export const chromiumPath = process.env.ORDO_CHROMIUM ?? '/usr/bin/chromium';

/** Where the test run leaves its screenshots. */
export const screenshotDir = process.env.ORDO_SCREENSHOT_DIR ?? '/tmp';

export function launchChromium(): Promise<Browser> {
  // --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
}

export interface Person {
  context: BrowserContext;
  page: Page;
}

const desktop = { width: 1280, height: 800 };

/** One person in a browser of their own (own sessionStorage) on the sign-in page, signed in by `signIn`. */
async function personSignedIn(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
  signIn: (page: Page) => Promise<void>,
): Promise<Person> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(url);
  await signIn(page);
  await page.getByText('Signed in as').waitFor();
  return { context, page };
}

/** Signed in with a dev token through the picker. */
export function signedIn(browser: Browser, url: string, token: string, viewport = desktop): Promise<Person> {
  return personSignedIn(browser, url, viewport, async (page) => {
    await page.getByLabel('Sign in as').selectOption(token);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  });
}

/** Signed in with a bearer token pasted into the sign-in page (tokens of ORDO_API_TOKENS, JWTs). */
export function signedInWithToken(browser: Browser, url: string, token: string, viewport = desktop): Promise<Person> {
  return personSignedIn(browser, url, viewport, async (page) => {
    await page.getByLabel('Token', { exact: true }).fill(token);
    await page.getByRole('button', { name: 'Sign in with token' }).click();
  });
}

/** axe-core's findings on the page as it is, keeping those that block people: serious and critical. */
export async function blockingA11yViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target).join(' | ')})`,
    );
}
