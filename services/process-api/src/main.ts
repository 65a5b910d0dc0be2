import { Logger } from '@nestjs/common';
import { createApp } from './app';
import { ConfigError, loadApiConfig } from './config/api-config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadApiConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  new Logger('ProcessApi').log(`Process API listening on ${url} (docs: ${url}/docs), Temporal ${config.temporal.address}/${config.temporal.namespace}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
