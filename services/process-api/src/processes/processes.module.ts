import { Module } from '@nestjs/common';
import { ActorDirectory } from '../access/actor-directory.service';
import { ProcessAccess } from '../access/process-access.service';
import { CatalogModule } from '../catalog/catalog.module';
import { MetricsModule } from '../metrics/metrics.module';
import { ProcessInstanceReader } from './process-instance-reader.service';
import { ProcessInstancesController } from './process-instances.controller';
import { ProcessInstancesService } from './process-instances.service';
import { TaskActionsService } from '../tasks/task-actions.service';

@Module({
  imports: [CatalogModule, MetricsModule],
  controllers: [ProcessInstancesController],
  providers: [ProcessInstancesService, ProcessInstanceReader, TaskActionsService, ProcessAccess, ActorDirectory],
})
export class ProcessesModule {}
