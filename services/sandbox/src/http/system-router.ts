import { performance } from 'node:perf_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Delays } from '../core/delays';
import type { FaultRegistry, FaultSettings } from '../core/faults';
import { requestFingerprint, type IdempotencyStore } from '../core/idempotency';
import type { Ledger } from '../core/ledger';
import type { CallObserver } from '../core/observer';
import type { SystemName } from '../systems/system-names';
import { Rejection, type Answer } from './answers';
import { parseRequestPart } from './validation';

/** The shared machinery every simulated system runs on. */
export interface SandboxRuntime {
  ledger: Ledger;
  idempotency: IdempotencyStore;
  faults: FaultRegistry;
  delays: Delays;
  observer: CallObserver;
  /** Source of randomness for the injected error rate (replaceable in tests). */
  random: () => number;
}

export interface ReadRequest<Params, Query> {
  params: Params;
  query: Query;
}

export interface WriteRequest<Params, Body> {
  params: Params;
  body: Body;
  idempotencyKey: string;
  /** Appends an effect to the ledger under this call's system and idempotency key. */
  record(action: string, orderId: string | null, details: Record<string, unknown>): void;
}

interface ReadSpec<P extends z.ZodType, Q extends z.ZodType> {
  params?: P;
  query?: Q;
}

interface WriteSpec<P extends z.ZodType, B extends z.ZodType> {
  params?: P;
  body?: B;
}

type WriteMethod = 'POST' | 'PUT' | 'DELETE';

const maxIdempotencyKeyLength = 255;

/**
 * Registers one system's routes under `/<system>` and applies the rules every real integration
 * partner imposes: faults (latency, 503s, hangs), `Idempotency-Key` on every mutation with replay
 * of the first successful answer, request validation, and the ledger of effects.
 *
 * Handlers are synchronous on purpose: the lookup of a key, the effect and the storing of its answer
 * happen without an `await` in between, so concurrent duplicates can never both take effect.
 */
export class SystemRouter {
  constructor(
    private readonly app: FastifyInstance,
    readonly system: SystemName,
    private readonly runtime: SandboxRuntime,
  ) {}

  read<P extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown>(
    path: string,
    spec: ReadSpec<P, Q>,
    handler: (request: ReadRequest<z.output<P>, z.output<Q>>) => Answer,
  ): void {
    const route = `/${this.system}${path}`;
    this.app.get(route, async (request, reply) => {
      const started = performance.now();
      const fault = this.runtime.faults.get(this.system);
      await this.runtime.delays.sleep(fault.latencyMs);
      const faultInjected = this.rollFault(fault.errorRate);
      const answer = faultInjected
        ? this.unavailable()
        : settle(() =>
            handler({
              params: parseRequestPart(orAnything(spec.params), request.params, 'params'),
              query: parseRequestPart(orAnything(spec.query), request.query, 'query'),
            }),
          );
      await this.runtime.delays.sleep(fault.hangMs);
      return this.send(reply, answer, { method: 'GET', route, started, fault, faultInjected, replayed: false });
    });
  }

  write<P extends z.ZodType = z.ZodUnknown, B extends z.ZodType = z.ZodUnknown>(
    method: WriteMethod,
    path: string,
    spec: WriteSpec<P, B>,
    handler: (request: WriteRequest<z.output<P>, z.output<B>>) => Answer,
  ): void {
    const route = `/${this.system}${path}`;
    this.app.route({
      method,
      url: route,
      handler: async (request, reply) => {
        const started = performance.now();
        const key = idempotencyKeyOf(request);
        if (typeof key !== 'string') {
          return this.send(reply, key, {
            method,
            route,
            started,
            fault: undefined,
            faultInjected: false,
            replayed: false,
          });
        }
        const fault = this.runtime.faults.get(this.system);
        await this.runtime.delays.sleep(fault.latencyMs);
        const faultInjected = this.rollFault(fault.errorRate);
        let answer: Answer;
        let replayed = false;
        if (faultInjected && !fault.failAfterEffect) {
          answer = this.unavailable();
        } else {
          ({ answer, replayed } = this.perform(request, key, spec, handler));
          if (faultInjected) answer = this.unavailable();
        }
        await this.runtime.delays.sleep(fault.hangMs);
        return this.send(reply, answer, { method, route, started, fault, faultInjected, replayed });
      },
    });
  }

