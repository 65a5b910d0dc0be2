import type { AddressInfo } from 'node:net';
import { buildSandbox } from './app';
import { loadSandboxConfig } from './config';

async function main(): Promise<void> {
  const config = loadSandboxConfig(process.env);
  const app = buildSandbox();
  await app.listen({ port: config.port, host: config.host });
  const { port } = app.server.address() as AddressInfo;
  console.log(`ordo sandbox listening on http://${config.host}:${port} (crm, erp, carrier, accounting, payments, mail)`);

  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`ordo sandbox: error while closing after ${signal}:`, error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
