import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { registerAdminRoutes } from './admin-routes';
import { Delays } from './core/delays';
import { FaultRegistry } from './core/faults';
import { IdempotencyStore } from './core/idempotency';
import { Ledger } from './core/ledger';
import { observeAll, type CallObserver } from './core/observer';
import { SystemRouter, type SandboxRuntime } from './http/system-router';
import { decideWriteAccess, readMethods, type WriteAccessPolicy } from './http/write-access';
import { registerMetricsRoute } from './metrics/metrics-route';
import { SandboxMetrics } from './metrics/sandbox-metrics';
import { Accounting, registerAccountingRoutes } from './systems/accounting';
import { Carrier, registerCarrierRoutes } from './systems/carrier';
import { Crm, registerCrmRoutes } from './systems/crm';
import { Erp, registerErpRoutes } from './systems/erp';
import { PurchaseOrders, registerPurchaseOrderRoutes } from './systems/erp-purchase-orders';
import { Mail, registerMailRoutes } from './systems/mail';
import { Payments, registerPaymentsRoutes } from './systems/payments';
import { Directory, registerDirectoryRoutes } from './systems/directory';
import { Hris, registerHrisRoutes } from './systems/hris';
import { Payroll, registerPayrollRoutes } from './systems/payroll';

export interface SandboxOptions {
  /** Randomness behind the injected error rate; defaults to `Math.random`. */
  random?: () => number;
  /** Clock for ledger and mail timestamps; defaults to the wall clock. */
  now?: () => Date;
  /** Also receives every answered system call and recorded effect (the sandbox's own metrics always do). */
  observer?: CallObserver;
  /** Fastify's pino logger (JSON, with request logs) at this level; off by default. */
  logLevel?: string;
  /**
   * Who may call the mutating routes (system writes, faults, reset): by default a sandbox on loopback without a
   * token, i.e. anyone on this machine. `main.ts` passes the host it binds and ORDO_SANDBOX_TOKEN.
   */
  writeAccess?: WriteAccessPolicy;
}

const maxDocumentBytes = 10 * 1024 * 1024;

/** Builds the sandbox app (not listening): nine simulated systems, ledger, faults and admin routes. */
export function buildSandbox(options: SandboxOptions = {}): FastifyInstance {
  const now = options.now ?? (() => new Date());
  // `service` names the source in a stream that mixes the stack's logs, as the API's and the worker's do.
  const logger =
    options.logLevel === undefined ? false : { level: options.logLevel, base: { service: 'ordo-sandbox' } };
  const app = Fastify({ logger });
  const metrics = new SandboxMetrics();

  const runtime: SandboxRuntime = {
    ledger: new Ledger(now),
    idempotency: new IdempotencyStore(),
    faults: new FaultRegistry(),
    delays: new Delays(),
    observer: options.observer ? observeAll(metrics, options.observer) : metrics,
    random: options.random ?? Math.random,
  };

  const accounting = new Accounting();
  const crm = new Crm((customerId) => accounting.openBalanceOf(customerId));
  const erp = new Erp();
  const purchaseOrders = new PurchaseOrders();
  const carrier = new Carrier();
  const payments = new Payments();
  const mail = new Mail(now);
  const directory = new Directory();
  const hris = new Hris();
  const payroll = new Payroll();

  app.addContentTypeParser(
    'application/pdf',
    { parseAs: 'buffer', bodyLimit: maxDocumentBytes },
    (_request, body, done) => done(null, body),
  );
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      reply.log.error(error);
      return reply.code(500).send({ error: 'internal_error' });
    }
    return reply.code(status).send({ error: 'invalid_request', message: error.message });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'route_not_found', method: request.method, url: request.url }),
  );
  const writeAccess = options.writeAccess ?? { boundHost: '127.0.0.1' };
  // Before parsing, faults, idempotency and the ledger: a refused change leaves no trace but this answer.
  app.addHook('onRequest', async (request, reply) => {
    if (readMethods.has(request.method) || request.routeOptions.url === undefined) return;
    const decision = decideWriteAccess(writeAccess, request.headers.authorization);
    if (!decision.allowed) return reply.code(403).send({ error: 'forbidden', message: decision.message });
  });
  // A hung request must not hold up shutdown.
  app.addHook('preClose', async () => runtime.delays.releaseAll());

  registerCrmRoutes(new SystemRouter(app, 'crm', runtime), crm);
  registerErpRoutes(new SystemRouter(app, 'erp', runtime), erp);
  registerPurchaseOrderRoutes(new SystemRouter(app, 'erp', runtime), purchaseOrders);
  registerCarrierRoutes(new SystemRouter(app, 'carrier', runtime), carrier);
  registerAccountingRoutes(new SystemRouter(app, 'accounting', runtime), accounting);
  registerPaymentsRoutes(new SystemRouter(app, 'payments', runtime), payments);
  registerMailRoutes(new SystemRouter(app, 'mail', runtime), mail);
  registerDirectoryRoutes(new SystemRouter(app, 'directory', runtime), directory);
  registerHrisRoutes(new SystemRouter(app, 'hris', runtime), hris);
  registerPayrollRoutes(new SystemRouter(app, 'payroll', runtime), payroll);

  registerMetricsRoute(app, metrics);
  registerAdminRoutes(app, {
    ledger: runtime.ledger,
    faults: runtime.faults,
    reset: () => {
      for (const system of [crm, erp, purchaseOrders, carrier, accounting, payments, mail, directory, hris, payroll])
        system.reset();
      runtime.ledger.clear();
      runtime.idempotency.clear();
      runtime.faults.clear();
    },
  });

  return app;
}
