import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { TasksModule } from '../tasks/tasks.module';
import { OverviewController } from './overview.controller';
import { OverviewService } from './overview.service';

/** `GET /v1/overview`: the figures per process that the Console's Overview page shows. */
@Module({
  imports: [CatalogModule, TasksModule],
  controllers: [OverviewController],
  providers: [OverviewService],
})
export class OverviewModule {}
