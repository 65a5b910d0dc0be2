import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ordo/workflows';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { TaskInboxService } from './task-inbox.service';
import { type Inbox, type InboxQuery, inboxQuerySchema } from './tasks.schemas';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1/tasks')
export class TasksController {
  constructor(private readonly inbox: TaskInboxService) {}

  @Get()
  @ApiOperation({ summary: 'Open tasks the caller may act on across all processes, earliest due first' })
  @ApiQuery({ name: 'role', required: false, description: 'Only tasks for this role (must be one of yours)' })
  @ApiQuery({ name: 'assignee', required: false, description: 'Only tasks assigned to this person (must be you)' })
  @ApiOkResponse({ description: '`{items: [{process, businessKey, workflowId, ...task}], partial}`' })
  @ApiResponse({ status: 403, description: '`role` is not one of your roles, or `assignee` is not you' })
  list(@CurrentActor() actor: Actor, @Query(new ZodValidationPipe(inboxQuerySchema)) query: InboxQuery): Promise<Inbox> {
    return this.inbox.inbox(actor, query);
  }
}
