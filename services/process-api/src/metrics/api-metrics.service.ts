import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { ProcessCatalogService } from '../catalog/process-catalog.service';

export const processStartOutcomes = ['started', 'existing', 'rejected_input'] as const;
export type ProcessStartOutcome = (typeof processStartOutcomes)[number];

/**
 * The API's Prometheus registry. One registry per app instance (not prom-client's global one)
 * so several apps can live in one process, as they do in tests.
 */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();

  private readonly httpDuration = new Histogram({
    name: 'ordo_api_http_request_duration_seconds',
    help: 'Duration of HTTP requests served by the process API, by route template',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  private readonly processStarts = new Counter({
    name: 'ordo_api_process_starts_total',
    help: 'Start requests per process: started a new instance, returned an existing one, or rejected the input',
    labelNames: ['process', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(catalog: ProcessCatalogService) {
    collectDefaultMetrics({ register: this.registry });
    // Series exist from the first scrape, so rates and alerts see a 0 rather than nothing.
    for (const process of catalog.names()) {
      for (const outcome of processStartOutcomes) this.processStarts.inc({ process, outcome }, 0);
    }
  }

  observeHttpRequest(labels: { method: string; route: string; status: number }, seconds: number): void {
    this.httpDuration.observe({ method: labels.method, route: labels.route, status: String(labels.status) }, seconds);
  }

  countProcessStart(process: string, outcome: ProcessStartOutcome): void {
    this.processStarts.inc({ process, outcome });
  }
}
