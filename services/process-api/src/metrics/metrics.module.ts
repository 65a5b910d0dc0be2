import { Module } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { CatalogModule } from '../catalog/catalog.module';
import { ApiMetrics, apiMetricProviders } from './api-metrics.service';
import { MetricsController } from './metrics.controller';

@Module({
  imports: [
    // Each register() collects prom-client's default (process) metrics into its process-wide registry, and a second
    // collection throws "already registered". This one runs once, as this file loads, however many apps the process builds.
    PrometheusModule.register({ path: '/metrics', controller: MetricsController }),
    CatalogModule,
  ],
  providers: [...apiMetricProviders, ApiMetrics],
  exports: [ApiMetrics],
})
export class MetricsModule {}
