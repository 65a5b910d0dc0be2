import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { faultSettingsSchema, type FaultRegistry } from './core/faults';
import type { Ledger } from './core/ledger';
import { Rejection } from './http/answers';
import { parseRequestPart } from './http/validation';
import { systemNames } from './systems/system-names';

const systemParam = z.object({ system: z.enum(systemNames) });
const ledgerQuery = z.object({
  system: z.enum(systemNames).optional(),
  orderId: z.string().min(1).optional(),
  action: z.string().min(1).optional(),
});

export interface AdminDependencies {
  ledger: Ledger;
  faults: FaultRegistry;
  /** Restores every system's seed and forgets effects, idempotency keys and faults. */
  reset(): void;
}

/** Routes that operate the sandbox itself: never faulted, never idempotency-checked. */
export function registerAdminRoutes(app: FastifyInstance, { ledger, faults, reset }: AdminDependencies): void {
  app.get('/health', async () => ({ status: 'ok' }));

  app.post('/reset', async () => {
    reset();
    return { status: 'reset' };
  });

  app.get('/ledger', async (request, reply) =>
    answerOrReject(reply, () => ({ entries: ledger.list(parseRequestPart(ledgerQuery, request.query, 'query')) })),
  );

  app.get('/faults', async () => faults.all());

  app.put('/faults/:system', async (request, reply) =>
    answerOrReject(reply, () => {
      const { system } = parseRequestPart(systemParam, request.params, 'params');
      const settings = parseRequestPart(faultSettingsSchema, request.body ?? {}, 'body');
      faults.set(system, settings);
      return { system, ...settings };
    }),
  );

  app.delete('/faults', async () => {
    faults.clear();
    return faults.all();
  });
}

function answerOrReject(reply: { code(status: number): unknown }, produce: () => unknown): unknown {
  try {
    return produce();
  } catch (error) {
    if (!(error instanceof Rejection)) throw error;
    reply.code(error.status);
    return error.body;
  }
}
