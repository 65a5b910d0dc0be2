import { Module } from '@nestjs/common';
import { ActorDirectory } from '../access/actor-directory.service';
import { CatalogModule } from '../catalog/catalog.module';
import { ProcessesModule } from '../processes/processes.module';
import { TaskActionsController } from './task-actions.controller';
import { TaskActionsService } from './task-actions.service';

/** Complete, claim, release and assign a human task: `POST /v1/processes/:process/instances/:businessKey/tasks/:taskId/…`. */
@Module({
  imports: [CatalogModule, ProcessesModule],
  controllers: [TaskActionsController],
  providers: [TaskActionsService, ActorDirectory],
})
export class TaskActionsModule {}
