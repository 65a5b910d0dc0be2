// The Console's inbox as a person sees it: with thousands of open tasks, the time from navigating to the Console's
// home page until its first 20 task cards are on screen, in Debian's Chromium through playwright-core, signed in
// with the manager's dev token. The baseline in the same run is the one API call the page makes for them,
// `GET /v1/tasks` from Node, so the ratio says what the browser adds (bundle, rendering) on top of the answer. Also
// the size of what the first page loads: the entry script and what it imports statically, gzipped.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { summarize, ratio } = require('../stats');

const cardsShown = 20;
const chromiumPath = process.env.ORDO_CHROMIUM ?? '/usr/bin/chromium';

/** The entry script of the built Console and the chunks it imports statically (modulepreload), gzipped. */
function firstPageBundle(distDir) {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)]
    .map((match) => match[1] ?? match[2])
    .map((src) => path.join(distDir, src.replace(/^\//, '')));
  const bytes = scripts.map((file) => fs.readFileSync(file));
  return {
    files: scripts.map((file) => path.basename(file)),
    bytes: bytes.reduce((sum, content) => sum + content.length, 0),
    gzipBytes: bytes.reduce((sum, content) => sum + zlib.gzipSync(content, { level: 9 }).length, 0),
  };
}

/** `repetitions` fresh navigations to the inbox, each timed until 20 task cards are rendered. */
async function measureConsoleInbox({ apiUrl, distDir, repetitions, log }) {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(apiUrl);
    await page.getByLabel('Sign in as').selectOption('dev-manager');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const cards = page.getByRole('list', { name: 'Open tasks' }).getByRole('article');
    await cards.nth(cardsShown - 1).waitFor({ timeout: 60_000 });

    const pageMs = [];
    const apiMs = [];
    for (let repetition = 0; repetition < repetitions; repetition += 1) {
      // A cold page each time (the sign-in survives in sessionStorage): what someone opening the Console waits for.
      await page.goto('about:blank');
      const began = performance.now();
      await page.goto(apiUrl);
      await cards.nth(cardsShown - 1).waitFor({ timeout: 60_000 });
      pageMs.push(performance.now() - began);

      const asked = performance.now();
      const answer = await fetch(`${apiUrl}/v1/tasks`, { headers: { authorization: 'Bearer dev-manager' } });
      const body = await answer.json();
      apiMs.push(performance.now() - asked);
      if (answer.status !== 200 || body.items.length < cardsShown)
        throw new Error(`GET /v1/tasks answered ${answer.status} with ${body.items?.length} tasks`);
    }
    const pageLatency = summarize(pageMs);
    const apiLatency = summarize(apiMs);
    log(`console inbox: first ${cardsShown} cards p50 ${pageLatency.p50} ms (API alone ${apiLatency.p50} ms)`);
    return {
      cards: cardsShown,
      repetitions,
      baseline: 'the page’s own GET /v1/tasks from Node',
      pageMs: pageLatency,
      apiMs: apiLatency,
      ratio: { p50: ratio(pageLatency.p50, apiLatency.p50), p90: ratio(pageLatency.p90, apiLatency.p90) },
      firstPageBundle: firstPageBundle(distDir),
    };
  } finally {
    await browser.close();
  }
}

module.exports = { measureConsoleInbox, firstPageBundle };
