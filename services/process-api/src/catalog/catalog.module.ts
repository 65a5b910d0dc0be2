import { Module } from '@nestjs/common';
import { processCatalog } from '@ordo/workflows';
import { CatalogController } from './catalog.controller';
import { KnownProcessGuard } from './known-process.guard';
import { PROCESS_CATALOG, ProcessCatalogService } from './process-catalog.service';

@Module({
  controllers: [CatalogController],
  providers: [{ provide: PROCESS_CATALOG, useValue: processCatalog }, ProcessCatalogService, KnownProcessGuard],
  exports: [ProcessCatalogService, KnownProcessGuard],
})
export class CatalogModule {}
