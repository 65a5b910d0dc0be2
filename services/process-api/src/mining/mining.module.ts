import { type DynamicModule, Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { MiningExtractionMetrics, miningMetricProviders } from './extraction/mining-extraction-metrics';
import { MiningExtractionService } from './extraction/mining-extraction.service';
import { MiningWorkerService } from './extraction/mining-worker.service';
import { MiningAnalysisService } from './mining-analysis.service';
import { MiningInsightsController } from './mining-insights.controller';
import { MiningInsightsService } from './mining-insights.service';
import { MiningReaderGuard } from './mining-reader.guard';
import type { MiningSettings } from './mining-settings';
import { MINING_SETTINGS } from './mining.tokens';
import { MiningController } from './mining.controller';
import { MiningStoreProvider } from './store/mining-store.provider';

/**
 * Process intelligence (`/v1/mining/…`): the event log extracted from Temporal histories into the analytical store,
 * and the analyses on it. The extractor runs here, as the activity of a Temporal Schedule (docs/ARCHITECTURE.md §10).
 */
@Module({})
export class MiningModule {
  static forRoot(settings: MiningSettings): DynamicModule {
    return {
      module: MiningModule,
      imports: [CatalogModule],
      controllers: [MiningController, MiningInsightsController],
      providers: [
        { provide: MINING_SETTINGS, useValue: settings },
        MiningStoreProvider,
        ...miningMetricProviders,
        MiningExtractionMetrics,
        MiningExtractionService,
        MiningWorkerService,
        MiningAnalysisService,
        MiningInsightsService,
        MiningReaderGuard,
      ],
      exports: [MiningExtractionService, MiningStoreProvider],
    };
  }
}
