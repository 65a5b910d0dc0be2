/**
 * The Console in a real browser against the real stack: a clerk starts a 15,000 EUR order from the generated form;
 * the manager does not see its approval and is refused when forcing it; the CFO claims and approves it from the
 * inbox; the order's page opens its invoice PDF and, after accounts receivable records the payment, shows COMPLETED.
 * Then a process analyst opens order-to-cash on the Processes page: its approval table, the process map the mining
 * extractor built from the finished orders, bottlenecks, conformance, and a what-if that raises the CFO threshold.
 * Every page visited is checked by axe-core, and screenshots are left in ORDO_SCREENSHOT_DIR (default /tmp).
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { blockingA11yViolations, launchChromium, type Person, screenshotDir, signedIn } from '../support/browser';
import { type ConsoleStack, startConsoleStack } from '../support/stack';

jest.setTimeout(300_000);

const businessKey = `SO-CONSOLE-${Date.now().toString(36).toUpperCase()}`;
const orderPath = `/instances/order-to-cash/${businessKey}`;

let stack: ConsoleStack;
let browser: Browser;
const people: Person[] = [];

async function person(token: string, viewport?: { width: number; height: number }): Promise<Page> {
  const signedInPerson = await signedIn(browser, stack.url, token, viewport);
  people.push(signedInPerson);
  return signedInPerson.page;
}

const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshotDir, `ordo-console-${name}.png`), fullPage: true });

async function expectAccessible(page: Page): Promise<void> {
  expect(await blockingA11yViolations(page)).toEqual([]);
}

/** The inbox card of this test's order, if the inbox lists it. */
const orderCard = (page: Page) => page.getByRole('article').filter({ hasText: businessKey });

beforeAll(async () => {
  // The extractor every 10 s (its minimum) instead of every minute: the map shows the orders soon after they end.
  stack = await startConsoleStack({
    ORDO_MINING_INTERVAL: '10s',
    // The value in flight is summed by the visibility gauges: every 2 s here instead of 15.
    ORDO_VISIBILITY_GAUGE_INTERVAL_MS: '2000',
    ORDO_GRAFANA_URL: 'http://localhost:3001',
  });
  const home = await fetch(stack.url);
  if (!(await home.text()).includes('id="root"')) {
    throw new Error('The API does not serve a built Console: run `npx nx run-many -t build` first');
  }
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  for (const { context } of people) await context.close();
  await browser?.close();
  await stack?.dispose();
});

