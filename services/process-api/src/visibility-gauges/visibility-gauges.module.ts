import { type DynamicModule, Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { MetricsModule } from '../metrics/metrics.module';
import type { VisibilityGaugeSettings } from './visibility-gauge-settings';
import { VISIBILITY_GAUGE_SETTINGS, VisibilityGauges } from './visibility-gauges.service';

@Module({})
export class VisibilityGaugesModule {
  static forRoot(settings: VisibilityGaugeSettings): DynamicModule {
    return {
      module: VisibilityGaugesModule,
      imports: [CatalogModule, MetricsModule],
      providers: [{ provide: VISIBILITY_GAUGE_SETTINGS, useValue: settings }, VisibilityGauges],
      exports: [VisibilityGauges],
    };
  }
}
