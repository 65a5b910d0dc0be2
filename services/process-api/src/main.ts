import { Logger } from '@nestjs/common';
import { readAll } from '@ordo/config';
import { createApp } from './app';
import { ConfigError, loadApiConfig } from './config/api-config';
import { loadLogLevel } from './logging/log-level';
import { startApiTracing } from './tracing/api-tracing';
import { loadTracingSettings } from './tracing/tracing-settings';
import { loadVisibilityGaugeSettings } from './visibility-gauges/visibility-gauge-settings';

/** Before the app (and its logger) exists: one JSON line in the shape of the others. */
function logFatal(message: string): void {
  console.error(JSON.stringify({ level: 60, time: Date.now(), service: 'ordo-api', msg: message }));
}

async function main(): Promise<void> {
  let config;
  let tracing;
  try {
    // Validated here together, so that every bad value is named in one error before anything runs.
    [config, , , tracing] = readAll(loadApiConfig, loadLogLevel, loadVisibilityGaugeSettings, () =>
      loadTracingSettings(),
    );
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logFatal(error.message);
    process.exit(1);
  }
  // Before the app: its Temporal client gets the tracing interceptor only if tracing runs when the client is made.
  await startApiTracing(tracing);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  new Logger('ProcessApi').log(
    { url, temporalAddress: config.temporal.address, namespace: config.temporal.namespace },
    `Process API listening on ${url} (docs: ${url}/docs), Temporal ${config.temporal.address}/${config.temporal.namespace}`,
  );
}

main().catch((error: unknown) => {
  logFatal(`ordo api failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
