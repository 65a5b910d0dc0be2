import type { FastifyInstance } from 'fastify';
import type { SandboxMetrics } from './sandbox-metrics';

/** `GET /metrics` in the Prometheus text format; like the admin routes, never faulted. */
export function registerMetricsRoute(app: FastifyInstance, metrics: SandboxMetrics): void {
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
