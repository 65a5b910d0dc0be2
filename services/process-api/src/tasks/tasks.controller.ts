import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, taskPriorities } from '@ordo/workflows';
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
  @ApiOperation({ summary: 'Open tasks the caller may act on across all processes, earliest due first, paged' })
  @ApiQuery({ name: 'role', required: false, description: 'Only tasks for this role (must be one of yours)' })
  @ApiQuery({ name: 'assignee', required: false, description: 'Only tasks assigned to this person (must be you)' })
  @ApiQuery({ name: 'process', required: false, description: 'Only tasks of this catalog process' })
  @ApiQuery({
    name: 'overdue',
    required: false,
    enum: ['true', 'false'],
    description: 'Only tasks past (true) or within (false) their due time',
  })
  @ApiQuery({ name: 'dueBefore', required: false, description: 'Only tasks due before this ISO 8601 date-time' })
  @ApiQuery({ name: 'priority', required: false, enum: taskPriorities })
  @ApiQuery({ name: 'pageSize', required: false, description: '1-100, default 20' })
  @ApiQuery({
    name: 'pageToken',
    required: false,
    description: 'The `nextPageToken` of the previous page (same filters)',
  })
  @ApiOkResponse({
    description: '`{items: [{process, businessKey, workflowId, ...task without its audit}], nextPageToken, partial}`',
  })
  @ApiResponse({ status: 400, description: 'A bad filter; `details` names the parameter' })
  @ApiResponse({ status: 403, description: '`role` is not one of your roles, or `assignee` is not you' })
  list(
    @CurrentActor() actor: Actor,
    @Query(new ZodValidationPipe(inboxQuerySchema)) query: InboxQuery,
  ): Promise<Inbox> {
    return this.inbox.inbox(actor, query);
  }
}
