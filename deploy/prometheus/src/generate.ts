import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderComposeConfig, renderPrometheusConfig } from './prometheus-config';
import { ruleFilePaths } from './rules';

// The project's port conventions (plain JS), shared with `npm start`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { portsFromEnv } = require(resolve(__dirname, '../../../scripts/lib/conventions.js')) as {
  portsFromEnv(): Record<'api' | 'sandbox' | 'workerMetrics', number>;
};

// Compiled to dist/generate.js: the package directory is one level up from both src/ and dist/.
const [mode, temporalMetricsPort] = process.argv.slice(2);

if (mode === '--local') {
  // A configuration for `npm start`'s stack on stdout: `npm run generate -w @ordo/prometheus -- --local <port>`
  // with the Temporal server's metrics port `npm start` printed.
  if (!temporalMetricsPort || !/^\d+$/.test(temporalMetricsPort)) {
    process.stderr.write('usage: generate --local <temporal metrics port>\n');
    process.exit(2);
  }
  const ports = portsFromEnv();
  process.stdout.write(
    renderPrometheusConfig({
      targets: {
        api: `localhost:${ports.api}`,
        worker: `localhost:${ports.workerMetrics}`,
        sandbox: `localhost:${ports.sandbox}`,
        temporalServer: `localhost:${temporalMetricsPort}`,
      },
      scrapeInterval: '5s',
      evaluationInterval: '5s',
      ruleFiles: ruleFilePaths(),
    }),
  );
} else {
  const target = join(__dirname, '..', 'prometheus.yml');
  writeFileSync(target, renderComposeConfig());
  process.stdout.write(`wrote ${target}\n`);
}
