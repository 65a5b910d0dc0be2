import { externalCallDurationBuckets, externalCallDurationMetric } from '@ordo/activities';
import {
  processCatalog,
  processMetricBuckets,
  processMetricHelp,
  processMetricNames,
  processStatuses,
} from '@ordo/workflows';
import type { MetricMeter } from '@temporalio/common';
import { type Logger, type LogLevel, Runtime } from '@temporalio/worker';

export interface TelemetrySettings {
  /** host:port of the Prometheus exporter (`/metrics`). */
  metricsBindAddress: string;
  /** Receives the SDK's logs, Core's forwarded logs and the workflows' and activities' `log` calls. */
  logger: Logger;
  /** How much of Core's own logging is forwarded to `logger`. */
  coreLogLevel: LogLevel;
}

/** Bucket boundaries of Ordo's custom histograms; the SDK's own histograms keep its defaults. */
export function histogramBucketOverrides(): Record<string, number[]> {
  return {
    ...Object.fromEntries(Object.entries(processMetricBuckets).map(([name, buckets]) => [name, [...buckets]])),
    [externalCallDurationMetric]: [...externalCallDurationBuckets],
  };
}

/**
 * Installs the SDK runtime with its Prometheus exporter and JSON logger. Must run before any connection
 * or worker exists, and only once per process.
 *
 * Exported names (checked against a live scrape): SDK metrics carry the `temporal_` prefix; counters get
 * `_total` (`countersTotalSuffix`), so Ordo's custom counters are created without it; durations are
 * seconds with a `_seconds` suffix (`useSecondsForDurations` + `unitSuffix`, which leaves custom metrics,
 * created without a unit, as they are named). The Runtime owns SIGINT/SIGTERM: it shuts every worker
 * down, which makes `worker.run()` resolve.
 */
export function installRuntime({ metricsBindAddress, logger, coreLogLevel }: TelemetrySettings): void {
  Runtime.install({
    logger,
    telemetryOptions: {
      logging: { forward: {}, filter: { core: coreLogLevel, other: 'ERROR' } },
      metrics: {
        prometheus: {
          bindAddress: metricsBindAddress,
          countersTotalSuffix: true,
          unitSuffix: true,
          useSecondsForDurations: true,
          histogramBucketOverrides: histogramBucketOverrides(),
        },
      },
    },
  });
}

/**
 * Creates the started and closed counters of every catalog process at 0, labelled exactly as the workflows'
 * `metricMeter` labels them (the SDK adds the worker's namespace and task queue and the workflow type), so
 * that a process's first start, or first failure, is an increase rate() sees rather than a series born at 1.
 * The worker test checks that one series results per label set.
 */
export function createLifecycleCountersAtZero(
  meter: MetricMeter,
  worker: { namespace: string; taskQueue: string },
): void {
  const scoped = meter.withTags({ namespace: worker.namespace, taskQueue: worker.taskQueue });
  const started = scoped.createCounter(
    processMetricNames.started,
    undefined,
    processMetricHelp[processMetricNames.started],
  );
  const completed = scoped.createCounter(
    processMetricNames.completed,
    undefined,
    processMetricHelp[processMetricNames.completed],
  );
  for (const definition of processCatalog.values()) {
    const tags = { workflowType: definition.workflowType, process: definition.name, version: definition.version };
    started.add(0, tags);
    for (const outcome of processStatuses.filter((status) => status !== 'RUNNING'))
      completed.add(0, { ...tags, outcome });
  }
}
