// Sizes of the benchmark and chaos runs, from the environment, each checked with a message naming the variable.

function readCount(env, variable, fallback, { min = 1, max = 1_000_000 } = {}) {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${variable} must be a whole number between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function readList(env, variable, allowed, fallback) {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const unknown = items.filter((item) => !allowed.includes(item));
  if (unknown.length > 0 || items.length === 0) {
    throw new Error(`${variable} must list some of ${allowed.join(', ')} (comma-separated), got "${raw}"`);
  }
  return items;
}

function readChoice(env, variable, allowed, fallback) {
  const raw = (env[variable] ?? '').trim();
  if (raw === '') return fallback;
  if (!allowed.includes(raw)) throw new Error(`${variable} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw;
}

/** The Temporal backends a stack runs on (scripts/lib/stack.js): the CLI's dev server, or Temporal server on PostgreSQL. */
const temporalBackends = ['dev', 'postgres'];

function readPragmas(env) {
  const raw = (env.ORDO_BENCH_SQLITE_PRAGMAS ?? '').trim();
  if (raw === '') return undefined;
  if (raw === 'none') return [];
  const pragmas = raw.split(',').map((pragma) => pragma.trim());
  const bad = pragmas.find((pragma) => !/^[a-z_]+=[A-Za-z0-9_-]+$/.test(pragma));
  if (bad !== undefined)
    throw new Error(`ORDO_BENCH_SQLITE_PRAGMAS must be "none" or comma-separated name=value pairs, got "${bad}"`);
  return pragmas;
}

const benchPhases = ['starts', 'throughput', 'inbox', 'capacity', 'mining'];

/** What `npm run bench` measures and how big; printed at the start and written with the results. */
function benchSettings(env = process.env) {
  return {
    phases: readList(env, 'ORDO_BENCH_PHASES', benchPhases, benchPhases),
    /** The Temporal backends every phase runs on, in order: the embedded dev server, Temporal server on PostgreSQL. */
    backends: readList(env, 'ORDO_BENCH_BACKEND', ['dev', 'postgres'], ['dev']),
    /** N: starts through the API and, as many again, through @temporalio/client. */
    starts: readCount(env, 'ORDO_BENCH_STARTS', 2000),
    /** C: requests (or client calls) in flight at once. */
    concurrency: readCount(env, 'ORDO_BENCH_CONCURRENCY', 32, { max: 1000 }),
    /** M: orders run end to end, and as many baseline workflows. */
    orders: readCount(env, 'ORDO_BENCH_ORDERS', 500),
    inboxTasks: readCount(env, 'ORDO_BENCH_INBOX_TASKS', 2000),
    inboxRequests: readCount(env, 'ORDO_BENCH_INBOX_REQUESTS', 200),
    inboxConcurrency: readCount(env, 'ORDO_BENCH_INBOX_CONCURRENCY', 4, { max: 100 }),
    consoleRepetitions: readCount(env, 'ORDO_BENCH_CONSOLE_REPETITIONS', 10, { max: 1000 }),
    capacityOrders: readCount(env, 'ORDO_BENCH_CAPACITY_ORDERS', 2000),
    /** Closed orders the mining phase extracts. */
    miningOrders: readCount(env, 'ORDO_BENCH_MINING_ORDERS', 10000),
    /** The dev server's SQLite pragmas: unset keeps the stack's default, `none` runs SQLite's own defaults. */
    sqlitePragmas: readPragmas(env),
    /** Names the run in the results (e.g. `before`, `after`). */
    label: (env.ORDO_BENCH_LABEL ?? '').trim() || 'latest',
  };
}

/** The chaos run: `npm run chaos` defaults to the full 500 orders and five worker kills. */
function chaosSettings(env = process.env, defaults = {}) {
  const base = {
    orders: 500,
    workerKills: 5,
    serverRestarts: 1,
    concurrency: 16,
    backend: 'dev',
    workers: 1,
    apis: 1,
    ...defaults,
  };
  return {
    backend: readChoice(env, 'ORDO_CHAOS_BACKEND', temporalBackends, base.backend),
    orders: readCount(env, 'ORDO_CHAOS_ORDERS', base.orders, { min: 10 }),
    workerKills: readCount(env, 'ORDO_CHAOS_WORKER_KILLS', base.workerKills, { min: 0, max: 100 }),
    serverRestarts: readCount(env, 'ORDO_CHAOS_SERVER_RESTARTS', base.serverRestarts, { min: 0, max: 10 }),
    concurrency: readCount(env, 'ORDO_CHAOS_CONCURRENCY', base.concurrency, { max: 200 }),
    /** Scale-out: workers on the one task queue (each killed on its own) and API replicas the requests spread over. */
    workers: readCount(env, 'ORDO_CHAOS_WORKERS', base.workers, { max: 8 }),
    apis: readCount(env, 'ORDO_CHAOS_APIS', base.apis, { max: 8 }),
    /** Fixes the random moments and the order mix, so a failing run can be repeated. */
    seed: readCount(env, 'ORDO_CHAOS_SEED', base.seed ?? Math.floor(Math.random() * 1_000_000), {
      min: 0,
      max: 2 ** 31,
    }),
  };
}

module.exports = { benchSettings, chaosSettings, benchPhases, readCount };
