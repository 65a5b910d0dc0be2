import { Runtime } from '@temporalio/worker';

/**
 * Installs the SDK runtime with its Prometheus exporter. Must run before any connection or worker exists.
 * Counters get `_total` and durations are seconds, so SDK metrics follow the same conventions as Ordo's own.
 * The Runtime owns SIGINT/SIGTERM: it shuts every worker down, which makes `worker.run()` resolve.
 */
export function installRuntime(metricsBindAddress: string): void {
  Runtime.install({
    telemetryOptions: {
      metrics: {
        prometheus: { bindAddress: metricsBindAddress, countersTotalSuffix: true, useSecondsForDurations: true },
      },
    },
  });
}
