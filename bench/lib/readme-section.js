// The README's Performance section, rebuilt from what bench/results/ holds: how to run, the newest table, before
// and after tuning, the 10,000-order run and the latest chaos run.
const fs = require('node:fs');
const path = require('node:path');
const { readResults, renderComparison, renderRun, resultsDir, updateReadme } = require('./report');

const intro = `\`npm run bench\` (not part of \`npm test\`) builds, starts fresh local stacks (embedded dev server, sandbox,
worker, API on free ports) and measures each figure beside a baseline taken in the same run, on the same server:

- **Start overhead**: N starts of order-to-cash through \`POST /v1/processes/order-to-cash/instances\` (autocannon,
  keep-alive, C connections) against N starts of the same workflow with the same options through \`@temporalio/client\`
  (C in flight). No worker runs meanwhile; the two sides alternate (API, client, client, API).
- **Process throughput**: M auto-approved orders, each paid as it starts (signal-with-start), run to COMPLETED by the
  Ordo worker against the sandbox, against the same order-to-cash code on a second worker whose activities do nothing.
- **Inbox**: \`GET /v1/tasks\` as a manager with thousands of open approval tasks, against the full visibility scan
  (open tasks read from each instance's memo) that the API's inbox index is built from, made straight through the
  client; also one index poll and the index's staleness; and the Console in Chromium: from navigating to the first 20
  task cards on screen against the page's own \`GET /v1/tasks\` from Node, and the first page's JavaScript, gzipped.
- **Capacity**: thousands of orders waiting for payment: worker and server memory against the same processes idle;
  then Temporal, worker and API are restarted (the sandbox plays the outside world and keeps its state) and every order
  is paid through the API and must complete, checked against the sandbox's receipts.
- **Process intelligence**: thousands of closed orders (the baseline worker runs them) extracted into the mining
  store against the same history reads made raw through the client, 4 at a time as the extractor fetches; then
  \`GET /dfg\`, \`/bottlenecks\` and \`/insights\` on that store, and an incremental run after 100 more orders.

Sizes: \`ORDO_BENCH_STARTS\` (N, 2000), \`ORDO_BENCH_CONCURRENCY\` (C, 32), \`ORDO_BENCH_ORDERS\` (M, 500),
\`ORDO_BENCH_INBOX_TASKS\` (2000), \`ORDO_BENCH_INBOX_REQUESTS\` (200), \`ORDO_BENCH_CAPACITY_ORDERS\` (2000; the
10,000-order figures were run once with both at 10000, \`ORDO_BENCH_LABEL=scale-10000\`),
\`ORDO_BENCH_MINING_ORDERS\` (10000), \`ORDO_BENCH_CONSOLE_REPETITIONS\` (10),
\`ORDO_BENCH_PHASES\` (\`starts,throughput,inbox,capacity,mining\`), \`ORDO_BENCH_LABEL\` (file name under \`bench/results/\`),
\`ORDO_BENCH_SQLITE_PRAGMAS\` (\`none\` for SQLite's defaults), \`ORDO_BENCH_BACKEND\` (\`dev\`; \`dev,postgres\` runs
every phase on both Temporal backends in one run, a table each). The worker's tuning variables (\`ORDO_WORKER_*\`, see
below) pass through to both workers. Results: \`bench/results/<label>.json\` and \`.md\`; this section is rebuilt from
them. The machines that develop Ordo are shared 2-core VMs with other builds running: compare ratios within one run,
not absolute figures across runs.`;

function resultsFiles() {
  if (!fs.existsSync(resultsDir)) return [];
  return fs
    .readdirSync(resultsDir)
    .filter((file) => file.endsWith('.json') && !file.startsWith('chaos'))
    .map((file) => readResults(path.basename(file, '.json')))
    .filter(Boolean)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

function optionalFile(name) {
  const file = path.join(resultsDir, name);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
}

function performanceSection() {
  const runs = resultsFiles();
  const parts = [intro];
  const newest = runs.at(-1);
  if (newest) parts.push('### Latest run', renderRun(newest));
  const before = readResults('before');
  const after = readResults('after');
  if (before && after) {
    parts.push('### Tuning: before and after', renderComparison(before, after));
    const notes = optionalFile('tuning-notes.md');
    if (notes) parts.push(notes);
  }
  const scaleNotes = optionalFile('scale-notes.md');
  if (scaleNotes) parts.push('### 10,000 at once: what changed', scaleNotes);
  const scale = runs.filter((run) => run.label.startsWith('scale') && run !== newest).at(-1);
  if (scale) parts.push('### At 10,000', renderRun(scale));
  const chaos = optionalFile('chaos.md');
  if (chaos) parts.push('### Chaos', chaos.replace(/^# .*\n+/, ''));
  if (!newest && !chaos) parts.push('No measurements yet.');
  return parts.join('\n\n');
}

function refreshReadme() {
  updateReadme(performanceSection());
}

module.exports = { refreshReadme, performanceSection };

if (require.main === module) refreshReadme();
