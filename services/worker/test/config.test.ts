import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, readAll } from '@ordo/config';
import { cachedWorkflowMiB, cachedWorkflowsWithin, idleWorkerMiB, workflowThreadBaseMiB } from '../src/cache-budget';
import { loadWorkerConfig } from '../src/config';
import { loadLogLevel } from '../src/logging';
import { workerTuningOptions, workflowsPath } from '../src/worker';

describe('worker configuration', () => {
  it('serves the embedded local stack by default, with the workflow cache sized for a 1 GiB budget', () => {
    const config = loadWorkerConfig({});
    expect(config).toEqual({
      temporalAddress: 'localhost:7233',
      namespace: 'default',
      taskQueue: 'ordo-processes',
      metricsBindAddress: '127.0.0.1:9464',
      healthHost: '127.0.0.1',
      healthPort: 9465,
      tuning: { maxCachedWorkflows: cachedWorkflowsWithin(1024) },
      shutdownGraceMs: 30_000,
      workflowThreadHeapMiB: cachedWorkflowsWithin(1024) * cachedWorkflowMiB + workflowThreadBaseMiB,
    });
    expect(config.tuning?.maxCachedWorkflows).toBe(Math.floor((1024 - idleWorkerMiB) / cachedWorkflowMiB));
    expect(workerTuningOptions(config.tuning)).toEqual({ workflowsPath, maxCachedWorkflows: 312 });
  });

  it('reads the payload keys from ORDO_CODEC_KEYS or ORDO_CODEC_KEY_FILE, and refuses to start without them', async () => {
    const ring = JSON.stringify({
      active: 'k2',
      keys: { k1: Buffer.alloc(32, 1).toString('base64'), k2: Buffer.alloc(32, 2).toString('base64') },
    });
    expect(loadWorkerConfig({ ORDO_CODEC_KEYS: ring }).keyRing?.toJSON()).toEqual({
      active: 'k2',
      keyIds: ['k1', 'k2'],
    });
    expect(() => loadWorkerConfig({ ORDO_CODEC_KEYS: '{"active":"k1","keys":{}}' })).toThrow(
      /ORDO_CODEC_KEYS is invalid at keys: must hold at least one key/,
    );
    expect(() => loadWorkerConfig({ NODE_ENV: 'production' })).toThrow(
      /ORDO_CODEC_KEYS or ORDO_CODEC_KEY_FILE must be set/,
    );
    // Outside production the configuration loads, but the service does not start.
    const config = loadWorkerConfig({});
    expect(config.keyRing).toBeUndefined();
    const { startWorkerService } = await import('../src/main');
    await expect(startWorkerService({ config, logger: undefined as never })).rejects.toThrow(
      /ORDO_CODEC_KEYS or ORDO_CODEC_KEY_FILE must be set/,
    );
  });

  it('names the variable that is wrong', () => {
    expect(() => loadWorkerConfig({ ORDO_WORKER_METRICS_PORT: 'ninety' })).toThrow(/ORDO_WORKER_METRICS_PORT/);
    expect(() => loadWorkerConfig({ ORDO_WORKER_HEALTH_PORT: '70000' })).toThrow(/ORDO_WORKER_HEALTH_PORT/);
    expect(() => loadWorkerConfig({ ORDO_WORKER_MAX_CACHED_WORKFLOWS: '-1' })).toThrow(
      /ORDO_WORKER_MAX_CACHED_WORKFLOWS must be a whole number/,
    );
    expect(() => loadWorkerConfig({ ORDO_WORKER_MAX_CONCURRENT_ACTIVITIES: '2.5' })).toThrow(
      /ORDO_WORKER_MAX_CONCURRENT_ACTIVITIES/,
    );
    expect(() => loadWorkerConfig({ ORDO_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '1' })).toThrow(
      /ORDO_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS/,
    );
    expect(() => loadWorkerConfig({ ORDO_WORKER_WORKFLOW_BUNDLE: '/no/such/bundle.js' })).toThrow(
      /ORDO_WORKER_WORKFLOW_BUNDLE must name an existing file/,
    );
    expect(() => loadWorkerConfig({ ORDO_WORKER_SHUTDOWN_GRACE_SECONDS: '1.5' })).toThrow(
      /ORDO_WORKER_SHUTDOWN_GRACE_SECONDS must be a whole number between 0 and 3600/,
    );
    expect(loadWorkerConfig({ ORDO_WORKER_SHUTDOWN_GRACE_SECONDS: '0' }).shutdownGraceMs).toBe(0);
  });

  it('names every bad variable in one error, the codec keys and the log level included', () => {
    const env = {
      ORDO_WORKER_HEALTH_PORT: 'ninety',
      ORDO_WORKER_WORKFLOW_THREADS: '0',
      ORDO_CODEC_KEYS: '{',
      ORDO_LOG_LEVEL: 'loud',
    };
    expect(() => loadWorkerConfig(env)).toThrow(
      /^Invalid configuration: ORDO_WORKER_HEALTH_PORT must be a port number between 0 and 65535 \(got "ninety"\); ORDO_WORKER_WORKFLOW_THREADS must be a whole number between 1 and 64 \(got "0"\); ORDO_CODEC_KEYS is invalid/,
    );
    let error: ConfigError | undefined;
    try {
      readAll(
        () => loadLogLevel(env),
        () => loadWorkerConfig(env),
      );
    } catch (thrown) {
      error = thrown as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.variables).toEqual([
      'ORDO_LOG_LEVEL',
      'ORDO_WORKER_HEALTH_PORT',
      'ORDO_WORKER_WORKFLOW_THREADS',
      'ORDO_CODEC_KEYS',
    ]);
    expect(error?.message).toMatch(
      /^Invalid configuration: ORDO_LOG_LEVEL must be one of .* \(got "loud"\); ORDO_WORKER_HEALTH_PORT .*; ORDO_CODEC_KEYS is invalid/,
    );
    // The keys are a secret: their value is never echoed.
    expect(error?.message).not.toContain('(got "{")');
  });

  it('gives each workflow thread the heap its share of the cache needs, the base included', () => {
    const heapFor = (env: Record<string, string>) => loadWorkerConfig(env).workflowThreadHeapMiB;
    expect(heapFor({})).toBe(cachedWorkflowsWithin(1024) * cachedWorkflowMiB + workflowThreadBaseMiB);
    expect(heapFor({ ORDO_WORKER_MEMORY_BUDGET_MB: '4096' })).toBeGreaterThan(heapFor({}));
    // Two threads share the cache; an explicit cache gets the heap it needs, whatever the budget says.
    expect(heapFor({ ORDO_WORKER_WORKFLOW_THREADS: '2' })).toBe(
      (cachedWorkflowsWithin(1024) * cachedWorkflowMiB) / 2 + workflowThreadBaseMiB,
    );
    expect(heapFor({ ORDO_WORKER_MAX_CACHED_WORKFLOWS: '12000' })).toBe(
      12_000 * cachedWorkflowMiB + workflowThreadBaseMiB,
    );
  });

  it('sizes the workflow cache from ORDO_WORKER_MEMORY_BUDGET_MB, unless a cache size is given', () => {
    const cacheFor = (env: Record<string, string>) => loadWorkerConfig(env).tuning?.maxCachedWorkflows;
    expect(cacheFor({ ORDO_WORKER_MEMORY_BUDGET_MB: '4096' })).toBe(
      Math.floor((4096 - idleWorkerMiB) / cachedWorkflowMiB),
    );
    expect(cacheFor({ ORDO_WORKER_MEMORY_BUDGET_MB: '4096' })).toBeGreaterThan(cacheFor({})!);
    expect(cacheFor({ ORDO_WORKER_MEMORY_BUDGET_MB: '4096', ORDO_WORKER_MAX_CACHED_WORKFLOWS: '300' })).toBe(300);
    // Never smaller than the concurrent workflow tasks: the SDK refuses a cache below its slots.
    expect(cacheFor({ ORDO_WORKER_MEMORY_BUDGET_MB: '512', ORDO_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '100' })).toBe(
      100,
    );
    expect(() => loadWorkerConfig({ ORDO_WORKER_MEMORY_BUDGET_MB: '100' })).toThrow(
      /ORDO_WORKER_MEMORY_BUDGET_MB must be a whole number between 512 and 1048576 \(got "100"\)/,
    );
  });

  it('refuses more workflow task pollers than workflow task slots, naming both variables', () => {
    expect(() => loadWorkerConfig({ ORDO_WORKER_WORKFLOW_TASK_POLLERS: '50' })).toThrow(
      /ORDO_WORKER_WORKFLOW_TASK_POLLERS must not exceed ORDO_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS \(40, the default\)/,
    );
    expect(
      loadWorkerConfig({ ORDO_WORKER_WORKFLOW_TASK_POLLERS: '50', ORDO_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '100' })
        .tuning,
    ).toEqual({
      workflowTaskPollers: 50,
      maxConcurrentWorkflowTaskExecutions: 100,
      maxCachedWorkflows: cachedWorkflowsWithin(1024, 100),
    });
  });

  it('turns the tuning variables into worker options, leaving blank ones to the SDK', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ordo-worker-config-'));
    try {
      const bundle = join(dir, 'bundle.js');
      writeFileSync(bundle, '// prebuilt');
      const { tuning } = loadWorkerConfig({
        ORDO_WORKER_MAX_CACHED_WORKFLOWS: '5000',
        ORDO_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '80',
        ORDO_WORKER_MAX_CONCURRENT_ACTIVITIES: '200',
        ORDO_WORKER_WORKFLOW_TASK_POLLERS: '20',
        ORDO_WORKER_ACTIVITY_TASK_POLLERS: '8',
        ORDO_WORKER_WORKFLOW_THREADS: '2',
        ORDO_WORKER_WORKFLOW_BUNDLE: bundle,
        ORDO_TASK_QUEUE: '',
      });
      expect(workerTuningOptions(tuning)).toEqual({
        workflowBundle: { codePath: bundle },
        maxCachedWorkflows: 5000,
        maxConcurrentWorkflowTaskExecutions: 80,
        maxConcurrentActivityTaskExecutions: 200,
        workflowTaskPollerBehavior: { type: 'simple-maximum', maximum: 20 },
        activityTaskPollerBehavior: { type: 'simple-maximum', maximum: 8 },
        workflowThreadPoolSize: 2,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
