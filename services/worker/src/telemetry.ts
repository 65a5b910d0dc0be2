import { externalCallDurationBuckets, externalCallDurationMetric } from '@ordo/activities';
import { processMetricBuckets } from '@ordo/workflows';
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
