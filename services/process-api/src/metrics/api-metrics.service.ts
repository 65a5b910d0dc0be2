import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import type { Counter, Histogram } from 'prom-client';
import { ProcessCatalogService } from '../catalog/process-catalog.service';

export const processStartOutcomes = ['started', 'existing', 'rejected_input'] as const;
export type ProcessStartOutcome = (typeof processStartOutcomes)[number];

const httpRequestDurationName = 'ordo_api_http_request_duration_seconds';
const processStartsName = 'ordo_api_process_starts_total';

/**
 * The API's request and start metrics, in prom-client's process-wide registry, which PrometheusModule serves.
 * Apps built in the same process (as in tests) share each metric: a provider returns the one already registered.
 */
export const apiMetricProviders = [
  makeHistogramProvider({
    name: httpRequestDurationName,
    help: 'Duration of HTTP requests served by the process API, by route template',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  }),
  makeCounterProvider({
    name: processStartsName,
    help: 'Start requests per process: started a new instance, returned an existing one, or rejected the input',
    labelNames: ['process', 'outcome'],
  }),
];

@Injectable()
export class ApiMetrics {
  constructor(
    @InjectMetric(httpRequestDurationName) private readonly httpDuration: Histogram<'method' | 'route' | 'status'>,
    @InjectMetric(processStartsName) private readonly processStarts: Counter<'process' | 'outcome'>,
    catalog: ProcessCatalogService,
  ) {
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
