/**
 * The proof against a real Prometheus: the whole stack on free ports, the `prometheus` binary scraping it
 * every second with Ordo's rules, traffic through every process, then every dashboard panel query (from
 * the generated JSON Grafana loads) must return drawable data and every recording and alert expression
 * must be accepted and evaluated. Failures name the dashboard, panel and query.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type GeneratedDashboard,
  loadGeneratedDashboards,
  panelQueries,
  substituteVariables,
  variableQuery,
  variablesOf,
} from '@ordo/dashboards';
import { renderPrometheusConfig, scrapeJobs } from '../src/prometheus-config';
import { loadAllRules, ruleFilePaths } from '../src/rules';
import { startEveryOtherProcess } from './support/catalog-traffic';
import { driveOrderToCash, type TrafficOutcome } from './support/order-to-cash-traffic';
import { OrdoApi } from './support/ordo-api';
import { hasDrawableValue, PrometheusApi, type QueryOutcome } from './support/prometheus-api';
import { type RunningPrometheus, startPrometheus } from './support/prometheus-server';

jest.setTimeout(300_000);

// The stack launcher is project tooling (plain JS), shared with `npm start` and the end-to-end tests.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startStack } = require(resolve(__dirname, '../../../scripts/lib/stack.js')) as {
  startStack(options: Record<string, unknown>): Promise<RunningStack>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort, freePorts, stackPortNames } = require(resolve(__dirname, '../../../scripts/lib/ports.js')) as {
  freePort(): Promise<number>;
  freePorts(names: readonly string[]): Promise<Record<string, number>>;
  stackPortNames: readonly string[];
};

interface RunningStack {
  urls: { api: string; sandbox: string };
  ports: Record<string, number>;
  processes: Record<string, { stop(options?: { timeoutMs?: number }): Promise<unknown> }>;
  stop(): Promise<void>;
}

/** Scrape and rule evaluation interval of the test's Prometheus. */
const scrapeSeconds = 1;
/** Step of the range queries, and Grafana's $__interval for it. */
const stepSeconds = 2;
/** What Grafana computes for $__rate_interval: max($__interval + scrape interval, 4 × scrape interval). */
const rateInterval = `${Math.max(stepSeconds + scrapeSeconds, 4 * scrapeSeconds)}s`;

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/** Repeats `attempt` until it reports no problem or time runs out; returns the last list of problems. */
async function untilNoProblems(attempt: () => Promise<string[]>, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let problems = await attempt();
  while (problems.length > 0 && Date.now() < deadline) {
    await sleep(1_000);
    problems = await attempt();
  }
  return problems;
}

/** Grafana's regex escaping of one value of a multi-value variable in a Prometheus query. */
const escapeRegex = (value: string) => value.replace(/[\\^$*+?.()|[\]{}]/g, '\\\\$&');

