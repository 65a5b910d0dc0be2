// Results on disk (JSON and a markdown table under bench/results/) and the README's Performance section.
const fs = require('node:fs');
const path = require('node:path');
const { ratio } = require('./stats');

const resultsDir = path.resolve(__dirname, '..', 'results');
const readmePath = path.resolve(__dirname, '..', '..', 'README.md');

const fmt = (value, digits = 1) =>
  typeof value === 'number' && Number.isFinite(value)
    ? value.toLocaleString('en-US', { maximumFractionDigits: digits })
    : '—';
const pair = (a, b, digits = 0) => `${fmt(a, digits)} / ${fmt(b, digits)}`;
const times = (value) => (value === null || value === undefined ? '—' : `${fmt(value, 2)}×`);
const signed = (value) => (typeof value === 'number' ? `${value >= 0 ? '+' : ''}${fmt(value, 0)}` : '—');

/** Rows of `| figure | Ordo | baseline | Ordo vs baseline |`, one group per phase that ran. */
function figureRows({ phases = {}, settings }) {
  const rows = [];
  const { starts, throughput, inbox, capacity, mining } = phases;
  if (starts) {
    rows.push([
      `Start throughput, starts/s (N=${fmt(starts.starts, 0)}, C=${starts.concurrency}): REST API vs @temporalio/client`,
      fmt(starts.api.perSecond),
      fmt(starts.client.perSecond),
      times(starts.throughputRatio),
    ]);
    rows.push([
      'Start latency p50 / p99, ms',
      pair(starts.api.latencyMs.p50, starts.api.latencyMs.p99),
      pair(starts.client.latencyMs.p50, starts.client.latencyMs.p99),
      `${signed(starts.addedLatencyMs.p50)} / ${signed(starts.addedLatencyMs.p99)} ms added`,
    ]);
  }
  if (throughput) {
    rows.push([
      `Process throughput, completions/s (M=${fmt(throughput.orders, 0)} auto-approved, paid at start, C=${throughput.concurrency}): sandbox activities vs do-nothing activities`,
      fmt(throughput.ordo.perSecond),
      fmt(throughput.baseline.perSecond),
      times(throughput.throughputRatio),
    ]);
    rows.push([
      'End-to-end p50 / p99 per order, s',
      pair(throughput.ordo.endToEndMs.p50 / 1000, throughput.ordo.endToEndMs.p99 / 1000, 1),
      pair(throughput.baseline.endToEndMs.p50 / 1000, throughput.baseline.endToEndMs.p99 / 1000, 1),
      times(ratio(throughput.ordo.endToEndMs.p50, throughput.baseline.endToEndMs.p50)),
    ]);
  }
  if (inbox) {
    rows.push([
      `Inbox \`GET /v1/tasks\` p50 / p99, ms (${fmt(inbox.openTasks, 0)} open tasks, ${inbox.tasksPerAnswer} per answer, ${inbox.concurrency} at a time): API vs ${inbox.baseline ?? 'the same scan + queries via client'}`,
      pair(inbox.api.latencyMs.p50, inbox.api.latencyMs.p99),
      pair(inbox.client.latencyMs.p50, inbox.client.latencyMs.p99),
      `${times(inbox.latencyRatio.p50)} / ${times(inbox.latencyRatio.p99)}`,
    ]);
    if (inbox.console) {
      const shown = inbox.console;
      rows.push([
        `Console inbox: first ${shown.cards} task cards on screen after navigating, p50 / p90, ms (Chromium, ${shown.repetitions} navigations) vs ${shown.baseline}`,
        pair(shown.pageMs.p50, shown.pageMs.p90),
        pair(shown.apiMs.p50, shown.apiMs.p90),
        `${times(shown.ratio.p50)} / ${times(shown.ratio.p90)}`,
      ]);
      rows.push([
        `Console first page JavaScript, gzip kB (${shown.firstPageBundle.files.join(', ')})`,
        fmt(shown.firstPageBundle.gzipBytes / 1000, 1),
        '—',
        '—',
      ]);
    }
    if (inbox.poll) {
      rows.push([
        `Inbox index: one visibility poll (what changed in the last 30 s) p50 / p99, ms; index staleness ${fmt(inbox.indexStalenessSeconds)} s`,
        '—',
        pair(inbox.poll.latencyMs.p50, inbox.poll.latencyMs.p99),
        '—',
      ]);
    }
  }
  if (capacity) {
    const { idle, loaded } = capacity.memoryMiB;
    rows.push([
      `Worker memory (RSS, MiB) with ${fmt(capacity.orders, 0)} orders waiting for payment vs idle`,
      fmt(loaded.workerMiB, 0),
      fmt(idle.workerMiB, 0),
      `+${fmt(capacity.perThousandOrdersMiB.worker, 0)} MiB per 1,000 orders`,
    ]);
    rows.push([
      `Temporal dev server memory (RSS, MiB), same load vs idle; database ${fmt(capacity.databaseMiB)} MiB`,
      fmt(loaded.temporalMiB, 0),
      fmt(idle.temporalMiB, 0),
      `+${fmt(capacity.perThousandOrdersMiB.temporal, 0)} MiB per 1,000 orders`,
    ]);
    rows.push([
      'Restart of Temporal, worker and API, then every order paid through the API',
      `${fmt(capacity.completedAfterRestart, 0)} of ${fmt(capacity.orders, 0)} completed`,
      `restart ${fmt(capacity.restartSeconds)} s`,
      `${fmt(capacity.completionsPerSecondAfterRestart)} completions/s after payment`,
    ]);
  }
  if (mining) {
    rows.push([
      `Mining extraction of ${fmt(mining.instances, 0)} closed orders, histories/s (total s) vs ${mining.baseline}`,
      `${fmt(mining.extraction.perSecond)} (${fmt(mining.extraction.seconds)} s)`,
      `${fmt(mining.raw.perSecond)} (${fmt(mining.raw.seconds)} s)`,
      times(mining.extractionRatio),
    ]);
    for (const [route, latency] of Object.entries(mining.analysisLatencyMs)) {
      rows.push([
        `Mining \`GET /${route}\` at ${fmt(mining.instances, 0)} instances, p50 / p99, ms`,
        pair(latency.p50, latency.p99),
        '—',
        '—',
      ]);
    }
    rows.push([
      `Mining incremental run after ${mining.incremental.newInstances} new orders, s`,
      fmt(mining.incremental.seconds, 2),
      '—',
      '—',
    ]);
  }
  if (settings && rows.length === 0) rows.push(['(no phase completed)', '—', '—', '—']);
  return rows;
}

