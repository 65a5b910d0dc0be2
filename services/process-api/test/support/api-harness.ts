import type { NestExpressApplication } from '@nestjs/platform-express';
import { allSearchAttributeKeys } from '@ordo/workflows';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { createApp, type CreateAppOptions } from '../../src/app';
import type { ApiConfig } from '../../src/config/api-config';
import { temporalCliPath } from './temporal-binaries';
import { testCodecSettings, testDataConverter } from './test-codec';

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON (undefined when the body is not JSON); tests inspect arbitrary shapes. */
  body: any;
  text: string;
}

export interface RequestOptions {
  /** Bearer token; null sends no Authorization header. Defaults to the clerk's dev token. */
  token?: string | null;
  body?: unknown;
  /** Sent verbatim as a JSON body (for malformed JSON). */
  rawBody?: string;
  /** Sent verbatim as the Authorization header, instead of `Bearer <token>`. */
  authorization?: string;
}

/** The API started in-process on an ephemeral port, talking to its own Temporal dev server. */
export class ApiHarness {
  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly app: NestExpressApplication,
    readonly baseUrl: string,
  ) {}

  static async start(config: Partial<ApiConfig> = {}, appOptions: CreateAppOptions = {}): Promise<ApiHarness> {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: temporalCliPath() },
        searchAttributes: allSearchAttributeKeys,
        extraArgs: ['--log-level', 'error'],
      },
      // The same payload codec as the API's, so the tests' client reads and writes what the API and workers do.
      client: { dataConverter: testDataConverter },
    });
    try {
      const app = await startApp({ temporal: { address: env.address, namespace: 'default' }, ...config }, appOptions);
      return new ApiHarness(env, app, await app.getUrl());
    } catch (error) {
      await env.teardown();
      throw error;
    }
  }

  get client() {
    return this.env.client;
  }

  request(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    return httpRequest(this.baseUrl, method, path, options);
  }

  async close(): Promise<void> {
    try {
      await this.app.close();
    } finally {
      await this.env.teardown();
    }
  }
}

/**
 * Starts the API on an ephemeral loopback port; silent unless the options send the logs somewhere, and
 * without the visibility gauges' timer unless the options switch it on (tests refresh them explicitly), and without
 * the mining extractor unless the options switch it on (its store in memory).
 * The payload codec is the tests' key (test-codec.ts) unless `config.codec` brings a key ring of its own.
 */
export async function startApp(
  config: Partial<ApiConfig>,
  appOptions: CreateAppOptions = {},
): Promise<NestExpressApplication> {
  const quiet: CreateAppOptions = appOptions.logDestination ? {} : { logger: false };
  const codec = { ...testCodecSettings, ...config.codec, keyRing: config.codec?.keyRing ?? testCodecSettings.keyRing };
  const app = await createApp(
    { queryTimeoutMs: 1000, updateTimeoutMs: 2000, ...config, codec },
    {
      ...quiet,
      ...appOptions,
      visibilityGauges: { enabled: false, ...appOptions.visibilityGauges },
      // No extractor (nor Schedule) unless a test asks for one; the store, if used at all, lives in memory.
      mining: { extractor: false, storePath: ':memory:', ...appOptions.mining },
    },
  );
  await app.listen(0, '127.0.0.1');
  return app;
}

export async function httpRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? 'dev-clerk' : options.token;
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  else if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined || options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = options.rawBody ?? JSON.stringify(options.body);
  }
  const response = await fetch(`${baseUrl.replace('[::1]', '127.0.0.1')}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** Polls until `check` returns a value other than undefined (visibility is eventually consistent). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The value of the one sample of `name` in a Prometheus scrape whose labels are exactly `labels` (0 if absent). */
export function metricSample(scrape: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .sort();
  for (const line of scrape.split('\n')) {
    if (line.startsWith(`${name} `) && wanted.length === 0) return Number(line.slice(name.length + 1));
    if (!line.startsWith(`${name}{`)) continue;
    const present = line
      .slice(name.length + 1, line.indexOf('}'))
      .split(',')
      .sort();
    if (present.join(',') === wanted.join(',')) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}