describe('dashboards and rules against a real Prometheus scraping the real stack', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'ordo-live-metrics-'));
  let stack: RunningStack | undefined;
  let prometheus: RunningPrometheus | undefined;
  let api: PrometheusApi;
  let trafficStartedAt = 0;
  let traffic: TrafficOutcome;
  const dashboards = loadGeneratedDashboards();

  beforeAll(async () => {
    const ports = await freePorts(stackPortNames);
    stack = await startStack({
      dataDir: join(workDir, 'stack'),
      ports,
      log: () => undefined,
      // Visibility gauges every second rather than 15, to keep up with the 1 s scrapes.
      env: { ORDO_VISIBILITY_GAUGE_INTERVAL_MS: '1000' },
    });
    const config = renderPrometheusConfig({
      targets: {
        api: `127.0.0.1:${ports.api}`,
        worker: `127.0.0.1:${ports.workerMetrics}`,
        sandbox: `127.0.0.1:${ports.sandbox}`,
        temporalServer: `127.0.0.1:${ports.temporalMetrics}`,
      },
      scrapeInterval: `${scrapeSeconds}s`,
      evaluationInterval: `${scrapeSeconds}s`,
      ruleFiles: ruleFilePaths(),
    });
    prometheus = await startPrometheus({ config, dir: join(workDir, 'prometheus'), port: await freePort() });
    api = new PrometheusApi(prometheus.url);
  });

  afterAll(async () => {
    await prometheus?.stop();
    await stack?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('scrapes the API, worker, sandbox and Temporal server', async () => {
    const problems = await untilNoProblems(async () => {
      const targets = await api.targets();
      const jobs = Object.values(scrapeJobs);
      return jobs.flatMap((job) => {
        const target = targets.find((candidate) => candidate.job === job);
        if (!target) return [`no target for job ${job}`];
        return target.health === 'up' ? [] : [`${job} (${target.scrapeUrl}): ${target.health} ${target.lastError}`];
      });
    }, 30_000);
    expect(problems).toEqual([]);
  });

  it('drives every process of the catalog, and every order-to-cash scenario, through the REST API', async () => {
    trafficStartedAt = Date.now() / 1000;
    const ordo = new OrdoApi(stack!.urls.api);
    const [others, orders] = await Promise.all([
      startEveryOtherProcess(ordo, ['order-to-cash']),
      driveOrderToCash(ordo, stack!.urls.sandbox),
    ]);
    expect(Object.keys(others).length + 1).toBe((await ordo.catalog()).length);
    traffic = orders;
    expect(traffic).toEqual({
      'AUTO-1': { status: 'COMPLETED', stage: 'closed' },
      'AUTO-2': { status: 'COMPLETED', stage: 'closed' },
      'MANAGER-1': { status: 'COMPLETED', stage: 'closed' },
      'MANAGER-2': { status: 'COMPLETED', stage: 'closed' },
      'CFO-REJECT-1': { status: 'REJECTED', stage: 'closed' },
      'CANCEL-1': { status: 'CANCELLED', stage: 'closed' },
      'OUT-OF-STOCK-1': { status: 'RUNNING', stage: 'awaiting-restock' },
      'FAIL-1': { status: 'FAILED', stage: 'closed' },
      'DUNNING-1': { status: 'RUNNING', stage: 'dunning' },
      'CREDIT-1': { status: 'COMPLETED', stage: 'closed' },
      'CREDIT-2': { status: 'COMPLETED', stage: 'closed' },
      'OPEN-TASK-1': { status: 'RUNNING', stage: 'approval' },
    });
  });

  it('accepts and evaluates every recording and alert rule expression', async () => {
    const rules = loadAllRules();
    expect(rules.length).toBeGreaterThan(20);
    const rejected: string[] = [];
    for (const { file, group, rule } of rules) {
      const outcome = await api.query(rule.expr);
      if (!outcome.ok)
        rejected.push(`${file} › ${group} › ${rule.record ?? rule.alert}: ${outcome.error}\n  ${rule.expr}`);
    }
    expect(rejected).toEqual([]);

    // Prometheus itself loaded the same rules and evaluates them without error.
    const loaded = await untilNoProblems(async () => {
      const evaluated = await api.rules();
      const missing = rules
        .map(({ rule }) => rule.record ?? rule.alert!)
        .filter(
          (name) =>
            !evaluated.some((candidate) => candidate.name === name && !candidate.lastEvaluation.startsWith('0001')),
        );
      const failing = evaluated
        .filter((rule) => rule.health === 'err')
        .map((rule) => `${rule.group} › ${rule.name}: ${rule.lastError}`);
      return [...missing.map((name) => `${name}: not evaluated by Prometheus`), ...failing];
    }, 15_000);
    expect(loaded).toEqual([]);
  });

  it('returns data for every panel query of every dashboard', async () => {
    expect(dashboards.map((dashboard) => dashboard.file)).toHaveLength(5);
    const problems = await untilNoProblems(() => evaluatePanels(dashboards), 45_000);
    expect(problems).toEqual([]);
  });

  it('sees the worker go down (the OrdoWorkerDown expression)', async () => {
    const workerDown = loadAllRules().find(({ rule }) => rule.alert === 'OrdoWorkerDown')!.rule.expr;
    // Up while it runs: the expression selects nothing.
    expect(hasDrawableValue(await api.query(workerDown))).toBe(false);
    await stack!.processes.worker!.stop({ timeoutMs: 15_000 });
    const problems = await untilNoProblems(
      async () => (hasDrawableValue(await api.query(workerDown)) ? [] : ['up{job="ordo-worker"} is not 0 yet']),
      20_000,
    );
    expect(problems).toEqual([]);
  });

  /** Every query of every panel, with the variables as Grafana would fill them; the problems found. */
  async function evaluatePanels(all: GeneratedDashboard[]): Promise<string[]> {
    const problems: string[] = [];
    const now = Date.now() / 1000;
    const range = `${Math.ceil(now - trafficStartedAt) + 10}s`;
    for (const { json } of all) {
      const values: Record<string, string> = {
        __rate_interval: rateInterval,
        __interval: `${stepSeconds}s`,
        __range: range,
      };
      for (const variable of variablesOf(json)) {
        const query = substituteVariables(variableQuery(variable), values);
        const match = /^label_values\((?:(.+),\s*)?(\w+)\)$/.exec(query);
        if (!match) {
          problems.push(`${json.title} › variable ${variable.name}: not a label_values query: ${query}`);
          continue;
        }
        const found = await api.labelValues(match[2]!, match[1]);
        if (found.length === 0) problems.push(`${json.title} › variable ${variable.name}: no values for ${query}`);
        values[variable.name] = found.length === 1 ? escapeRegex(found[0]!) : `(${found.map(escapeRegex).join('|')})`;
      }
      for (const query of panelQueries(json)) {
        let expr: string;
        try {
          expr = substituteVariables(query.expr, values);
        } catch (error) {
          problems.push(`${query.dashboard} › ${query.panel} › ${query.refId}: ${(error as Error).message}`);
          continue;
        }
        const outcome: QueryOutcome = query.instant
          ? await api.query(expr, now)
          : await api.queryRange(expr, Math.floor(trafficStartedAt) - 10, Math.ceil(now), stepSeconds);
        if (!outcome.ok)
          problems.push(`${query.dashboard} › ${query.panel} › ${query.refId}: rejected (${outcome.error})\n  ${expr}`);
        else if (!hasDrawableValue(outcome))
          problems.push(`${query.dashboard} › ${query.panel} › ${query.refId}: no data\n  ${expr}`);
      }
    }
    return problems;
  }
});
