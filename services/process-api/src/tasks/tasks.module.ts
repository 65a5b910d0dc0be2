import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { TaskInboxService } from './task-inbox.service';
import { TasksController } from './tasks.controller';

@Module({ imports: [CatalogModule], controllers: [TasksController], providers: [TaskInboxService] })
export class TasksModule {}
