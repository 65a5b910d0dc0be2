import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { ApiMetrics } from './api-metrics.service';
import { MetricsController } from './metrics.controller';

@Module({
  imports: [CatalogModule],
  controllers: [MetricsController],
  providers: [ApiMetrics],
  exports: [ApiMetrics],
})
export class MetricsModule {}
