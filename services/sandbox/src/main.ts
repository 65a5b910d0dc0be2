import type { AddressInfo } from 'node:net';
import { buildSandbox } from './app';
import { loadSandboxConfig } from './config';
import { isLoopbackHost } from '@ordo/config';

async function main(): Promise<void> {
  const config = loadSandboxConfig(process.env);
  const app = buildSandbox({
    logLevel: config.logLevel,
    writeAccess: { boundHost: config.host, ...(config.token !== undefined && { token: config.token }) },
  });
  await app.listen({ port: config.port, host: config.host });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  // Test helpers and scripts find the port in this line: keep "listening on <url>" in it.
  app.log.info({ url }, `ordo sandbox listening on ${url} (crm, erp, carrier, accounting, payments, mail)`);
  if (config.token !== undefined) {
    app.log.info('mutating and fault routes need Authorization: Bearer <ORDO_SANDBOX_TOKEN>');
  } else if (!isLoopbackHost(config.host)) {
    app.log.warn(
      `ORDO_SANDBOX_HOST ${config.host} is not a loopback address and ORDO_SANDBOX_TOKEN is not set: mutating and fault routes answer 403`,
    );
  }

  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'ordo sandbox shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error, signal }, 'ordo sandbox: error while closing');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  // Before the app exists there is no logger: one JSON line in the same shape.
  const message = error instanceof Error ? error.message : String(error);
  console.error(JSON.stringify({ level: 60, time: Date.now(), msg: `ordo sandbox failed to start: ${message}` }));
  process.exit(1);
});
