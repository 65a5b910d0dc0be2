import { Module } from '@nestjs/common';
import { ProcessAccess } from '../access/process-access.service';
import { CatalogModule } from '../catalog/catalog.module';
import { MetricsModule } from '../metrics/metrics.module';
import { ProcessInstanceReader } from './process-instance-reader.service';
import { ProcessInstanceUpdates } from './process-instance-updates.service';
import { ProcessInstancesController } from './process-instances.controller';
import { ProcessInstancesService } from './process-instances.service';

/** Process instances: start, list, read, events, cancellation, documents; other modules act on them through its Updates. */
@Module({
  imports: [CatalogModule, MetricsModule],
  controllers: [ProcessInstancesController],
  providers: [ProcessInstancesService, ProcessInstanceReader, ProcessInstanceUpdates, ProcessAccess],
  exports: [ProcessInstanceUpdates],
})
export class ProcessesModule {}