  private perform<P extends z.ZodType, B extends z.ZodType>(
    request: FastifyRequest,
    key: string,
    spec: WriteSpec<P, B>,
    handler: (request: WriteRequest<z.output<P>, z.output<B>>) => Answer,
  ): { answer: Answer; replayed: boolean } {
    const { idempotency, ledger } = this.runtime;
    const fingerprint = requestFingerprint(request.method, request.url.split('?')[0] ?? '', request.body);
    const lookup = idempotency.lookup(this.system, key, fingerprint);
    if (lookup.kind === 'replay') return { answer: lookup.answer, replayed: true };
    if (lookup.kind === 'reused') {
      return {
        answer: { status: 422, body: { error: 'idempotency_key_reused', idempotencyKey: key } },
        replayed: false,
      };
    }
    const answer = settle(() =>
      handler({
        params: parseRequestPart(orAnything(spec.params), request.params, 'params'),
        body: parseRequestPart(orAnything(spec.body), request.body, 'body'),
        idempotencyKey: key,
        record: (action, orderId, details) => {
          const entry = ledger.append({ system: this.system, action, orderId, idempotencyKey: key, details });
          this.runtime.observer.effectRecorded?.(entry);
        },
      }),
    );
    // Only effects are remembered: a refusal changed nothing, so the same key may succeed once its cause is fixed.
    if (answer.status < 300) idempotency.remember(this.system, key, fingerprint, answer);
    return { answer, replayed: false };
  }

  private rollFault(errorRate: number): boolean {
    return errorRate > 0 && this.runtime.random() < errorRate;
  }

  private unavailable(): Answer {
    return { status: 503, body: { error: 'service_unavailable', system: this.system, injected: true } };
  }

  private send(
    reply: FastifyReply,
    answer: Answer,
    call: {
      method: string;
      route: string;
      started: number;
      /** The fault settings the call ran under; undefined when it was refused before they applied. */
      fault: FaultSettings | undefined;
      faultInjected: boolean;
      replayed: boolean;
    },
  ): FastifyReply {
    this.runtime.observer.callAnswered({
      system: this.system,
      method: call.method,
      route: call.route,
      status: answer.status,
      durationSeconds: (performance.now() - call.started) / 1000,
      faultInjected: call.faultInjected,
      latencyInjected: (call.fault?.latencyMs ?? 0) > 0,
      hangInjected: (call.fault?.hangMs ?? 0) > 0,
      replayed: call.replayed,
    });
    reply.code(answer.status);
    if (call.replayed) reply.header('idempotent-replayed', 'true');
    if (answer.contentType) reply.header('content-type', answer.contentType);
    return reply.send(answer.body);
  }
}

/** A route without a schema for a part accepts anything there (its type parameter then defaults to `ZodUnknown`). */
function orAnything<S extends z.ZodType>(schema: S | undefined): S {
  return schema ?? (z.unknown() as z.ZodType as S);
}

/** Runs a handler and turns a `Rejection` into its answer. */
function settle(run: () => Answer): Answer {
  try {
    return run();
  } catch (error) {
    if (error instanceof Rejection) return { status: error.status, body: error.body };
    throw error;
  }
}

function idempotencyKeyOf(request: FastifyRequest): string | Answer {
  const header = request.headers['idempotency-key'];
  const key = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!key) return { status: 400, body: { error: 'idempotency_key_required' } };
  if (key.length > maxIdempotencyKeyLength) {
    return {
      status: 400,
      body: {
        error: 'invalid_request',
        field: 'Idempotency-Key',
        message: `must be at most ${maxIdempotencyKeyLength} characters`,
      },
    };
  }
  return key;
}
