import { Module } from '@nestjs/common';
import { TaskInboxService } from './task-inbox.service';
import { TasksController } from './tasks.controller';

@Module({ controllers: [TasksController], providers: [TaskInboxService] })
export class TasksModule {}
