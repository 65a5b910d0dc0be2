import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { inboxIndexMetricProviders } from './inbox-index/inbox-index-metrics';
import { InboxIndexSync } from './inbox-index/inbox-index-sync.service';
import { TaskInboxService } from './task-inbox.service';
import { TasksController } from './tasks.controller';

@Module({
  imports: [CatalogModule],
  controllers: [TasksController],
  providers: [...inboxIndexMetricProviders, InboxIndexSync, TaskInboxService],
  exports: [InboxIndexSync],
})
export class TasksModule {}
