import { performance } from 'node:perf_hooks';
import type { ExternalSystem } from '../external-systems';
import { type ExternalCallOutcome, outcomeOfFailure, recordExternalCall } from './call-metrics';
import { ExternalSystemUnavailableError, isTransientStatus, rejectionFailure } from './errors';

export interface CallOptions {
  /** Aborts the call early, e.g. the activity's cancellation signal. */
  signal?: AbortSignal;
}

export interface MutationOptions extends CallOptions {
  /** Sent as `Idempotency-Key`: the system performs the effect once per key. */
  idempotencyKey: string;
}

export type MutationMethod = 'POST' | 'PUT' | 'DELETE';

/** What a mutating call sends: JSON, raw bytes of a content type, or nothing. */
export type RequestBody = { json: unknown } | { bytes: Uint8Array; contentType: string } | undefined;

interface Exchange {
  method: string;
  path: string;
  body: RequestBody;
  headers: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * JSON over HTTP to one external system with the project's error semantics: 2xx → the parsed body;
 * 4xx (but 408/429) → non-retryable `ApplicationFailure`; 5xx, 408, 429, network errors and
 * timeouts → `ExternalSystemUnavailableError`, which Temporal retries.
 */
export class HttpClient {
  constructor(
    readonly system: ExternalSystem,
    readonly baseUrl: string,
    private readonly timeoutMs: number,
    /** Sent as `Authorization: Bearer <token>` on every call (the sandbox's ORDO_SANDBOX_TOKEN). */
    private readonly bearerToken?: string,
  ) {}

  urlFor(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  async get<T>(path: string, options: CallOptions = {}): Promise<T> {
    return (await this.exchange({ method: 'GET', path, body: undefined, headers: {}, signal: options.signal })) as T;
  }

  /** A read where "not found" is an answer rather than an error. */
  async find<T>(path: string, options: CallOptions = {}): Promise<T | undefined> {
    return (await this.exchange(
      { method: 'GET', path, body: undefined, headers: {}, signal: options.signal },
      [404],
    )) as T | undefined;
  }

  async send<T>(method: MutationMethod, path: string, body: RequestBody, options: MutationOptions): Promise<T> {
    if (!options.idempotencyKey) throw new TypeError(`${method} ${path} on ${this.system} needs an idempotency key`);
    const headers = { 'idempotency-key': options.idempotencyKey };
    return (await this.exchange({ method, path, body, headers, signal: options.signal })) as T;
  }

  /** One call, timed into `ordo_external_call_duration_seconds` by how it ended. */
  private async exchange(exchange: Exchange, absentStatuses: number[] = []): Promise<unknown> {
    const started = performance.now();
    let outcome: ExternalCallOutcome | undefined;
    try {
      const answer = await this.call(exchange, absentStatuses);
      outcome = 'ok';
      return answer;
    } catch (error) {
      outcome = outcomeOfFailure(error);
      throw error;
    } finally {
      if (outcome) recordExternalCall(this.system, outcome, (performance.now() - started) / 1000);
    }
  }

  private async call(exchange: Exchange, absentStatuses: number[]): Promise<unknown> {
    const { method, path } = exchange;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = exchange.signal ? AbortSignal.any([exchange.signal, timeout]) : timeout;
    let response: Response;
    let answer: unknown;
    try {
      response = await fetch(this.urlFor(path), {
        method,
        headers: {
          ...exchange.headers,
          ...contentHeaders(exchange.body),
          ...(this.bearerToken !== undefined && { authorization: `Bearer ${this.bearerToken}` }),
        },
        body: payloadOf(exchange.body),
        signal,
      });
      answer = await readAnswer(response);
    } catch (error) {
      // Cancellation by the caller (the activity) is not an outage: let it surface as it is.
      if (exchange.signal?.aborted) throw exchange.signal.reason;
      const reason = timeout.aborted ? `no answer within ${this.timeoutMs} ms` : `network error (${describe(error)})`;
      throw new ExternalSystemUnavailableError(this.system, `${this.system} ${method} ${path}: ${reason}`, {
        cause: error,
      });
    }
    if (response.ok) return answer;
    if (absentStatuses.includes(response.status)) return undefined;
    if (isTransientStatus(response.status)) {
      throw new ExternalSystemUnavailableError(
        this.system,
        `${this.system} ${method} ${path}: answered ${response.status}`,
      );
    }
    throw rejectionFailure(this.system, response.status, method, path, answer);
  }
}

function contentHeaders(body: RequestBody): Record<string, string> {
  if (body === undefined) return { accept: 'application/json' };
  if ('json' in body) return { accept: 'application/json', 'content-type': 'application/json' };
  return { accept: 'application/json', 'content-type': body.contentType };
}

function payloadOf(body: RequestBody): string | Uint8Array | undefined {
  if (body === undefined) return undefined;
  return 'json' in body ? JSON.stringify(body.json) : body.bytes;
}

async function readAnswer(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