function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function describeRun(results) {
  const { machine, settings, tuning } = results;
  const tuned = Object.entries(tuning.workerEnv).map(([name, value]) => `${name}=${value}`);
  return [
    `Run \`${results.label}\`, ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${fmt(results.durationSeconds / 60)} min, commit ${machine.commit}.`,
    `Machine: ${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB, ${machine.os}; Node ${machine.node}; ${machine.temporalCli}; ` +
      `Temporal TypeScript SDK ${machine.temporalSdk}; NestJS ${machine.nest}; autocannon ${machine.autocannon}.`,
    `Sizes: N=${settings.starts}, C=${settings.concurrency}, M=${settings.orders}, inbox ${settings.inboxTasks} tasks × ${settings.inboxRequests} requests, capacity ${settings.capacityOrders} orders, mining ${settings.miningOrders ?? '—'} orders.`,
    `Tuning: SQLite ${tuning.sqlitePragmas.length ? tuning.sqlitePragmas.join(', ') : 'defaults'}; worker ${tuned.length ? tuned.join(', ') : 'SDK defaults'}.`,
  ].join('\n');
}

const backendNames = { dev: 'the embedded dev server (SQLite)', postgres: 'Temporal server 1.32.0 on PostgreSQL' };

/** One backend's table and the phases that failed on it. */
function renderBackend(run, settings) {
  const errors = Object.entries(run.errors ?? {}).map(([phase, message]) => `- phase \`${phase}\` failed: ${message}`);
  return [
    table(['figure', 'Ordo', 'baseline', 'Ordo vs baseline'], figureRows({ phases: run.phases, settings })),
    ...(errors.length ? ['', ...errors] : []),
  ];
}

function renderRun(results) {
  const [first = 'dev', ...others] = results.settings.backends ?? ['dev'];
  const lines = [describeRun(results), ''];
  if (others.length > 0) lines.push(`On ${backendNames[first] ?? first}:`, '');
  lines.push(...renderBackend(results, results.settings));
  for (const backend of others) {
    const run = results.byBackend?.[backend];
    if (run) lines.push('', `On ${backendNames[backend] ?? backend}:`, '', ...renderBackend(run, results.settings));
  }
  return lines.join('\n');
}

/** Side by side: the headline figures of two runs (before and after tuning). */
function renderComparison(before, after) {
  const headline = (results) => {
    const { starts, throughput, inbox, capacity } = results.phases ?? {};
    return {
      'API starts/s': starts?.api.perSecond,
      'client starts/s (baseline)': starts?.client.perSecond,
      'API start p99, ms': starts?.api.latencyMs.p99,
      'orders completed/s (sandbox activities)': throughput?.ordo.perSecond,
      'orders completed/s (do-nothing activities)': throughput?.baseline.perSecond,
      'inbox p50, ms': inbox?.api.latencyMs.p50,
      'inbox p99, ms': inbox?.api.latencyMs.p99,
      'worker RSS at capacity, MiB': capacity?.memoryMiB.loaded.workerMiB,
      'completions/s after restart': capacity?.completionsPerSecondAfterRestart,
    };
  };
  const a = headline(before);
  const b = headline(after);
  const rows = Object.keys(a)
    .filter((name) => a[name] !== undefined || b[name] !== undefined)
    .map((name) => [name, fmt(a[name]), fmt(b[name]), times(ratio(b[name], a[name]))]);
  return table(['figure', `before (\`${before.label}\`)`, `after (\`${after.label}\`)`, 'after ÷ before'], rows);
}

function writeResults(results) {
  fs.mkdirSync(resultsDir, { recursive: true });
  const base = path.join(resultsDir, results.label);
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(`${base}.md`, `# Benchmark \`${results.label}\`\n\n${renderRun(results)}\n`);
  return { json: `${base}.json`, markdown: `${base}.md` };
}

function readResults(label) {
  const file = path.join(resultsDir, `${label}.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

/** Replaces the body of the README's `## Performance` section (up to the next `## ` heading). */
function updateReadme(sectionBody) {
  const readme = fs.readFileSync(readmePath, 'utf8');
  const start = readme.indexOf('\n## Performance\n');
  if (start === -1) throw new Error('README.md has no "## Performance" section');
  const bodyStart = start + '\n## Performance\n'.length;
  const next = readme.indexOf('\n## ', bodyStart);
  const end = next === -1 ? readme.length : next + 1;
  fs.writeFileSync(
    readmePath,
    `${readme.slice(0, bodyStart)}\n${sectionBody.trim()}\n${next === -1 ? '' : '\n'}${readme.slice(end)}`,
  );
}

module.exports = { renderRun, renderComparison, writeResults, readResults, updateReadme, figureRows, resultsDir };