describe('an order of 15,000 through the Console', () => {
  let clerk: Page;

  it('is started by a clerk from the form generated from the input schema', async () => {
    clerk = await person('dev-clerk');
    await expectAccessible(clerk);
    await clerk.getByRole('link', { name: 'Start', exact: true }).click();
    await clerk.getByRole('link', { name: 'Start order-to-cash' }).click();
    await clerk.getByLabel('Business key').fill(businessKey);
    await clerk.locator('#input_customerId').fill('C-100');
    await clerk.locator('#input_lines_0_sku').fill('SKU-A');
    await clerk.locator('#input_lines_0_quantity').fill('3');
    await clerk.locator('#input_lines_0_unitPrice').fill('5000');
    await clerk.locator('#input_currency').fill('EUR');
    await clerk.locator('#input_paymentTermsDays').fill('30');
    await expectAccessible(clerk);
    await clerk.getByRole('button', { name: 'Start order-to-cash' }).click();
    await expect(clerk.getByRole('status').filter({ hasText: 'Started' }).textContent()).resolves.toContain(
      businessKey,
    );
    await screenshot(clerk, 'start');
  });

  it('shows the API’s 400 on the field it names', async () => {
    await clerk.getByLabel('Business key').fill(`${businessKey}-BAD`);
    await clerk.locator('#input_currency').fill('EURO');
    await clerk.getByRole('button', { name: 'Start order-to-cash' }).click();
    const alert = clerk.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('(400)');
    expect(await clerk.locator('.has-error').count()).toBeGreaterThan(0);
  });

  it('is refused with 403 when the manager forces an approval, and is not in the manager’s inbox', async () => {
    const manager = await person('dev-manager');
    await manager.goto(`${stack.url}${orderPath}`);
    // The manager reads orders; the page shows the open approval task (offered to the cfo only).
    await manager.getByRole('heading', { name: 'Open tasks' }).waitFor({ timeout: 30_000 });
    await manager.getByRole('button', { name: 'Approve' }).click();
    const alert = manager.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('(403)');
    await screenshot(manager, 'forced-approval-403');
    await manager.getByRole('link', { name: 'Inbox' }).click();
    await manager.getByRole('heading', { name: 'Inbox' }).waitFor();
    // The task exists (seen above): after a poll of the inbox it is still not listed for the manager.
    await manager.waitForTimeout(6000);
    expect(await orderCard(manager).count()).toBe(0);
  });

  it('is claimed and approved by the CFO from the inbox', async () => {
    const cfo = await person('dev-cfo');
    const card = orderCard(cfo);
    await card.waitFor({ timeout: 30_000 });
    expect(await card.textContent()).toContain('€15,000.00');
    await screenshot(cfo, 'inbox');
    await expectAccessible(cfo);
    await card.getByRole('button', { name: 'Claim' }).click();
    await card.getByText('Assigned to cfo').waitFor();
    await card.getByLabel(/Comment/).fill('Within budget, approved.');
    await card.getByRole('button', { name: 'Approve' }).click();
    await cfo.getByRole('status').filter({ hasText: 'Completed: approve' }).waitFor();
    await card.waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('shows its invoice, which opens as a PDF with the person’s token', async () => {
    await clerk.goto(`${stack.url}${orderPath}`);
    const open = clerk.getByRole('button', { name: /^Open .*\.pdf$/ });
    await open.waitFor({ timeout: 60_000 });
    const [popup, documentAnswer] = await Promise.all([
      clerk.waitForEvent('popup'),
      clerk.waitForResponse((response) => response.url().includes(`/instances/${businessKey}/documents/`)),
      open.click(),
    ]);
    expect(documentAnswer.status()).toBe(200);
    expect(documentAnswer.headers()['content-type']).toContain('application/pdf');
    // The Console opened what it fetched in a tab of its own, at a `blob:` address (also its Save link).
    const saved = await clerk.getByRole('link', { name: /^Save .*\.pdf$/ }).getAttribute('href');
    await popup.waitForURL(saved!, { timeout: 15_000 });
    // The bytes of that answer: the same URL with the same Authorization the browser sent (the page's CSP keeps
    // blob: addresses out of fetch, so they are read here).
    const again = await fetch(documentAnswer.url(), {
      headers: { authorization: documentAnswer.request().headers().authorization! },
    });
    expect(
      Buffer.from(await again.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    await popup.close();
    await expectAccessible(clerk);
    await screenshot(clerk, 'instance-invoiced');
  });

  it('is COMPLETED once accounts receivable records the payment through the event form', async () => {
    const receivables = await person('dev-accounts-receivable');
    await receivables.goto(`${stack.url}${orderPath}`);
    await receivables.getByText('Payment received', { exact: true }).click();
    await receivables.locator('#event-payment-received_amount').fill('15000');
    await receivables.locator('#event-payment-received_currency').fill('EUR');
    await receivables.locator('#event-payment-received_reference').fill('PAY-CONSOLE-1');
    await receivables.getByRole('button', { name: 'Send payment received' }).click();
    await receivables.getByRole('status').filter({ hasText: 'accepted' }).waitFor();
    await receivables.getByTestId('instance-status').getByText('COMPLETED').waitFor({ timeout: 60_000 });
    await screenshot(receivables, 'instance-completed');
  });

  it('lists the order among the instances, at phone width too', async () => {
    const phone = await person('dev-clerk', { width: 390, height: 844 });
    await phone.getByRole('link', { name: 'Instances' }).click();
    await phone.getByRole('link', { name: businessKey }).waitFor({ timeout: 30_000 });
    await expectAccessible(phone);
    await screenshot(phone, 'instances-phone');
    // Nothing wider than the phone: every control stays reachable without sideways scrolling of the page.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

describe('order-to-cash on the Processes page', () => {
  const smallOrders = [1, 2].map((index) => `${businessKey}-S${index}`);

  /** The REST API as a backend team calls it, for orders whose path through the Console is not the point here. */
  async function rest(method: string, path: string, token: string, body?: unknown) {
    const answer = await fetch(`${stack.url}/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: answer.status, json: (await answer.json()) as Record<string, unknown> };
  }

  async function untilStage(key: string, stage: string): Promise<void> {
    for (let attempt = 0; attempt < 120; attempt += 1) {
      const { json } = await rest('GET', `/processes/order-to-cash/instances/${key}`, 'dev-clerk');
      if (json.stage === stage) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`${key} did not reach ${stage}`);
  }

  it('has two small orders paid through the API beside the Console’s order', async () => {
    for (const key of smallOrders) {
      const started = await rest('POST', '/processes/order-to-cash/instances', 'dev-clerk', {
        businessKey: key,
        input: {
          customerId: 'C-200',
          lines: [{ sku: 'SKU-A', quantity: 1, unitPrice: 400 }],
          currency: 'EUR',
          paymentTermsDays: 14,
        },
      });
      expect(started.status).toBe(201);
    }
    for (const [index, key] of smallOrders.entries()) {
      await untilStage(key, 'awaiting-payment');
      const paid = await rest(
        'POST',
        `/processes/order-to-cash/instances/${key}/events/payment-received`,
        'dev-accounts-receivable',
        {
          amount: 400,
          currency: 'EUR',
          reference: `PAY-CONSOLE-S${index + 1}`,
        },
      );
      expect(paid.status).toBe(202);
    }
  });

  it('is refused to a clerk, who starts orders but does not read the process’s analyses', async () => {
    const clerk = await person('dev-clerk');
    await clerk.goto(`${stack.url}/processes/order-to-cash`);
    await clerk.getByRole('rowheader', { name: 'above-10000', exact: true }).waitFor();
    const alert = clerk.getByRole('alert').first();
    await alert.waitFor();
    expect(await alert.textContent()).toContain('(403)');
  });

  it('shows the analyst the catalog entry, the approval table and the map of the finished orders', async () => {
    const analyst = await person('dev-process-analyst');
    await analyst.getByRole('link', { name: 'Processes', exact: true }).click();
    await analyst.getByRole('heading', { name: 'order-to-cash', exact: true }).waitFor();
    await expectAccessible(analyst);
    await analyst.getByRole('link', { name: 'Map and analysis of order-to-cash' }).click();

    const rule = analyst
      .getByRole('row')
      .filter({ has: analyst.getByRole('rowheader', { name: 'above-10000', exact: true }) });
    expect(await rule.textContent()).toContain('> 10,000');
    expect(await rule.textContent()).toContain('cfo');

    // The extractor runs every 10 s and the page reads the analyses every 15 s: the three orders arrive together.
    const approvals = analyst.getByTestId('process-map').locator('[data-activity="approval"]');
    await approvals.waitFor({ timeout: 120_000 });
    // All three orders: each passed the credit check once.
    await analyst
      .getByTestId('process-map')
      .locator('[data-activity="credit-check"]')
      .getByText('3×', { exact: false })
      .waitFor({ timeout: 60_000 });
    const bottlenecks = analyst.getByTestId('bottlenecks');
    expect(await bottlenecks.getByRole('row').filter({ hasText: 'approval' }).first().textContent()).toContain('cfo');
    expect(await analyst.getByTestId('conformance').textContent()).toContain('Follows the designed flow');
    await expectAccessible(analyst);
    await screenshot(analyst, 'process-map');
  });

  it('tells the analyst what raising the CFO threshold to 20,000 would change', async () => {
    const analyst = people.at(-1)!.page;
    const candidate = analyst.getByLabel('Candidate table order-approval (JSON)');
    const table = JSON.parse(await candidate.inputValue()) as {
      rules: Array<{ id: string; when: { total: Record<string, unknown> } }>;
    };
    table.rules.find((rule) => rule.id === 'above-10000')!.when.total = { op: '>', value: 20000 };
    table.rules.find((rule) => rule.id === 'above-1000')!.when.total = {
      op: 'range',
      min: 1000,
      minInclusive: false,
      max: 20000,
      maxInclusive: true,
    };
    await candidate.fill(JSON.stringify(table, null, 2));
    await analyst.getByRole('button', { name: 'Run what-if' }).click();
    const result = analyst.getByTestId('what-if-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('1 would route differently');
    await result.getByRole('link', { name: businessKey, exact: true }).waitFor();
    expect(await result.getByRole('listitem').filter({ hasText: businessKey }).textContent()).toContain(
      'cfo → manager',
    );
    await expectAccessible(analyst);
    await screenshot(analyst, 'what-if');
  });

  it('shows the owner team the Overview: completed today, an order waiting with its value, the Grafana link', async () => {
    const waiting = `${businessKey}-W`;
    const started = await rest('POST', '/processes/order-to-cash/instances', 'dev-clerk', {
      businessKey: waiting,
      input: {
        customerId: 'C-100',
        lines: [{ sku: 'SKU-A', quantity: 2, unitPrice: 6000 }],
        currency: 'EUR',
        paymentTermsDays: 30,
      },
    });
    expect(started.status).toBe(201);
    await untilStage(waiting, 'approval');

    const owner = await person('dev-finance-operations');
    await owner.getByRole('link', { name: 'Overview', exact: true }).click();
    const row = owner.getByTestId('overview').locator('tr[data-process="order-to-cash"]');
    await row.locator('[data-figure="completed-today"]').getByText('3', { exact: true }).waitFor({ timeout: 30_000 });
    await row.locator('[data-figure="in-flight"]').getByText('1', { exact: true }).waitFor({ timeout: 30_000 });
    await row.locator('[data-figure="value-in-flight"]').getByText('€12,000.00').waitFor({ timeout: 30_000 });
    expect(await row.getByRole('link', { name: /Grafana/ }).getAttribute('href')).toBe(
      'http://localhost:3001/d/ordo-order-to-cash',
    );
    // The owner team oversees its processes only: finance-operations owns order-to-cash and document approval.
    const processes = await owner
      .getByTestId('overview')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((element) => element.getAttribute('data-process')));
    expect(processes.sort()).toEqual(['document-approval', 'order-to-cash']);
    await expectAccessible(owner);
    await screenshot(owner, 'overview');
  });
});
