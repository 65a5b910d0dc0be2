/**
 * Refusals people meet in the Console, in a real browser against the real stack: the requester of a document cannot
 * approve it (four-eyes), and of two managers who both have the same task on screen the second to approve is told
 * someone else was faster (409), the first approving from a 390-px-wide phone. Three managers with ids of their own (ORDO_API_TOKENS) sign in with their tokens.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  blockingA11yViolations,
  launchChromium,
  type Person,
  screenshotDir,
  signedInWithToken,
} from '../support/browser';
import { dueBeforeToInput } from '../../src/inbox/due-before';
import { type ConsoleStack, startConsoleStack } from '../support/stack';

jest.setTimeout(240_000);

const run = Date.now().toString(36).toUpperCase();
const managers = { rita: 'tok-rita-manager', mia: 'tok-mia-manager', max: 'tok-max-manager' } as const;

let stack: ConsoleStack;
let browser: Browser;
const people: Person[] = [];

async function person(token: string, viewport?: { width: number; height: number }): Promise<Page> {
  const signedIn = await signedInWithToken(browser, stack.url, token, viewport);
  people.push(signedIn);
  return signedIn.page;
}

const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshotDir, `ordo-console-${name}.png`), fullPage: true });

async function requestDocument(businessKey: string, token: string, amount: number): Promise<void> {
  const answer = await fetch(`${stack.url}/v1/processes/document-approval/instances`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      businessKey,
      input: {
        documentType: 'purchase-order',
        title: `Monitors ${businessKey}`,
        amount,
        currency: 'EUR',
        category: 'it',
        department: 'engineering',
      },
    }),
  });
  expect(answer.status).toBe(201);
}

/** The inbox card of a document, if the inbox lists it. */
const cardOf = (page: Page, businessKey: string) => page.getByRole('article').filter({ hasText: businessKey });

beforeAll(async () => {
  stack = await startConsoleStack({
    ORDO_API_TOKENS: JSON.stringify(
      Object.fromEntries(Object.entries(managers).map(([id, token]) => [token, { id, roles: ['manager'] }])),
    ),
    // The picker's dev tokens stay too (the sign-in page offers both ways).
    ORDO_AUTH_DEV_TOKENS: 'on',
  });
  browser = await launchChromium();
}, 200_000);

afterAll(async () => {
  for (const { context } of people) await context.close();
  await browser?.close();
  await stack?.dispose();
});

describe('task refusals in the Console', () => {
  it('refuses the requester’s own approval by four-eyes, and keeps the document out of their inbox', async () => {
    const key = `DOC-OWN-${run}`;
    await requestDocument(key, managers.rita, 600);
    const rita = await person(managers.rita);
    // Mia works from her phone: the inbox and completing a task must work 390 px wide.
    const mia = await person(managers.mia, { width: 390, height: 844 });
    // Another manager sees it: it is in the managers' inboxes, only not in the requester's.
    await cardOf(mia, key).waitFor({ timeout: 60_000 });
    expect(await cardOf(rita, key).count()).toBe(0);

    await rita.goto(`${stack.url}/instances/document-approval/${key}`);
    await rita.getByRole('heading', { name: 'Open tasks' }).waitFor({ timeout: 60_000 });
    await rita.getByRole('button', { name: 'Approve' }).click();
    const alert = rita.getByRole('alert');
    await alert.waitFor();
    const said = await alert.textContent();
    expect(said).toContain('(403)');
    expect(said).toMatch(/four-eyes|requested/i);
    expect(await blockingA11yViolations(rita)).toEqual([]);
    await screenshot(rita, 'four-eyes-refusal');
  });

  it('tells the second of two managers who approve the same task that someone else was faster (409)', async () => {
    const key = `DOC-RACE-${run}`;
    await requestDocument(key, managers.rita, 700);
    const mia = people[1]!.page;
    const max = await person(managers.max);
    const miasCard = cardOf(mia, key);
    const maxsCard = cardOf(max, key);
    await Promise.all([miasCard.waitFor({ timeout: 60_000 }), maxsCard.waitFor({ timeout: 60_000 })]);

    // Nothing wider than the phone: the card's controls are reachable without scrolling the page sideways.
    expect(await mia.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await miasCard.getByLabel(/Comment/).fill('Approved from my phone');
    await miasCard.getByRole('button', { name: 'Approve' }).click();
    await mia.getByRole('status').filter({ hasText: 'Completed: approve' }).waitFor();
    await screenshot(mia, 'inbox-phone');
    // Max's page still shows the card (its next poll is up to 5 s away): his approval reaches a task already done.
    await maxsCard.getByRole('button', { name: 'Approve' }).click();
    const alert = max.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('(409)');
    expect(await alert.textContent()).toContain('Someone else acted first');
    await screenshot(max, 'conflict-409');
    await maxsCard.waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('filters the inbox by role, assignment, priority and due time', async () => {
    const key = `DOC-FILTER-${run}`;
    await requestDocument(key, managers.rita, 800);
    const max = people[2]!.page;
    const card = cardOf(max, key);
    await card.waitFor({ timeout: 60_000 });
    const filters = max.getByRole('form', { name: 'Filter tasks' });

    await filters.getByRole('combobox', { name: /^Priority/ }).selectOption('urgent');
    await card.waitFor({ state: 'detached' });
    await filters.getByRole('combobox', { name: /^Priority/ }).selectOption('');
    await card.waitFor();

    await filters.getByRole('combobox', { name: /^Tasks for/ }).selectOption('me');
    await card.waitFor({ state: 'detached' });
    await filters.getByRole('combobox', { name: /^Tasks for/ }).selectOption('manager');
    await card.waitFor();

    // Due in days (the approval level's deadline): not before an hour from now, but before a month from now.
    // What the datetime-local field shows for a moment, as the filter itself writes it.
    const local = (offsetMs: number) => dueBeforeToInput(new Date(Date.now() + offsetMs).toISOString());
    await filters.getByRole('textbox', { name: 'Due before' }).fill(local(3_600_000));
    await card.waitFor({ state: 'detached' });
    await filters.getByRole('textbox', { name: 'Due before' }).fill(local(30 * 86_400_000));
    await card.waitFor();
    expect(await blockingA11yViolations(max)).toEqual([]);
  });
});
