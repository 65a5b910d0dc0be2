import { type DynamicModule, Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { VisibilityGaugeMetrics, visibilityGaugeMetricProviders } from './visibility-gauge-metrics';
import type { VisibilityGaugeSettings } from './visibility-gauge-settings';
import { VISIBILITY_GAUGE_SETTINGS, VisibilityGauges } from './visibility-gauges.service';

@Module({})
export class VisibilityGaugesModule {
  /** Switched off, nothing is provided: no timer, and no metric registered to show stale zeros. */
  static forRoot(settings: VisibilityGaugeSettings): DynamicModule {
    if (!settings.enabled) return { module: VisibilityGaugesModule };
    return {
      module: VisibilityGaugesModule,
      imports: [CatalogModule],
      providers: [
        { provide: VISIBILITY_GAUGE_SETTINGS, useValue: settings },
        ...visibilityGaugeMetricProviders,
        VisibilityGaugeMetrics,
        VisibilityGauges,
      ],
      exports: [VisibilityGauges],
    };
  }
}
