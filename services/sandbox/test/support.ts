import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildSandbox, type SandboxOptions } from '../src/app';

export interface CallResult {
  status: number;
  body: any;
  headers: Headers;
}

export interface CallOptions {
  body?: unknown;
  idempotencyKey?: string;
  contentType?: string;
  signal?: AbortSignal;
  /** Further request headers, e.g. authorization. */
  headers?: Record<string, string>;
}

/** A sandbox listening on a free port, called over real HTTP. */
export class SandboxHarness {
  readonly app: FastifyInstance;
  private baseUrl = '';

  constructor(options: SandboxOptions = {}) {
    this.app = buildSandbox(options);
  }

  async start(): Promise<this> {
    await this.app.listen({ port: 0, host: '127.0.0.1' });
    this.baseUrl = `http://127.0.0.1:${(this.app.server.address() as AddressInfo).port}`;
    return this;
  }

  async call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, options: CallOptions = {}): Promise<CallResult> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    let payload: string | Uint8Array | undefined;
    if (options.body instanceof Uint8Array) {
      payload = options.body;
      headers['content-type'] = options.contentType ?? 'application/octet-stream';
    } else if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${url}`, { method, headers, body: payload, signal: options.signal });
    const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
    const body = isJson ? await response.json() : Buffer.from(await response.arrayBuffer());
    return { status: response.status, body, headers: response.headers };
  }

  async ledger(query = ''): Promise<any[]> {
    const { body } = await this.call('GET', `/ledger${query}`);
    return body.entries;
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

/** Starts a fresh sandbox for a test file and resets it before each test. */
export function useSandbox(options: SandboxOptions = {}): SandboxHarness {
  const sandbox = new SandboxHarness(options);
  beforeAll(() => sandbox.start());
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.call('POST', '/reset'));
  return sandbox;
}
