import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { renderComposeConfig, ruleFiles, scrapeJobs } from '../src/prometheus-config';
import { loadAllRules, loadRuleGroups, prometheusDir, ruleFilePaths } from '../src/rules';
import { promtool, runOrFail } from './support/prometheus-binaries';

const rulesDir = join(prometheusDir, 'rules');
const testFiles = readdirSync(rulesDir)
  .filter((file) => file.endsWith('.test.yml'))
  .sort();

interface AlertRuleTest {
  alertname: string;
  eval_time: string;
  exp_alerts?: unknown[];
}
interface PromqlExprTest {
  expr: string;
}
interface RuleTestFile {
  rule_files: string[];
  tests: Array<{ name: string; alert_rule_test?: AlertRuleTest[]; promql_expr_test?: PromqlExprTest[] }>;
}

const readTestFile = (file: string) => parse(readFileSync(join(rulesDir, file), 'utf8')) as RuleTestFile;

describe('promtool', () => {
  it('accepts the rule files', () => {
    const output = runOrFail(promtool, ['check', 'rules', ...ruleFilePaths()]);
    expect(output).toContain('SUCCESS');
  });

  it('passes the unit tests of every rule file', () => {
    expect(testFiles).toEqual(ruleFiles.map((file) => basename(file).replace(/\.yml$/, '.test.yml')).sort());
    const output = runOrFail(promtool, ['test', 'rules', ...testFiles], rulesDir);
    expect(output).toContain('SUCCESS');
    expect(output).not.toContain('FAILED');
  });

  it('accepts the docker-compose configuration, with the rule files it loads', () => {
    const output = runOrFail(promtool, ['check', 'config', join(prometheusDir, 'prometheus.yml')]);
    expect(output).toContain('SUCCESS');
  });
});

describe('prometheus.yml', () => {
  const committed = readFileSync(join(prometheusDir, 'prometheus.yml'), 'utf8');

  it('is what the code generates (npm run generate -w @ordo/prometheus)', () => {
    expect(committed).toBe(renderComposeConfig());
  });

  it('scrapes the four components under their agreed job names, by docker-compose service name', () => {
    const config = parse(committed) as {
      scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
    };
    const targets = Object.fromEntries(
      config.scrape_configs.map((job) => [job.job_name, job.static_configs.flatMap((c) => c.targets)]),
    );
    expect(targets).toEqual({
      [scrapeJobs.api]: ['api:3000'],
      [scrapeJobs.worker]: ['worker:9464'],
      [scrapeJobs.sandbox]: ['sandbox:4000'],
      [scrapeJobs.temporalServer]: ['temporal:8000'],
    });
  });
});

describe('rules', () => {
  const rules = loadAllRules();
  const alerts = rules.filter(({ rule }) => rule.alert);
  const recordings = rules.filter(({ rule }) => rule.record);
  const alertTests = testFiles.flatMap((file) =>
    readTestFile(file).tests.flatMap((test) => test.alert_rule_test ?? []),
  );
  const exprTests = testFiles.flatMap((file) =>
    readTestFile(file).tests.flatMap((test) => test.promql_expr_test ?? []),
  );

  it('include at least the agreed alerts', () => {
    expect(alerts.map(({ rule }) => rule.alert)).toEqual(
      expect.arrayContaining([
        'OrdoWorkerDown',
        'OrdoWorkflowTaskScheduleToStartHigh',
        'OrdoExternalSystemFailing',
        'OrdoActivityFailureRatioHigh',
        'OrdoWorkflowNonDeterminism',
        'OrdoProcessFailureRatioHigh',
        'OrdoSlaBreaches',
        'OrdoOverdueTasksPilingUp',
      ]),
    );
    const workerDown = alerts.find(({ rule }) => rule.alert === 'OrdoWorkerDown')!.rule;
    expect(workerDown.expr.trim()).toBe('up{job="ordo-worker"} == 0');
    const nonDeterminism = alerts.find(({ rule }) => rule.alert === 'OrdoWorkflowNonDeterminism')!.rule;
    expect(nonDeterminism.expr).toContain(
      'temporal_workflow_task_execution_failed_total{failure_reason="NonDeterminismError"}',
    );
  });

  it.each(alerts.map(({ rule }) => [rule.alert!, rule] as const))(
    '%s has a for, a severity and a summary and description',
    (_name, rule) => {
      expect(rule.for).toMatch(/^\d+[smh]$/);
      expect(['critical', 'warning']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary?.length).toBeGreaterThan(10);
      expect(rule.annotations?.description?.length).toBeGreaterThan(40);
    },
  );

  it.each(alerts.map(({ rule }) => [rule.alert!] as const))('%s is unit-tested both firing and not firing', (name) => {
    const cases = alertTests.filter((test) => test.alertname === name);
    expect(cases.some((test) => (test.exp_alerts ?? []).length > 0)).toBe(true);
    expect(cases.some((test) => (test.exp_alerts ?? []).length === 0)).toBe(true);
  });

  it.each(recordings.map(({ rule }) => [rule.record!] as const))(
    '%s is named level:metric:operations and unit-tested',
    (name) => {
      expect(name).toMatch(/^[a-z][a-z0-9_]*:[a-z][a-z0-9_]*:[a-z0-9_]+$/);
      expect(exprTests.some((test) => test.expr === name || test.expr.startsWith(`${name}{`))).toBe(true);
    },
  );

  it('are unique by name', () => {
    const names = rules.map(({ rule }) => rule.alert ?? rule.record);
    expect(new Set(names).size).toBe(names.length);
  });

  it('test files load exactly the rule files', () => {
    for (const file of testFiles) {
      for (const loaded of readTestFile(file).rule_files) {
        expect(ruleFiles.map((path) => basename(path))).toContain(loaded);
        expect(loadRuleGroups(join(rulesDir, loaded)).length).toBeGreaterThan(0);
      }
    }
  });
});
